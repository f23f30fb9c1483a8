"""The console entry point (`fayan`, `python -m fayan`): the command line, with the edges no
command sees — Ctrl-C while the program is still importing, a closed or full standard output, a
reader that stopped reading (`| head -1`). Kept tiny and free of imports, so that an interrupt
during start-up is caught here and not shown as a traceback."""

from __future__ import annotations

import os
import sys

INTERRUPTED = 130
"""Exit status after Ctrl-C (128 + SIGINT), as shells report it."""

BROKEN_PIPE = 141
"""Exit status when the reader of standard output went away (128 + SIGPIPE), as a Unix tool
killed by SIGPIPE reports it; nothing is printed."""


def interrupted() -> None:
    """Ctrl-C: one short line, exit 130, no traceback (a second Ctrl-C is ignored meanwhile)."""
    import signal
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        sys.stderr.write("\n已中断。\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        pass
    os._exit(INTERRUPTED)


def broken_pipe() -> None:
    """The reader of standard output went away: leave quietly, as `cat | head -1` does. Python
    would still try to flush standard output at exit and complain, so it is pointed at
    /dev/null first."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
    os._exit(BROKEN_PIPE)


class ClosedStream:
    """Standard output the shell closed (`>&-`): writing to it fails as a write to a closed
    descriptor does, so that the command line reports it in one place."""

    closed = False

    @property
    def buffer(self) -> ClosedStream:
        return self

    def write(self, data: object) -> int:
        import errno
        raise OSError(errno.EBADF, "standard output is closed")

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        return 1


def _guard_standard_streams() -> None:
    """A stream the shell closed (`<&-`, `>&-`) is a descriptor the next open() would take, so
    a file fayan writes could end up as “standard output”: point it at /dev/null. ``sys.stdin``
    stays ``None`` (reading “-” is refused with a message); ``sys.stdout`` refuses writes."""
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            try:
                os.dup2(os.open(os.devnull, os.O_RDWR), fd)
            except OSError:
                continue
            if fd == 1:
                sys.stdout = ClosedStream()  # type: ignore[assignment]


def main() -> None:
    try:
        _guard_standard_streams()
        from .cli import main as cli
    except KeyboardInterrupt:
        interrupted()
    cli(prog_name="fayan")


if __name__ == "__main__":  # pragma: no cover
    main()
