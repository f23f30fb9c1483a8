"""Checking on several cores: many files over worker processes, a long text over two.

An edge over the pure rules: it reads files and starts processes. Files are independent (a
repeated sentence or a numbering sequence is judged within one speech), so many files are
spread over worker processes; a few files are checked here, and a long one (a year's
collection of speeches in one file) by two processes that share out the rules.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import pickle
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from operator import itemgetter
from typing import Any

from ..errors import FayanError, Problem
from ..reader import Source, read_source
from . import LintProblem, from_rows, no_collection, run, run_many, to_rows

FILES_IN_PARALLEL_FROM = 8
"""Files from which a pool of workers checks them: for fewer, forking costs more than it saves."""

BATCH_FILES = 64
BATCH_CHARS = 1_000_000
"""Files checked together, rule by rule (:func:`fayan.check.run_many`): up to this many, or
until they hold this many characters (a batch's texts are held in memory at once)."""

TEXT_IN_PARALLEL_FROM = 500_000
"""Characters from which one text is checked by two processes. Measured with
benchmarks/check_speed.py: below, forking and sending the problems back cost about what the
second core saves; a speech is 3,000–20,000 characters, a year's collection millions."""

COST = {"formulation": 7.3, "punctuation": 4.5, "repetition": 3.7, "openings": 2.7, "typo": 2.3,
        "numbering": 2.1, "placeholder": 1.6, "framing": 1.2, "noise": 1.1, "doubled": 0.8, "numbers": 0.8,
        "length": 0.8, "headings": 0.4, "spacing": 0.3, "nesting": 0.2, "idea": 0.0, "quotation": 0.0}
"""Each rule's time on a long text, in passes of one regular expression over it (measured on
the assembled corpus with benchmarks/check_speed.py, the median of five runs), for sharing
the rules out between two processes; ``idea`` and ``quotation`` compare within one speech and
pass over a text this long. A rule not listed counts 1."""

Options = dict[str, dict[str, Any]]


def check_files(files: list[str], enabled: list[str], options: Options,
                jobs: int | None = None) -> list[tuple[str, list[LintProblem]]]:
    """(file, problems) for every file, in the order given. ``jobs``: processes at work at
    once (``None``: one a core): over the files when there are many, else over the rules of
    each long file."""
    if jobs is None:
        jobs = min(os.cpu_count() or 1, 8)
    if jobs > 1 and len(files) < FILES_IN_PARALLEL_FROM:  # a long text among them: by two processes
        with no_collection():
            return [(f, check_text(read_source(f), enabled, options, jobs)) for f in files]
    if jobs <= 1:
        return _check_batches(files, enabled, options)
    workers = pool_size(jobs, len(files))
    # a task a batch of files, and four tasks a worker at the least, so that none waits long
    # for the last
    size = max(1, min(BATCH_FILES, -(-len(files) // (workers * 4))))
    work = [(files[k:k + size], enabled, options) for k in range(0, len(files), size)]
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_quiet_worker)
    try:
        done = pool.map(_in_worker, work)
        with no_collection():
            result = [(name, from_rows(rows)) for batch in map(marshal.loads, done) for name, rows in batch]
    except BrokenProcessPool:
        _tear_down(pool)
        # a worker ended: Ctrl-C reaches the workers too, and this process may see their end
        # before its own interrupt, which arrives meanwhile and is reported as one
        import time
        time.sleep(1)
        raise FayanError(Problem("检查进程意外退出（可能内存不足）。请用 -j 1 再试一次。")) from None
    except BaseException:  # Ctrl-C or an error: no worker goes on checking, none is left behind
        _tear_down(pool)
        raise
    pool.shutdown()
    return result


def _check_batches(files: list[str], enabled: list[str], options: Options) -> list[tuple[str, list[LintProblem]]]:
    """Every file checked in this process, batch by batch (:data:`BATCH_FILES`,
    :data:`BATCH_CHARS`), in the order given."""
    out: list[tuple[str, list[LintProblem]]] = []
    names: list[str] = []
    batch: list[Source] = []
    held = 0
    with no_collection():
        for k, name in enumerate(files):
            source = read_source(name)
            names.append(name)
            batch.append(source)
            held += len(source.text)
            if len(batch) >= BATCH_FILES or held >= BATCH_CHARS or k == len(files) - 1:
                out.extend(zip(names, run_many(batch, enabled, options), strict=True))
                names, batch, held = [], [], 0
    return out


def pool_size(jobs: int, files: int) -> int:
    """Worker processes for ``files`` files when ``jobs`` are asked for: never more than
    there are files to check or processors to check them on."""
    return max(1, min(jobs, files, os.cpu_count() or 1))


def _quiet_worker() -> None:
    """In a worker: Ctrl-C (sent to the whole process group) ends it at once and silently;
    the parent reports the interrupt, once."""
    import signal

    def leave(signum: int, frame: Any) -> None:
        os._exit(128 + signum)
    signal.signal(signal.SIGINT, leave)


def _tear_down(pool: ProcessPoolExecutor) -> None:
    """Stop every worker now: cancel what is queued and end the processes at work."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        with contextlib.suppress(OSError, AttributeError, ValueError):
            process.terminate()
    for process in processes:
        with contextlib.suppress(OSError, AttributeError, ValueError, AssertionError):
            process.join(5)


def _in_worker(job: tuple[list[str], list[str], Options]) -> bytes:
    """Each file's name and problems, marshalled (see _child)."""
    names, enabled, options = job
    with no_collection():
        return marshal.dumps([(name, to_rows(found)) for name, found in _check_batches(names, enabled, options)])


def check_text(source: Source, enabled: list[str], options: Options, jobs: int = 2) -> list[LintProblem]:
    """``check.run``, by two processes for a text of ``TEXT_IN_PARALLEL_FROM`` characters or
    more when ``jobs`` > 1 and the platform can fork (the child shares the text, not a copy)."""
    if jobs <= 1 or len(enabled) < 2 or len(source.text) < TEXT_IN_PARALLEL_FROM or not _can_fork():
        return run(source, enabled, options)
    with no_collection():
        return _by_two(source, enabled, options)


def _by_two(source: Source, enabled: list[str], options: Options) -> list[LintProblem]:
    import multiprocessing
    mine, theirs = _share(enabled)
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(send, source, theirs, options), daemon=True)
    child.start()
    send.close()
    try:
        found = run(source, mine, options)
        try:
            status, value = _receive(receive)
        except EOFError:  # the child died without a word (killed, out of memory): do its share here
            status, value = "ok", run(source, theirs, options)
    except BaseException:  # Ctrl-C: the child stops too, at once
        child.terminate()
        raise
    finally:
        receive.close()
        child.join()
    if status == "error":
        raise value
    return sorted(found + value, key=itemgetter(0, 1, 2))


def _can_fork() -> bool:
    """Forking shares the text without copying it. Not on Windows (no fork) nor macOS (its
    system libraries make a forked child unsafe; Python starts children by spawning there), and
    not from a pool's worker (a daemon may not have children)."""
    import multiprocessing
    import sys
    return (sys.platform != "darwin" and "fork" in multiprocessing.get_all_start_methods()
            and not multiprocessing.current_process().daemon)


def _share(names: list[str]) -> tuple[list[str], list[str]]:
    """The rules in two groups of about equal cost (the costliest first, each to the lighter)."""
    groups: tuple[list[str], list[str]] = ([], [])
    load = [0.0, 0.0]
    for name in sorted(names, key=lambda n: -COST.get(n, 1.0)):
        lighter = 0 if load[0] <= load[1] else 1
        groups[lighter].append(name)
        load[lighter] += COST.get(name, 1.0)
    return groups


def _child(send: Any, source: Source, names: list[str], options: Options) -> None:
    import signal
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to report; it ends this child
    try:
        with no_collection():
            # marshal, not pickle: the rows are ints, strings and None, which marshal writes and
            # reads back three times as fast (the two processes are the same Python)
            send.send_bytes(b"M" + marshal.dumps(to_rows(run(source, names, options))))
    except BaseException as exc:  # noqa: BLE001 - raised again in the parent, where it belongs
        send.send_bytes(b"P" + pickle.dumps(exc))
    finally:
        send.close()


def _receive(receive: Any) -> tuple[str, Any]:
    """What the child sent: ("ok", its problems) or ("error", what it raised)."""
    data = receive.recv_bytes()
    if data[:1] == b"M":
        return "ok", from_rows(marshal.loads(memoryview(data)[1:]))
    return "error", pickle.loads(memoryview(data)[1:])
