"""Errors that a user can act on.

Every error carries one or more :class:`Problem` entries, each naming the file, line and column
where known (``None`` means "not known", never "line zero"). The CLI prints them one a line as
``file:line:col: message`` and exits with status 2; nothing here prints.

Each error class also inherits the builtin a Python caller would expect (``BriefError`` is a
``ValueError``, ``TemplateNotFound`` a ``LookupError``), as copier does.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong, where it is and what to do about it.

    ``file`` is the path as the user gave it (``<stdin>`` for standard input); ``line`` and
    ``column`` are 1-based, or ``None`` when the problem has no single place.
    """

    message: str
    file: str | None = None
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        where = [str(p) for p in (self.file, self.line, self.column) if p is not None]
        return f"{':'.join(where)}: {self.message}" if where else self.message


class FayanError(Exception):
    """Base of every error fayan raises for a user's mistake; holds one or more problems."""

    def __init__(self, problems: list[Problem] | Problem | str):
        if isinstance(problems, str):
            problems = Problem(problems)
        if isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __init_subclass__(cls, **kwargs: object) -> None:
        # ``class BriefError(ValueError, FayanError)`` would find ValueError.__init__ first
        super().__init_subclass__(**kwargs)
        cls.__init__ = FayanError.__init__  # type: ignore[method-assign]


class BriefError(ValueError, FayanError):
    """The brief (the user's YAML) is malformed or does not validate."""


class DataError(ValueError, FayanError):
    """A template (skeleton) or phrase-bank file is malformed or inconsistent."""


class TemplateNotFound(LookupError, FayanError):
    """No template of that name in the built-in or user template directories."""


class ComposeError(ValueError, FayanError):
    """The brief asks for something the template and phrase bank cannot give (a bad pin, …)."""


class OutputError(OSError, FayanError):
    """An output file cannot be written (exists without --force, bad format, …)."""
