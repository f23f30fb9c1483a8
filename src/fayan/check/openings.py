"""openings — 句式单一：连续五句以上用同一个字开头（要……要……要……），读来像在念清单。

A sentence is text ending in 。！？; its opening is its first character (quotation marks and
spaces left aside). Numbered items (一是、第一，) and headings are parallel on purpose and
break a run, as does a paragraph that is a heading. Option ``max_run`` (default 4): the
longest run allowed.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import Any

from ..similar import may_be_numbered, numbered
from . import LintProblem, problem

ID = "openings"
SEVERITY = "warning"
DOC = __doc__
RULE = sys.modules[__name__]

_LEAD = " \u3000\t“”‘’"


def check(source, options: dict[str, Any]) -> Iterator[LintProblem]:
    most = int(options.get("max_run", 4))
    text = source.text
    run: list[int] = []
    opening = ""
    at = 0
    for line in text.split("\n"):
        stripped = line.strip(_LEAD)
        if not stripped or stripped[-1] not in "。！？”":  # a heading or a title: the run ends
            if len(run) > most:
                yield from _report(source, run, opening, most)
            run, opening = [], ""
        else:  # its sentences, split in C (a pattern walking every character is twice as slow)
            pieces = line.replace("！", "。").replace("？", "。").split("。")
            last = pieces.pop()
            start = at
            for piece in pieces:
                end = start + len(piece) + 1
                if piece:
                    body = piece.lstrip(_LEAD)
                    mark = line[end - at - 1]
                    first = body[:1] or mark
                    if may_be_numbered(first) and numbered(body + mark):
                        first = ""  # a numbered item: parallel on purpose
                    if first != opening or not first:
                        if len(run) > most:
                            yield from _report(source, run, opening, most)
                        run, opening = [], first
                    if first:
                        run.append(end - 1 - len(body))
                start = end
            if last:  # words after the last end mark: not a sentence, the run ends
                if len(run) > most:
                    yield from _report(source, run, opening, most)
                run, opening = [], ""
        at += len(line) + 1
    if len(run) > most:
        yield from _report(source, run, opening, most)


def _report(source, run: list[int], opening: str, most: int) -> Iterator[LintProblem]:
    if "\u4e00" <= opening <= "\u9fff":
        yield problem(source, run[most], RULE,
                      f"连续 {len(run)} 句都以“{opening}”开头，换几句的说法（陈述句、“在……上”、一是二是）。")
