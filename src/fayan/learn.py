"""Learn from speeches: a draft skeleton from one speech's structure, and phrase-bank
candidates harvested from many. Pure: structures and text in, YAML text out."""

from __future__ import annotations

import hashlib
import os
import re
from collections import Counter, defaultdict
from typing import Any

import yaml

from .analyze import STYLE, Structure, walk
from .sandbox import literal

THEMES = ["理论武装", "政治建设", "组织建设", "干部队伍", "基层党建", "作风建设", "廉政建设", "人才工作",
          "党建与业务融合", "乡村振兴", "高质量发展", "基层治理"]
_TURN = re.compile(r"(下面|以下几点|如下体会|谈几点|讲以下|汇报如下)")
_QUOTE = re.compile(r"“([^“”\n]{6,40})”")
_SENTENCE = re.compile(r"[^。！？]*[。！？]")
_PLACEHOLDER = re.compile(r"XX|××|[A-Z](?=总书记|同志|新时代)|##|此处隐藏")


def _slug(name: str) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", os.path.splitext(name)[0].lower()).strip("-")
    if not base:
        base = "learned-" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:8]
    return base


def _genre(title: str) -> str:
    for word, genre in (("心得", "心得体会"), ("研讨材料", "研讨材料"), ("交流", "交流发言"), ("党课", "党课讲稿")):
        if word in title:
            return genre
    return "研讨发言"


def _common_prefix(items: list[str]) -> str:
    return os.path.commonprefix(items) if items else ""


def _frame(structure: Structure) -> dict[str, Any]:
    """A heading frame from parallel headings: their common beginning (and end) around the
    section's theme; parallel leads (强基铸魂，以学为先，…) use the bank's couplet set."""
    if structure.top_family == "parallel":
        return {"frame": "{{ couplet.a }}，{{ couplet.b }}，做{{ couplet.field }}的“{{ couplet.role }}”",
                "sets": {"couplet": "couplet"}}
    headings = [s.heading.rstrip("。") for s in structure.sections]
    prefix = _common_prefix(headings) if len(headings) > 1 else ""
    suffix = _common_prefix([h[::-1] for h in headings])[::-1] if len(headings) > 1 else ""
    if len(prefix) < 2:
        prefix = ""
    if len(suffix) < 2 or len(prefix) + len(suffix) >= min(len(h) for h in headings):
        suffix = ""
    return {"frame": f"{literal(prefix)}{{{{ section.theme }}}}{literal(suffix)}"}  # the speech's words are data


def emit_skeleton(structure: Structure, name: str) -> str:
    """A skeleton YAML that ``fayan draft`` accepts, in this speech's shape: its numbering
    styles, its part count, its heading frame where the headings are parallel, its closing."""
    n = len(structure.sections)
    styles = [STYLE[f] for f in structure.families] or ["hanzi-dun"]
    if styles[0] == "none" or len(styles) < 2:
        styles = styles[:1] + ["hanzi-paren", "arabic-dot"]
    inline = bool(structure.sections and structure.sections[0].inline)
    title = structure.title or name
    closing: list[list[str]] = [["closing.rally"]]
    if structure.formula:
        closing.append(["closing.formula"])
    skeleton = {
        "id": _slug(name),
        "name": f"学来的结构：{title[:24]}",
        "description": f"由 fayan analyze 从《{title[:30]}》学来的结构：{n} 个部分，序号 {' → '.join(structure.families) or '无'}。",
        "genre": _genre(title),
        "model": name,
        "salutation": bool(structure.salutation),
        "opening": [["opening.occasion", "opening.significance*2", "opening.turn"]],
        "numbering": styles,
        "parts": [{
            "each": "section",
            "inline": inline,
            "heading": _frame(structure),
            "body": [["section.lead", "quote?", "section.elaborate*", "user.points"], ["user.examples"],
                     ["user.measures"]],
        }],
        "closing": closing,
        "sections": [max(1, n - 1), max(n + 1, 2)],
        "sample": {"title": title[:30], "occasion": "XX专题研讨会", "topic": "习近平总书记关于党的建设的重要思想",
                   "themes": THEMES[:max(n, 1)]},
    }
    header = f"# fayan analyze 从 {name} 学来的模板；按需修改后放进 --templates 目录使用。\n"
    return header + yaml.safe_dump(skeleton, allow_unicode=True, sort_keys=False, width=100)


