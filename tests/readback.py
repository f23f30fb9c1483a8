"""A .docx read back as a user's other programs would: python-docx, and mammoth, a reader
independent of the library that wrote it; and the Markdown rendering with its syntax removed.
Each gives (heading level or 0, text) for every paragraph."""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser

import docx


def markdown_blocks(md: str) -> list[tuple[int, str]]:
    """The Markdown rendering as (heading level or 0, text) a paragraph, its syntax removed."""
    out = []
    for block in md.strip("\n").split("\n\n"):
        m = re.fullmatch(r"(#+) (.*)", block, re.S)
        level = len(m.group(1)) - 1 if m and len(m.group(1)) > 1 else 0
        text = m.group(2) if m else block
        text = re.sub(r'^<p align="center">(.*)</p>$', r"\1", text, flags=re.S)
        out.append((level, re.sub(r"^\\|\*\*", "", text)))
    return out


def mammoth_blocks(data: bytes) -> list[tuple[int, str]]:
    """The .docx read by mammoth, a reader independent of python-docx: (h1…h6 level or 0, text)
    for each paragraph of its HTML."""
    import mammoth

    class Blocks(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.blocks: list[tuple[int, str]] = []

        def handle_starttag(self, tag, attrs):
            if tag == "p" or re.fullmatch(r"h[1-6]", tag):
                self.blocks.append((int(tag[1]) if tag != "p" else 0, ""))

        def handle_data(self, data):
            level, text = self.blocks[-1]
            self.blocks[-1] = (level, text + data)

    parser = Blocks()
    parser.feed(mammoth.convert_to_html(io.BytesIO(data)).value)
    return parser.blocks


def python_docx_blocks(data: bytes) -> list[tuple[int, str]]:
    def level(p) -> int:
        m = re.fullmatch(r"Heading (\d)", p.style.name)
        return int(m.group(1)) if m else 0
    return [(level(p), p.text) for p in docx.Document(io.BytesIO(data)).paragraphs]
