"""The proofreader: rules over a speech's text, each a module with an id, a default severity,
its documentation and ``check(source, options)`` yielding :class:`LintProblem` s (yamllint's
way). Output formats live in the CLI, apart from the rules.

A problem may carry a mechanical fix (an offset range and its replacement); ``apply_fixes``
applies every fix that does not overlap an earlier one.
"""

from __future__ import annotations

import gc
import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from functools import cache
from operator import itemgetter
from types import MappingProxyType
from typing import Any, Literal, NamedTuple, Protocol

from ..reader import Source

Severity = Literal["error", "warning", "info"]


class Fix(NamedTuple):
    start: int
    end: int
    replacement: str


class LintProblem(NamedTuple):
    """One finding. A named tuple: a long text yields tens of thousands, and a tuple is made
    several times faster than a frozen dataclass (benchmarks/check_speed.py)."""

    line: int
    column: int
    rule: str
    severity: Severity
    message: str
    suggestion: str | None = None
    fix: Fix | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"rule": self.rule, "severity": self.severity, "line": self.line, "column": self.column,
                "message": self.message, "suggestion": self.suggestion, "fixable": self.fix is not None}


class Rule(Protocol):
    ID: str
    SEVERITY: Severity
    DOC: str
    # FIXES: bool, where the rule's problems carry mechanical fixes (read with getattr: optional)
    # check_many(sources, options) -> list of problem lists, one a source: where a rule does
    # better on many texts at once (optional; run_many uses it)

    def check(self, source: Source, options: dict[str, Any]) -> Iterator[LintProblem]: ...


@cache
def rules() -> Mapping[str, Rule]:
    """Every rule by id, in reporting order (imported on first use: they compile patterns)."""
    from . import (
        doubled,
        formulation,
        framing,
        headings,
        idea,
        length,
        nesting,
        noise,
        numbering,
        numbers,
        openings,
        placeholder,
        punctuation,
        quotation,
        repetition,
        spacing,
        typo,
    )
    mods = (punctuation, nesting, spacing, placeholder, formulation, typo, doubled, framing, numbering,
            headings, numbers, repetition, idea, quotation, openings, noise, length)
    return MappingProxyType({m.ID: m for m in mods})  # type: ignore[arg-type]


def data_files(default: str, extra: tuple[str, ...], what: str) -> list[tuple[str, bytes]]:
    """A rule's shipped data file (``fayan/data/<default>``) and an office's own files, as
    (name, bytes); one that cannot be read is a DataError naming it."""
    from importlib import resources

    from ..errors import DataError
    from ..reader import read_file
    files = [(default, resources.files("fayan").joinpath(f"data/{default}").read_bytes())]
    files += [(name, read_file(name, what=f"{what}文件", error=DataError)) for name in extra]
    return files


_REGEX_REASONS = {
    "missing )": "左括号“(”没有配对的右括号",
    "unbalanced parenthesis": "右括号“)”多了",
    "unterminated character set": "方括号“[”没有闭合",
    "nothing to repeat": "重复符号（* + ? {}）前面没有内容",
    "multiple repeat": "重复符号连用",
    "bad escape": "反斜杠“\\”后面的字符不认识",
    "bad character range": "方括号里的范围写反了",
    "unknown group name": "引用了不存在的组名",
    "look-behind requires fixed-width pattern": "向后查看（?<=…）里的内容长度必须固定",
    "nested repeat": "重复里套着重复（如 (a+)+），长文本上可能查几个小时也查不完；"
                     "请去掉内层的重复，或改用占有量词（(a+)++）",
}


def _nested_repeat(text: str) -> bool:
    """Whether a pattern repeats something that itself repeats, ``(a+)+`` or ``(\\w*\\s?)*``:
    on a long text that fails to match, the engine tries every way to split it between the two
    repeats, exponentially many (catastrophic backtracking; Python's ``re`` has no time limit).
    Possessive repeats and atomic groups are not counted: they never give back what they took."""
    from re import _constants as c
    from re import _parser as sre

    def walk(items, inside: bool) -> bool:
        for op, av in items:
            if op in (c.MAX_REPEAT, c.MIN_REPEAT):
                repeats = av[1] is c.MAXREPEAT or av[1] > 1
                if (repeats and inside) or walk(av[2], inside or repeats):
                    return True
                continue
            children = ([av[-1]] if op == c.SUBPATTERN else av[1] if op == c.BRANCH
                        else [av[1]] if op in (c.ASSERT, c.ASSERT_NOT) else [])
            if any(walk(child, inside) for child in children):
                return True
        return False  # POSSESSIVE_REPEAT, ATOMIC_GROUP: never backtracked into

    try:
        return walk(sre.parse(text), False)
    except Exception:  # the compiler accepted it; a parser detail we do not know is no refusal
        return False


