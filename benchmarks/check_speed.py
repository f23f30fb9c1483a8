"""fayan check throughput on a large text assembled from the corpus (target ≥ 20 MB/s) and on
the same bytes as a folder of small files (target ≥ 15 MB/s).

Prints MB/s (UTF-8 bytes) for all rules on one 10 MB text, as ``fayan check FILE`` runs them
(one process a core, two at most: the rules are shared out) and in one process, then for each
rule; then the same 10 MB as a folder of 1,272 speeches, as ``fayan check DIR`` reads them,
and each rule's time a file there (a speech is where ``idea`` and ``quotation`` work: they
pass over a text as long as the 10 MB one). The folder holds the corpus's eight speeches over
and over, so what is kept by sentence (``idea``'s bigrams) is found kept; the time of ``idea``
when every speech is new is printed apart.
Every figure is the median of ``--runs`` runs, after one warm-up run (imports and compiling the
patterns: the start-up, printed apart). The baseline, measured between the runs, is one pass of
one regular expression over the text: the cheapest scan Python can make; figures are also given
in baselines, which stay put when the machine (a shared one, say) is slower or faster.

    python benchmarks/check_speed.py [--mb 10] [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
TARGET = 20.0
FOLDER_TARGET = 15.0


def corpus_text(megabytes: float) -> str:
    files = sorted(CORPUS.glob("*/*.txt"))
    if not files:
        sys.exit(f"no corpus at {CORPUS}")
    one = "\n".join(f.read_text(encoding="utf-8") for f in files)
    size = len(one.encode("utf-8"))
    return "\n".join([one] * (int(megabytes * 1e6 / size) + 1))


def timed(fn, *args, **kwargs) -> float:
    start = time.perf_counter()
    fn(*args, **kwargs)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=10)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    start = time.perf_counter()
    from fayan import check
    from fayan.check.batch import check_files, check_text
    from fayan.reader import Source, read_source, speech_files
    check.run(Source("同志们：\n大家好。\n", "warm-up", "txt"))
    startup = time.perf_counter() - start

    text = corpus_text(args.mb)
    nbytes = len(text.encode("utf-8"))
    cores = min(os.cpu_count() or 1, 8)
    table = check.rules()
    runs: dict[str, list[float]] = {"baseline": [], "default": [], "one process": []}
    runs |= {rule: [] for rule in table}
    found: list[list] = []  # the last run's problems only, as `fayan check FILE` holds one run's
    for _ in range(args.runs):
        runs["baseline"].append(timed(lambda: sum(1 for _ in re.finditer(r"[,.:;!?]", text))))
        # a Source is built in each run: reading the text into lines is part of checking it
        found.clear()
        runs["default"].append(timed(lambda: found.append(check_text(Source(text, "c", "txt"), list(table), {}, cores))))
        runs["one process"].append(timed(lambda: check.run(Source(text, "c", "txt"))))
        source = Source(text, "c", "txt")
        for rule in table:
            runs[rule].append(timed(check.run, source, [rule]))
    median = {name: statistics.median(times) for name, times in runs.items()}
    baseline = median["baseline"]

    def line(label: str, seconds: float, note: str = "") -> str:
        return f"{label:<16}{nbytes / 1e6 / seconds:>8.1f}{seconds / baseline:>10.1f}   {note}"

    print(f"text: {nbytes / 1e6:.1f} MB from {CORPUS}; median of {args.runs} runs; "
          f"start-up (imports, patterns) {startup * 1000:.0f} ms, not counted")
    print(f"{'':<16}{'MB/s':>8}{'baselines':>10}")
    print(line("baseline", baseline, "one pass of one regular expression"))
    print(line("all rules", median["default"],
               f"fayan check FILE: {min(cores, 2)} process{'es' if cores > 1 else ''} ({len(found[-1])} problems)"))
    print(line("  one process", median["one process"], "fayan check FILE --jobs 1"))
    for rule in table:
        print(line(f"  {rule}", median[rule]))

    with tempfile.TemporaryDirectory() as tmp:  # the same 10 MB as a folder of speeches
        files = sorted(CORPUS.glob("*/*.txt"))
        copies = int(args.mb * 1e6 / sum(f.stat().st_size for f in files)) + 1
        for n in range(copies):
            for f in files:
                shutil.copyfile(f, Path(tmp) / f"{n:04d}_{f.name}")
        names = speech_files([tmp])
        folder = sum(Path(x).stat().st_size for x in names)
        enabled = list(table)
        folder_runs: dict[int, list[float]] = {1: [], cores: []}
        for _ in range(args.runs):
            for jobs in folder_runs:
                folder_runs[jobs].append(timed(check_files, names, enabled, {}, jobs))
        sources = [read_source(x) for x in names]
        per_file: dict[str, list[float]] = {rule: [] for rule in table}
        per_file["idea, every speech new"] = []
        for _ in range(args.runs):
            for rule in table:
                per_file[rule].append(timed(_each, sources, check.run_many, [rule]))
            per_file["idea, every speech new"].append(timed(_each, sources, _fresh_idea))
    for jobs, times in folder_runs.items():
        seconds = statistics.median(times) * nbytes / folder  # in the text's bytes, to compare
        print(line(f"folder, {jobs} job{'s' if jobs > 1 else ''}", seconds,
                   f"fayan check DIR: {len(names)} files, {folder / 1e6:.1f} MB, reading included"))
    print(f"{'':<16}{'ms a file':>8}  each rule in one process, the files read beforehand, in batches")
    for rule, times in sorted(per_file.items(), key=lambda item: -statistics.median(item[1])):
        print(f"  {rule:<22}{statistics.median(times) / len(sources) * 1000:>8.3f}")

    best_file = nbytes / 1e6 / median["default"]
    best_folder = folder / 1e6 / statistics.median(folder_runs[cores])
    met = best_file >= TARGET, best_folder >= FOLDER_TARGET
    print(f"target {TARGET} MB/s on the {nbytes / 1e6:.0f} MB text: {'met' if met[0] else 'NOT MET'} "
          f"({best_file:.1f} MB/s, {best_file / TARGET:.2f}x, {cores} core{'s' if cores > 1 else ''}); "
          f"target {FOLDER_TARGET} MB/s on the same as {len(names)} small files: "
          f"{'met' if met[1] else 'NOT MET'} ({best_folder:.1f} MB/s, {best_folder / FOLDER_TARGET:.2f}x)")
    return 0 if all(met) else 1


def _each(sources, fn, *args) -> None:
    """``fn`` over the sources in batches, as ``fayan check DIR`` checks them."""
    from fayan.check.batch import BATCH_FILES
    for k in range(0, len(sources), BATCH_FILES):
        fn(sources[k:k + BATCH_FILES], *args)


def _fresh_idea(sources) -> None:
    """Rule ``idea`` on speeches none of whose sentences was seen before."""
    from fayan import check, similar
    similar.bigrams.cache_clear()
    similar.runs.cache_clear()
    check.run_many(sources, ["idea"])


if __name__ == "__main__":
    sys.exit(main())
