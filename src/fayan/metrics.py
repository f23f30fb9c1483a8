"""Measures over drafts, for tests and benchmarks: how much two drafts of the same brief share."""

from __future__ import annotations

from itertools import combinations

from .document import Document

FORMULAS = ("closing.formula.", "section.example.", "section.measures.")
"""Phrase ids of fixed formulas and connectors: short set pieces every draft is expected to
share, left out when measuring variety."""


def generated_sentences(doc: Document) -> set[str]:
    """The generated sentences of a draft: phrases and parallel-set headings, leaving out the
    user's own text, fixed frames and the formulas above."""
    return {t["text"] for t in doc.trace()
            if t["origin"] in ("phrase", "set") and not t["ids"][0].startswith(FORMULAS)}


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


def mean_pairwise_jaccard(docs: list[Document]) -> float:
    """Mean Jaccard similarity of the generated-sentence sets over every pair of drafts."""
    sets = [generated_sentences(d) for d in docs]
    pairs = list(combinations(sets, 2))
    return sum(jaccard(a, b) for a, b in pairs) / len(pairs) if pairs else 0.0
