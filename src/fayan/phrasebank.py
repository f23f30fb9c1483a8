"""Phrase banks: phrases filed by function and tagged by theme and genre, and parallel sets.

A bank is plain YAML (``phrasebank/*.yaml``) described by ``schemas/phrasebank.schema.json``,
so that another tool can read it without fayan. ``index.yaml`` names the functions (rhetorical
moves) and themes; every other file holds phrases and sets. User directories layer over the
built-in bank: a phrase or set with the same id replaces the built-in one.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from . import yamlio
from .errors import DataError, FayanError, Problem
from .resources import builtin_dir, search_path, yaml_files
from .speaker import POWERS, RANKS, UNIT_GROUPS, UNIT_KINDS, Voice
from .topic import TOPIC_KINDS, TopicKind

ID_PATTERN = r"^[a-z0-9][a-z0-9._-]*$"
SLOT_RE = re.compile(r"\{\{-?\s*([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)")


def slots_of(text: str) -> list[str]:
    """The dotted names a phrase's text uses (``{{ speaker.post }}`` → ``speaker.post``)."""
    seen: dict[str, None] = {}
    for m in SLOT_RE.finditer(text):
        seen.setdefault(m.group(1), None)
    return list(seen)


class Requires(BaseModel):
    """What a speaker must be to say a phrase. Every list left empty asks nothing."""

    model_config = ConfigDict(extra="forbid")

    rank: list[str] = Field(default_factory=list, description="职级，任一即可：" + "、".join(RANKS))
    unit: list[str] = Field(default_factory=list, description="单位类型，任一即可：" + "、".join(UNIT_KINDS)
                            + "；或类别：" + "、".join(f"{k}（{'、'.join(v)}）" for k, v in UNIT_GROUPS.items()))
    power: list[str] = Field(default_factory=list, description="须全部具备的权限："
                             + "；".join(f"{k}：{v}" for k, v in POWERS.items()))
    young: bool | None = Field(None, description="true：只有年轻干部、新录用人员能说；false：年轻干部不说")

    @field_validator("rank")
    @classmethod
    def _ranks(cls, value: list[str]) -> list[str]:
        return _known(value, RANKS, "职级")

    @field_validator("unit")
    @classmethod
    def _units(cls, value: list[str]) -> list[str]:
        return _known(value, (*UNIT_KINDS, *UNIT_GROUPS), "单位类型")

    @field_validator("power")
    @classmethod
    def _powers(cls, value: list[str]) -> list[str]:
        return _known(value, tuple(POWERS), "权限")


def _known(value: list[str], known: tuple[str, ...], what: str) -> list[str]:
    for v in value:
        if v not in known:
            close = difflib.get_close_matches(v, known, n=1, cutoff=0.3)
            hint = f"是不是“{close[0]}”？" if close else f"可用：{'、'.join(known)}。"
            raise ValueError(f"未知的{what}“{v}”，{hint}")
    return value


_PREFIX = r"^(?:[^，。！？：]{0,16}[，,：])?"
_COMMITMENT = re.compile(r"^(?:[^。！？]{0,24}?[，,：])?(?:我|本人)(?:也|还|都|始终|更|就)?"
                         r"(?:一定|将|要|会|愿|决心|打算|决不|绝不|坚决|给自己)")
_REFLECTION = re.compile(r"我(?:深刻|深切|深深|进一步|更加|越发|越来越|真正|切身|也|常常|时常)?(?:地)?"
                         r"(?:体会|认识|感到|感受|懂得|明白|领悟|觉得|深知|深感)")
# a sentence that tells others what to do: 要/必须 early in its main clause (not 重要、主要、只要、需要),
# or 我们将/我们要 (speaking for the unit is a leader's voice)
_DIRECTIVE = re.compile(_PREFIX + r"(?:[^，。！？：]{0,8}?(?<![重主只需纪摘提概])(?:要(?![素点件义闻求])|必须|务必|应当|需要)"
                        r"|(?:特别是|尤其|关键是|重中之重是|就是)要|我们(?:将|一定|打算))")
