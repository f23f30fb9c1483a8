"""punctuation — 标点：中文语境里的半角标点、省略号、破折号、直引号、成对标点不配对、标点重复。

Half-width ``, . : ; ! ? ( )`` next to Chinese text become their full-width forms; ``...`` and
``。。。`` or a lone ``…`` become ``……``; ``--`` or a lone ``—`` between Chinese text become
``——``; straight quotes become “” or ‘’ (alternating within a paragraph); doubled marks
(，，) become one. Unbalanced “” ‘’ （） 《》 in a paragraph are reported, not fixed. A
half-width ``1.`` numbering a paragraph, decimals (3.5), times (8:30) and a dot before Latin
letters (方案.docx) are left alone.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from typing import Any

from . import LintProblem, problem
from .headings import wrong_markers

ID = "punctuation"
SEVERITY = "error"
DOC = __doc__
FIXES = True
RULE = sys.modules[__name__]  # this module, as the rule problems name

CJK = "\u3400-\u9fff\uf900-\ufaff\u3001-\u303f\uff01-\uff5e“”‘’—…"
FULL = {",": "，", ".": "。", ":": "：", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）"}
_HALF_MESSAGE = {ch: f"中文里用了半角“{ch}”，应为全角“{full}”。" for ch, full in FULL.items()}
_CJK_OTHER = frozenset("“”‘’—…")
_PAIRS = {"“": "”", "‘": "’", "（": "）", "《": "》"}


def _cjk(ch: str) -> bool:
    """A Chinese character or full-width mark (the CJK class above, by comparison: faster)."""
    return bool(ch) and ("\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"
                         or "\u3001" <= ch <= "\u303f" or "\uff01" <= ch <= "\uff5e" or ch in _CJK_OTHER)


def _offsets(text: str, ch: str) -> Iterator[int]:
    """Every offset of one character, found with str.find (the fastest scan there is)."""
    at = text.find(ch)
    while at != -1:
        yield at
        at = text.find(ch, at + 1)


def _half_marks(text: str) -> Iterator[tuple[int, str]]:
    """(offset, mark) of every half-width , . : ; ! ? ( ), a mark at a time: eight searches for
    one character each are faster than one pass of a character set, and the context is judged
    per mark (a leading lookbehind would be tested at every position)."""
    for ch in FULL:
        for at in _offsets(text, ch):
            yield at, ch


def _numbers_paragraph(text: str, at: int) -> bool:
    """Whether the “.” at ``at`` ends a 1. or 12. that begins its line."""
    line_start = text.rfind("\n", 0, at) + 1
    return re.fullmatch(r"[ \t\u3000]*\d{1,2}", text[line_start:at]) is not None


# Each a literal and the run of its last character after it (... matches ...., not ..).
# Measured on 10 MB: str.find of one character scans fastest (about 1 ms), then a pattern
# beginning with a literal (2–4 ms; str.find of two characters or more takes 5 ms);
# a pattern beginning with a repeat (…+) or a set is tried at every position (30 ms).
_ELLIPSES = ["...", "…"]  # 。。。 is found with the doubled 。。
_DASHES = ["--", "—"]
_DOUBLES = [mark * 2 for mark in "，。、；：！？"]
_LITERAL_RUN = {literal: re.compile(re.escape(literal) + re.escape(literal[-1]) + "*")
                for literal in _ELLIPSES + _DASHES + _DOUBLES if len(literal) > 1}


def _runs(literals: list[str], text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, text) of every occurrence of each literal, extended over the run of its
    last character that follows."""
    size = len(text)
    for literal in literals:
        if len(literal) > 1:
            for m in _LITERAL_RUN[literal].finditer(text):
                yield m.start(), m.end(), m.group(0)
            continue
        at = text.find(literal)
        while at != -1:
            end = at + 1
            while end < size and text[end] == literal:
                end += 1
            yield at, end, text[at:end]
            at = text.find(literal, end)


def _ellipsis(source, at: int, end: int, token: str) -> LintProblem:
    return problem(source, at, RULE, f"省略号“{token}”应写作“……”（两个“…”）。", suggestion="……",
                   fix=(at, end, "……"))


def check(source, options: dict[str, Any]) -> Iterator[LintProblem]:
    # a heading marker written against GB/T 9704 ((二), 一.) is the headings rule's: one report
    taken = {at for start, end, _, _ in wrong_markers(source.text) for at in range(start, end)}
    if not taken:
        yield from _check(source)
        return
    starts = source.starts
    for p in _check(source):
        if starts[p.line - 1] + p.column - 1 not in taken:
            yield p


