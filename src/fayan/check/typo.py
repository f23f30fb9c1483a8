"""typo — 别字：成语和固定词语里写错的字（再接再励、按步就班、默守成规、一愁莫展、迫不急待、
针贬时弊、言简意骇……）报错，给出正确写法，--fix 可以改正。

The list lives in ``fayan/data/typos.yaml`` (``wrong`` → ``right``, each wrong form a word no
correct text contains: a variant the dictionaries accept is not listed); ``--typos FILE`` or
``typos:`` in ``.fayan.yaml`` add an office's own in the same format.

Hundreds of words in one alternation would cost the engine a branch each wherever one may
begin. Each word is found instead from its rarest character (:mod:`fayan.check.chars`): one
lookup of the whole text in a table of them finds where any of them stands, and only there
are the words that hold it compared with the text.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from functools import lru_cache
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .. import yamlio
from ..arrays import char_table, codes, numpy
from ..errors import DataError
from . import LintProblem, data_files, problem
from .chars import rarest

ID = "typo"
SEVERITY = "error"
DOC = __doc__
FIXES = True
RULE = sys.modules[__name__]  # this module, as the rule problems name

Chinese = Annotated[str, Field(min_length=2, pattern=r"^[\u3400-\u9fff]+$")]


class Typo(BaseModel):
    model_config = ConfigDict(extra="forbid")
    wrong: Chinese = Field(..., description="错误写法（两个汉字以上）")
    right: Annotated[str, Field(min_length=1)] = Field(..., description="正确写法")
    note: str | None = Field(None, description="说明（可选），如“砭：石针，不作‘贬’”")

    @model_validator(mode="after")
    def _differ(self) -> Typo:
        if self.wrong == self.right:
            raise ValueError("错误写法和正确写法相同")
        return self


class TypoFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    typos: list[Typo]


PIECE = 1 << 20
"""Characters of a text looked up at once (:meth:`Finder.keys_at`)."""


class Finder:
    """Every listed wrong form, found from its rarest character."""

    def __init__(self, typos: list[Typo]) -> None:
        self.by_key: dict[str, list[tuple[str, int, Typo]]] = {}
        for t in {t.wrong: t for t in typos}.values():  # a later file's wins for the same word
            at = rarest(t.wrong)
            self.by_key.setdefault(t.wrong[at], []).append((t.wrong, at, t))
        for found in self.by_key.values():
            found.sort(key=lambda item: -len(item[0]))  # the longest word first where two begin alike
        self._table: Any = None

    def keys_at(self, text: str) -> list[int]:
        """The offsets of the text's characters that are a word's rarest, in order: looked up
        in a table for the whole text at once with numpy (a character class, tested by the
        engine at every character, took twice as long)."""
        if not self.by_key:
            return []
        np = numpy()
        if self._table is None:
            self._table = char_table(self.by_key)
        out: list[int] = []
        for at in range(0, len(text), PIECE):  # a long text a piece at a time: its arrays take four times its size
            out += (np.flatnonzero(self._table[codes(text[at:at + PIECE])]) + at).tolist()
        return out

    def finditer(self, text: str) -> Iterator[tuple[int, Typo]]:
        """(offset, entry) of every wrong form, in the text's order."""
        by_key, last_end = self.by_key, -1
        for key_at in self.keys_at(text):
            for wrong, at, t in by_key[text[key_at]]:
                start = key_at - at
                if start >= last_end and start >= 0 and text.startswith(wrong, start):
                    last_end = start + len(wrong)
                    yield start, t
                    break


@lru_cache(maxsize=16)
def finder(extra: tuple[str, ...] = ()) -> Finder:
    typos: list[Typo] = []
    for name, raw in data_files("typos.yaml", extra, "别字"):
        typos += yamlio.validate(TypoFile, yamlio.load(raw, name), name, DataError, "（别字）").typos
    return Finder(typos)


def check(source, options: dict[str, Any]) -> Iterator[LintProblem]:
    for start, t in finder(tuple(options.get("files", ()))).finditer(source.text):
        note = f"（{t.note}）" if t.note else ""
        yield problem(source, start, RULE, f"别字：“{t.wrong}”应为“{t.right}”{note}。", suggestion=t.right,
                      fix=(start, start + len(t.wrong), t.right))
