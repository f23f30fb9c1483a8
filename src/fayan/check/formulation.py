"""formulation — 规范提法：常见的错误写法（如“筑牢中华民族共同体意识”“以习近平总书记为核心的
党中央”）报错，并给出正确写法。

The rules live in ``fayan/data/formulations.yaml`` (id, right form, wrong forms literal or
``/regex/``, source); ``--formulations FILE`` or ``formulations:`` in ``.fayan.yaml`` add more.
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
from . import LintProblem, data_files, problem

ID = "formulation"
SEVERITY = "error"
DOC = __doc__
RULE = sys.modules[__name__]  # this module, as the rule problems name


class Formulation(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    right: str = Field(..., description="正确写法")
    wrong: list[Annotated[str, Field(min_length=1)]] = Field(..., min_length=1, description="错误写法；/…/ 为正则表达式")
    source: str = Field(..., description="依据")


class FormulationFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    formulations: list[Formulation]


_META = set(".^$*+?{}[]|()\\")


class Matcher:
    """Every wrong form of every rule, searched in one pass: an alternation of the forms that
    begin with a plain character (a pass of the text a form, literal or not, costs more than
    the whole alternation). A regex form that begins otherwise, or has groups of its own, gets
    a pass of its own."""

    def __init__(self, rules: list[tuple[Formulation, list[str], list[re.Pattern[str]]]]) -> None:
        self.forms: list[tuple[Formulation, re.Pattern[str]]] = []  # in the order of the files
        self.alone: list[tuple[Formulation, re.Pattern[str]]] = []
        split: list[tuple[str, str]] = []  # each form of self.forms as (first character, the rest)
        for f, literals, patterns in rules:
            for wrong in literals:
                self.forms.append((f, re.compile(re.escape(wrong))))
                split.append((re.escape(wrong[0]), re.escape(wrong[1:])))
            for pattern in patterns:
                source = pattern.pattern
                # only a plain first character followed by the rest splits safely: not x*, x+,
                # x?, x{2}, not a|b at the top, not groups (their numbers would shift)
                if source[:1] in _META or source[1:2] in "*+?{" or "|" in source or pattern.groups:
                    self.alone.append((f, pattern))
                else:
                    self.forms.append((f, pattern))
                    split.append((source[0], source[1:]))
        # one branch a first character (习(?:近平…|总书记…)): where a candidate character
        # stands, the engine tries one branch, not every form
        branches: dict[str, list[str]] = {}
        for first, rest in split:
            branches.setdefault(first, []).append(rest)
        try:
            self.pattern = re.compile("|".join(f"{first}(?:{'|'.join(rest)})" for first, rest in branches.items())
                                      ) if branches else None
        except re.error:  # a form that splits in a way not foreseen here: search each on its own
            self.pattern, self.alone = None, self.forms + self.alone

    def finditer(self, text: str) -> Iterator[tuple[int, str, Formulation]]:
        """(offset, text, rule) of every wrong form found."""
        if self.pattern:
            for m in self.pattern.finditer(text):
                at = m.start()
                # the alternation matched with the first form that matches here: find which
                rule = next(f for f, p in self.forms if p.match(text, at))
                yield at, m.group(0), rule
        for f, pattern in self.alone:
            for m in pattern.finditer(text):
                yield m.start(), m.group(0), f


@lru_cache(maxsize=16)
def load(extra: tuple[str, ...] = ()) -> list[tuple[Formulation, list[str], list[re.Pattern[str]]]]:
    """Every rule with its literal wrong forms and its compiled regular ones."""
    files = data_files("formulations.yaml", extra, "规范提法")
    out = []
    for name, raw in files:
        data = yamlio.load(raw, name)
        for f in yamlio.validate(FormulationFile, data, name, DataError, "（规范提法）").formulations:
            literals = [w for w in f.wrong if not (len(w) > 2 and w.startswith("/") and w.endswith("/"))]
            try:
                patterns = [re.compile(w[1:-1]) for w in f.wrong if w not in literals]
            except re.error as exc:
                raise DataError(yamlio.Problem(f"规范提法 {f.id} 的正则表达式有误：{exc}。", name)) from None
            out.append((f, literals, patterns))
    return out


@lru_cache(maxsize=16)
def matcher(extra: tuple[str, ...] = ()) -> Matcher:
    return Matcher(load(extra))


def check(source, options: dict[str, Any]) -> Iterator[LintProblem]:
    seen: set[int] = set()
    for at, found, f in matcher(tuple(options.get("files", ()))).finditer(source.text):
        if at not in seen:  # a form that has its own pass may match where another did
            seen.add(at)
            yield problem(source, at, RULE, f"提法不规范：“{found}”，应为“{f.right}”（依据：{f.source}）。",
                          suggestion=f.right)
