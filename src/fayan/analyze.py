"""A speech's structure, as a reader sees it: title (and a subtitle on a —— line), salutation,
opening, numbered parts on every level in every marker family the genre uses, and the closing
(rally and formula). Pure: text in, data out.

Marker families, highest level first: ``一、`` ``第一，`` ``（一）`` ``1.`` ``（1）`` ``一是`` ``一要``,
and *parallel leads* — parts with no number whose first sentences share one frame
(强基铸魂，以学为先，…). The top level is the highest family found at the start of paragraphs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from .document import chinese_number

CN = "一二三四五六七八九十"
_VALUE = {chinese_number(n): n for n in range(1, 100)}
# (family, numbering style of fayan's skeletons, run-in?, pattern at the start of a paragraph)
FAMILIES: list[tuple[str, str, bool, re.Pattern[str]]] = [
    ("一、", "hanzi-dun", False, re.compile(rf"^([{CN}]{{1,3}})、")),
    ("第一，", "di-hanzi", True, re.compile(rf"^第([{CN}]{{1,3}})[，,、]")),
    ("（一）", "hanzi-paren", False, re.compile(rf"^[（(]([{CN}]{{1,3}})[）)]")),
    ("1.", "arabic-dot", False, re.compile(r"^(\d{1,2})[.．、](?!\d)")),
    ("（1）", "arabic-paren", False, re.compile(r"^[（(](\d{1,2})[）)]")),
    ("一是", "hanzi-shi", True, re.compile(rf"^([{CN}]{{1,3}})是")),
    ("一要", "hanzi-yao", True, re.compile(rf"^([{CN}]{{1,3}})要")),
]
STYLE = {name: style for name, style, _, _ in FAMILIES} | {"parallel": "none"}
_PARALLEL = re.compile(r"^([\u4e00-\u9fff]{4})，([\u4e00-\u9fff]{4})，[^。]{2,40}。")
_SALUTATION = re.compile(r"^(同志们|尊敬的[^：:]{1,30}|各位[^：:]{1,20}|亲爱的[^：:]{1,20})[：:]$")
_FORMULA = re.compile(r"(以上发言|发言完毕|谢谢大家|不妥之处|批评指正|以上是我的|就讲到这里|和大家共勉|共勉|就到这里|交流这些)")
_RALLY = re.compile(r"^(同志们|让我们|新征程|新思想|总之)")
_SERIES = re.compile(rf"([{CN}]{{1,3}})(是|要)")


@dataclass
class Section:
    level: int
    marker: str
    family: str
    heading: str
    inline: bool
    line: int
    paragraphs: list[str] = field(default_factory=list)
    series: list[str] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    """The line of each of ``paragraphs``."""

    def add(self, line: int, text: str) -> None:
        self.paragraphs.append(text)
        self.lines.append(line)
        self.series += _series(text)


@dataclass
class Structure:
    title: str | None
    subtitle: str | None
    salutation: str | None
    opening: list[str]
    sections: list[Section]
    closing: list[str]
    families: list[str]
    roles: dict[int, str] = field(default_factory=dict)
    """What each paragraph is, by its line: ``title``, ``subtitle``, ``byline`` (a line of the
    title block), ``salutation``, ``opening``, ``heading`` (a part's first line), ``body`` or
    ``closing``."""

    @property
    def top_family(self) -> str | None:
        return self.sections[0].family if self.sections else None

    @property
    def formula(self) -> str | None:
        """The closing formula (以上发言，……谢谢大家！), if the speech ends with one."""
        for para in reversed(self.closing):
            sentences = re.findall(r"[^。！？]*[。！？]", para) or [para]
            last = next((i for i in range(len(sentences) - 1, -1, -1) if _FORMULA.search(sentences[i])), None)
            if last is not None:
                start = last
                while start > 0 and _FORMULA.search(sentences[start - 1]):
                    start -= 1  # 以上是我的一些学习体会，和大家共勉。谢谢大家！ is one formula
                return "".join(sentences[start:]).strip()
        return None

    def to_dict(self) -> dict[str, Any]:
        def section(s: Section) -> dict[str, Any]:
            return {"level": s.level, "marker": s.marker, "family": s.family, "heading": s.heading,
                    "inline": s.inline, "line": s.line, "series": s.series,
                    "children": [section(c) for c in s.children]}
        return {"title": self.title, "subtitle": self.subtitle, "salutation": self.salutation,
                "opening": self.opening, "sections": [section(s) for s in self.sections],
                "closing": self.closing, "families": self.families, "formula": self.formula}


def marker_value(token: str) -> int | None:
    """The number a marker's token stands for: 三 → 3, 12 → 12; ``None`` if not a number."""
    return int(token) if token.isdigit() else _VALUE.get(token)


def _marker(text: str) -> tuple[str, int, str, str] | None:
    """(family, number, marker as written, rest) for a paragraph that starts with a marker."""
    for name, _, _, pattern in FAMILIES:
        m = pattern.match(text)
        if m:
            n = marker_value(m.group(1))
            if n is not None:
                return name, n, text[:m.end()], text[m.end():]
    if _PARALLEL.match(text):
        return "parallel", 0, "", text
    return None


def _heading(rest: str, inline: bool) -> tuple[str, str]:
    """(heading, remaining body) of a marked paragraph: a whole short line is a heading; a
    run-in heading is the first sentence."""
    if not inline and len(rest) <= 40 and not re.search(r"[。！？]", rest[:-1]):
        return rest.rstrip("。"), ""
    m = re.match(r"[^。！？]*[。！？]", rest)
    if m and len(m.group(0)) <= 60:
        return m.group(0), rest[m.end():]
    return rest[:30], rest


def analyze(paras: list[tuple[int, str]]) -> Structure:
    """The structure of a speech from its paragraphs (``reader.paragraphs``)."""
    paras = list(paras)
    title = subtitle = salutation = None
    roles: dict[int, str] = {}
    i = 0
    if paras and len(paras[0][1]) <= 80 and not re.search(r"[。！？]$", paras[0][1]) and not _marker(paras[0][1]):
        title = paras[0][1]
        roles[paras[0][0]] = "title"
        i = 1
        if i < len(paras) and paras[i][1].startswith("——"):
            subtitle = paras[i][1]
            roles[paras[i][0]] = "subtitle"
            i += 1
    while i < len(paras) and len(paras[i][1]) <= 30 and not re.search(r"[。！？]", paras[i][1]) \
            and not _SALUTATION.match(paras[i][1]) and not _marker(paras[i][1]):
        roles[paras[i][0]] = "byline"  # a byline, a date line: part of the title block
        i += 1
    if i < len(paras) and _SALUTATION.match(paras[i][1]):
        salutation = paras[i][1]
        roles[paras[i][0]] = "salutation"
        i += 1
    body = paras[i:]
    found = {m[0] for _, t in body if (m := _marker(t))}
    order = [name for name, *_ in FAMILIES] + ["parallel"]
    families = [f for f in order if f in found]
    if "parallel" in families and len(families) > 1:
        families.remove("parallel")  # unnumbered leads count only where nothing is numbered
    if families == ["parallel"] and sum(1 for _, t in body if _PARALLEL.match(t)) < 2:
        families = []
    opening: list[str] = []
    sections: list[Section] = []
    stack: list[Section] = []
    top = families[0] if families else None
    for line, text in body:
        m = _marker(text)
        family = m[0] if m and m[0] in families else None
        if family == "parallel" and top != "parallel":
            family = None
        if family is None:
            if stack:
                stack[-1].add(line, text)
                roles[line] = "body"
            elif not sections:
                opening.append(text)
                roles[line] = "opening"
            continue
        assert m is not None
        _, _, written, rest = m
        level = families.index(family) + 1
        inline = next((r for n, _, r, _ in FAMILIES if n == family), True)
        heading, remaining = _heading(rest, inline)
        section = Section(level, written, family, heading, inline or bool(remaining), line)
        roles[line] = "heading"
        if remaining:
            section.add(line, remaining)
        while stack and stack[-1].level >= level:
            stack.pop()
        (stack[-1].children if stack else sections).append(section)
        stack.append(section)
    closing = _take_closing(sections, roles)
    return Structure(title, subtitle, salutation, opening, sections, closing, families, roles)


def walk(sections: list[Section]) -> Iterator[Section]:
    """Every section, depth first, in reading order."""
    for s in sections:
        yield s
        yield from walk(s.children)


def _series(text: str) -> list[str]:
    """一是……二是…… inside a paragraph, when it starts at 一."""
    marks = [m.group(0) for m in _SERIES.finditer(text)]
    return marks if len(marks) >= 2 and marks[0][0] == "一" else []


def _take_closing(sections: list[Section], roles: dict[int, str]) -> list[str]:
    """The rally and formula paragraphs at the end of the last part are the speech's closing
    (a paragraph that is the rest of a heading's line stays that line's: it is no paragraph)."""
    if not sections:
        return []
    last = sections[-1]
    while last.children:
        last = last.children[-1]
    closing: list[str] = []
    while last.paragraphs and (_FORMULA.search(last.paragraphs[-1]) or _RALLY.match(last.paragraphs[-1])):
        closing.insert(0, last.paragraphs.pop())
        line = last.lines.pop()
        if roles[line] == "body":
            roles[line] = "closing"
        if len(closing) >= 3:
            break
    return closing


def outline(structure: Structure) -> str:
    """The structure as an indented tree, for a person."""
    lines = []
    if structure.title:
        lines.append(f"标题：{structure.title}")
    if structure.subtitle:
        lines.append(f"副标题：{structure.subtitle}")
    if structure.salutation:
        lines.append(f"称呼：{structure.salutation}")
    lines.append(f"开头：{len(structure.opening)} 段")
    fam = " → ".join(structure.families) or "无序号"
    lines.append(f"正文：{len(structure.sections)} 个部分（序号：{fam}）")

    def walk(sections: list[Section], depth: int) -> None:
        for s in sections:
            mark = s.marker or "·"
            extra = f"　［{''.join(s.series)}］" if s.series else ""
            lines.append(f"{'  ' * depth}{mark}{s.heading}{extra}")
            walk(s.children, depth + 1)

    walk(structure.sections, 1)
    lines.append(f"结尾：{len(structure.closing)} 段" + (f"；结束语：{structure.formula}" if structure.formula else ""))
    return "\n".join(lines)


def as_data(structure: Structure) -> dict[str, Any]:
    return structure.to_dict()