_SENTENCE = re.compile(r"[^。！？]+[。！？]?")


def infer_voice(text: str) -> str:
    """A phrase's voice read off its words, for phrases that do not declare one: first-person
    commitment or reflection if it opens so; directive if any sentence tells others what to
    do; else a statement."""
    if _COMMITMENT.search(text):
        return "commitment"
    if _REFLECTION.search(text.split("。")[0]):
        return "reflection"
    for sentence in _SENTENCE.findall(text):
        if _DIRECTIVE.search(sentence.strip()):
            return "directive"
    return "statement"


# words that speak of the territorial grassroots from above (乡镇、村、社区 as a county's or a
# town's lower level, 基层减负, 属地管理), of a place's economy (营商环境, 招商引资, 更好发挥政府
# 作用) or of the place itself (本地资源, 在本地落地; not 本地本单位, which any unit says): in a
# sentence that directs work, only an organ of a place
# (机关) or a grassroots unit itself can say them; a hospital's, a school's or a company's 基层 is
# its own branches (a pledge stays open: a hospital's cadre may serve as a 驻村第一书记)
_TERRITORIAL = re.compile(r"乡镇|村（社区）|村级|村“两委”|基层减负|为基层减|给基层减|属地管理|履职事项清单|"
                          r"陪会陪检|走村入户|村干部|村党组织|社区党组织|本地(?!本单位)|"
                          r"更好发挥政府作用|招商引资|营商环境|县域经济|经济运行|重点领域改革|项目为王")
TERRITORIAL_UNITS = ("机关", "基层")

# words of a place's economy seen from the side that governs it (the state's side of 政商 and 政企
# relations, 政务 but not 勤政务实, the place as the one that develops): whatever a sentence does
# with them — directs, observes (一些地方推行“一业一证”……), reflects (对标先进地区) or pledges
# (平等对待各类经营主体) — it speaks as an organ of a place; a company is the other side of these
# relations, a hospital or a school has no economy to govern
_GOVERNING = re.compile(r"政商|政企|政务(?!实)|惠企|涉企|招商|营商环境|经营主体|市场主体|县域经济|一业一证|首违不罚|标准地|"
                        r"产业引导基金|链主企业落地|一个地方|先进地区|各地区各部门|企业家有信心|群众才敢消费")


def infer_units(text: str, voice: str) -> tuple[str, ...]:
    """The kinds of unit a phrase that declares none implies by its words: directing work on 乡镇
    and 村, and speaking of a place's economy as the one that governs it, are for organs of a
    place and grassroots units (:data:`TERRITORIAL_UNITS`); anything else, no limit (an empty
    tuple)."""
    if (voice == "directive" and _TERRITORIAL.search(text)) or _GOVERNING.search(text):
        return TERRITORIAL_UNITS
    return ()


