"""The Document: a small, format-free tree of a speech.

It is the one contract between compose, the writers, the reader, the analyzer and the checker.
A paragraph is a list of :class:`Segment` s, each saying where its text came from (a phrase of
the bank, an item of a parallel set, the user's own words, a fixed frame), so that the trace of
a draft is read off the document itself and never kept beside it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Origin = Literal["phrase", "set", "user", "frame", "text"]
"""Where a segment's text comes from: ``phrase`` a phrase of the bank, ``set`` a heading built
from parallel-set items, ``user`` the brief's own words (verbatim), ``frame`` fixed wording of
the template (a numbering marker, “一是”), ``text`` read from an existing speech."""


@dataclass(frozen=True)
class Segment:
    """A run of text and its provenance. ``ids`` names the phrase or set items behind it
    (empty for user text and frames); ``slot`` is the place in the draft a pin can fix."""

    text: str
    origin: Origin = "text"
    ids: tuple[str, ...] = ()
    slot: str | None = None


@dataclass
class Paragraph:
    segments: list[Segment] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.segments)

    @classmethod
    def of(cls, text: str, origin: Origin = "text") -> Paragraph:
        return cls([Segment(text, origin)])


@dataclass
class Part:
    """A numbered part. ``marker`` is the number as written (“一、”, “（一）”, “第一，”, or
    empty); ``heading`` its heading without the marker (``None`` for a part with no heading).
    ``inline`` means the heading runs into the first body paragraph (“第一，……。正文……”)
    instead of standing on its own line."""

    level: int
    marker: str
    heading: Paragraph | None
    inline: bool = False
    body: list[Paragraph] = field(default_factory=list)
    children: list[Part] = field(default_factory=list)

    @property
    def heading_text(self) -> str:
        return self.heading.text if self.heading else ""


@dataclass
class Document:
    """A whole speech. ``meta`` holds what produced it (template, seed, …) and never text;
    ``author`` is who the speech is for (the brief's unit), ``None`` where nobody said.
    ``title`` is empty for a speech read without one; ``byline`` may hold several lines (the
    speaker, a date), one a line; ``front`` holds what stood above the title in a speech read
    from a web page (来源, 发表时间), kept by ``fayan format`` unless noise is stripped."""

    title: str
    subtitle: str | None = None
    byline: str | None = None
    salutation: str | None = None
    opening: list[Paragraph] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)
    closing: list[Paragraph] = field(default_factory=list)
    front: list[Paragraph] = field(default_factory=list)
    author: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)

    def walk_parts(self) -> Iterator[Part]:
        """Every part, depth first, in reading order."""
        stack = list(reversed(self.parts))
        while stack:
            part = stack.pop()
            yield part
            stack.extend(reversed(part.children))

    def blocks(self) -> Iterator[tuple[str, Any]]:
        """The document in reading order as (kind, item) pairs, kind one of ``front``,
        ``title`` (none when empty), ``subtitle``, ``byline`` (one a line), ``salutation``,
        ``paragraph``, ``heading`` (item: the Part; an inline heading is followed by its merged
        first paragraph as ``run-in``), ``closing``. Writers walk this so they agree on order."""
        for p in self.front:
            yield "front", p
        if self.title:
            yield "title", self.title
        if self.subtitle:
            yield "subtitle", self.subtitle
        if self.byline:
            for line in self.byline.split("\n"):
                yield "byline", line
        if self.salutation:
            yield "salutation", self.salutation
        for p in self.opening:
            yield "paragraph", p
        yield from _part_blocks(self.parts)
        for p in self.closing:
            yield "closing", p

    def body_text(self) -> str:
        """The body as plain text, one paragraph a line: everything below the title block."""
        lines = []
        for kind, item in self.blocks():
            if kind in ("front", "title", "subtitle", "byline"):
                continue
            lines.append(block_text(kind, item))
        return "\n".join(lines)

    def trace(self) -> list[dict[str, Any]]:
        """Which phrase or set item filled which slot, in reading order."""
        out = []
        for kind, item in self.blocks():
            paragraphs: list[Paragraph] = []
            if kind in ("paragraph", "closing"):
                paragraphs = [item]
            elif kind == "heading" and item.heading:
                paragraphs = [item.heading]
            elif kind == "run-in":
                part, first = item
                paragraphs = [p for p in (part.heading, first) if p]
            for p in paragraphs:
                for s in p.segments:
                    if s.ids and s.slot:
                        out.append({"slot": s.slot, "ids": list(s.ids), "origin": s.origin, "text": s.text})
        return out

    def chars(self) -> int:
        """Characters of the body (everything below the title block, punctuation included,
        white space not), as Word's 字数统计 counts them."""
        return len("".join(self.body_text().split()))

    def stats(self) -> dict[str, Any]:
        """``chars`` (see :meth:`chars`); ``minutes``: speaking time at 220 字 a minute;
        ``paragraphs`` and ``parts``."""
        chars = self.chars()
        return {
            "chars": chars,
            "minutes": round(chars / 220, 1),
            "paragraphs": sum(1 for k, _ in self.blocks() if k in ("paragraph", "closing", "run-in")),
            "parts": sum(1 for _ in self.walk_parts()),
        }

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _part_blocks(parts: list[Part]) -> Iterator[tuple[str, Any]]:
    for part in parts:
        body = list(part.body)
        if part.inline and part.heading is not None:
            first = body.pop(0) if body else None
            yield "run-in", (part, first)
        elif part.heading is not None:
            yield "heading", part
        for p in body:
            yield "paragraph", p
        yield from _part_blocks(part.children)


def block_text(kind: str, item: Any) -> str:
    """The plain text of one block from :meth:`Document.blocks`."""
    if kind == "heading":
        return item.marker + item.heading_text
    if kind == "run-in":
        part, first = item
        return part.marker + part.heading_text + (first.text if first else "")
    if isinstance(item, Paragraph):
        return item.text
    return str(item)


CN_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (up to 99)."""
    if not 0 < n < 100:
        raise ValueError(f"number out of range: {n}")
    tens, ones = divmod(n, 10)
    if tens == 0:
        return CN_DIGITS[ones]
    return ("" if tens == 1 else CN_DIGITS[tens]) + "十" + (CN_DIGITS[ones] if ones else "")


NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""Characters XML 1.0 forbids: no .docx can hold them (the Word writer leaves them out)."""


NUMBERING: dict[str, str] = {
    "hanzi-dun": "{cn}、",
    "hanzi-paren": "（{cn}）",
    "arabic-dot": "{n}.",
    "arabic-paren": "（{n}）",
    "di-hanzi": "第{cn}，",
    "hanzi-shi": "{cn}是",
    "hanzi-yao": "{cn}要",
    "none": "",
}
"""Numbering styles by name: 一、 （一） 1. （1） 第一， 一是 一要, or no number."""


def marker(style: str, n: int) -> str:
    """The marker for the n-th (1-based) item in a numbering style."""
    return NUMBERING[style].format(cn=chinese_number(n), n=n)
