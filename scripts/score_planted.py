"""Recall and precision of fayan check on the planted errors (tests/data/planted.txt, labelled
in planted.labels.yaml): overall and rule by rule, and every miss and every false alarm.

    python scripts/score_planted.py
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"


def score() -> tuple[set, set, list[dict]]:
    """(found, wanted, labels): found and wanted as (line, column, rule)."""
    from fayan import check
    from fayan.reader import read_source
    labels = yaml.safe_load((DATA / "planted.labels.yaml").read_text(encoding="utf-8"))
    found = {(p.line, p.column, p.rule) for p in check.run(read_source(DATA / "planted.txt"))
             if p.severity in ("error", "warning")}
    wanted = {(x["line"], x["column"], x["rule"]) for x in labels}
    return found, wanted, labels


def main() -> int:
    found, wanted, labels = score()
    hit = found & wanted
    print(f"{len(labels)} planted errors, {len(found)} problems reported (errors and warnings)")
    print(f"{'rule':<14}{'planted':>8}{'found':>8}{'reported':>9}{'recall':>8}{'precision':>10}")
    rules = sorted({r for _, _, r in wanted | found})
    for rule in rules:
        w = {x for x in wanted if x[2] == rule}
        f = {x for x in found if x[2] == rule}
        h = w & f
        print(f"{rule:<14}{len(w):>8}{len(h):>8}{len(f):>9}"
              f"{len(h) / len(w) if w else 1:>8.1%}{len(h) / len(f) if f else 1:>10.1%}")
    recall, precision = len(hit) / len(wanted), len(hit) / len(found)
    print(f"{'all':<14}{len(wanted):>8}{len(hit):>8}{len(found):>9}{recall:>8.1%}{precision:>10.1%}")
    kinds = Counter(x["kind"].split(":")[0] for x in labels)
    print(f"{len(kinds)} kinds: " + "、".join(f"{k} {n}" for k, n in sorted(kinds.items())))
    for line, col, rule in sorted(wanted - found):
        print(f"missed: {line}:{col} {rule}")
    for line, col, rule in sorted(found - wanted):
        print(f"false alarm: {line}:{col} {rule}")
    return 0 if recall >= 0.95 and precision >= 0.95 else 1


if __name__ == "__main__":
    sys.exit(main())
