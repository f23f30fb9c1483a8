"""nesting — 引号套用（GB/T 15834）：引号里面再用引号，外层用双引号“”，里层用单引号‘’；双引号
套双引号（“……“……”……”）报错，单引号用在最外层（‘……’）提醒。--fix 改正。

Judged paragraph by paragraph; only a paragraph with a second opening double quote before the
first closes, or with a single quote, is read mark by mark. An unbalanced pair is the
punctuation rule's.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from typing import Any

from . import LintProblem, problem

ID = "nesting"
SEVERITY = "error"
DOC = __doc__
FIXES = True
RULE = sys.modules[__name__]  # this module, as the rule problems name

# an opening double quote followed by another before a closing one (possessive: no backtracking)
_NESTED = re.compile("“[^“”\n]*+“")
_MARKS = re.compile("[“”‘’]")


def _paragraphs(text: str) -> Iterator[int]:
    """Line starts that hold a double quote inside another, or a single quote."""
    starts = {text.rfind("\n", 0, m.start()) + 1 for m in _NESTED.finditer(text)}
    at = text.find("‘")
    while at != -1:
        starts.add(text.rfind("\n", 0, at) + 1)
        end = text.find("\n", at)
        at = -1 if end == -1 else text.find("‘", end)
    return iter(sorted(starts))


def check(source, options: dict[str, Any]) -> Iterator[LintProblem]:
    text = source.text
    for start in _paragraphs(text):
        end = text.find("\n", start)
        end = len(text) if end == -1 else end
        yield from _paragraph(source, text, start, end)


def _paragraph(source, text: str, start: int, end: int) -> Iterator[LintProblem]:
    opened: list[tuple[int, str]] = []  # (offset, mark as written) of the quotes open here
    for m in _MARKS.finditer(text, start, end):
        at, mark = m.start(), m.group(0)
        if mark in "“‘":
            depth = len(opened)
            want = "“" if depth % 2 == 0 else "‘"
            opened.append((at, mark))
            if mark != want:
                yield _wrong(source, at, mark, want, depth)
        elif opened:
            depth = len(opened) - 1
            _, was = opened.pop()
            want = "”" if depth % 2 == 0 else "’"
            if mark != want and (was == "“") == (mark == "”"):  # a pair, at the wrong depth
                yield _wrong(source, at, mark, want, depth)


def _wrong(source, at: int, mark: str, want: str, depth: int) -> LintProblem:
    if depth:
        return problem(source, at, RULE, f"引号里再用引号，里层应为单引号：“{mark}”应为“{want}”。",
                       suggestion=want, fix=(at, at + 1, want))
    return problem(source, at, RULE, f"最外层的引号应为双引号：“{mark}”应为“{want}”。",
                   suggestion=want, fix=(at, at + 1, want), severity="warning")
