"""The few functions that tie the pieces together; the CLI and Python callers both use these.
Each imports what it needs when called: ``fayan format`` does not load the composer."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .errors import FayanError, OutputError, Problem
from .writers import FORMATS, TEXT_FORMATS, format_for_path  # noqa: F401 - part of the API

if TYPE_CHECKING:
    from .brief import Brief
    from .document import Document
    from .phrasebank import PhraseBank
    from .skeleton import Skeleton


def draft(brief: Brief, *, seed: int | None = None, length: int | None = None,
          templates: list[str | Path] | None = None,
          phrasebank: list[str | Path] | None = None,
          skeleton: Skeleton | None = None, bank: PhraseBank | None = None) -> Document:
    """Compose a draft from a brief with the built-in templates and phrase bank, and any user
    directories layered over them."""
    from .compose import compose
    from .phrasebank import load_phrasebank
    from .skeleton import load_skeleton
    skeleton = skeleton or load_skeleton(brief.template, templates, where=brief.where("template"))
    bank = bank or load_phrasebank(phrasebank)
    return compose(brief, skeleton, bank, seed=seed, length=length)


def format_speech(path: str | Path, *, raw: bytes | None = None, fix: bool = False,
                  strip_noise: bool = False) -> Document:
    """A speech someone wrote (.txt, .md, .docx; UTF-8, GBK, BOM) as a Document laid out as a
    draft is: every paragraph's text kept, in order, the structure found by ``analyze``.
    ``fix`` applies the mechanical fixes of ``fayan check --fix``; ``strip_noise`` drops web
    noise (来源 lines, ##paidbegin##, 此处隐藏…字). ``raw``: the file's bytes, if already read."""
    from .analyze import analyze
    from .reader import Source, paragraphs, read_source
    from .typeset import typeset
    source = read_source(path, raw, markdown="strip")
    if fix:
        from .check import fix_text, fixing, rules
        text = fix_text(source.text, lambda t: Source(t, source.file, "txt"), fixing(rules()))
        source = Source(text, source.file, source.kind)
    kept = paragraphs(source, noise=not strip_noise)
    if not kept:
        raise FayanError(Problem("这个文件里没有文字，没有可排版的内容。", source.file))
    return typeset(kept, analyze(paragraphs(source)))


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
