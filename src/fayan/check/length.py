"""length — 字数与讲话时长：报告正文字数和按每分钟约 220 字估计的时长；给了 --target N 时，
偏离目标 15% 以上报错。

Characters are counted as Word's 字数统计 does: every non-space character.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import Any

from . import LintProblem, problem

ID = "length"
SEVERITY = "info"
DOC = __doc__
RULE = sys.modules[__name__]  # this module, as the rule problems name
PER_MINUTE = 220
TOLERANCE = 0.15


def check(source, options: dict[str, Any]) -> Iterator[LintProblem]:
    chars = sum(map(len, source.text.split()))  # every non-space character, counted in C
    minutes = chars / PER_MINUTE
    target = options.get("target")
    if target:
        off = (chars - target) / target
        if abs(off) > TOLERANCE:
            word = "多" if off > 0 else "少"
            yield problem(source, 0, RULE, f"共 {chars} 字，约讲 {minutes:.1f} 分钟，比目标 {target} 字{word}了 {abs(off):.0%}"
                          f"（允许 ±{TOLERANCE:.0%}）。", severity="error")
            return
    yield problem(source, 0, RULE, f"共 {chars} 字，约讲 {minutes:.1f} 分钟（按每分钟 {PER_MINUTE} 字）。")
