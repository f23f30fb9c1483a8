"""fayan check throughput on a large text assembled from the corpus (target ≥ 20 MB/s).

Prints MB/s (UTF-8 bytes) for all rules together and for each rule on one 10 MB text in one
process, against a baseline measured in the same run (one pass of a single regular
expression, the cheapest scan Python can do); then the same 10 MB as a folder of speeches,
checked as ``fayan check DIR`` does, with one process and with one a core.

    python benchmarks/check_speed.py [--mb 10]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import tempfile
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
    print(f"{'all rules':<14}{overall:>8.1f}   ({len(found)} problems)   one 10 MB text, one process")
    print(f"{'baseline':<14}{baseline:>8.1f}   (one regex pass)")
    print(f"all rules / baseline: {overall / baseline:.2f}")

    # the same 10 MB as a folder of speeches, as fayan check DIR reads it (one process a core)
    from fayan.check.batch import check_files
    from fayan.reader import speech_files
    with tempfile.TemporaryDirectory() as tmp:
        files = sorted(CORPUS.glob("*/*.txt"))
        copies = int(args.mb * 1e6 / sum(f.stat().st_size for f in files)) + 1
        for n in range(copies):
            for f in files:
                shutil.copyfile(f, Path(tmp) / f"{n:04d}_{f.name}")
        names = speech_files([tmp])
        folder = sum(Path(x).stat().st_size for x in names)
        enabled = list(check.rules())
        rates = {}
        for jobs in (1, os.cpu_count() or 1):
            t0 = time.perf_counter()
            check_files(names, enabled, {}, jobs)
            rates[jobs] = rate(time.perf_counter() - t0, folder)
    for jobs, r in rates.items():
        print(f"{'folder, ' + str(jobs) + ' job' + ('s' if jobs > 1 else ''):<14}{r:>8.1f}   "
              f"({len(names)} files, {folder / 1e6:.1f} MB, reading included)")
    best = max(rates.values())
    print(f"target {TARGET} MB/s: one text {'met' if overall >= TARGET else 'NOT MET'} ({overall / TARGET:.2f}x); "
          f"folder {'met' if best >= TARGET else 'NOT MET'} ({best / TARGET:.2f}x)")
    return 0 if best >= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
