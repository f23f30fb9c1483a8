"""Checking many files: read each, run the rules, on several cores when there are many.

An edge over the pure rules: it reads files. Files are independent (a repeated sentence or
a numbering sequence is judged within one speech), so they are spread over worker processes.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from ..reader import read_source
from . import LintProblem, run

PARALLEL_FROM = 8  # fewer files than this are checked in this process: forking costs more


def _one(job: tuple[str, list[str], dict[str, dict[str, Any]]]) -> tuple[str, list[LintProblem]]:
    name, enabled, options = job
    return name, run(read_source(name), enabled, options)


def check_files(files: list[str], enabled: list[str], options: dict[str, dict[str, Any]],
                jobs: int | None = None) -> list[tuple[str, list[LintProblem]]]:
    """(file, problems) for every file, in the order given. ``jobs``: worker processes
    (``None``: one a core when there are many files, else none)."""
    if jobs is None:
        jobs = min(os.cpu_count() or 1, 8) if len(files) >= PARALLEL_FROM else 1
    work = [(f, enabled, options) for f in files]
    if jobs <= 1:
        return [_one(w) for w in work]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(_one, work, chunksize=max(1, len(work) // (jobs * 4))))