class Phrase(BaseModel):
    """One phrase: a sentence (or a clause, for connectors) that fills one move."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(..., pattern=ID_PATTERN, description="稳定编号，全库唯一，如 opening.turn.03")
    function: str = Field(..., description="修辞功能（见 index.yaml 的 functions），如 opening.turn")
    text: str = Field(..., min_length=1, description="句子；可含 {{ place }} 一类的槽位")
    themes: list[str] = Field(default_factory=list, description="适用主题；空表示通用")
    genres: list[str] = Field(default_factory=list, description="适用文种；空表示各类皆可")
    slots: list[str] | None = Field(None, description="句中用到的槽位；写了就须与正文中的 {{ }} 一致")
    cite: str | None = Field(None, description="引语的出处（作者、篇名或“古语”），仅用于金句")
    source: str = Field("original", pattern=r"^(original|corpus:.+|harvest:.+)$",
                        description="来源：original（为本库新写）、corpus:<文件> 或 harvest:<文件>（fayan harvest 学来的）")
    count: int | None = Field(None, ge=1, description="fayan harvest 时在几篇讲话中出现")
    voice: Voice | None = Field(None, description="语气：directive 布置工作（要……）、commitment 表态（我将……）、"
                                "reflection 体会（我体会到……）、statement 陈述；不写则按句子开头推断。"
                                "一般干部不用 directive 的句子")
    requires: Requires | None = Field(None, description="发言人须具备的职级、单位类型、权限；不写即谁都能说")
    topic_kinds: list[TopicKind] = Field(default_factory=list,
                                         description="适合学习哪类内容，任一即可：" + "、".join(TOPIC_KINDS)
                                         + "；空表示各类皆可")
    idea: str | None = Field(None, pattern=ID_PATTERN, description="意思相同的句子共用一个 idea，一篇稿子只用其中一句")

    @property
    def the_voice(self) -> str:
        """The declared voice, or the one the words suggest."""
        return self.voice or infer_voice(self.text)

    @property
    def implied_units(self) -> tuple[str, ...]:
        """The kinds of unit its words imply may say a phrase that declares none
        (:func:`infer_units`); empty: any, or declared (``requires.unit``, checked as declared)."""
        if self.requires and self.requires.unit:
            return ()
        return infer_units(self.text, self.the_voice)

    @model_validator(mode="after")
    def _declared_slots_match(self) -> Phrase:
        used = slots_of(self.text)
        if self.slots is None:
            self.slots = used
        elif sorted(self.slots) != sorted(used):
            raise ValueError(f"声明的槽位 {self.slots} 与句中用到的 {used} 不一致")
        return self


class SetItem(BaseModel):
    """An item of a parallel set: a text, or named parts for frames that use several words
    that belong together (强基铸魂 / 以学为先 / 修行者)."""

    model_config = ConfigDict(extra="forbid")

    id: str | None = Field(None, pattern=ID_PATTERN, description="编号；不写则为“组编号.序号”")
    text: str | None = Field(None, description="文字；可含槽位")
    parts: dict[str, str] = Field(default_factory=dict, description="成组的几个词，框架里用 {{ 名.部分 }} 取")
    themes: list[str] = Field(default_factory=list, description="适用主题；空表示通用")
    topic_kinds: list[TopicKind] = Field(default_factory=list, description="适合学习哪类内容；空表示各类皆可")
    requires: Requires | None = Field(None, description="发言人须具备的职级、单位类型、权限（同句子的 requires）")
    goes_with: dict[str, list[str]] = Field(
        default_factory=dict, description="与同一标题里别组的搭配：{组编号: [可搭配的项目文字]}，"
        "如“抓责任”只配“牢固基石”“根本保证”；标题先取本项，再从所列项目中取别组的词")

    def value(self) -> Any:
        return self.text if self.text is not None else dict(self.parts)


class ParallelSet(BaseModel):
    """An ordered list whose items are drawn without repeats inside one draft."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(..., pattern=ID_PATTERN)
    name: str = Field(..., description="中文名")
    description: str | None = None
    bound: bool = Field(False, description="true：项目须与所在部分的主题相符（无相符项时才用通用项）")
    ordered: bool = Field(False, description="true：按顺序取，不随机")
    series: list[list[str]] = Field(default_factory=list,
                                    description="哪些项目放在一起读着顺：每组列出项目文字或编号；"
                                    "一篇稿子先选定一组，组内用完才用别的项目")
    items: list[SetItem | str] = Field(..., min_length=2,
                                       description="项目：一段文字，或带 text/parts/themes 的映射")

    @field_validator("items")
    @classmethod
    def _strings_are_items(cls, value: list[SetItem | str]) -> list[SetItem | str]:
        return [SetItem(text=v) if isinstance(v, str) else v for v in value]

    @model_validator(mode="after")
    def _series_name_items(self) -> ParallelSet:
        names = {n for i in range(len(self.items)) for n in (self.item(i).text, self.item_id(i)) if n}
        for group in self.series:
            unknown = [n for n in group if n not in names]
            if unknown:
                raise ValueError(f"series 中的“{'、'.join(unknown)}”不是本组的项目")
        return self

    def series_indices(self, group: list[str]) -> list[int]:
        """Indices of a series' items, in the series' order."""
        where = {}
        for i in range(len(self.items)):
            item = self.item(i)
            where[self.item_id(i)] = i
            if item.text is not None:
                where.setdefault(item.text, i)
        return [where[n] for n in group]

    def item(self, index: int) -> SetItem:
        item = self.items[index]
        assert isinstance(item, SetItem)  # strings were turned into items on validation
        return item

    def item_id(self, index: int) -> str:
        return self.item(index).id or f"{self.id}.{index + 1}"


