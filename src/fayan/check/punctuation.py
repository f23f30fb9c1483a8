"""punctuation — 标点：中文语境里的半角标点、省略号、破折号、直引号、成对标点不配对、标点重复。

Half-width ``, . : ; ! ? ( )`` next to Chinese text become their full-width forms; ``...`` and
``。。。`` or a lone ``…`` become ``……``; ``--`` or a lone ``—`` between Chinese text become
``——``; straight quotes become “” or ‘’ (alternating within a paragraph); doubled marks
(，，) become one. Unbalanced “” ‘’ （） 《》 in a paragraph are reported, not fixed. A
half-width ``1.`` numbering a paragraph, decimals (3.5) and times (8:30) are left alone.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from typing import Any

from . import Fix, LintProblem, problem

ID = "punctuation"
SEVERITY = "error"
DOC = __doc__
RULE = sys.modules[__name__]  # this module, as the rule problems name

CJK = "\u3400-\u9fff\uf900-\ufaff\u3001-\u303f\uff01-\uff5e“”‘’—…"
FULL = {",": "，", ".": "。", ":": "：", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）"}
_HALF = re.compile(r"[,.:;!?()]")  # context is checked per match: a leading lookbehind is slow
_HALF_MESSAGE = {ch: f"中文里用了半角“{ch}”，应为全角“{full}”。" for ch, full in FULL.items()}
_CJK_OTHER = frozenset("“”‘’—…")
_PAIRS = {"“": "”", "‘": "’", "（": "）", "《": "》"}


def _cjk(ch: str) -> bool:
    """A Chinese character or full-width mark (the CJK class above, by comparison: faster)."""
    return bool(ch) and ("\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"
                         or "\u3001" <= ch <= "\u303f" or "\uff01" <= ch <= "\uff5e" or ch in _CJK_OTHER)


def _numbers_paragraph(text: str, at: int) -> bool:
    """Whether the “.” at ``at`` ends a 1. or 12. that begins its line."""
    line_start = text.rfind("\n", 0, at) + 1
    return re.fullmatch(r"[ \t\u3000]*\d{1,2}", text[line_start:at]) is not None


# One pattern a literal: a pattern that begins with one literal gets the regex engine's fast
# search; an alternation (…|…) or a set of first characters is tested at every position.
# (a one-character literal like …+ does not get that fast search: str.find does)
_ELLIPSES = [re.compile(r"\.\.\.+"), re.compile(r"。。。+"), "…"]
_DASH_PATTERNS = [re.compile(r"--+"), "—"]
_DOUBLES = [re.compile(f"{mark}{mark}+") for mark in "，。、；：！？"]


def _each(patterns: list[re.Pattern[str] | str], text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, text) of every match; a str pattern is one character whose runs are found
    with str.find."""
    for pattern in patterns:
        if isinstance(pattern, str):
            at = text.find(pattern)
            while at != -1:
                end = at + 1
                while end < len(text) and text[end] == pattern:
                    end += 1
                yield at, end, text[at:end]
                at = text.find(pattern, end)
        else:
            for m in pattern.finditer(text):
                yield m.start(), m.end(), m.group(0)


def check(source, options: dict[str, Any]) -> Iterator[LintProblem]:
    text = source.text
    for m in _HALF.finditer(text):
        ch, at = m.group(0), m.start()
        before, after = text[at - 1:at] if at else "", text[at + 1:at + 2]
        if not (_cjk(before) or (ch in ",;()" and _cjk(after))):
            continue
        if (ch in ".:" and before.isdigit() and after.isdigit()) or after == "." == ch:
            continue  # 3.5, 8:30; the start of “...”
        if ch == "." and before.isdigit() and _numbers_paragraph(text, at):
            continue  # 1. numbering a paragraph
        yield problem(source, at, RULE, _HALF_MESSAGE[ch], suggestion=FULL[ch], fix=Fix(at, at + 1, FULL[ch]))
    for at, end, token in _each(_ELLIPSES, text):
        if token != "……":
            yield problem(source, at, RULE, f"省略号“{token}”应写作“……”（两个“…”）。",
                          suggestion="……", fix=Fix(at, end, "……"))
    for at, end, token in _each(_DASH_PATTERNS, text):
        if token == "——" or len(token) > 2 and token[0] == "—":
            continue  # ——— is a typo of another kind; leave it to the writer
        if _cjk(text[at - 1:at] if at else "") and _cjk(text[end:end + 1]):
            yield problem(source, at, RULE, f"破折号“{token}”应写作“——”（两个“—”）。",
                          suggestion="——", fix=Fix(at, end, "——"))
    for at, end, token in _each(_DOUBLES, text):
        mark = token[0]
        if mark == "。" and len(token) >= 3:
            continue  # 。。。 is an ellipsis, reported above
        yield problem(source, at, RULE, f"标点“{mark}”重复了。", suggestion=mark, fix=Fix(at, end, mark))
    yield from _quotes_and_pairs(source, text)


_TOKENS = re.compile(r'[“”‘’（）《》"\'\n]')
_HAS_CJK = re.compile(rf"[{CJK}]")
_CLOSERS = {v: k for k, v in _PAIRS.items()}


def _suspects(text: str) -> set[int]:
    """Offsets of line starts whose pairs may be off: an opener not closed before the next
    opener or the line's end, a closer with no opener since the last closer or line start, and
    any straight quote. Each pattern begins with a literal: the engine searches fast."""
    hits: list[int] = []
    for left, right in _PAIRS.items():
        hits += [m.start() for m in re.finditer(f"{left}[^{right}\n]*(?:{left}|\n|$)", text)]
        hits += [m.end() - 1 for m in re.finditer(f"{right}[^{left}\n]*{right}", text)]
        hits += [m.end() - 1 for m in re.finditer(f"\n[^{left}\n]*{right}", text)]
        first = text.find(right)
        if first != -1 and text.rfind(left, 0, first) == -1 and "\n" not in text[:first]:
            hits.append(first)
    for quote in "\"'":
        at = text.find(quote)
        while at != -1:
            hits.append(at)
            at = text.find(quote, at + 1)
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
        fix = Fix(base + at, base + at + 1, want) if want else None
        yield problem(source, base + at, RULE, message, suggestion=want, fix=fix)

