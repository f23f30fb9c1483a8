"""Plain text: one paragraph a line, a blank line between paragraphs, as a writer pastes it."""

from __future__ import annotations

from ..document import Document, block_text


def to_text(doc: Document) -> str:
    return "\n\n".join(block_text(kind, item) for kind, item in doc.blocks()) + "\n"
