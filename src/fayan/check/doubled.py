"""doubled — 重字：不会重叠的字写重了（“我们们”“的的”“与与”），--fix 删去一个。

Not every doubled character is a slip: people write 常常、人人、天天、认认真真, and two words may
meet on one character (学习习近平, 人民民主, 工作作风). So only characters that are never
reduplicated are looked at (:data:`NEVER`: suffixes and function words), and where two words
meet on one of them (目的的, 为了了解, 参与与否) the places are listed (:data:`MEETS`).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from typing import Any

from . import LintProblem, problem

ID = "doubled"
SEVERITY = "error"
DOC = __doc__
FIXES = True
RULE = sys.modules[__name__]  # this module, as the rule problems name

NEVER = "们的了与及并把被这我也都很更但于之"
"""Characters no one writes twice in a row but by mistake."""
MEETS = ("的的确确", "目的的", "标的的", "有的的", "别的的", "真的的", "似的的", "是的的", "的的确",
         "不了了之", "了了分明", "小时了了", "了了解", "了了结", "了了却",
         "参与与",
         "及及时", "及及其",
         "合并并", "兼并并", "吞并并", "归并并", "并并列", "并并购",
         "把把关", "一把把",
         "被被告",
         "自我我", "小我我", "大我我", "忘我我",
         "首都都", "成都都", "大都都",
         "变更更", "更更新", "更更换", "更更正", "更更替", "更更改",
         "于于是")
"""Where two words meet on a doubled character of :data:`NEVER` (each holds the double)."""
# a class of the characters, doubled: one pass; the engine skips every other character at once
_DOUBLE = re.compile(f"([{NEVER}])\\1")


def _meets(text: str, at: int) -> bool:
    pair = text[at:at + 2]
    for words in MEETS:
        i = words.find(pair)
        while i != -1:
            if text.startswith(words, at - i):
                return True
            i = words.find(pair, i + 1)
    return False


def check(source, options: dict[str, Any]) -> Iterator[LintProblem]:
    text = source.text
    for m in _DOUBLE.finditer(text):
        at = m.start()
        if _meets(text, at):
            continue
        ch = m.group(1)
        before = text[max(0, at - 2):at].rpartition("\n")[2]
        yield problem(source, at, RULE, f"“{ch}”写重了：“{before}{ch}{ch}”，应删去一个。",
                      suggestion=ch, fix=(at, at + 2, ch))
