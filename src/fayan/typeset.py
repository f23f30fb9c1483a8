"""A speech someone wrote, as a Document: its paragraphs, in order and unchanged, placed by
the structure ``analyze`` finds (title block, salutation, opening, numbered parts on every
level, closing), so that the docx writer lays it out as it lays out a draft. Pure.

Every character of every paragraph is kept: a heading line is split into its marker, its
heading and, for a run-in heading (第一，……。 / 一是……), the rest of the line, which stays in
the same paragraph; nothing is added. A paragraph the structure does not know (web noise the
user keeps) stays where it stood, as a plain paragraph.
"""

from __future__ import annotations

from .analyze import Section, Structure, walk
from .document import Document, Paragraph, Part


def typeset(paras: list[tuple[int, str]], structure: Structure) -> Document:
    """The Document of ``paras`` ((line, text) as laid out, ``reader.paragraphs``), given the
    ``structure`` analyze found in the same speech (lines are the common key)."""
    doc = Document(title="")
    sections = {s.line: s for s in walk(structure.sections)}
    bylines: list[str] = []
    stack: list[Part] = []
    body = False  # past the title block
    for line, text in paras:
        role = structure.roles.get(line)
        if role == "title":
            doc.title = text
        elif role == "subtitle" and not bylines:
            doc.subtitle = text
        elif role in ("subtitle", "byline") or (role is None and not body and (doc.title or bylines)):
            bylines.append(text)  # a subtitle after a kept noise line stays after it, as a byline
        elif role is None and not body:
            doc.front.append(Paragraph.of(text))
        elif role == "salutation":
            doc.salutation = text
            body = True
        elif role == "heading":
            body = True
            part = _part(sections[line], text)
            while stack and stack[-1].level >= part.level:
                stack.pop()
            (stack[-1].children if stack else doc.parts).append(part)
            stack.append(part)
        elif role == "closing" or (role is None and doc.closing):
            body = True
            doc.closing.append(Paragraph.of(text))
        else:  # opening, body, or a kept noise line among them
            body = True
            (stack[-1].body if stack else doc.opening).append(Paragraph.of(text))
    doc.byline = "\n".join(bylines) or None
    return doc


def _part(section: Section, text: str) -> Part:
    """The part a heading line starts: its marker as written (with anything standing before
    it on the line), its heading, and for a run-in heading the rest of the line as the first
    body paragraph (empty where the line is all heading, so that the next paragraph is not
    drawn into it)."""
    at = text.find(section.marker)
    cut = at + len(section.marker) if at >= 0 else 0
    marker, rest = text[:cut], text[cut:]
    if not section.inline:
        return Part(section.level, marker, Paragraph.of(rest))
    heading = section.heading if rest.startswith(section.heading) else ""
    return Part(section.level, marker, Paragraph.of(heading), inline=True,
                body=[Paragraph.of(rest[len(heading):])])
