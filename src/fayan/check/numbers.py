"""numbers — 数字与日期（GB/T 15835）：汉字数字里的零写作“〇”（二〇二四年，不作二0二四年、二O二四年、
二○二四年、二零二四年）；阿拉伯数字不与“十”“百”“千”连用作单位（3000人或三千人，不作3千人；“万”
“亿”可以），“百分之”后不接阿拉伯数字（95%或百分之九十五）；不存在的日期（13月、2月30日、4月31日，
有年份时连闰年一起算）；年份起止用一字线（2023—2024年，不作2023-2024年）。

A zero or a range is fixed with ``--fix``; a number that mixes its forms or a date that
cannot be is left to the writer (3000 or 三千; which date was meant). Each kind is found from
a character of its own (0, O, ○, 零, 千, 百, 百分之, 月, a hyphen): a pass of a single character
is the cheapest scan there is.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from typing import Any

from . import LintProblem, problem

ID = "numbers"
SEVERITY = "error"
DOC = __doc__
FIXES = True
RULE = sys.modules[__name__]  # this module, as the rule problems name

DIGITS = "〇一二三四五六七八九"
_RUN = re.compile(f"[{DIGITS}0O○零]+")
# each begins with its literal character, so the engine jumps from one to the next (a class of
# first characters would be tried at every position), and looks around only there
_UNITS = [re.compile(rf"{unit}(?<=\d{unit})(?!分之|米|克|瓦|伏|帕|焦|卡|赫|兆|字节|分点)") for unit in "千百"]
_NUMBER_BEFORE = re.compile(r"\d+(?:\.\d+)?$")
_PERCENT = re.compile(r"百分之(\d+(?:\.\d+)?)")
_MONTH = re.compile(r"月(?<=\d月)")
_DATE_BEFORE = re.compile(r"(?:(\d{4})年)?(\d{1,2})$")
_DAY_AFTER = re.compile(r"(\d{1,2})日")
_RANGES = [(mark, re.compile(rf"{re.escape(mark)}(?<=\d{{4}}{re.escape(mark)})(?=\d{{4}}年)")) for mark in "-–－~"]
_ZEROS = [(zero, re.compile(f"{zero}(?:(?<=[〇一二三四五六七八九]{zero})|(?=[〇0O○零]*[一二三四五六七八九]))"))
          for zero in "0O○零"]
_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _zeros(source, text: str) -> Iterator[LintProblem]:
    """A 0, O, ○ or 零 among Chinese digits (二0二四年), or 零 in a year written digit by digit."""
    done = -1
    spots = sorted(m.start() for zero, pattern in _ZEROS if zero in text for m in pattern.finditer(text))
    for at in spots:
        if at < done:
            continue
        run = _RUN.match(text, _run_start(text, at))
        if run is None:
            continue
        digits = run.group(0)
        done = run.end()
        year = text.startswith("年", run.end())
        if not any(ch in DIGITS for ch in digits):
            continue  # 2024, O2O: no Chinese digit
        if not year and "零" in digits and not any(ch in "0O○" for ch in digits):
            continue  # 三千零五, 零容忍: 零 is right outside a year written digit by digit
        if not year and not any(ch in "0O○" and _among_chinese(digits, i) for i, ch in enumerate(digits)):
            continue
        fixed = "".join("〇" if ch in "0O○零" else ch for ch in digits)
        for i, ch in enumerate(digits):
            if ch in "0O○零":
                spot = run.start() + i
                yield problem(source, spot, RULE, f"汉字数字里的零应写作“〇”：“{digits}”应为“{fixed}”。",
                              suggestion="〇", fix=(spot, spot + 1, "〇"))


def _run_start(text: str, at: int) -> int:
    while at > 0 and (text[at - 1] in DIGITS or text[at - 1] in "0O○零"):
        at -= 1
    return at


def _among_chinese(digits: str, i: int) -> bool:
    """Whether the 0 or O at ``digits[i]`` has a Chinese digit on either side (一0一), not only
    zeros and Latin letters."""
    return any(ch in DIGITS for ch in digits[max(0, i - 1):i + 2])


def _mixed(source, text: str) -> Iterator[LintProblem]:
    for m in (m for pattern in _UNITS for m in pattern.finditer(text)):
        before = _NUMBER_BEFORE.search(text, max(0, m.start() - 12), m.start())
        if before is None or (before.start() and text[before.start() - 1] in ".0123456789"):
            continue
        number, unit = before.group(0), m.group(0)
        value = _times(number, 1000 if unit == "千" else 100)
        yield problem(source, before.start(), RULE,
                      f"阿拉伯数字不与“{unit}”连用：“{number}{unit}”应写作“{value}”，或全用汉字（“万”“亿”可以）。",
                      suggestion=value)
    for m in _PERCENT.finditer(text):
        yield problem(source, m.start(), RULE,
                      f"“{m.group(0)}”混用了汉字和阿拉伯数字：应写作“{m.group(1)}%”或全用汉字。",
                      suggestion=f"{m.group(1)}%")


def _times(number: str, unit: int) -> str:
    whole, _, part = number.partition(".")
    value = int(whole) * unit + (int(part.ljust(len(str(unit)) - 1, "0")[:len(str(unit)) - 1]) if part else 0)
    return str(value)


def _dates(source, text: str) -> Iterator[LintProblem]:
    """A month that does not exist, or a day the month does not have (2月29日 only in a leap
    year, when the year is written)."""
    for m in _MONTH.finditer(text):
        at = m.start()
        before = _DATE_BEFORE.search(text, max(0, at - 8), at)
        if before is None or (before.start(2) > 0 and text[before.start(2) - 1].isdigit()
                              and before.group(1) is None):
            continue  # 123月 or a code: not a date
        year, month = before.group(1), int(before.group(2))
        start = before.start(1) if year else before.start(2)
        if not 1 <= month <= 12:
            yield problem(source, start, RULE, f"日期有误：没有{month}月。")
            continue
        day_m = _DAY_AFTER.match(text, at + 1)
        if day_m is None:
            continue
        day = int(day_m.group(1))
        most = _DAYS[month - 1]
        if month == 2 and year is not None:
            y = int(year)
            most = 29 if (y % 4 == 0 and y % 100 != 0) or y % 400 == 0 else 28
        if not 1 <= day <= most:
            written = text[start:day_m.end()]
            yield problem(source, start, RULE, f"日期有误：“{written}”不存在（{month}月只有{most}天）。")


def _ranges(source, text: str) -> Iterator[LintProblem]:
    for m in (m for mark, pattern in _RANGES if mark in text for m in pattern.finditer(text)):
        at = m.start()
        yield problem(source, at, RULE, f"年份起止用一字线：“{text[at - 4:at + 6]}”应为“{text[at - 4:at]}—{text[at + 1:at + 6]}”。",
                      suggestion="—", fix=(at, at + 1, "—"), severity="warning")


def check(source, options: dict[str, Any]) -> Iterator[LintProblem]:
    text = source.text
    yield from _zeros(source, text)
    yield from _mixed(source, text)
    yield from _dates(source, text)
    yield from _ranges(source, text)
