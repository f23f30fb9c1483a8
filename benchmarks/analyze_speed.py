"""fayan analyze throughput (target ≥ 2 MB/s): the corpus files read, cleaned and analysed,
repeated to about 5 MB; against a baseline measured in the same run, reading alone.

    python benchmarks/analyze_speed.py [--mb 5]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from fayan.analyze import analyze
from fayan.reader import paragraphs, read_source

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
TARGET = 2.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5)
    args = parser.parse_args()
    files = sorted(CORPUS.glob("*/*.txt"))
    raw = [(f, f.read_bytes()) for f in files]
    one = sum(len(b) for _, b in raw)
    rounds = int(args.mb * 1e6 / one) + 1
    nbytes = one * rounds
    start = time.perf_counter()
    for _ in range(rounds):
        for f, b in raw:
            read_source(f, b)
    reading = nbytes / 1e6 / (time.perf_counter() - start)
    start = time.perf_counter()
    for _ in range(rounds):
        for f, b in raw:
            analyze(paragraphs(read_source(f, b)))
    rate = nbytes / 1e6 / (time.perf_counter() - start)
    print(f"{len(files)} files × {rounds} rounds = {nbytes / 1e6:.1f} MB")
    print(f"read only      {reading:8.1f} MB/s   (baseline)")
    print(f"read + analyze {rate:8.1f} MB/s   ({rate / reading:.2f} of reading)")
    print(f"target {TARGET} MB/s: {'met' if rate >= TARGET else 'NOT MET'} ({rate / TARGET:.1f}x)")
    return 0 if rate >= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