class Function(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(..., pattern=ID_PATTERN)
    name: str = Field(..., description="中文名，如“开头·转入正文”")
    description: str | None = None


class Theme(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(..., description="主题名，如“廉政建设”")
    aliases: list[str] = Field(default_factory=list, description="同义说法，如“党风廉政”")
    keywords: list[str] = Field(default_factory=list,
                                description="意思相近的词：提纲的主题不在句库中但含这些词时，提示用本主题（如“纪律”→廉政建设）")


class BankFile(BaseModel):
    """One file of a phrase bank. Any key may be left out."""

    model_config = ConfigDict(extra="forbid")

    functions: list[Function] = Field(default_factory=list)
    themes: list[Theme] = Field(default_factory=list)
    phrases: list[Phrase] = Field(default_factory=list)
    sets: list[ParallelSet] = Field(default_factory=list)


@dataclass
class PhraseBank:
    """The merged bank: later layers override earlier ones by id."""

    phrases: dict[str, Phrase] = field(default_factory=dict)
    sets: dict[str, ParallelSet] = field(default_factory=dict)
    functions: dict[str, Function] = field(default_factory=dict)
    themes: dict[str, Theme] = field(default_factory=dict)
    origin: dict[str, str] = field(default_factory=dict)  # id -> file it came from
    places: dict[str, tuple[str, int | None, int | None]] = field(default_factory=dict)
    """Phrase id, or ``set:`` and a set's id → file, line and column of its text (for messages)."""

    def by_function(self, function: str) -> list[Phrase]:
        return [p for p in self.phrases.values() if p.function == function]

    def theme_name(self, name: str) -> str | None:
        """The canonical theme for a name or alias; ``None`` if unknown."""
        if name in self.themes:
            return name
        for theme in self.themes.values():
            if name in theme.aliases:
                return theme.name
        return None

    def suggest_theme(self, name: str) -> str | None:
        """The bank theme nearest a name the bank does not know: by meaning first (a theme's
        ``keywords`` in the name: 纪律建设 → 廉政建设), then by spelling (廉正建设 → 廉政建设).
        ``None`` where nothing is near (安全生产)."""
        by_meaning = [(len(k), t.name) for t in self.themes.values() for k in t.keywords if k in name]
        if by_meaning:
            return max(by_meaning)[1]
        names = list(self.themes) + [a for t in self.themes.values() for a in t.aliases]
        close = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
        if not close:
            close = [n for n in names if len(name) > 1 and (name in n or n in name)][:1]
        core = set(name) - set("建设工作的")
        if not close and core:  # 廉正 → 廉政建设: most characters in common, 建设 and 工作 aside
            score = {n: len((set(n) - set("建设工作的")) & core) / len(core) for n in names}
            best = max(score, key=lambda n: (score[n], -len(n)))
            close = [best] if score[best] >= 0.5 else []
        return self.theme_name(close[0]) if close else None

    def restatements(self) -> list[tuple[Phrase, Phrase]]:
        """Pairs of phrases of one function that say the same thing (by
        :mod:`fayan.similar`, weighed over the whole bank) and do not declare it with a
        shared ``idea``: the composer would not put both in one draft, but the bank should say
        so, and a writer adding sentences learns what the bank has already."""
        from .similar import Measure, same_pairs

        phrases = list(self.phrases.values())
        measure = Measure([p.text for p in phrases])
        out = []
        for i, j in same_pairs([p.text for p in phrases], measure):
            a, b = phrases[i], phrases[j]
            if a.function == b.function and not (a.idea and a.idea == b.idea):
                out.append((a, b))
        return out

    def search(self, *, function: str | None = None, theme: str | None = None,
               genre: str | None = None, text: str | None = None) -> list[Phrase]:
        """Phrases matching every filter given: function by prefix (``opening`` matches
        ``opening.turn``), theme and genre exactly (general phrases match any), text as a
        substring."""
        out = []
        for p in self.phrases.values():
            if function and not (p.function == function or p.function.startswith(function + ".")):
                continue
            if theme and p.themes and theme not in p.themes:
                continue
            if genre and p.genres and genre not in p.genres:
                continue
            if text and text not in p.text:
                continue
            out.append(p)
        return out


def load_phrasebank(user_dirs: Iterable[str | Path] | None = None) -> PhraseBank:
    """Load the built-in bank and layer the user directories over it; raise
    :class:`DataError` with every problem found."""
    from .reader import read_file
    bank = PhraseBank()
    problems: list[Problem] = []
    places: dict[tuple[str, str], tuple[str, int | None, int | None]] = {}  # (phrase id, field) → place
    builtin = builtin_dir("phrasebank").resolve()
    for directory in search_path("phrasebank", list(user_dirs or [])):
        if not directory.is_dir():
            problems.append(Problem("句库目录不存在。", str(directory)))
            continue
        seen_here: dict[str, str] = {}
        for path in yaml_files(directory):
            try:
                data = yamlio.load(read_file(path, what="句库文件"), str(path))
                part = yamlio.validate(BankFile, data, str(path), DataError, "（句库文件）")
            except FayanError as exc:
                problems += exc.problems
                continue
            if directory.resolve() != builtin:  # a user's texts: checked as the sandbox renders them
                problems += check_texts(part, data, str(path))
            for kind, items in (("functions", part.functions), ("sets", part.sets), ("phrases", part.phrases)):
                for i, item in enumerate(items):
                    key = f"{kind}:{item.id}"
                    if key in seen_here:
                        mark = yamlio.locate(data, (kind, i, "id"))
                        problems.append(Problem(f"编号“{item.id}”与 {seen_here[key]} 中的重复，请换一个。",
                                                str(path), mark.line if mark else None, mark.column if mark else None))
                    seen_here[key] = path.name
            for f in part.functions:
                bank.functions[f.id] = f
            for t in part.themes:
                bank.themes[t.name] = t
            for i, s in enumerate(part.sets):
                bank.sets[s.id] = s
                mark = yamlio.locate(data, ("sets", i, "items"))
                bank.places[f"set:{s.id}"] = (str(path), mark.line if mark else None, mark.column if mark else None)
            for i, p in enumerate(part.phrases):
                bank.phrases[p.id] = p
                mark = yamlio.locate(data, ("phrases", i, "id"))
                bank.origin[p.id] = f"{path}:{mark.line}" if mark else str(path)
                for key in ("function", "themes"):
                    mark = yamlio.locate(data, ("phrases", i, key))
                    places[p.id, key] = (str(path), mark.line, mark.column) if mark else (str(path), None, None)
                mark = yamlio.locate(data, ("phrases", i, "text"))
                bank.places[p.id] = (str(path), mark.line if mark else None, mark.column if mark else None)
    problems += _check_references(bank, places)
    if problems:
        raise DataError(problems)
    return bank


def check_texts(part: BankFile, data: Any, file: str) -> list[Problem]:
    """Every phrase and set item of a user's bank file whose {{ }} / {% %} the sandbox would
    refuse (:mod:`fayan.sandbox`), at the line of the text."""
    from . import sandbox

    texts: list[tuple[str, tuple[Any, ...], str]] = []
    for i, p in enumerate(part.phrases):
        texts.append((p.text, ("phrases", i, "text"), f"句子 {p.id} "))
    for i, s in enumerate(part.sets):
        for k in range(len(s.items)):
            item = s.item(k)
            raw = data["sets"][i]["items"][k] if isinstance(data, dict) else None
            path: tuple[Any, ...] = ("sets", i, "items", k) + (("text",) if isinstance(raw, dict) else ())
            if item.text is not None:
                texts.append((item.text, path, f"平行组 {s.id} 的项目 "))
            for name, words in item.parts.items():
                texts.append((words, ("sets", i, "items", k, "parts", name), f"平行组 {s.id} 的项目 "))
    problems = []
    for text, path, what in texts:
        if "{" not in text:
            continue
        try:
            sandbox.parse(text)
        except sandbox.TemplateProblem as exc:
            mark = yamlio.locate(data, path)
            problems.append(exc.at(f"{what}的写法不能用：{exc.message}", (file, mark.line, mark.column) if mark else (file,)))
    return problems


def _check_references(bank: PhraseBank, places: dict[tuple[str, str], tuple[str, int | None, int | None]],
                      ) -> list[Problem]:
    """Every phrase names a declared function and declared themes; ``places``: where each
    phrase's ``function`` and ``themes`` stand, for the messages."""
    problems = []
    for p in bank.phrases.values():
        loc = places[p.id, "function"]
        if p.function not in bank.functions:
            close = difflib.get_close_matches(p.function, list(bank.functions), n=1)
            hint = f"是不是“{close[0]}”？" if close else "请先在 index.yaml 的 functions 中声明。"
            problems.append(Problem(f"句子 {p.id} 的功能“{p.function}”未声明，{hint}", *loc))
        loc = places[p.id, "themes"]
        for t in p.themes:
            if t not in bank.themes:
                problems.append(Problem(f"句子 {p.id} 的主题“{t}”未声明，请先在 index.yaml 的 themes 中声明。", *loc))
    for s in bank.sets.values():
        for i in range(len(s.items)):
            for t in s.item(i).themes:
                if t not in bank.themes:
                    problems.append(Problem(f"平行组 {s.id} 的主题“{t}”未声明。"))
            for other, texts in s.item(i).goes_with.items():
                target = bank.sets.get(other)
                if target is None:
                    problems.append(Problem(f"平行组 {s.id} 的项目“{s.item_id(i)}”搭配的平行组“{other}”不存在。"))
                    continue
                known = {target.item(k).text for k in range(len(target.items))}
                for t in texts:
                    if t not in known:
                        problems.append(Problem(f"平行组 {s.id} 的项目“{s.item_id(i)}”搭配的“{t}”不是平行组 {other} 的项目。"))
    return problems


def export(bank: PhraseBank) -> dict[str, Any]:
    """The whole bank as plain data for other tools: every phrase with its id, function, tags,
    text and provenance, and the sets, functions and themes."""
    return {
        "functions": [f.model_dump(exclude_none=True) for f in bank.functions.values()],
        "themes": [t.model_dump() for t in bank.themes.values()],
        "phrases": [p.model_dump(exclude_none=True) for p in bank.phrases.values()],
        "sets": [s.model_dump(exclude_none=True) for s in bank.sets.values()],
        "counts": {
            "phrases": len(bank.phrases),
            "functions": len({p.function for p in bank.phrases.values()}),
            "themes": len({t for p in bank.phrases.values() for t in p.themes}),
            "sets": len(bank.sets),
            "quotes": sum(1 for p in bank.phrases.values() if p.function == "quote"),
        },
    }
