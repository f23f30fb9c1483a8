"""noise — 网页残留：##paidbegin##、“此处隐藏…字”、“下载后查看”、“猜你喜欢”、“来源：网友投稿”、“更新时间”等。

Text copied from web pages brings markers no speech may contain. Each is an error; remove the
line or the marker.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from typing import Any

from . import LintProblem, problem

ID = "noise"
SEVERITY = "error"
DOC = __doc__
RULE = sys.modules[__name__]  # this module, as the rule problems name

_NOISE = re.compile(
    r"##paid(?:begin|end)##|--*此处隐藏\s*\d+\s*字[^\n]*?-*(?=\n|$)|此处隐藏\s*\d+\s*字[^\n]*?-*(?=\n|$)|下载后查看|猜你喜欢|"
    r"来源[:：]\s*网友投稿|更新时间[:：]|发表时间[:：]|本文来源[:：]|责任编辑[:：]|（\d篇）|\(\d篇\)"
)


def check(source, options: dict[str, Any]) -> Iterator[LintProblem]:
    for m in _NOISE.finditer(source.text):
        yield problem(source, m.start(), RULE, f"网页残留“{m.group(0).strip('-')}”，不能出现在发言稿里，请删除。")