def harvest(structures: list[tuple[str, Structure]]) -> str:
    """Phrase-bank candidates from many speeches, by function, with how often each occurs and
    where: openings, turns, closing rallies and formulas, quotations in “”, parallel heading
    sets and four-character phrases. The result validates as a bank file and layers over the
    built-in bank (``--phrasebank``)."""
    from .check import fix_text
    from .reader import Source

    def clean(text: str) -> str | None:
        text = fix_text(text, lambda t: Source(t, "harvest", "txt"), ["punctuation"]).strip()
        return None if not text or _PLACEHOLDER.search(text) else literal(text)  # the speech's words are data

    found: dict[tuple[str, str], list[str]] = defaultdict(list)  # (function, text) → files
    headings: dict[str, list[str]] = {}
    fours: Counter[str] = Counter()
    four_files: dict[str, set[str]] = defaultdict(set)
    for file, s in structures:
        opening = [x for para in s.opening for x in _SENTENCE.findall(para)]
        for i, sentence in enumerate(opening):
            function = "opening.turn" if _TURN.search(sentence) else (
                "opening.occasion" if i == 0 else "opening.significance")
            found[(function, sentence)].append(file)
        for para in s.closing:
            sentences = _SENTENCE.findall(para)
            if para.startswith("同志们") and sentences:
                found[("closing.rally", "".join(s_ for s_ in sentences if s_ not in (s.formula or "")))].append(file)
        if s.formula:
            found[("closing.formula", s.formula)].append(file)
        text = "\n".join([*s.opening, *(p for sec in walk(s.sections) for p in sec.paragraphs), *s.closing])
        for m in _QUOTE.finditer(text):
            quote = m.group(1)
            if "，" in quote or "；" in quote or "," in quote:  # a saying, not a single term
                found[("quote", f"“{quote.rstrip('。')}。”")].append(file)
        top = [sec.heading.rstrip("。") for sec in s.sections]
        if len(top) >= 2:
            headings[file] = top
        for sec in s.sections:
            for four in re.findall(r"(?:^|[，、])([\u4e00-\u9fff]{4})(?=[，、])", sec.heading):
                fours[four] += 1
                four_files[four].add(file)
    phrases: list[dict[str, Any]] = []
    serial: Counter[str] = Counter()
    for (function, raw), files in sorted(found.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        text = clean(raw)
        if not text or len(text) < 6:
            continue
        serial[function] += 1
        phrases.append({"id": f"harvest.{function}.{serial[function]:02d}", "function": function, "text": text,
                        "count": len(files), "source": f"harvest:{sorted(set(files))[0]}"})
    sets = []
    for n, (file, items) in enumerate(sorted(headings.items()), 1):
        cleaned = [c for c in (clean(h) for h in items) if c]
        if len(set(cleaned)) >= 2:
            sets.append({"id": f"harvest.headings.{n:02d}", "name": f"平行标题：{os.path.basename(file)}",
                         "description": f"{file} 的一组小标题", "items": list(dict.fromkeys(cleaned))})
    four_items = [f for f, _ in fours.most_common() if clean(f)]
    if len(four_items) >= 2:
        sets.append({"id": "harvest.sizi", "name": "四字短语（学来的）",
                     "description": "各篇小标题中的四字短语，按出现次数排列", "items": four_items})
    data = {"phrases": phrases, "sets": sets}
    header = (f"# fayan harvest：从 {len(structures)} 篇讲话中学来的句库候选，按出现次数排列。\n"
              "# 审阅后放进一个目录，用 --phrasebank 目录 叠加在内置句库上。\n")
    return header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
