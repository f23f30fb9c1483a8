"""How different are ten drafts of the same brief? (issue: phrase bank variety)

For every example brief, drafts seeds 0–9 and prints the mean pairwise Jaccard similarity of
their generated-sentence sets (the user's own text and fixed formulas left out), against the
target of 0.35 and against a baseline measured in the same run: the same ten seeds with every
slot pinned to the phrases seed 0 chose: what a bank without choice gives (near 1.0; only
the headings and the lengths still vary).

    python benchmarks/variety.py [--seeds 10]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import fayan
from fayan.metrics import mean_pairwise_jaccard

ROOT = Path(__file__).resolve().parent.parent
TARGET = 0.35


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=10)
    args = parser.parse_args()
    bank = fayan.load_phrasebank()
    worst = 0.0
    print(f"{'example':<20}{'chars':>7}{'jaccard':>9}{'pinned':>8}{'target':>8}  verdict")
    for path in sorted((ROOT / "examples").glob("*.yaml")):
        brief = fayan.load_brief(path)
        skeleton = fayan.load_skeleton(brief.template)
        docs = [fayan.compose(brief, skeleton, bank, seed=s) for s in range(args.seeds)]
        figure = mean_pairwise_jaccard(docs)
        pinned = brief.model_copy(update={"pins": {t["slot"]: t["ids"][0] for t in docs[0].trace()
                                                   if t["origin"] == "phrase"}})
        base = mean_pairwise_jaccard([fayan.compose(pinned, skeleton, bank, seed=s) for s in range(3)])
        chars = sum(d.stats()["chars"] for d in docs) // len(docs)
        worst = max(worst, figure)
        verdict = "ok" if figure <= TARGET else "TOO SIMILAR"
        print(f"{path.stem:<20}{chars:>7}{figure:>9.3f}{base:>8.3f}{TARGET:>8.2f}  {verdict}")
    print(f"worst mean pairwise Jaccard: {worst:.3f} (target ≤ {TARGET}; ratio {worst / TARGET:.2f})")
    return 0 if worst <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
