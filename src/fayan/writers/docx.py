"""Word (.docx) laid out to GB/T 9704-2012, with named styles only.

Every paragraph gets a named style (Title, Subtitle, Byline, Salutation, Normal, Heading 1–3)
and run-in headings a character style (Run-in Heading 1–3), so a user restyles the whole draft
in one place and Word's navigation pane shows the outline. East Asian fonts are written as
``w:eastAsia`` on the styles (python-docx's ``font.name`` sets only the Latin slots), theme
font references are removed (they would override explicit fonts), and the language and theme
language are zh-CN (python-docx's default template says ja-JP and falls back to a Japanese
font). Heading numbers are text, not Word list numbering, so they survive copy and paste.

This is the only module besides the reader that imports python-docx.
"""

from __future__ import annotations

import datetime as _dt
import io
from dataclasses import dataclass

import docx
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from ..document import Document

LINE = Pt(28.95)  # 22 lines on an A4 page with these margins (measured in LibreOffice 7.4)
BODY_SIZE = Pt(16)  # 三号
LATIN = "Times New Roman"


@dataclass(frozen=True)
class StyleSpec:
    east_asia: str
    size: Pt
    latin: str = LATIN
    bold: bool = False
    align: int | None = None  # WD_ALIGN_PARAGRAPH
    indent_chars: int = 2  # first-line indent in characters (0: none)
    outline: int | None = None  # 0-based outline level for headings
    keep_next: bool = False


PARAGRAPH_STYLES: dict[str, StyleSpec] = {
    "Normal": StyleSpec("仿宋_GB2312", BODY_SIZE, align=WD_ALIGN_PARAGRAPH.JUSTIFY),
    "Title": StyleSpec("方正小标宋简体", Pt(22), latin="方正小标宋简体", align=WD_ALIGN_PARAGRAPH.CENTER, indent_chars=0),
    "Subtitle": StyleSpec("楷体_GB2312", BODY_SIZE, align=WD_ALIGN_PARAGRAPH.CENTER, indent_chars=0),
    "Byline": StyleSpec("楷体_GB2312", BODY_SIZE, align=WD_ALIGN_PARAGRAPH.CENTER, indent_chars=0),
    "Salutation": StyleSpec("仿宋_GB2312", BODY_SIZE, indent_chars=0),
    "Heading 1": StyleSpec("黑体", BODY_SIZE, latin="黑体", outline=0, keep_next=True),
    "Heading 2": StyleSpec("楷体_GB2312", BODY_SIZE, outline=1, keep_next=True),
    "Heading 3": StyleSpec("仿宋_GB2312", BODY_SIZE, bold=True, outline=2, keep_next=True),
}
CHARACTER_STYLES: dict[str, StyleSpec] = {
    "Run-in Heading 1": StyleSpec("黑体", BODY_SIZE, latin="黑体"),
    "Run-in Heading 2": StyleSpec("楷体_GB2312", BODY_SIZE),
    "Run-in Heading 3": StyleSpec("仿宋_GB2312", BODY_SIZE, bold=True),
}
PAGE_NUMBER = StyleSpec("宋体", Pt(14), latin="宋体")  # 四号


def _child(parent, tag: str, *, first: bool = False):
    """The ``tag`` child of ``parent``, created (first or last) where missing."""
    child = parent.find(qn(tag))
    if child is None:
        child = OxmlElement(tag)
        if first:
            parent.insert(0, child)
        else:
            parent.append(child)
    return child


def _set_fonts(rpr, east_asia: str, latin: str) -> None:
    """Explicit fonts on all four slots, theme references removed."""
    rfonts = _child(rpr, "w:rFonts", first=True)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attr), None)
    rfonts.set(qn("w:ascii"), latin)
    rfonts.set(qn("w:hAnsi"), latin)
    rfonts.set(qn("w:cs"), latin)
    rfonts.set(qn("w:eastAsia"), east_asia)


def _strip(rpr, *tags: str) -> None:
    for tag in tags:
        for el in rpr.findall(qn(tag)):
            rpr.remove(el)


def _apply(style, spec: StyleSpec, paragraph: bool) -> None:
    font = style.font
    font.size = spec.size
    font.bold = spec.bold
    font.italic = False
    rpr = style.element.get_or_add_rPr()
    _strip(rpr, "w:color", "w:spacing", "w:kern", "w:bCs", "w:iCs")
    _set_fonts(rpr, spec.east_asia, spec.latin)
    if not paragraph:
        return
    pf = style.paragraph_format
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = LINE
    pf.alignment = spec.align
    pf.keep_with_next = spec.keep_next or None
    ppr = style.element.get_or_add_pPr()
    _strip(ppr, "w:pBdr", "w:contextualSpacing")
    ind = _child(ppr, "w:ind")
    # firstLineChars wins in Word, WPS and LibreOffice; firstLine (twips) is the fallback
    twips = int(spec.size.pt * 20 * spec.indent_chars)
    ind.set(qn("w:firstLineChars"), str(spec.indent_chars * 100))
    ind.set(qn("w:firstLine"), str(twips))
    ind.set(qn("w:leftChars"), "0")
    ind.set(qn("w:left"), "0")
    if spec.outline is not None:
        _child(ppr, "w:outlineLvl").set(qn("w:val"), str(spec.outline))


