"""quotation — 引文重复：同一段引文（引号中八个字以上）在一篇讲话中引了两次。

A quotation is what stands between “ and ” and has eight Chinese characters or more; a short
key phrase in quotation marks (“两个确立”) is meant to recur and is not looked at, nor is a
title or heading (a line that does not end as a sentence does), which names what the body
then quotes. Judged
within one speech; a text longer than ``max_chars`` (default 100,000) is a collection and is
not looked at.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from typing import Any

from . import LintProblem, problem

ID = "quotation"
SEVERITY = "warning"
DOC = __doc__
RULE = sys.modules[__name__]

_QUOTED = re.compile(r"“([^“”\n]{8,300}+)”")
_HAN = re.compile(r"[\u4e00-\u9fff]")


def _key(text: str) -> str:
    return "".join(_HAN.findall(text))


def check(source, options: dict[str, Any]) -> Iterator[LintProblem]:
    text = source.text
    if len(text) > int(options.get("max_chars", 100_000)):
        return
    first: dict[str, int] = {}
    for m in _QUOTED.finditer(text):
        end = text.find("\n", m.end())
        line_end = text[:end if end != -1 else len(text)].rstrip(" \u3000\t")
        if line_end[-1:] not in "。！？”…":
            continue  # a title or a heading
        key = _key(m.group(1))
        if len(key) < 8:
            continue
        if key in first:
            line = source.position(first[key])[0]
            yield problem(source, m.start(), RULE,
                          f"这段引文在第 {line} 行已经引过：“{m.group(1)[:16]}……”，一篇讲话只引一次。")
        else:
            first[key] = m.start()
