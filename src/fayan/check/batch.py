"""Checking many files: read each, run the rules, on several cores when there are many.

An edge over the pure rules: it reads files. Files are independent (a repeated sentence or
a numbering sequence is judged within one speech), so many files are spread over worker
processes; a few files are checked here, a long one by two processes (``check.run``).
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from ..reader import read_source
from . import LintProblem, from_rows, run, to_rows

PARALLEL_FROM = 8  # fewer files than this are checked in this process: forking costs more


def _one(job: tuple[str, list[str], dict[str, dict[str, Any]], int]) -> tuple[str, list[LintProblem]]:
    name, enabled, options, jobs = job
    return name, run(read_source(name), enabled, options, jobs=jobs)


def check_files(files: list[str], enabled: list[str], options: dict[str, dict[str, Any]],
                jobs: int | None = None) -> list[tuple[str, list[LintProblem]]]:
    """(file, problems) for every file, in the order given. ``jobs``: processes at work at
    once (``None``: one a core): over the files when there are many, else over the rules of
    each long file."""
    if jobs is None:
        jobs = min(os.cpu_count() or 1, 8)
    if jobs <= 1 or len(files) < PARALLEL_FROM:
        return [_one((f, enabled, options, jobs)) for f in files]
    work = [(f, enabled, options, 1) for f in files]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        done = pool.map(_in_worker, work, chunksize=max(1, len(work) // (jobs * 4)))
        return [(name, from_rows(rows)) for name, rows in done]


def _in_worker(job: tuple[str, list[str], dict[str, dict[str, Any]], int]) -> tuple[str, list[tuple[Any, ...]]]:
    name, problems = _one(job)
    return name, to_rows(problems)
