"""framing — 搭配不当、提法错位：词没有错、用错了地方的说法（如把重要论述称作“指导思想”）报错，并给出改法。

内置的有：把重要论述、讲话、条例、会议精神称作“指导思想”；“关键一招”用在改革以外；“抓政治”
（应为“讲政治”）；单位、部门“谱写中国式现代化××篇章”；“在坚定拥护‘两个确立’中”发挥作用；
“学习××学习教育”“学习了主题教育”；只引了一段原话却说“这些重要论述”；“实践是检验××的唯一标准”
用在真理以外；学习教育、条例、会议、讲话“标志着……认识达到了新高度”。“结合分管工作”只有副职能说，
但从文字看不出讲话人，不查。

Each collocation is data in ``fayan/data/framings.yaml``: what to find (a literal, or a
``/regex/`` that begins with a literal), and the context that makes it wrong — words the
sentence must or must not contain, before the hit or anywhere in it, what the regex's group
``x`` must or must not be, how many quotations precede. The rule finds the literal first and
looks at the sentence around each hit (the text between the nearest 。！？ or line ends),
so it costs a few literal scans of the text. More files in the same format come in through
the rule's ``files`` option.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from functools import lru_cache
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from .. import yamlio
from ..errors import DataError
from . import LintProblem, data_files, problem, user_regex

ID = "framing"
SEVERITY = "error"
DOC = __doc__
RULE = sys.modules[__name__]  # this module, as the rule problems name

Word = Annotated[str, Field(min_length=1)]
Words = list[Word] | list[list[Word]]  # words, one of which must occur; or groups of them, each of which


class Framing(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    find: str = Field(..., min_length=1, description="要找的词；/…/ 为正则表达式，组 x 可在说明中用 {x} 引用")
    sentence_any: Words = Field(default_factory=list, description="句子里有其中一个词才报错")
    sentence_none: list[Word] = Field(default_factory=list, description="句子里有其中任何一个词就不报错")
    before_any: Words = Field(default_factory=list, description="句中找到的词之前有其中一个才报错")
    before_none: list[Word] = Field(default_factory=list, description="句中找到的词之前有其中任何一个就不报错")
    not_after: list[Word] = Field(default_factory=list, description="紧挨在前面是其中一个就不报错")
    x_any: list[Word] = Field(default_factory=list, description="组 x 里有其中一个词才报错")
    x_none: list[Word] = Field(default_factory=list, description="组 x 里有其中任何一个词就不报错")
    x_trim: list[Word] = Field(default_factory=list, description="先从组 x 的末尾去掉其中一个（如“新”）")
    x_ends: list[Word] = Field(default_factory=list, description="组 x 以其中一个结尾才报错")
    x_ends_none: list[Word] = Field(default_factory=list, description="组 x 以其中一个结尾就不报错")
    quotations: int | None = Field(None, ge=1, description="前文恰好有这么多处成句的引文、最近一处引述原话且就在本句或上一句，才报错")
    message: str = Field(..., min_length=1, description="说明")
    suggestion: str | None = Field(None, description="建议写法")
    source: str = Field(..., min_length=1, description="依据或理由")


class FramingFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    framings: list[Framing]


def _groups(words: list[Any]) -> tuple[tuple[str, ...], ...]:
    """``[a, b]`` is one group (one of them must occur); ``[[a, b], [c]]`` is several."""
    if words and isinstance(words[0], list):
        return tuple(tuple(g) for g in words if g)
    return (tuple(words),) if words else ()


class Compiled:
    """A framing with its lists as tuples, ready to test a hit."""

    __slots__ = ("f", "sentence_any", "before_any", "trim")

    def __init__(self, f: Framing) -> None:
        self.f = f
        self.sentence_any = _groups(f.sentence_any)
        self.before_any = _groups(f.before_any)
        self.trim = tuple(sorted(f.x_trim, key=len, reverse=True))

    def x_of(self, m: re.Match[str]) -> str:
        x = m.groupdict().get("x")
        x = m.group(0) if x is None else x
        for tail in self.trim:
            if x.endswith(tail) and len(x) > len(tail):
                return x[:-len(tail)]
        return x

    def wrong(self, text: str, m: re.Match[str], x: str) -> bool:
        f = self.f
        at, end = m.start(), m.end()
        if f.not_after and any(text.startswith(w, at - len(w)) for w in f.not_after if at >= len(w)):
            return False
        if f.x_any and not any(w in x for w in f.x_any) or any(w in x for w in f.x_none):
            return False
        if f.x_ends and not x.endswith(tuple(f.x_ends)) or f.x_ends_none and x.endswith(tuple(f.x_ends_none)):
            return False
        if self.sentence_any or f.sentence_none or self.before_any or f.before_none:
            start, stop = sentence(text, at, end)
            whole, before = text[start:stop], text[start:at]
            if not all(any(w in whole for w in g) for g in self.sentence_any):
                return False
            if any(w in whole for w in f.sentence_none):
                return False
            if not all(any(w in before for w in g) for g in self.before_any):
                return False
            if any(w in before for w in f.before_none):
                return False
        return f.quotations is None or quotations_before(text, at, f.quotations + 1) == f.quotations


_REACH = 400  # the farthest a sentence is looked for, either way: a text without 。 costs no more


def sentence(text: str, at: int, end: int) -> tuple[int, int]:
    """The sentence around text[at:end]: from after the last 。！？ or line end before it to the
    next one after it."""
    lo, hi = max(0, at - _REACH), min(len(text), end + _REACH)
    start = max(lo, text.rfind("。", lo, at) + 1, text.rfind("！", lo, at) + 1, text.rfind("？", lo, at) + 1,
                text.rfind("\n", lo, at) + 1)
    stops = [i for i in (text.find("。", end, hi), text.find("！", end, hi), text.find("？", end, hi),
                         text.find("\n", end, hi)) if i >= 0]
    return start, min(stops, default=hi)


_PARAGRAPH_REACH = 2000  # a paragraph longer than this is looked at in its last 2,000 characters
_STOPS = re.compile("[，。；！？]")
_SAYS = ("指出", "强调", "说", "讲", "写道", "提出", "要求")


def _ends(text: str, start: int, stop: int) -> int:
    """How many sentences end (。！？) in text[start:stop]."""
    return text.count("。", start, stop) + text.count("！", start, stop) + text.count("？", start, stop)


def quotations_before(text: str, at: int, most: int) -> int:
    """How many quotations that read as sentences (a speaker's words, or a quotation with
    punctuation or of eight characters or more: not a short term such as “两个确立”) stand in this
    paragraph before ``at`` and in the paragraph before it, counted back from ``at`` up to
    ``most`` — but -1 unless the nearest is a speaker's words (指出：“……”, 强调，“……”) in this
    sentence or the one before (in the paragraph before, when this sentence opens its
    paragraph). A hit inside a quotation gives -1.

    Counted backwards with str.rfind and str.count, never character by character: a long
    paragraph full of hits costs no more than a few scans of it."""
    floor = max(0, at - _PARAGRAPH_REACH)
    here = max(floor, text.rfind("\n", floor, at) + 1)
    prev = here
    if here > floor:  # the last line before this one with text on it
        end = here - 1
        floor = max(0, end - _PARAGRAPH_REACH)
        while end > floor and text[end - 1] in " \t\u3000\n":
            end -= 1
        prev = max(floor, text.rfind("\n", floor, end) + 1) if end > floor else here
    count, nearest, stop = 0, None, at
    for _ in range(20):  # quotations looked at: short terms such as “四个意识” may come in numbers
        i = text.rfind("“", prev, stop)
        if i == -1 or count == most:
            break
        j = text.find("”", i + 1, stop)
        if j == -1 and stop == at:
            return -1  # the hit is inside a quotation
        if j != -1:
            body = text[i + 1:j]
            said = text[i - 1:i] == "：" or text[max(0, i - 3):i].rstrip("，").endswith(_SAYS)
            if said or len(body) >= 8 or _STOPS.search(body):
                count += 1
                nearest = nearest or (i, j, said)
        stop = i
    if nearest is None or not nearest[2]:
        return -1
    i, j, _ = nearest
    # the quotations after the nearest are short terms without 。！？: every end counted is a sentence's
    near = _ends(text, j + 1, at) <= 1 if i >= here else _ends(text, here, at) == 0
    return count if near else -1


def _insert(template: str, found: str, x: str) -> str:
    """The template with {found} and {x} replaced: the text is inserted, never rendered."""
    return re.sub(r"\{(found|x)\}", lambda m: found if m.group(1) == "found" else x, template)


@lru_cache(maxsize=16)
def load(extra: tuple[str, ...] = ()) -> list[tuple[re.Pattern[str], list[Compiled]]]:
    """Every framing, grouped by what it finds: one pass of the text a pattern."""
    files = data_files("framings.yaml", extra, "搭配")
    by_find: dict[str, tuple[re.Pattern[str], list[Compiled]]] = {}
    for name, raw in files:
        data = yamlio.load(raw, name)
        for i, f in enumerate(yamlio.validate(FramingFile, data, name, DataError, "（搭配不当）").framings):
            if f.find not in by_find:
                regex = len(f.find) > 2 and f.find.startswith("/") and f.find.endswith("/")
                pattern = (user_regex(f.find[1:-1], name, data, ("framings", i, "find"), f"搭配 {f.id} ")
                           if regex else re.compile(re.escape(f.find)))
                by_find[f.find] = (pattern, [])
            by_find[f.find][1].append(Compiled(f))
    return list(by_find.values())


def check(source, options: dict[str, Any]) -> Iterator[LintProblem]:
    text = source.text
    for pattern, framings in load(tuple(options.get("files", ()))):
        for m in pattern.finditer(text):
            for c in framings:
                x = c.x_of(m)
                if c.wrong(text, m, x):
                    f = c.f
                    yield problem(source, m.start(), RULE, _insert(f.message, m.group(0), x),
                                  suggestion=f.suggestion and _insert(f.suggestion, m.group(0), x))
