"""The harness every hostile case runs in: the real `python -m fayan` in a child process, as a
user's shell runs it, with a wall-clock limit (a subprocess timeout, not a speed assertion) and
a memory cap (``resource.setrlimit`` in the child), and the checks a careless user's mistake must
pass: the exit status, a Chinese message that names the place, no traceback, no stray or
changed file.
"""

from __future__ import annotations

import hashlib
import os
import re
import resource
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

TIME_LIMIT = 60          # seconds: a hang is a failure, not a slow pass
MEMORY_LIMIT = 1 << 30   # 1 GiB of address space beyond what the interpreter needs


@dataclass
class Run:
    args: tuple[str, ...]
    code: int
    stdout: str
    stderr: str
    seconds: float


def _limit_memory() -> None:  # runs in the child, before exec
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT + (512 << 20),) * 2)


def run(*args: str | os.PathLike, input: bytes | None = None, cwd: Path | None = None,
        stdin=None, env: dict | None = None, timeout: float = TIME_LIMIT) -> Run:
    """Run `python -m fayan ARGS` in a child with a time and memory limit."""
    argv = [sys.executable, "-m", "fayan", *map(str, args)]
    full_env = {**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})}
    started = time.monotonic()
    proc = subprocess.Popen(argv, stdin=subprocess.PIPE if input is not None else stdin,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=cwd,
                            env=full_env, preexec_fn=_limit_memory, start_new_session=True)
    try:
        out, err = proc.communicate(input, timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise AssertionError(f"fayan {' '.join(map(str, args))} hung: no end within {timeout} s") from None
    return Run(tuple(map(str, args)), proc.returncode, out.decode("utf-8", "replace"),
               err.decode("utf-8", "replace"), time.monotonic() - started)


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under FOLDER (links not followed) with a hash of its bytes."""
    seen = {}
    for path in sorted(folder.rglob("*")):
        rel = str(path.relative_to(folder))
        if path.is_symlink():
            seen[rel] = "-> " + os.readlink(path)
        elif path.is_file():
            seen[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return seen


_HAN = re.compile(r"[\u4e00-\u9fff]")
_PLACE = re.compile(r"^(?P<file>[^\n]+?):(?P<line>\d+)(?::(?P<col>\d+))?: ", re.M)
# English a library (PyYAML, pydantic, Jinja2, the OS) writes, which must never reach the user
_ENGLISH = re.compile(r"Traceback|Error:|Exception|line \d+, column|position \d+|"
                      r"No such file|Permission denied|Is a directory|codec can't|"
                      r"while (?:parsing|scanning)|expected <|found character|"
                      r"validation error|Input should|Field required|undefined|"
                      r"object has no attribute|Errno")


def assert_refused(result: Run, *, code: int = 2, file: str | None = None,
                   located: bool = True) -> None:
    """A user's mistake: exit CODE, a Chinese message on stderr (with file:line[:col] when
    LOCATED), no traceback, no English fragment of a library's message."""
    shown = f"exit {result.code}\nstdout: {result.stdout[-800:]}\nstderr: {result.stderr[-1500:]}"
    assert result.code == code, shown
    assert "Traceback" not in result.stderr, shown
    assert _HAN.search(result.stderr), "no Chinese message: " + shown
    assert not _ENGLISH.search(result.stderr), "an English library message reached the user: " + shown
    if file is not None:
        assert file in result.stderr, f"the message does not name {file}: " + shown
    if located:
        assert _PLACE.search(result.stderr), "the message names no line: " + shown


def assert_clean(result: Run, code: int = 0) -> None:
    shown = f"exit {result.code}\nstderr: {result.stderr[-1500:]}"
    assert result.code == code, shown
    assert "Traceback" not in result.stderr, shown


