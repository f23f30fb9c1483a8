"""The few functions that tie the pieces together; the CLI and Python callers both use these."""

from __future__ import annotations

from pathlib import Path

from .brief import Brief
from .compose import compose
from .document import Document
from .errors import OutputError
from .phrasebank import PhraseBank, load_phrasebank
from .skeleton import Skeleton, load_skeleton
from .writers import FORMATS, TEXT_FORMATS, format_for_path  # noqa: F401 - part of the API


def draft(brief: Brief, *, seed: int | None = None, length: int | None = None,
          templates: list[str | Path] | None = None,
          phrasebank: list[str | Path] | None = None,
          skeleton: Skeleton | None = None, bank: PhraseBank | None = None) -> Document:
    """Compose a draft from a brief with the built-in templates and phrase bank, and any user
    directories layered over them."""
    skeleton = skeleton or load_skeleton(brief.template, templates)
    bank = bank or load_phrasebank(phrasebank)
    return compose(brief, skeleton, bank, seed=seed, length=length)


def render(doc: Document, fmt: str, **options: object) -> str | bytes:
    """A Document as ``docx`` (bytes), ``md``, ``txt`` or ``json`` (str)."""
    if fmt == "docx":
        from .writers.docx import to_docx  # python-docx is imported only here
        return to_docx(doc, **options)  # type: ignore[arg-type]
    if fmt == "md":
        from .writers.markdown import to_markdown
        return to_markdown(doc)
    if fmt == "txt":
        from .writers.text import to_text
        return to_text(doc)
    if fmt == "json":
        from .writers.json import to_json
        return to_json(doc)
    raise OutputError(f"不支持的格式“{fmt}”，可用：{'、'.join(FORMATS)}。")
