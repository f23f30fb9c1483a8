"""Review notes for a draft: for each generated paragraph, the phrases it is made of, the slot
each fills, and two other phrasings the bank offers there, so that a reviewer can swap by hand
or pin the one they like. Pure: the docx writer only places the notes as Word comments."""

from __future__ import annotations

import random

from .brief import Brief
from .compose import (
    base_context,
    brief_topic,
    fits,
    render_text,
    restating,
    section_context,
    section_themes,
    speaker_profile,
)
from .document import Document, Paragraph
from .phrasebank import PhraseBank
from .skeleton import Skeleton

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def notes(doc: Document, brief: Brief, skeleton: Skeleton, bank: PhraseBank,
          alternatives: int = 2) -> list[str | None]:
    """One note per block of ``doc.blocks()``: text for a paragraph holding generated phrases,
    ``None`` for any other block."""
    used = {i for t in doc.trace() for i in t["ids"]} | restating(brief, bank)
    ctx = base_context(brief, skeleton)
    themes = section_themes(brief, bank)
    brief_themes = {t for t in themes if t in bank.themes}
    who, kind = speaker_profile(brief), brief_topic(brief).kind  # alternatives the speaker may say
    out: list[str | None] = []
    for kind, item in doc.blocks():
        paragraph: Paragraph | None = None
        if kind in ("paragraph", "closing"):
            paragraph = item
        elif kind == "run-in":
            paragraph = item[1]
        phrases = [s for s in paragraph.segments if s.origin == "phrase"] if paragraph else []
        if not phrases:
            out.append(None)
            continue
        lines = ["fayan：本段由句库中的句子组成，可按下列编号替换，或在提纲“锁定”中写“位置: 编号”固定下来。"]
        for n, seg in enumerate(phrases):
            slot = seg.slot or ""
            theme = None
            here = dict(ctx)
            if slot.startswith("sections."):
                index = int(slot.split(".")[1]) - 1
                theme = themes[index]
                here = section_context(ctx, theme, index)
            phrase = bank.phrases[seg.ids[0]]
            pool = sorted((p for p in bank.by_function(phrase.function)
                           if p.id not in used and fits(p, skeleton.genre, theme, brief_themes, here, who, kind)),
                          key=lambda p: p.id)
            picks = random.Random(f"{doc.meta.get('seed')}:{slot}").sample(pool, min(alternatives, len(pool)))
            mark = CIRCLED[n] if n < len(CIRCLED) else f"({n + 1})"
            lines.append(f"{mark}位置 {slot}：{phrase.id}")
            for alt in picks:
                lines.append(f"　可换 {alt.id}：{render_text(alt.text, here, alt.id)}")
        out.append("\n".join(lines))
    return out
