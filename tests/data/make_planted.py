"""Write tests/data/planted.txt and planted.labels.yaml: clean sentences from fayan's bank, one
planted error a line, each labelled with line, column and the rule that should find it.

The planting is independent of the checker: it knows where it put each error. Rerun after
changing it (python tests/data/make_planted.py) and review the diff.
"""

from __future__ import annotations

import random
from pathlib import Path

import yaml

import fayan

HERE = Path(__file__).resolve().parent


def clean_sentences() -> list[str]:
    bank = fayan.load_phrasebank()
    out = [p.text for p in bank.phrases.values()
           if p.function in ("section.elaborate", "understanding.elaborate", "reflection.elaborate")
           and not p.slots and "“" not in p.text and "（" not in p.text and 30 <= len(p.text) <= 90]
    return sorted(set(out))


def main() -> None:
    rng = random.Random(20261122)
    pool = clean_sentences()
    rng.shuffle(pool)
    take = iter(pool)
    lines: list[str] = []
    labels: list[dict] = []

    def plant(line: str, col0: int, rule: str, kind: str) -> None:
        lines.append(line)
        labels.append({"line": len(lines), "column": col0 + 1, "rule": rule, "kind": kind})

    def comma_at(s: str) -> int:
        return s.index("，")

    for mark, kind in ((",", "half-comma"), (":", "half-colon"), (";", "half-semicolon"),
                       ("!", "half-exclamation"), ("?", "half-question"), ("(", "half-paren")):
        for _ in range(3):
            s = next(take)
            i = comma_at(s)
            plant(s[:i] + mark + s[i + 1:], i, "punctuation", kind)
            lines.append(next(take))  # a clean line between planted ones
    for _ in range(3):
        s = next(take)
        plant(s[:-1] + ".", len(s) - 1, "punctuation", "half-period")
    for tail, kind in (("...", "ellipsis-dots"), ("。。。", "ellipsis-stops"), ("…", "ellipsis-single")):
        for _ in range(2):
            s = next(take)
            plant(s[:-1] + tail, len(s) - 1, "punctuation", kind)
    for dash, kind in (("--", "dash-hyphens"), ("—", "dash-single")):
        for _ in range(2):
            s = next(take)
            i = comma_at(s)
            plant(s[:i] + dash + s[i + 1:], i, "punctuation", kind)
    for _ in range(3):
        s = next(take)
        i = comma_at(s)
        plant(s[:i] + "，，" + s[i + 1:], i, "punctuation", "doubled")
    for _ in range(3):  # straight quotes around four characters: two problems
        s = next(take)
        i = comma_at(s) + 1
        line = s[:i] + '"' + s[i:i + 4] + '"' + s[i + 4:]
        lines.append(line)
        labels.append({"line": len(lines), "column": i + 1, "rule": "punctuation", "kind": "straight-quote"})
        labels.append({"line": len(lines), "column": i + 6, "rule": "punctuation", "kind": "straight-quote"})
    for left, kind in (("“", "unbalanced-quote"), ("《", "unbalanced-title")):
        for _ in range(3):
            s = next(take)
            i = comma_at(s) + 1
            plant(s[:i] + left + s[i:], i, "punctuation", kind)
    for token, kind in (("XX", "placeholder-xx"), ("××", "placeholder-times"), ("{{ place }}", "placeholder-slot")):
        for _ in range(3):
            s = next(take)
            i = comma_at(s) + 1
            plant(s[:i] + token + s[i:], i, "placeholder", kind)
    for wrong, right in (("筑牢中华民族共同体意识", "铸牢中华民族共同体意识"),
                         ("以习近平总书记为核心的党中央", "以习近平同志为核心的党中央"),
                         ("全面从紧治党", "全面从严治党"), ("中央八条规定", "中央八项规定"),
                         ("人类共同命运体", "人类命运共同体"), ("党组织政治功能和服务功能", "党组织政治功能和组织功能")):
        lead = "我们要坚持"
        plant(f"{lead}{wrong}，{next(take)}", len(lead), "formulation", f"formulation:{right}")
    for noise in ("##paidbegin##", "猜你喜欢", "---此处隐藏3200字，下载后查看---", "更新时间：2025-08 来源：网友投稿"):
        plant(noise, 0, "noise", "noise")
        if noise.startswith("更新时间"):
            labels.append({"line": len(lines), "column": noise.index("来源") + 1, "rule": "noise", "kind": "noise"})
        lines.append(next(take))
    for _ in range(4):  # a sentence said twice
        s = next(take)
        lines.append(s)
        lines.append(next(take))
        plant(s, 0, "repetition", "repeated-sentence")
    # numbering: one skipped and one repeated number, in their own outline
    lines.append("一、提高政治站位")
    lines.append(next(take))
    lines.append("二、强化责任落实")
    lines.append(next(take))
    plant("四、狠抓工作落实", 0, "numbering", "skipped")
    lines.append("（一）健全工作机制")
    lines.append(next(take))
    plant("（一）加强督促检查", 0, "numbering", "repeated")
    lines.append(next(take))
    (HERE / "planted.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (HERE / "planted.labels.yaml").write_text(
        "# line, column (1-based) and rule of every planted error in planted.txt\n"
        + yaml.safe_dump(labels, allow_unicode=True, sort_keys=False), encoding="utf-8")
    print(f"{len(labels)} planted errors in {len(lines)} lines")


if __name__ == "__main__":
    main()
