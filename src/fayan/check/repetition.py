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
from typing import Any

from . import LintProblem, problem

ID = "repetition"
SEVERITY = "warning"
DOC = __doc__
RULE = sys.modules[__name__]  # this module, as the rule problems name

_EDGE = frozenset("，、；：。！？“”\n")
_FOUR = re.compile(r"[，、；：。！？“”\n]([\u4e00-\u9fff]{4})(?=[，、；：。！？“”])")


def _sentences(text: str) -> list[str]:
    """Sentences of 8 characters or more ending in 。！？ (the mark kept), split in C."""
    out = []
    for line in text.replace("！", "。").replace("？", "。").split("\n"):  # replace runs in C
        pieces = line.split("。")
        for piece in pieces[:-1]:  # the last piece has no full stop: not a sentence
            piece = piece.lstrip(" \u3000“”")
            if len(piece) >= 7:
                out.append(piece)
    return out


def _places(text: str, sentence: str, most: int) -> list[int]:
    """Offsets of the first uses of a sentence that start a sentence (not inside a longer one)."""
    out, at = [], -1
    while len(out) < most:
        at = text.find(sentence, at + 1)
        if at < 0:
            break
        before = text[at - 1:at]
        if at == 0 or before in "。！？\n \u3000“”":
            out.append(at)
    return out


def check(source, options: dict[str, Any]) -> Iterator[LintProblem]:
    """One problem per repeated sentence, at its second use, naming the other places; one per
    over-used four-character phrase, at the first use past the limit. Counting is done in C
    (findall + Counter); positions are looked up only for what is reported."""
    text = source.text
    counts = Counter(_sentences(text))
    for sentence, n in counts.items():
        if n < 2:
            continue
        offsets = _places(text, sentence, min(n, 7))
        lines = [source.position(o)[0] for o in offsets[:6]]
        others = "、".join(str(line) for line in lines) + ("等" if n > 6 else "")
        yield problem(source, offsets[1], RULE, f"这句话出现了 {n} 次（第 {others} 行）：“{sentence[:20]}…”。")
    most = int(options.get("max_four_char", 3))
    for phrase, n in Counter(_FOUR.findall(text)).items():
        if n > most:  # report at the first use past the limit, found with str.find
            at, seen = text.find(phrase), 0
            while at != -1:
                if text[at - 1:at] in _EDGE and text[at + 4:at + 5] in _EDGE:
                    seen += 1
                    if seen == most + 1:
                        break
                at = text.find(phrase, at + 1)
            yield problem(source, max(at, 0), RULE, f"“{phrase}”用了 {n} 次，换个说法。", severity="info")