def _ensure(doc, name: str, kind: int):
    try:
        return doc.styles[name]
    except KeyError:
        style = doc.styles.add_style(name, kind)
        if kind == WD_STYLE_TYPE.PARAGRAPH:
            style.base_style = doc.styles["Normal"]
            style.next_paragraph_style = doc.styles["Normal"]
        style.quick_style = True
        return style


def _defaults(doc) -> None:
    """Document defaults: fonts, zh-CN language, no paragraph spacing; theme language zh-CN."""
    styles_el = doc.styles.element
    rpr_default = styles_el.find(qn("w:docDefaults") + "/" + qn("w:rPrDefault") + "/" + qn("w:rPr"))
    _set_fonts(rpr_default, "仿宋_GB2312", LATIN)
    lang = _child(rpr_default, "w:lang")
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    ppr_default = styles_el.find(qn("w:docDefaults") + "/" + qn("w:pPrDefault") + "/" + qn("w:pPr"))
    if ppr_default is not None:
        spacing = ppr_default.find(qn("w:spacing"))
        if spacing is not None:
            ppr_default.remove(spacing)
    settings = doc.settings.element
    theme_lang = _child(settings, "w:themeFontLang")
    theme_lang.set(qn("w:val"), "en-US")
    theme_lang.set(qn("w:eastAsia"), "zh-CN")


def _page(doc) -> None:
    """A4, margins 37 / 35 / 28 / 26 mm, page numbers “— N —” outside, one character in."""
    section = doc.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance, section.footer_distance = Mm(15), Mm(28)
    doc.settings.odd_and_even_pages_header_footer = True
    footer_style = _ensure(doc, "Footer", WD_STYLE_TYPE.PARAGRAPH)
    _apply(footer_style, PAGE_NUMBER, paragraph=True)
    footer_style.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    for footer, align in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
                          (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        footer.is_linked_to_previous = False
        p = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
        p.style = footer_style
        p.alignment = align
        if align == WD_ALIGN_PARAGRAPH.RIGHT:
            p.paragraph_format.right_indent = PAGE_NUMBER.size
        else:
            p.paragraph_format.left_indent = PAGE_NUMBER.size
        p.add_run("— ")
        _page_field(p)
        p.add_run(" —")


def _page_field(paragraph) -> None:
    """A PAGE field as Word writes it: begin, instruction, separate, cached result, end."""
    def run_with(*children):
        r = paragraph.add_run()
        for child in children:
            r._r.append(child)
        return r
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    sep = OxmlElement("w:fldChar")
    sep.set(qn("w:fldCharType"), "separate")
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(begin)
    run_with(instr)
    run_with(sep)
    paragraph.add_run("1")
    run_with(end)


def new_document():
    """A python-docx Document with fayan's styles and page set up."""
    doc = docx.Document()
    _defaults(doc)
    for name, spec in PARAGRAPH_STYLES.items():
        _apply(_ensure(doc, name, WD_STYLE_TYPE.PARAGRAPH), spec, paragraph=True)
    for name, spec in CHARACTER_STYLES.items():
        _apply(_ensure(doc, name, WD_STYLE_TYPE.CHARACTER), spec, paragraph=False)
    _page(doc)
    return doc


def to_docx(document: Document) -> bytes:
    doc = new_document()
    body_style = {"title": "Title", "subtitle": "Subtitle", "byline": "Byline",
                  "salutation": "Salutation", "paragraph": "Normal", "closing": "Normal"}
    for kind, item in document.blocks():
        if kind == "heading":
            level = min(item.level, 3)
            doc.add_paragraph(item.marker + item.heading_text, style=f"Heading {level}")
        elif kind == "run-in":
            part, first = item
            p = doc.add_paragraph(style="Normal")
            p.add_run(part.marker + part.heading_text, style=f"Run-in Heading {min(part.level, 3)}")
            if first is not None:
                p.add_run(first.text)
        else:
            text = item if isinstance(item, str) else item.text
            doc.add_paragraph(text, style=body_style[kind])
    props = doc.core_properties
    props.title = document.title
    props.author = ""
    props.last_modified_by = ""
    props.comments = ""
    props.keywords = ""
    props.subject = document.subtitle or ""
    now = _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0, tzinfo=None)
    props.created = props.modified = now
    props.revision = 1
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
