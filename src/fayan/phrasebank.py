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
from .resources import search_path, yaml_files

ID_PATTERN = r"^[a-z0-9][a-z0-9._-]*$"
SLOT_RE = re.compile(r"\{\{-?\s*([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)")


def slots_of(text: str) -> list[str]:
    """The dotted names a phrase's text uses (``{{ speaker.post }}`` → ``speaker.post``)."""
    seen: dict[str, None] = {}
    for m in SLOT_RE.finditer(text):
        seen.setdefault(m.group(1), None)
    return list(seen)


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
        names = list(self.themes) + [a for t in self.themes.values() for a in t.aliases]
        close = difflib.get_close_matches(name, names, n=1, cutoff=0.5)
        if not close:
            close = [n for n in names if name in n or n in name][:1]
        if not close and name:  # 廉正 → 廉政建设: most characters in common
            score = {n: len(set(n) & set(name)) / len(set(name)) for n in names}
            best = max(score, key=lambda n: (score[n], -len(n)))
            close = [best] if score[best] >= 0.5 else []
        return self.theme_name(close[0]) if close else None

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
    bank = PhraseBank()
    problems: list[Problem] = []
    for directory in search_path("phrasebank", list(user_dirs or [])):
        if not directory.is_dir():
            problems.append(Problem("句库目录不存在。", str(directory)))
            continue
        seen_here: dict[str, str] = {}
        for path in yaml_files(directory):
            try:
                data = yamlio.load(path.read_bytes(), str(path))
                part = yamlio.validate(BankFile, data, str(path), DataError, "（句库文件）")
            except FayanError as exc:
                problems += exc.problems
                continue
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
            for s in part.sets:
                bank.sets[s.id] = s
            for i, p in enumerate(part.phrases):
                bank.phrases[p.id] = p
                mark = yamlio.locate(data, ("phrases", i, "id"))
                bank.origin[p.id] = f"{path}:{mark.line}" if mark else str(path)
    problems += _check_references(bank)
    if problems:
        raise DataError(problems)
    return bank


def _check_references(bank: PhraseBank) -> list[Problem]:
    """Every phrase names a declared function and declared themes."""
    problems = []
    for p in bank.phrases.values():
        where = bank.origin.get(p.id, "")
        file, _, line = where.rpartition(":")
        loc = (file, int(line)) if line.isdigit() else (where, None)
        if p.function not in bank.functions:
            close = difflib.get_close_matches(p.function, list(bank.functions), n=1)
            hint = f"是不是“{close[0]}”？" if close else "请先在 index.yaml 的 functions 中声明。"
            problems.append(Problem(f"句子 {p.id} 的功能“{p.function}”未声明，{hint}", *loc))
        for t in p.themes:
            if t not in bank.themes:
                problems.append(Problem(f"句子 {p.id} 的主题“{t}”未声明，请先在 index.yaml 的 themes 中声明。", *loc))
    for s in bank.sets.values():
        for i in range(len(s.items)):
            for t in s.item(i).themes:
                if t not in bank.themes:
                    problems.append(Problem(f"平行组 {s.id} 的主题“{t}”未声明。"))
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