def _check(source) -> Iterator[LintProblem]:
    text = source.text
    for at, ch in _half_marks(text):
        before, after = text[at - 1:at] if at else "", text[at + 1:at + 2]
        if not (_cjk(before) or (ch in ",;()" and _cjk(after))):
            continue
        if (ch in ".:" and before.isdigit() and after.isdigit()) or after == "." == ch:
            continue  # 3.5, 8:30; the start of “...”
        if ch == "." and after.isascii() and after.isalpha():
            continue  # 方案.docx, 政府网.gov.cn: a name, not a full stop
        if ch == "." and before.isdigit() and _numbers_paragraph(text, at):
            continue  # 1. numbering a paragraph
        yield problem(source, at, RULE, _HALF_MESSAGE[ch], suggestion=FULL[ch], fix=(at, at + 1, FULL[ch]))
    for at, end, token in _runs(_ELLIPSES, text):
        if token != "……":
            yield _ellipsis(source, at, end, token)
    for at, end, token in _runs(_DASHES, text):
        if token == "——" or len(token) > 2 and token[0] == "—":
            continue  # ——— is a typo of another kind; leave it to the writer
        if _cjk(text[at - 1:at] if at else "") and _cjk(text[end:end + 1]):
            yield problem(source, at, RULE, f"破折号“{token}”应写作“——”（两个“—”）。",
                          suggestion="——", fix=(at, end, "——"))
    for at, end, token in _runs(_DOUBLES, text):
        mark = token[0]
        if mark == "。" and len(token) >= 3:
            yield _ellipsis(source, at, end, token)
        else:
            yield problem(source, at, RULE, f"标点“{mark}”重复了。", suggestion=mark, fix=(at, end, mark))
    yield from _quotes_and_pairs(source, text)


_TOKENS = re.compile(r'[“”‘’（）《》"\'\n]')
_HAS_CJK = re.compile(rf"[{CJK}]")
_CLOSERS = {v: k for k, v in _PAIRS.items()}


# Each pattern begins with one literal mark, so the engine jumps from mark to mark; the
# possessive run stops at the next mark of the pair or the line's end (no backtracking).
_OPEN_LEFT = [re.compile(f"{left}[^{left}{right}\n]*+(?:{left}|\n|\\Z)") for left, right in _PAIRS.items()]
_CLOSE_LEFT = [re.compile(f"{right}[^{left}{right}\n]*+(?:{right}|\n|\\Z)") for left, right in _PAIRS.items()]
"""(on the text reversed) a closer whose nearest mark of its pair before it is another closer,
or none since the line began"""


def _suspects(text: str) -> set[int]:
    """Offsets of line starts whose pairs may be off: an opener not closed before the next
    opener or the line's end, a closer with no opener since the last closer or the line's
    start, and any straight quote."""
    hits: list[int] = []
    for pattern in _OPEN_LEFT:
        hits += [m.start() for m in pattern.finditer(text)]
    backwards, last = text[::-1], len(text) - 1
    for pattern in _CLOSE_LEFT:
        hits += [last - m.start() for m in pattern.finditer(backwards)]
    for quote in "\"'":
        hits += _offsets(text, quote)
    return {text.rfind("\n", 0, h) + 1 for h in hits}


def _quotes_and_pairs(source, text: str) -> Iterator[LintProblem]:
    """Straight quotes and unbalanced pairs, paragraph by paragraph; only paragraphs that the
    fast regexes above flag are scanned mark by mark."""
    for start in sorted(_suspects(text)):
        end = text.find("\n", start)
        yield from _scan_paragraph(source, text[start:] if end == -1 else text[start:end], start)


def _scan_paragraph(source, para: str, base: int) -> Iterator[LintProblem]:
    stacks: dict[str, list[int]] = {left: [] for left in _PAIRS}
    found: list[tuple[int, str]] = []
    opened = {'"': False, "'": False}
    straight_ok = _HAS_CJK.search(para) is not None
    for m in _TOKENS.finditer(para):
        ch, at = m.group(0), m.start()
        if ch in "\"'":
            if straight_ok:
                left, right = ("“", "”") if ch == '"' else ("‘", "’")
                want = right if opened[ch] else left
                opened[ch] = not opened[ch]
                found.append((at, f"中文里用了直引号“{ch}”，应为“{want}”。", want))
        elif ch in _PAIRS:
            stacks[ch].append(at)
        elif ch != "\n":
            stack = stacks[_CLOSERS[ch]]
            if stack:
                stack.pop()
            else:
                found.append((at, f"“{ch}”前面没有配对的“{_CLOSERS[ch]}”。", None))
    for left, stack in stacks.items():
        found.extend((q, f"“{left}”没有配对的“{_PAIRS[left]}”。", None) for q in stack)
    for at, message, want in sorted(found):
        fix = (base + at, base + at + 1, want) if want else None
        yield problem(source, base + at, RULE, message, suggestion=want, fix=fix)

