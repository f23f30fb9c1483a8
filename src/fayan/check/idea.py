"""idea — 同义重复：两句话说的是同一个意思（用词大半相同，或有八字以上的说法相同）。

Judged within one speech (:mod:`fayan.similar`): each sentence of twelve characters or more
ending in 。！？ against every other, headings and numbered items (一是、第一，) left out, as
are quoted words and official names; a sentence said twice word for word is rule
``repetition``'s. A text longer than ``max_chars`` (default 100,000: a
collection, not a speech) is not compared pairwise; check its speeches one a file.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import Any

from ..similar import sentences, speech_pairs
from . import LintProblem, problem

ID = "idea"
SEVERITY = "warning"
DOC = __doc__
RULE = sys.modules[__name__]

def check(source, options: dict[str, Any]) -> Iterator[LintProblem]:
    return iter(check_many([source], options)[0])


def check_many(sources: list, options: dict[str, Any]) -> list[list[LintProblem]]:
    """:func:`check` of each source, their sentences weighed all at once (on one speech, a
    quarter of numpy's time is the calls themselves)."""
    most = int(options.get("max_chars", 100_000))
    found = [sentences(source.text) if len(source.text) <= most else [] for source in sources]
    out: list[list[LintProblem]] = []
    for source, said, pairs in zip(sources, found, speech_pairs([[s for _, s in f] for f in found]), strict=True):
        reported: set[int] = set()
        problems = []
        for i, j in pairs:
            if j not in reported:  # each sentence once, at the first it repeats
                reported.add(j)
                line = source.position(said[i][0])[0]
                problems.append(problem(source, said[j][0], RULE,
                                        f"这句话与第 {line} 行的“{said[i][1][:16]}……”意思重复，删去一句或换个角度说。"))
        out.append(problems)
    return out
