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
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from .. import yamlio
from ..errors import DataError
from . import LintProblem, problem

ID = "formulation"
SEVERITY = "error"
DOC = __doc__
RULE = sys.modules[__name__]  # this module, as the rule problems name


class Formulation(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    right: str = Field(..., description="正确写法")
    wrong: list[str] = Field(..., min_length=1, description="错误写法；/…/ 为正则表达式")
    source: str = Field(..., description="依据")


class FormulationFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    formulations: list[Formulation]


@lru_cache(maxsize=16)
def load(extra: tuple[str, ...] = ()) -> list[tuple[Formulation, list[str], list[re.Pattern[str]]]]:
    """Every rule with its literal wrong forms and its compiled regular ones. Each wrong form
    is searched on its own: str.find for literals (a C two-way search), and a pattern each for
    regexes, so that the engine can skip ahead on a literal prefix (an alternation cannot)."""
    files = [("formulations.yaml", resources.files("fayan").joinpath("data/formulations.yaml").read_bytes())]
    for name in extra:
        try:
            files.append((name, Path(name).read_bytes()))
        except OSError as exc:
            raise DataError(yamlio.Problem(f"读不到规范提法文件：{exc.strerror}。", name)) from None
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


def check(source, options: dict[str, Any]) -> Iterator[LintProblem]:
    text = source.text
    for f, literals, patterns in load(tuple(options.get("files", ()))):
        hits: list[tuple[int, str]] = []
        for wrong in literals:
            at = text.find(wrong)
            while at != -1:
                hits.append((at, wrong))
                at = text.find(wrong, at + len(wrong))
        for pattern in patterns:
            hits.extend((m.start(), m.group(0)) for m in pattern.finditer(text))
        for at, found in sorted(set(hits)):
            yield problem(source, at, RULE, f"提法不规范：“{found}”，应为“{f.right}”（依据：{f.source}）。",
                          suggestion=f.right)
