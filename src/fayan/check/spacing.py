"""spacing — 空格：汉字之间夹着的空格报错，--fix 删去：字字隔开的（“党 建 工 作”），和句子里的
（“要加强　学习，”）。标题、对句里隔开两个短语的一个空格（“践行初心使命　做合格共产党员”），
排成三字宽的两字人名（“发言人：张　三”），行首缩进，汉字与字母或数字之间的空格不管。

A .md file is read with its Markdown marks turned into spaces (so that columns stay true): there
two spaces may stand for the ``**`` of bold, and only a single space is judged.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from typing import Any

from . import LintProblem, problem

ID = "spacing"
SEVERITY = "error"
DOC = __doc__
FIXES = True
RULE = sys.modules[__name__]  # this module, as the rule problems name

_SPACES = " \u3000\u00a0"
# each begins with its literal space: the engine jumps from one to the next
_RUNS = [(space, re.compile(f"{re.escape(space)}[{_SPACES}]*+")) for space in _SPACES]


def _han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff"


def _gaps(text: str, markdown: bool) -> list[tuple[int, int]]:
    """(start, end) of every run of spaces between two Chinese characters, in order."""
    gaps = []
    for space, pattern in _RUNS:
        if space not in text:
            continue
        for m in pattern.finditer(text):
            at, end = m.start(), m.end()
            if at == 0 or end >= len(text) or not (_han(text[at - 1]) and _han(text[end])):
                continue
            if markdown and end - at > 1:
                continue  # may be the ** of bold
            gaps.append((at, end))
    gaps.sort()
    return [g for i, g in enumerate(gaps) if i == 0 or g[0] >= gaps[i - 1][1]]  # a run found from two spaces


def _padded_name(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is a name of two characters spaced out to the width of three
    (发言人：张　三), as lists of names are set: nothing Chinese on either side."""
    return end - start == 3 and not (start and _han(text[start - 1])) and not (end < len(text) and _han(text[end]))


def _in_a_sentence(text: str, at: int) -> bool:
    """Whether the line around ``at`` is running text (it has a sentence's punctuation), not a
    title or a couplet."""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    line = text[start:] if end == -1 else text[start:end]
    return any(mark in line for mark in "，。；！？：")


def check(source, options: dict[str, Any]) -> Iterator[LintProblem]:
    """One problem a stretch of spaced characters (党 建 工 作), its fix closing every gap."""
    text = source.text
    gaps = _gaps(text, source.kind == "md")
    i = 0
    while i < len(gaps):
        j = i
        while j + 1 < len(gaps) and gaps[j + 1][0] == gaps[j][1] + 1:  # one character between
            j += 1
        start, end = gaps[i][0] - 1, gaps[j][1] + 1
        if i == j and (not _in_a_sentence(text, start) or _padded_name(text, start, end)):
            i += 1
            continue  # 践行初心使命　做合格共产党员: two phrases of a title set apart; 张　三
        written = text[start:end]
        closed = "".join(ch for ch in written if ch not in _SPACES)
        yield problem(source, gaps[i][0], RULE, f"汉字之间有空格：“{written}”，应为“{closed}”。",
                      suggestion=closed, fix=(start, end, closed))
        i = j + 1
