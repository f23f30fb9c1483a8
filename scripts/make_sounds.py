"""Write src/fayan/data/sounds.txt: the common Chinese characters (the first level of GB 2312,
3,755 characters: where an input method's first choices lie) grouped by how they sound
(toneless pinyin, folded as a pinyin input method's fuzzy matching folds it: zh/z, ch/c, sh/s,
-ng/-n), for the formulation rule's test of a near miss: in a short formulation, a character
replaced by one that sounds the same is an input method's slip (两个确力 for 两个确立), one
that does not is another word (四个自然村 is not 四个自信).

Built from pypinyin's dictionary (MIT licence), which is needed only to rebuild the file:

    pip install pypinyin && python scripts/make_sounds.py
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from pathlib import Path

from pypinyin.pinyin_dict import pinyin_dict

OUT = Path(__file__).resolve().parent.parent / "src" / "fayan" / "data" / "sounds.txt"


def fold(syllable: str) -> str:
    plain = "".join(ch for ch in unicodedata.normalize("NFD", syllable) if unicodedata.category(ch) != "Mn")
    plain = plain.replace("ü", "v")
    for long, short in (("zh", "z"), ("ch", "c"), ("sh", "s")):
        if plain.startswith(long):
            plain = short + plain[len(long):]
    return plain[:-1] if plain.endswith("ng") and len(plain) > 2 else plain


def level_one(ch: str) -> bool:
    try:
        code = ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return 0xB0 <= code[0] <= 0xD7


def main() -> None:
    groups: dict[str, list[str]] = defaultdict(list)
    for code, readings in sorted(pinyin_dict.items()):
        if not 0x4E00 <= code <= 0x9FFF or not level_one(chr(code)):
            continue
        # the first reading only, the common one: pypinyin also lists rare and archaic ones
        # (立 read wèi), which would make characters alike that no one confuses
        groups[fold(readings.split(",")[0])].append(chr(code))
    lines = ["# 常用字（GB 2312 一级字）同音表（不分声调；zh/z、ch/c、sh/s、-ng/-n 不分）：",
             "# formulation 规则判断短提法里的错字是否为输入法同音误选。",
             "# 由 scripts/make_sounds.py 从 pypinyin 的字典（MIT 许可）生成，勿手工修改。"]
    lines += [f"{sound} {''.join(chars)}" for sound, chars in sorted(groups.items())]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(groups)} sounds, {sum(map(len, groups.values()))} characters: {OUT}")


if __name__ == "__main__":
    main()
