"""Write tests/data/planted.txt and planted.labels.yaml: clean sentences from fayan's bank, one
planted error a line, each labelled with line, column and the rule that should find it.

The planting is independent of the checker: it knows where it put each error. Rerun after
changing it (python tests/data/make_planted.py) and review the diff.

``--proofreading`` rewrites only the section of the errors an office's 校对 marks (issue 14),
appended after the first ``FIRST_PART`` lines, which it keeps as they are (the phrase bank has
changed since they were written: a full rerun would renumber every label above).
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


NEAR_MISSES = [  # (written, meant): one slip each, none of them listed in formulations.yaml
    ("中国特色社会主意", "中国特色社会主义"), ("两个确力", "两个确立"), ("四个自性", "四个自信"),
    ("不忘出心", "不忘初心"), ("以人民为中新", "以人民为中心"), ("全过程人名民主", "全过程人民民主"),
    ("全面从严治当", "全面从严治党"), ("人类命运共同提", "人类命运共同体"), ("中华民族伟大复习", "中华民族伟大复兴"),
    ("新质生产利", "新质生产力"), ("中国式现代话", "中国式现代化"), ("二个维护", "两个维护"),
    ("党的两十大", "党的二十大"), ("习近平新时代中国特色社会义思想", "习近平新时代中国特色社会主义思想"),
    ("社会主义核心价值关", "社会主义核心价值观"), ("绿水青山就是金山银山山", None),
    ("总体国家安全观观", None), ("全体人民共同的富裕", None),
]
TYPOS = ["再接再励", "按步就班", "默守成规", "一愁莫展", "迫不急待", "针贬时弊", "言简意骇", "原形必露",
         "鞠躬尽粹", "事必躬清", "一如继往", "走头无路", "出奇不意", "声名狼籍", "变本加利", "穿流不息",
         "破斧沉舟", "大相径廷", "迫在眉捷", "精兵减政", "明辩是非", "提纲携领", "悬梁刺骨", "谈笑风声",
         "金榜提名"]
DOUBLED = [("我们们", "我们"), ("工作的的", "工作的"), ("做好了了", "做好了"), ("参与与", None),
           ("他们都都", "他们都"), ("我们也也", "我们也"), ("这这项", "这项")]


LEADS = ["我们要坚持", "始终坚持", "自觉践行", "深入领会", "牢牢把握"]
"""Openings of the lines that carry a near miss, in turn: five lines opening alike would be
rule openings' finding, not the one planted."""

SAME_IDEA = ("要树立大抓基层的鲜明导向，严格落实“书记抓、抓书记”责任，推动基层党组织全面进步、全面过硬。",
             "要坚持大抓基层的鲜明导向，落实各级党组织书记抓基层党建述职评议考核，层层传导压力、压实责任。")
"""Two sentences of the bank that say one thing (their ``idea`` is one): the second is rule idea's."""

FIRST_PART = 105
"""The lines written by main() before the proofreading section was added."""
FOUND_IN_FIRST_PART = [{"line": 29, "column": 1, "rule": "framing", "kind": "framing:practice-criterion"}]
"""True findings in the first part of rules written after it (实践是检验学习成效的唯一标准, a sentence of
the bank): labelled, so that every rule's findings are counted."""


