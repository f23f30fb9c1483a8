"""fayan check throughput on a large text assembled from the corpus (target ≥ 20 MB/s).

Prints MB/s (UTF-8 bytes) for all rules together and for each rule, against a baseline
measured in the same run: one pass of a single regular expression over the same text, the
cheapest scan Python can do.

    python benchmarks/check_speed.py [--mb 10]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

from fayan import check
from fayan.reader import Source

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
TARGET = 20.0


def corpus_text(megabytes: float) -> str:
    files = sorted(CORPUS.glob("*/*.txt"))
    if not files:
        sys.exit(f"no corpus at {CORPUS}")
    one = "\n".join(f.read_text(encoding="utf-8") for f in files)
    size = len(one.encode("utf-8"))
    return "\n".join([one] * (int(megabytes * 1e6 / size) + 1))


def rate(seconds: float, nbytes: int) -> float:
    return nbytes / 1e6 / seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=10)
    args = parser.parse_args()
    text = corpus_text(args.mb)
    nbytes = len(text.encode("utf-8"))
    start = time.perf_counter()
    source = Source(text, "corpus", "txt")
    build = time.perf_counter() - start

    start = time.perf_counter()
    sum(1 for _ in re.finditer(r"[,.:;!?]", text))
    baseline = rate(time.perf_counter() - start, nbytes)

    start = time.perf_counter()
    found = check.run(source)
    total = time.perf_counter() - start + build
    print(f"text: {nbytes / 1e6:.1f} MB from {CORPUS}")
    print(f"{'rule':<14}{'MB/s':>8}")
    for rule in check.rules():
        t0 = time.perf_counter()
        check.run(source, [rule])
        print(f"{rule:<14}{rate(time.perf_counter() - t0, nbytes):>8.1f}")
    overall = rate(total, nbytes)
    print(f"{'all rules':<14}{overall:>8.1f}   ({len(found)} problems)")
    print(f"{'baseline':<14}{baseline:>8.1f}   (one regex pass)")
    print(f"all rules / baseline: {overall / baseline:.2f}; target {TARGET} MB/s: "
          f"{'met' if overall >= TARGET else 'NOT MET'} ({overall / TARGET:.2f}x)")
    return 0 if overall >= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