def user_regex(text: str, file: str, data: Any, path: tuple[Any, ...], what: str) -> re.Pattern[str]:
    """A regular expression from an office's data file, compiled; a mistake in it is a
    DataError at the value's line and column, naming the character and what is wrong."""
    try:
        pattern = re.compile(text)
        if _nested_repeat(text):
            raise re.error("nested repeat")
        return pattern
    except (re.error, RecursionError, OverflowError) as exc:
        from .. import yamlio
        from ..errors import DataError
        msg = getattr(exc, "msg", "")
        reason = next((zh for en, zh in _REGEX_REASONS.items() if msg.startswith(en)), "写法不对")
        at = getattr(exc, "pos", None)
        where = f"第 {at + 2} 个字符处" if isinstance(at, int) else ""
        mark = yamlio.locate(data, path)
        raise DataError(yamlio.Problem(
            f"{what}的正则表达式“/{text[:60]}/”{where}有误：{reason}。请改正；要按字面查找，去掉两边的“/”。",
            file, mark.line if mark else None, mark.column if mark else None)) from None


_new = tuple.__new__  # a named tuple made from a tuple, without its Python-level __new__


def problem(source: Source, offset: int, rule: Rule, message: str, *, suggestion: str | None = None,
            fix: tuple[int, int, str] | None = None, severity: Severity | None = None) -> LintProblem:
    """A problem at ``offset`` of the source; ``fix`` is (start, end, replacement)."""
    starts = source.starts
    line = bisect_right(starts, offset)
    return _new(LintProblem, (line, offset - starts[line - 1] + 1, rule.ID, severity or rule.SEVERITY,
                              message, suggestion, fix and _new(Fix, fix)))


@contextmanager
def no_collection() -> Iterator[None]:
    """The cyclic garbage collector paused: a check makes tens of thousands of small acyclic
    objects (problems, matches), and a collection, which walks every object the process holds,
    is waste; more so the longer the process has lived (benchmarks/check_speed.py)."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def run(source: Source, enabled: Iterable[str] | None = None,
        options: dict[str, dict[str, Any]] | None = None) -> list[LintProblem]:
    """All problems of the enabled rules (default: all), in document order."""
    return run_many([source], enabled, options)[0]


def run_many(sources: list[Source], enabled: Iterable[str] | None = None,
             options: dict[str, dict[str, Any]] | None = None) -> list[list[LintProblem]]:
    """:func:`run` for each of ``sources``, rule by rule: one rule over every text, then the
    next. A rule's patterns and code then stay in the processor's caches from one text to the
    next; text by text, each rule finds them pushed out by the others' (measured on a folder of
    distinct speeches with benchmarks/check_speed.py: 12–16 % faster by 16–64 texts)."""
    names = list(enabled) if enabled is not None else list(rules())
    options = options or {}
    with no_collection():
        table = rules()
        found: list[list[LintProblem]] = [[] for _ in sources]
        for name in names:
            rule, given = table[name], options.get(name, {})
            many = getattr(rule, "check_many", None)
            if many is not None:  # a rule that weighs its texts all at once
                for into, problems in zip(found, many(sources, given), strict=True):
                    into.extend(problems)
                continue
            for into, source in zip(found, sources, strict=True):
                into.extend(rule.check(source, given))
        severity = {name: options.get(name, {}).get("severity") for name in names}
        if any(severity.values()):
            found = [[p._replace(severity=severity[p.rule]) if severity.get(p.rule) else p for p in one]
                     for one in found]
        return [sorted(one, key=itemgetter(0, 1, 2)) for one in found]  # line, column, rule


def to_rows(problems: list[LintProblem]) -> list[tuple[Any, ...]]:
    """Problems as plain tuples, to send to another process: pickle makes a named tuple through
    a Python method each (5 µs), a plain tuple in C (0.4 µs)."""
    return [tuple(p) if p[6] is None else (*p[:6], tuple(p[6])) for p in problems]


def from_rows(rows: list[tuple[Any, ...]]) -> list[LintProblem]:
    return [_new(LintProblem, r) if r[6] is None else _new(LintProblem, (*r[:6], _new(Fix, r[6]))) for r in rows]


def apply_fixes(text: str, problems: Iterable[LintProblem]) -> str:
    # at one place the widest fix wins (“...” as a whole, not its first dot)
    fixes = sorted((p.fix for p in problems if p.fix), key=lambda f: (f.start, -f.end))
    out, pos = [], 0
    for f in fixes:
        if f.start < pos:
            continue  # overlaps a fix already applied: the next run picks it up
        out.append(text[pos:f.start])
        out.append(f.replacement)
        pos = f.end
    out.append(text[pos:])
    return "".join(out)


def fixing(enabled: Iterable[str]) -> list[str]:
    """The enabled rules whose problems carry mechanical fixes (a module's ``FIXES``)."""
    table = rules()
    return [name for name in enabled if getattr(table[name], "FIXES", False)]


def fix_text(text: str, source_for: Any, enabled: Iterable[str], max_rounds: int = 5) -> str:
    """Apply mechanical fixes until none is left (fixes may uncover others)."""
    enabled = list(enabled)
    for _ in range(max_rounds):
        problems = [p for p in run(source_for(text), enabled) if p.fix]
        if not problems:
            break
        text = apply_fixes(text, problems)
    return text