def plant_proofreading(plant, lines: list[str], labels: list[dict], take) -> None:
    """Errors of the kinds an office's 校对 marks (issue 14), appended after the rest so that the
    lines above keep their numbers."""
    leads = iter(LEADS * 4)
    for written, meant in NEAR_MISSES:
        if meant is None:  # a doubled character or a 的 that makes no near miss: not planted
            continue
        lead = next(leads)
        plant(f"{lead}{written}，{next(take)}", len(lead), "formulation", f"near:{meant}")
    for wrong in TYPOS:
        s = next(take)
        i = s.index("，") + 1
        plant(s[:i] + f"要发扬{wrong}的精神，" + s[i:], i + 3, "typo", f"typo:{wrong}")
    for written, _ in DOUBLED:
        if _ is None:
            continue
        s = next(take)
        i = s.index("，") + 1
        doubled = next(ch for ch in written if ch * 2 in written)
        plant(s[:i] + written + "不断努力，" + s[i:], i + written.index(doubled * 2), "doubled", "doubled-character")
    for spaced in ("党 建 工 作", "理 论 学 习", "调 查 研 究"):
        s = next(take)
        i = s.index("，") + 1
        plant(s[:i] + f"抓好{spaced}，" + s[i:], i + 3, "spacing", "spacing-letters")
    for words in ("加强　学习", "狠抓 落实"):
        s = next(take)
        i = s.index("，") + 1
        plant(s[:i] + f"要{words}，" + s[i:], i + 3, "spacing", "spacing-sentence")
    # numbers (GB/T 15835)
    for year in ("二0二四年", "二O二四年", "二○二四年", "二零二四年"):
        s = next(take)
        plant(f"{year}，{s}", 1, "numbers", "zero")
    for phrase, kind in (("共培训3千人次", "digits-with-thousand"), ("完成率达到百分之95", "percent-mixed"),
                         ("覆盖5百余户", "digits-with-hundred")):
        s = next(take)
        col = phrase.index(next(ch for ch in phrase if ch.isdigit() or ch == "百"))
        plant(f"{phrase}，{s}", col, "numbers", kind)
    for date in ("2024年13月", "2月30日", "4月31日", "2023年2月29日"):
        s = next(take)
        plant(f"{date}召开会议，{s}", 0, "numbers", "impossible-date")
    for years in ("2023-2024年", "2021-2025年"):
        s = next(take)
        plant(f"{years}，{s}", 4, "numbers", "year-range")
    # quotation marks within quotation marks (GB/T 15834)
    for inner in ("四个意识", "两个维护", "三个务必", "国之大者"):
        s = next(take)
        line = f"总书记强调：“要增强“{inner}”，{s[:-1]}。”"
        lines.append(line)
        labels.append({"line": len(lines), "column": line.index("“", 7) + 1, "rule": "nesting", "kind": "nested-double"})
        labels.append({"line": len(lines), "column": line.index("”") + 1, "rule": "nesting", "kind": "nested-double"})
    for outer in ("钉钉子精神", "绣花功夫"):
        s = next(take)
        line = f"要发扬‘{outer}’，{s}"
        lines.append(line)
        labels.append({"line": len(lines), "column": line.index("‘") + 1, "rule": "nesting", "kind": "single-outside"})
        labels.append({"line": len(lines), "column": line.index("’") + 1, "rule": "nesting", "kind": "single-outside"})
    # heading markers (GB/T 9704), in an outline that continues the one above without a skip
    lines.append("五、强化组织保障")
    lines.append(next(take))
    plant("(一)健全工作机制", 0, "headings", "paren-half")
    lines.append(next(take))
    plant("1、明确责任分工", 0, "headings", "arabic-dun")
    lines.append(next(take))
    plant("2、细化工作措施", 0, "headings", "arabic-dun")
    lines.append(next(take))
    plant("(二)加强督促检查", 0, "headings", "paren-half")
    lines.append(next(take))
    plant("（三)压实主体责任", 0, "headings", "paren-half")
    lines.append(next(take))
    plant("1)聚焦重点任务", 0, "headings", "arabic-paren-half")
    lines.append(next(take))
    plant("六.狠抓工作落实", 0, "headings", "hanzi-dot")
    lines.append(next(take))
    # one idea said twice in other words, one quotation quoted twice (issue 11's rules)
    first, again = SAME_IDEA
    lines.append(first)
    lines.append(next(take))
    plant(again, 0, "idea", "same-idea")
    quoted = "“以忠诚为党护党、全力兴党强党为根本使命”"
    lines.append(f"习近平总书记强调，{quoted}。{next(take)}")
    lines.append(next(take))
    line = f"正如总书记所要求的，{quoted}，{next(take)}"
    plant(line, line.index("“"), "quotation", "quoted-twice")
    lines.append(next(take))


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


def proofreading() -> None:
    """Keep the first FIRST_PART lines and their labels; write the proofreading section after them
    from sentences the first part does not use (a sentence said twice is a finding of its own)."""
    import sys
    first = (HERE / "planted.txt").read_text(encoding="utf-8").split("\n")[:FIRST_PART]
    old = yaml.safe_load((HERE / "planted.labels.yaml").read_text(encoding="utf-8"))
    labels = [x for x in old if x["line"] <= FIRST_PART and x not in FOUND_IN_FIRST_PART]
    used = "\n".join(first)
    # not a sentence of the first part, even with an error planted in it (rule idea would find it)
    pool = [s for s in clean_sentences() if not any(s[i:i + 8] in used for i in range(0, len(s) - 8, 4))
            and "大抓基层" not in s and "兴党强党" not in s]
    random.Random(14).shuffle(pool)
    lines = list(first)

    class Take:
        """The next sentence of the pool that would not be the fifth line in a row opening
        alike (rule openings' finding, not the one planted)."""

        def __iter__(self):
            return self

        def __next__(self) -> str:
            last = [x[:1] for x in lines[-4:]]
            for k, s in enumerate(pool):
                if not (len(last) == 4 and all(c == s[:1] for c in last)):
                    return pool.pop(k)
            raise StopIteration

    take = Take()

    def plant(line: str, col0: int, rule: str, kind: str) -> None:
        lines.append(line)
        labels.append({"line": len(lines), "column": col0 + 1, "rule": rule, "kind": kind})

    labels += FOUND_IN_FIRST_PART
    plant_proofreading(plant, lines, labels, take)
    (HERE / "planted.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (HERE / "planted.labels.yaml").write_text(
        "# line, column (1-based) and rule of every planted error in planted.txt\n"
        + yaml.safe_dump(labels, allow_unicode=True, sort_keys=False), encoding="utf-8")
    print(f"{len(labels)} planted errors in {len(lines)} lines", file=sys.stderr)


if __name__ == "__main__":
    import sys
    proofreading() if "--proofreading" in sys.argv else main()
