"""numbering — 序号：同一级序号跳号或重号（一、二、四、），下一级换了上级后没有从头编
（（一）（二）后又从（三）起），同一级混用两种序号（一、与第一，）；只有（一）没有（二）；
“以下几点：”后面只有一点（或说“三点”却只有两点）。

Levels as GB/T 9704 has them: 一、 → （一） → 1. → （1）; 第一， and 一是 / 一要 are counted
as their own families. 一是……二是…… inside a paragraph is checked within the paragraph.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_right
from collections.abc import Iterator
from typing import Any

from ..analyze import FAMILIES as MARKER_FAMILIES
from ..analyze import marker_value
from ..document import chinese_number
from . import LintProblem, problem

ID = "numbering"
SEVERITY = "error"
DOC = __doc__
RULE = sys.modules[__name__]  # this module, as the rule problems name

CN = "一二三四五六七八九十"
LEVELS = {"一、": 1, "第一，": 1, "（一）": 2, "1.": 3, "（1）": 4}
"""The families judged at the start of a paragraph, by GB/T 9704 level (一是 / 一要 are judged
as series inside paragraphs, below)."""
FAMILIES = [(name, LEVELS[name], pattern) for name, _, _, pattern in MARKER_FAMILIES if name in LEVELS]
_INDENT = " \t\u3000"
_MARKERS = re.compile(r"##paid(?:begin|end)##")
_FIRST_OF_SERIES = re.compile("一[是要]")
_INLINE = re.compile(rf"([{CN}]{{1,3}})(是|要)(?=[^，。；\n]{{2,}})")


# from the newline: a pattern that begins with a literal is searched fast (a multiline ^ is not)
_MARKER_LINE = re.compile(
    rf"\n(?:##paid(?:begin|end)##)?[ \t\u3000]*(?:[{CN}]{{1,3}}、|第[{CN}]|[（(][{CN}\d]|\d{{1,2}}[.．、])")


def check(source, options: dict[str, Any]) -> Iterator[LintProblem]:
    """Only lines that begin with a marker are looked at (found in one pass of the text)."""
    text = source.text
    last: dict[str, int] = {}       # family → last number seen
    first_at: dict[str, int] = {}   # family → where its series' first item stands
    items: dict[str, int] = {}      # family → items in its series so far
    level_family: dict[int, str] = {}
    # the pattern runs over "\n" + text, so each match's start is its line's start in text
    for start in (m.start() for m in _MARKER_LINE.finditer("\n" + text)):
        end = text.find("\n", start)
        raw = text[start:] if end == -1 else text[start:end]
        para = _MARKERS.sub(lambda m: " " * len(m.group(0)), raw) if "##" in raw else raw
        body = para.lstrip(_INDENT)
        at = start + len(para) - len(body)  # where the marker begins
        for name, level, pattern in FAMILIES:
            m = pattern.match(body)
            if not m:
                continue
            n = marker_value(m.group(1))
            if n is None:
                break
            if level in level_family and level_family[level] != name:
                yield problem(source, at, RULE, f"同一级混用了“{level_family[level]}”和“{name}”两种序号。", severity="warning")
            level_family.setdefault(level, name)
            expected = last.get(name, 0) + 1
            if n != expected:
                word = "重复" if n <= last.get(name, 0) else "跳号"
                yield problem(source, at, RULE, f"序号{word}：这里是第 {n} 个，应为第 {expected} 个。")
            last[name] = n
            if name not in items:
                first_at[name] = at
            items[name] = items.get(name, 0) + 1
            for lower_name, lower_level, _ in FAMILIES:  # a new parent restarts its children
                if lower_level > level:
                    last.pop(lower_name, None)
                    if items.pop(lower_name, 0) == 1:
                        yield _lone(source, first_at[lower_name], lower_name)
            break
    for name, n in items.items():
        if n == 1 and name != "一、":  # a speech of one part is its own matter; a lone (一) is not
            yield _lone(source, first_at[name], name)
    yield from _inline_all(source, RULE)
    yield from _lead_ins(source)


def _lone(source, at: int, name: str) -> LintProblem:
    second = {"第一，": "第二，", "（一）": "（二）", "1.": "2.", "（1）": "（2）"}.get(name, "第二项")
    return problem(source, at, RULE, f"只有“{name}”，没有“{second}”：只有一项就不必编号，或再分出一项。",
                   severity="warning")


_LEAD_IN = re.compile(rf"(?:以下|如下|下面|这样)([几{CN}两])(?:点|个方面|方面|项|条|件事)[^。：:\n]{{0,10}}[：:]")
_ITEM = re.compile(rf"([{CN}]{{1,3}})(?:是|要)|第([{CN}]{{1,3}})[，、]")


def _lead_ins(source) -> Iterator[LintProblem]:
    """“以下几点：” followed by fewer items than it announces (几: two or more)."""
    text = source.text
    for m in _LEAD_IN.finditer(text):
        want = 2 if m.group(1) == "几" else marker_value(m.group(1)) or 2
        end = text.find("\n", m.end())
        rest = text[m.end():end if end != -1 else len(text)].strip()
        if rest:  # the items run on in this paragraph: 一是……二是……, or clauses apart by ；
            numbers = [marker_value(a or b) for a, b in _ITEM.findall(rest)]
            got = max((n for n in numbers if n), default=0) or rest.rstrip("。；").count("；") + 1
        else:  # the items are the paragraphs that follow, each with its marker
            got = _items_below(text, end)
        if got < want:
            enough = "两项以上" if m.group(1) == "几" else f"{m.group(1)}项"
            yield problem(source, m.start(), RULE,
                          f"说了“{m.group(0).rstrip('：:')}”，后面只有 {got} 项：改说法，或补足到{enough}。",
                          severity="warning")


def _items_below(text: str, at: int) -> int:
    """How many numbered paragraphs of one family follow ``at`` before a higher level."""
    family, level, count = None, 0, 0
    for line in text[at:].split("\n")[1:200]:
        body = line.lstrip(_INDENT)
        for name, lvl, pattern in FAMILIES:
            if pattern.match(body):
                if family is None:
                    family, level = name, lvl
                if name == family:
                    count += 1
                elif lvl < level:
                    return count
                break
    return count


def _inline_all(source, RULE) -> Iterator[LintProblem]:
    """一是……二是…… series, found in one pass and judged paragraph by paragraph."""
    text = source.text
    # a series starts at 一是 or 一要: find those (one pattern beginning with its literal 一),
    # look at their lines only
    lines = {bisect_right(source.starts, m.start()) for m in _FIRST_OF_SERIES.finditer(text)}
    for line in sorted(lines):
        start = source.offset(line, 1)
        end = text.find("\n", start)
        yield from _inline(source, text[start:] if end == -1 else text[start:end], start, RULE)


def _inline(source, para: str, offset: int, RULE) -> Iterator[LintProblem]:
    """一是……二是……三是…… within one paragraph."""
    series: dict[str, int] = {}
    for m in _INLINE.finditer(para):
        n, kind = marker_value(m.group(1)), m.group(2)
        if n is None or (n == 1 and kind not in series and m.start() > 0 and para[m.start() - 1] in CN):
            continue
        if n == 1:
            series[kind] = 1
            continue
        if kind not in series:
            continue  # 二是 without 一是: not a series this rule can judge
        if n != series[kind] + 1:
            word = "重复" if n <= series[kind] else "跳号"
            yield problem(source, offset + m.start(), RULE,
                          f"“{m.group(1)}{kind}”{word}：前面是“{chinese_number(series[kind])}{kind}”。")
        series[kind] = n
