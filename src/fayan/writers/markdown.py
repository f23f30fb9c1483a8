"""Markdown: ``#`` title, headings by level (``##`` for 一、), run-in headings in bold."""

from __future__ import annotations

from ..document import Document


def _escape(text: str) -> str:
    # Chinese prose rarely needs it, but a leading "#", "-" or "1." would change the structure
    if text[:1] in "#>-+*|" or (text[:1].isdigit() and text.split(".", 1)[0].isdigit() and "." in text[:4]):
        return "\\" + text
    return text


def to_markdown(doc: Document) -> str:
    lines: list[str] = []
    for kind, item in doc.blocks():
        if kind == "title":
            lines.append(f"# {item}")
        elif kind in ("subtitle", "byline"):
            lines.append(f"<p align=\"center\">{item}</p>")
        elif kind == "heading":
            lines.append("#" * (item.level + 1) + f" {item.marker}{item.heading_text}")
        elif kind == "run-in":
            part, first = item
            lead = f"**{part.marker}{part.heading_text}**"
            lines.append(lead + (first.text if first else ""))
        elif kind == "salutation":
            lines.append(item)
        else:
            lines.append(_escape(item.text))
    return "\n\n".join(lines) + "\n"
