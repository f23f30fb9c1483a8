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


def mean_pairwise_share(docs: list[Document]) -> float:
    """Mean share of generated sentences two drafts share: |A∩B| over the mean of |A| and |B|,
    over every pair of drafts (issue 11's measure; the target at 3000 字 is 20 %)."""
    sets = [generated_sentences(d) for d in docs]
    pairs = list(combinations(sets, 2))
    return sum(2 * len(a & b) / (len(a) + len(b)) for a, b in pairs if a or b) / len(pairs) if pairs else 0.0


def body_sentences(doc: Document) -> list[str]:
    """The sentences of the body's paragraphs (not headings, title or salutation), in order."""
    import re

    from .document import block_text
    out: list[str] = []
    for kind, item in doc.blocks():
        if kind in ("paragraph", "closing", "run-in"):
            out += [s.strip() for s in re.findall(r"[^。！？]+[。！？]", block_text(kind, item)) if s.strip()]
    return out


def opening_figures(doc: Document) -> tuple[float, int]:
    """(share of body sentences that open with 要 or 我们要, longest run of body sentences
    opening with the same character, numbered items apart)."""
    from .similar import numbered
    sentences = [s.lstrip("“”‘’ \u3000") for s in body_sentences(doc)]
    if not sentences:
        return 0.0, 0
    yao = sum(1 for s in sentences if s.startswith(("要", "我们要"))) / len(sentences)
    longest = run = 0
    last = ""
    for s in sentences:
        first = "" if numbered(s) else s[:1]
        run = run + 1 if first and first == last else (1 if first else 0)
        last = first
        longest = max(longest, run)
    return yao, longest
