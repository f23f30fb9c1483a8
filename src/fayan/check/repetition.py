"""repetition — 重复：同一句话出现两次；同一个四字短语用得太多（默认超过 3 次）。

A sentence is text ending in 。！？ of at least 8 characters. A four-character phrase is four
Chinese characters standing between punctuation marks (真抓实干、久久为功……); after the
third use each further one is reported (option ``max_four_char``).
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Iterator
from itertools import chain
from typing import Any

from . import LintProblem, problem

ID = "repetition"
SEVERITY = "warning"
DOC = __doc__
RULE = sys.modules[__name__]  # this module, as the rule problems name

_AFTER = "，、；：。！？“”"
_FOUR = [re.compile(f"{re.escape(mark)}([\u4e00-\u9fff]{{4}})(?=[{_AFTER}])") for mark in _AFTER + "\n"]
_FIRST = re.compile(f"([\u4e00-\u9fff]{{4}})(?=[{_AFTER}])")
"""Four Chinese characters between two marks, one pattern a mark before: each begins with its
literal mark, which the engine jumps to (a set of first marks is tested at every position)."""


def _sentences(text: str) -> dict[str, list[int]]:
    """Each sentence of 8 characters or more ending in 。！？ (the mark not kept), with the
    offsets where it begins; the text is split in C, and a sentence's places are counted as it
    is split (looking them up again with str.find scans the text once a repeated sentence)."""
    out: dict[str, list[int]] = {}
    line_at = 0
    for line in text.replace("！", "。").replace("？", "。").split("\n"):  # replace runs in C
        at = line_at
        pieces = line.split("。")
        pieces.pop()  # the last piece has no full stop: not a sentence
        for piece in pieces:
            body = piece.lstrip(" \u3000“”")
            if len(body) >= 7:
                start = at + len(piece) - len(body)
                if body in out:
                    out[body].append(start)
                else:
                    out[body] = [start]
            at += len(piece) + 1
        line_at += len(line) + 1
    return out


def check(source, options: dict[str, Any]) -> Iterator[LintProblem]:
    """One problem per repeated sentence, at its second use, naming the other places; one per
    over-used four-character phrase, at the first use past the limit."""
    text = source.text
    for sentence, offsets in _sentences(text).items():
        n = len(offsets)
        if n < 2:
            continue
        lines = [source.position(o)[0] for o in offsets[:6]]
        others = "、".join(str(line) for line in lines) + ("等" if n > 6 else "")
        yield problem(source, offsets[1], RULE, f"这句话出现了 {n} 次（第 {others} 行）：“{sentence[:20]}…”。")
    most = int(options.get("max_four_char", 3))
    counts = Counter(chain.from_iterable(pattern.findall(text) for pattern in _FOUR))
    first = _FIRST.match(text)  # the text's first four characters have no mark before them
    if first:
        counts[first.group(1)] += 1
    over = {phrase: n for phrase, n in counts.items() if n > most}
    if not over:
        return
    # the first use past the limit of each: one pass over the text, stopped when all are found
    uses = re.compile(f"[{_AFTER}\n]({'|'.join(over)})(?=[{_AFTER}])")
    seen: Counter[str] = Counter()
    if first and first.group(1) in over:
        seen[first.group(1)] = 1
    for m in uses.finditer(text):
        phrase = m.group(1)
        seen[phrase] += 1
        if seen[phrase] == most + 1:
            yield problem(source, m.start(1), RULE, f"“{phrase}”用了 {over.pop(phrase)} 次，换个说法。",
                          severity="info")
            if not over:
                break
