"""placeholder — 待填的占位符：XX、××、***、“A总书记”一类匿名、残留的 {{ }} / {% %}。

A draft deliberately leaves XX where the writer must fill a place or a name; this rule lists
every one so none is handed in. A warning by default (a draft is expected to have some);
make it an error in ``.fayan.yaml`` before the final check.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from typing import Any

from . import LintProblem, problem

ID = "placeholder"
SEVERITY = "warning"
DOC = __doc__
RULE = sys.modules[__name__]  # this module, as the rule problems name

_LATIN = re.compile(r"[A-Za-zＡ-Ｚａ-ｚ]")
# One pattern a mark, each beginning with a literal: the engine jumps from one to the next
# (a set of first characters, [XxＸ] or ×|*, is tested at every position of the text)
_MARKS = ["XX+", "xx+", "ＸＸ+", "××+", r"\*\*\*+", "＊＊+", "○○+", "□□+"]
_PATTERNS = [  # (pattern, message, whether the match must not touch Latin letters)
    *((re.compile(mark), "占位符“{0}”还没有填写。", mark[0] in "XxＸ") for mark in _MARKS),
    # [A-Z] before the words: found from the words (literal prefixes) and looked back
    (re.compile(r"总书记"), "ANON", True),
    (re.compile(r"同志"), "ANON", True),
    (re.compile(r"新时代中国特色社会主义思想"), "ANON", True),
    (re.compile(r"\{\{.*?\}\}|\{%.*?%\}"), "残留的模板标记“{0}”。", False),
]


def check(source, options: dict[str, Any]) -> Iterator[LintProblem]:
    text = source.text
    for pattern, message, alone in _PATTERNS:
        if message == "ANON":
            for m in pattern.finditer(text):
                at = m.start() - 1
                if at >= 0 and "A" <= text[at] <= "Z" and not _LATIN.match(text[at - 1:at] if at else ""):
                    yield problem(source, at, RULE, f"“{text[at]}”像是匿名代称，应写出全称。")
            continue
        for m in pattern.finditer(text):
            if alone and (_LATIN.match(text[m.start() - 1:m.start()] if m.start() else "")
                          or _LATIN.match(text[m.end():m.end() + 1])):
                continue  # part of a Latin word (XXL, Box, xXx), not a placeholder
            yield problem(source, m.start(), RULE, message.format(m.group(0)))