# Ctrl-C at a chosen moment, for the cases about interrupts. A terminal sends SIGINT to the
# whole foreground process group; the child is the leader of its own group (start_new_session),
# so ``os.killpg`` does what the keyboard does. A moment inside the child is reached exactly by
# a sitecustomize module put first on the child's path: it raises KeyboardInterrupt there, which
# is what Python's SIGINT handler does.
_SITECUSTOMIZE = '''
import os, sys
_at = os.environ.get("FAYAN_HOSTILE_INTERRUPT_AT", "")
if _at == "replace":  # between writing a temporary file and renaming it into place
    _replace = os.replace
    def _interrupting_replace(src, dst, *args, **kwargs):
        if str(src).endswith(".tmp"):
            raise KeyboardInterrupt
        return _replace(src, dst, *args, **kwargs)
    os.replace = _interrupting_replace
elif _at.startswith("import:"):  # while the program imports a module
    class _Interrupt:
        def find_spec(self, fullname, path=None, target=None):
            if fullname == _at[len("import:"):]:
                raise KeyboardInterrupt
    sys.meta_path.insert(0, _Interrupt())
'''


def run_interrupted(*args: str | os.PathLike, cwd: Path, at: str | None = None,
                    after: float | None = None, input: bytes | None = None,
                    hold_stdin: bool = False, timeout: float = TIME_LIMIT) -> Run:
    """Run `python -m fayan ARGS` and press Ctrl-C: AT a moment inside the child (``"replace"``:
    between writing the temporary file and renaming it; ``"import:MODULE"``: while importing
    MODULE), or AFTER some seconds (SIGINT to the child's process group, workers included).
    HOLD_STDIN keeps standard input open and empty, as a user who has not typed yet."""
    import tempfile
    argv = [sys.executable, "-m", "fayan", *map(str, args)]
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    with tempfile.TemporaryDirectory(prefix="fayan-hostile-site-") as site:
        if at is not None:
            Path(site, "sitecustomize.py").write_text(_SITECUSTOMIZE, encoding="utf-8")
            env["PYTHONPATH"] = os.pathsep.join(p for p in (site, env.get("PYTHONPATH")) if p)
            env["FAYAN_HOSTILE_INTERRUPT_AT"] = at
        started = time.monotonic()
        proc = subprocess.Popen(argv, stdin=subprocess.PIPE if input is not None or hold_stdin else subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=cwd, env=env,
                                preexec_fn=_limit_memory, start_new_session=True)
        if after is not None:  # stdin stays open meanwhile (communicate would close it)
            if input:
                proc.stdin.write(input)
                proc.stdin.flush()
            deadline = time.monotonic() + after
            while proc.poll() is None and time.monotonic() < deadline:
                time.sleep(0.05)
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGINT)
            input = None
        out, err = _finish(proc, input, timeout, args)
        leftover = _group_alive(proc.pid)
    result = Run(tuple(map(str, args)), proc.returncode, out.decode("utf-8", "replace"),
                 err.decode("utf-8", "replace"), time.monotonic() - started)
    result.leftover = leftover  # type: ignore[attr-defined]
    return result


def _finish(proc: subprocess.Popen, input: bytes | None, timeout: float, args) -> tuple[bytes, bytes]:
    """The child's output once it ends; one still running after TIMEOUT is killed, a failure."""
    import threading
    timer = threading.Timer(timeout, os.killpg, (proc.pid, signal.SIGKILL))
    timer.start()
    try:
        out, err = proc.communicate(input)
    finally:
        timer.cancel()
    if proc.returncode == -signal.SIGKILL:
        raise AssertionError(f"fayan {' '.join(map(str, args))} hung after Ctrl-C")
    return out, err


def _group_alive(pgid: int) -> bool:
    """Whether any process of the child's group (a worker) outlived it, after a grace period;
    any such process is killed."""
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return False
        time.sleep(0.05)
    os.killpg(pgid, signal.SIGKILL)
    return True


def assert_interrupted(result: Run) -> None:
    """Ctrl-C: exit 130, one short Chinese line, no traceback, no worker left running."""
    shown = f"exit {result.code}\nstdout: {result.stdout[-800:]}\nstderr: {result.stderr[-1500:]}"
    assert result.code == 130, shown
    assert "Traceback" not in result.stderr and "KeyboardInterrupt" not in result.stderr, shown
    assert result.stderr.count("已中断。") == 1, shown
    assert not getattr(result, "leftover", False), "a worker outlived the interrupted run: " + shown
