"""headings — 标题序号的写法（GB/T 9704）：第一层“一、”，第二层“（一）”，第三层“1.”，第四层
“（1）”。“1、”应为“1.”，“(二)”“（二)”应为“（二）”，“一.”“一，”应为“一、”，“(1)”“1)”“1）”应为
“（1）”。--fix 可以改正。

Only a marker that begins a line is judged (where the numbering rule counts it too); a half-width
bracket or dot in a marker is this rule's, not the punctuation rule's.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from typing import Any

from . import LintProblem, problem

ID = "headings"
SEVERITY = "error"
DOC = __doc__
FIXES = True
RULE = sys.modules[__name__]  # this module, as the rule problems name

CN = "一二三四五六七八九十"
# from the newline: a pattern that begins with a literal is searched fast (a multiline ^ is not)
MARKER = re.compile(
    rf"\n[ \t\u3000]*(?:(?P<hanzi>[{CN}]{{1,3}})(?P<hanzi_mark>[.．，,])(?!\d)"
    rf"|(?P<open>[（(])(?P<inner>[{CN}]{{1,3}}|\d{{1,2}})(?P<close>[）)])"
    rf"|(?P<arabic>\d{{1,2}})(?P<arabic_mark>、|[)）](?!\d)))")


def wrong_markers(text: str) -> Iterator[tuple[int, int, str, str]]:
    """(start, end, written, right) of every heading marker written against GB/T 9704."""
    for m in MARKER.finditer("\n" + text):
        end = m.end() - 1  # the pattern ran over "\n" + text
        start = end - len(m.group(0).lstrip("\n \t\u3000"))
        written = text[start:end]
        if m.group("hanzi"):
            right = m.group("hanzi") + "、"
        elif m.group("inner"):
            right = f"（{m.group('inner')}）"
        elif m.group("arabic_mark") == "、":
            right = m.group("arabic") + "."
        else:
            right = f"（{m.group('arabic')}）"
        if written != right:
            yield start, end, written, right


def check(source, options: dict[str, Any]) -> Iterator[LintProblem]:
    for start, end, written, right in wrong_markers(source.text):
        yield problem(source, start, RULE, f"标题序号“{written}”应写作“{right}”（GB/T 9704）。",
                      suggestion=right, fix=(start, end, right))
