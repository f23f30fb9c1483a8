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
import re
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import docx
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import nsmap, qn
from docx.shared import Mm, Pt

from ..document import NOT_XML, Document
from ..errors import DataError, FayanError, Problem
from ..reader import check_unpacked

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
    single: bool = False  # single line spacing (footers, comments), not the body's exact 28.95 pt


PARAGRAPH_STYLES: dict[str, StyleSpec] = {
    # left, not justified: LibreOffice (7.4) lays out a 。 hanging past a full *justified* line
    # and does not print it; for lines of full-width characters the two look the same
    "Normal": StyleSpec("仿宋_GB2312", BODY_SIZE, align=WD_ALIGN_PARAGRAPH.LEFT),
    "Title": StyleSpec("方正小标宋简体", Pt(22), latin="方正小标宋简体", align=WD_ALIGN_PARAGRAPH.CENTER, indent_chars=0),
    "Subtitle": StyleSpec("楷体_GB2312", BODY_SIZE, align=WD_ALIGN_PARAGRAPH.CENTER, indent_chars=0),
    "Byline": StyleSpec("楷体_GB2312", BODY_SIZE, align=WD_ALIGN_PARAGRAPH.CENTER, indent_chars=0),
    "Salutation": StyleSpec("仿宋_GB2312", BODY_SIZE, indent_chars=0),
    "Heading 1": StyleSpec("黑体", BODY_SIZE, latin="黑体", outline=0),
    "Heading 2": StyleSpec("楷体_GB2312", BODY_SIZE, outline=1),
    "Heading 3": StyleSpec("仿宋_GB2312", BODY_SIZE, bold=True, outline=2),
    "Heading 4": StyleSpec("仿宋_GB2312", BODY_SIZE, outline=3),
}
CHARACTER_STYLES: dict[str, StyleSpec] = {
    "Run-in Heading 1": StyleSpec("黑体", BODY_SIZE, latin="黑体"),
    "Run-in Heading 2": StyleSpec("楷体_GB2312", BODY_SIZE),
    "Run-in Heading 3": StyleSpec("仿宋_GB2312", BODY_SIZE, bold=True),
    "Run-in Heading 4": StyleSpec("仿宋_GB2312", BODY_SIZE),
}
LEVELS = 4  # heading levels with a style of their own (一、 （一） 1. （1）); deeper ones use the last
PAGE_NUMBER = StyleSpec("宋体", Pt(14), latin="宋体", indent_chars=0, single=True)  # 四号
# The styles python-docx's comments refer to by id (CommentText on a comment's paragraphs,
# CommentReference on its mark): Word's built-in 批注文字 and 批注引用, 五号 宋体.
NOTE_STYLES: dict[str, tuple[str, int, StyleSpec]] = {
    "CommentText": ("annotation text", WD_STYLE_TYPE.PARAGRAPH,
                    StyleSpec("宋体", Pt(10.5), latin=LATIN, indent_chars=0, single=True)),
    "CommentReference": ("annotation reference", WD_STYLE_TYPE.CHARACTER,
                         StyleSpec("宋体", Pt(10.5), latin=LATIN)),
}


_W_NS = nsmap["w"]

# The order ECMA-376 gives the children of a paragraph's and a run's properties (CT_PPrBase,
# CT_RPr). Word and WPS reject or "repair" a file whose children stand out of this order, where
# LibreOffice does not mind: every child fayan adds goes in through _child, which keeps it.
SCHEMA_ORDER: dict[str, tuple[str, ...]] = {
    "w:pPr": ("w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl",
              "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens",
              "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE",
              "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
              "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection",
              "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr",
              "w:sectPr", "w:pPrChange"),
    "w:rPr": ("w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike",
              "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof", "w:snapToGrid",
              "w:vanish", "w:webHidden", "w:color", "w:spacing", "w:w", "w:kern", "w:position", "w:sz",
              "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign",
              "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath"),
}


def _child(parent, tag: str, *, first: bool = False):
    """The ``tag`` child of ``parent``, created where missing: in schema order for the
    properties elements of :data:`SCHEMA_ORDER`, else first or last."""
    child = parent.find(qn(tag))
    if child is not None:
        return child
    child = OxmlElement(tag)
    order = SCHEMA_ORDER.get(_prefixed(parent.tag))
    if order and tag in order:
        later = {qn(t) for t in order[order.index(tag) + 1:]}
        successor = next((c for c in parent if c.tag in later), None)
        if successor is not None:
            successor.addprevious(child)
        else:
            parent.append(child)
    elif first:
        parent.insert(0, child)
    else:
        parent.append(child)
    return child


def _prefixed(clark: str) -> str:
    """``{…wordprocessingml…}pPr`` → ``w:pPr``."""
    return "w:" + clark.rsplit("}", 1)[-1] if clark.startswith("{" + _W_NS) else clark


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
    if spec.single:
        pf.line_spacing_rule = WD_LINE_SPACING.SINGLE
    else:
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.line_spacing = LINE
    pf.alignment = spec.align
    # GB/T 9704 holds every page to 22 lines: no orphan/widow control and no keep-with-next,
    # either of which would end a page a line early (as 公文 templates set them)
    pf.keep_with_next = None
    pf.widow_control = False
    ppr = style.element.get_or_add_pPr()
    # punctuation may not hang past the margin: LibreOffice lets a 。 after ” overflow a full
    # line and then prints nothing; without overflow the line-start rules move it properly
    _child(ppr, "w:overflowPunct").set(qn("w:val"), "0")
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


def _find(doc, name: str, kind: int):
    """The style Word calls ``name`` in ``doc``, or ``None``. python-docx looks a name up as
    Word writes it (``heading 1``); LibreOffice writes ``Heading 1``, WPS numbers its style ids,
    so the name is also compared without regard to case."""
    try:
        style = doc.styles[name]
    except KeyError:
        want = name.lower()
        style = next((s for s in doc.styles if s.type == kind and (s.name or "").lower() == want), None)
    return style if style is not None and style.type == kind else None


def _ensure(doc, name: str, kind: int):
    """The style ``name``, created where ``doc`` lacks it: a paragraph style from the default
    paragraph style, with the outline level of fayan's headings (Word's navigation pane)."""
    style = _find(doc, name, kind)
    if style is not None:
        return style
    style = doc.styles.add_style(name, kind)
    if kind == WD_STYLE_TYPE.PARAGRAPH:
        normal = doc.styles.default(WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.next_paragraph_style = normal
        spec = PARAGRAPH_STYLES.get(name)
        if spec is not None and spec.outline is not None:
            _child(style.element.get_or_add_pPr(), "w:outlineLvl").set(qn("w:val"), str(spec.outline))
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


def _tracking(doc) -> None:
    """Body text −0.25 pt apart: 28 characters of 三号 (15.75 pt each) fill the 156 mm line, as
    GB/T 9704 asks (at 16 pt only 27 fit)."""
    _child(doc.styles["Normal"].element.get_or_add_rPr(), "w:spacing").set(qn("w:val"), "-5")


def new_document():
    """python-docx's default template with fayan's styles and page set up: the source of the
    lean reference document, and the baseline the benchmark measures it against."""
    doc = docx.Document()
    _defaults(doc)
    for name, spec in PARAGRAPH_STYLES.items():
        _apply(_ensure(doc, name, WD_STYLE_TYPE.PARAGRAPH), spec, paragraph=True)
    for name, spec in CHARACTER_STYLES.items():
        _apply(_ensure(doc, name, WD_STYLE_TYPE.CHARACTER), spec, paragraph=False)
    _tracking(doc)
    _page(doc)
    return doc


# --- the lean reference document -------------------------------------------------------------

KEEP_STYLES = {"DefaultParagraphFont", "TableNormal", "NoList"}
DROP_PARTS = ("customXml/", "docProps/thumbnail.jpeg", "word/stylesWithEffects.xml",
              "word/webSettings.xml", "word/numbering.xml")
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def build_reference() -> bytes:
    """The lean reference .docx shipped as ``fayan/data/reference.docx``: the document of
    :func:`new_document` with only the styles fayan uses, no latent styles, numbering, custom
    XML or thumbnail, and a theme that names 宋体 and Times New Roman. Reproducible byte for byte (fixed zip times)."""
    doc = new_document()
    keep = KEEP_STYLES | {doc.styles[n].style_id for n in (*PARAGRAPH_STYLES, *CHARACTER_STYLES, "Footer")}
    root = doc.styles.element
    for style in root.findall(qn("w:style")):
        if style.get(qn("w:styleId")) not in keep:
            root.remove(style)
    for latent in root.findall(qn("w:latentStyles")):
        root.remove(latent)
    ids = {style.get(qn("w:styleId")) for style in root.findall(qn("w:style"))}
    for style in root.findall(qn("w:style")):
        for link in style.findall(qn("w:link")):  # TitleChar and the like were not kept
            if link.get(qn("w:val")) not in ids:
                style.remove(link)
    raw = io.BytesIO()
    doc.save(raw)
    src = zipfile.ZipFile(io.BytesIO(raw.getvalue()))
    dropped = [n for n in src.namelist() if n.startswith(DROP_PARTS)]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in sorted(src.namelist()):
            if name in dropped:
                continue
            data = src.read(name)
            if name == "[Content_Types].xml" or name.endswith(".rels"):
                data = _without_references(data, dropped)
            if name.startswith("word/theme/"):
                data = _office_fonts(data)
            info = zipfile.ZipInfo(name, _FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(info, data)
    return out.getvalue()


def _office_fonts(theme: bytes) -> bytes:
    """The theme's major and minor fonts as every Chinese office machine has them: Times New
    Roman for Latin, 宋体 for East Asian text (the default theme names Calibri and Cambria, and
    WPS asks for a font a machine lacks)."""
    text = theme.decode("utf-8")
    text = re.sub(r'<a:latin typeface="[^"]*"', '<a:latin typeface="Times New Roman"', text)
    text = re.sub(r'<a:ea typeface="[^"]*"', '<a:ea typeface="宋体"', text)
    return text.encode("utf-8")


def _without_references(xml: bytes, dropped: list[str]) -> bytes:
    """[Content_Types].xml or a .rels file with the entries naming a dropped part removed."""
    text = xml.decode("utf-8")
    for name in dropped:
        leaf = name.rsplit("/", 1)[-1]
        text = re.sub(rf'<Override [^>]*PartName="/{re.escape(name)}"[^>]*/>', "", text)
        text = re.sub(rf'<Relationship [^>]*Target="[^"]*{re.escape(leaf)}"[^>]*/>', "", text)
    text = text.replace('<Default Extension="jpeg" ContentType="image/jpeg"/>', "")
    return text.encode("utf-8")


@lru_cache(maxsize=1)
def reference_bytes() -> bytes:
    """The shipped lean reference document, read once a process."""
    return resources.files("fayan").joinpath("data/reference.docx").read_bytes()


def _from_user_reference(data: bytes, name: str):
    """A user's .docx as the base of a draft, as pandoc's --reference-doc: its styles and page
    setup are kept, its content removed; a style fayan needs and it lacks is created from Normal."""
    try:
        check_unpacked(data, name, "请换一份正常的 .docx 作 --reference-doc。")
    except FayanError as exc:
        raise DataError(exc.problems) from None
    try:
        doc = docx.Document(io.BytesIO(data))
    except Exception:  # python-docx raises several kinds for a file that is not a .docx
        raise DataError(Problem("不是有效的 Word 文档（.docx），不能用作 --reference-doc。"
                                "请用 Word 或 WPS 另存为 .docx 后再试。", name)) from None
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    for style_name in PARAGRAPH_STYLES:
        _ensure(doc, style_name, WD_STYLE_TYPE.PARAGRAPH)
    for style_name in CHARACTER_STYLES:
        _ensure(doc, style_name, WD_STYLE_TYPE.CHARACTER)
    _ensure_theme(doc)
    return doc


def _ensure_theme(doc) -> None:
    """A theme part for a reference that has none (LibreOffice writes none for a document it
    made): fayan's own, whose fonts are 宋体 and Times New Roman. A reference's theme is kept."""
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    if any(rel.reltype == RT.THEME for rel in doc.part.rels.values()):
        return
    theme = zipfile.ZipFile(io.BytesIO(reference_bytes())).read("word/theme/theme1.xml")
    partname = doc.part.package.next_partname("/word/theme/theme%d.xml")
    doc.part.relate_to(Part(PackURI(partname), CT.OFC_THEME, theme, doc.part.package), RT.THEME)


def _note_styles(doc) -> None:
    """Define the styles comments refer to, where the base document lacks them (fayan's lean
    reference, or a user's reference that has never held a comment). A reference that has
    Word's 批注文字 under an id of its own (WPS numbers its ids) keeps it, and the comments are
    pointed at that id."""
    ids = {s.style_id for s in doc.styles}
    for style_id, (name, kind, spec) in NOTE_STYLES.items():
        if style_id in ids:
            continue
        own = _find(doc, name, kind)
        if own is not None:
            tag = qn("w:pStyle" if kind == WD_STYLE_TYPE.PARAGRAPH else "w:rStyle")
            for root in (doc.element, doc.part._comments_part.element):
                for el in root.iter(tag):
                    if el.get(qn("w:val")) == style_id:
                        el.set(qn("w:val"), own.style_id)
            continue
        style = doc.styles.add_style(name, kind, builtin=True)
        style.element.styleId = style_id
        if kind == WD_STYLE_TYPE.PARAGRAPH:
            style.base_style = doc.styles.default(WD_STYLE_TYPE.PARAGRAPH)
        _apply(style, spec, paragraph=kind == WD_STYLE_TYPE.PARAGRAPH)


# --- writing a draft -------------------------------------------------------------------------

_NOT_XML = NOT_XML
"""Characters XML 1.0 forbids: they cannot stand in a .docx, and are left out of it (the
composer warns where a brief holds one: :func:`fayan.compose.unwritable`)."""
PROPERTY_MOST = 255
"""Characters Word keeps in a document property (docProps/core.xml): a longer title is cut
there, and only there."""


def xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids."""
    return _NOT_XML.sub("", text) if _NOT_XML.search(text) else text


def _prop(text: str | None) -> str:
    return xml_text(text or "")[:PROPERTY_MOST]


def to_docx(document: Document, *, reference: bytes | None = None, reference_name: str = "",
            notes: list[str | None] | None = None) -> bytes:
    """The draft as .docx bytes. ``reference`` is a user's .docx to take styles and page setup
    from (``None``: fayan's own lean reference); ``notes``, aligned with
    ``document.blocks()``, become Word comments on those paragraphs (``None``: no comment)."""
    if reference is None:
        doc = docx.Document(io.BytesIO(reference_bytes()))
    else:
        doc = _from_user_reference(reference, reference_name)
    style = {name: _find(doc, name, WD_STYLE_TYPE.PARAGRAPH) for name in PARAGRAPH_STYLES}
    style |= {name: _find(doc, name, WD_STYLE_TYPE.CHARACTER) for name in CHARACTER_STYLES}
    body_style = {"title": "Title", "subtitle": "Subtitle", "byline": "Byline", "front": "Normal",
                  "salutation": "Salutation", "paragraph": "Normal", "closing": "Normal"}
    for i, (kind, item) in enumerate(document.blocks()):
        if kind == "heading":
            p = doc.add_paragraph(xml_text(item.marker + item.heading_text), style=style[f"Heading {min(item.level, LEVELS)}"])
        elif kind == "run-in":
            part, first = item
            p = doc.add_paragraph(style=style["Normal"])
            p.add_run(xml_text(part.marker + part.heading_text), style=style[f"Run-in Heading {min(part.level, LEVELS)}"])
            if first is not None and first.text:
                p.add_run(xml_text(first.text))
        else:
            text = item if isinstance(item, str) else item.text
            p = doc.add_paragraph(xml_text(text), style=style[body_style[kind]])
        if notes and notes[i] and p.runs:
            doc.add_comment(p.runs, text=xml_text(notes[i]), author="fayan", initials="fy")
    if notes and any(notes):
        _note_styles(doc)
    props = doc.core_properties
    props.title = _prop(document.title)
    props.author = _prop(document.author)
    props.last_modified_by = ""
    props.comments = ""
    props.keywords = ""
    props.subject = _prop(document.subtitle)
    now = _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0, tzinfo=None)
    props.created = props.modified = now
    props.revision = 1
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def rewrite_paragraphs(data: bytes, transform) -> bytes:
    """A copy of a .docx whose paragraph texts are passed through ``transform(text) -> text``,
    keeping runs and their formatting where a change stays inside one run (mechanical fixes
    change a character or two). A change spanning runs puts the paragraph's new text in its
    first run."""
    document = docx.Document(io.BytesIO(data))
    for p in document.paragraphs:
        old = p.text
        new = transform(old)
        if new == old or not p.runs:
            continue
        texts = [r.text for r in p.runs]
        if sum(len(t) for t in texts) != len(old):
            continue  # fields or hyperlinks in the paragraph: leave it alone
        out, pos = [], 0
        for run_text in texts:
            piece = old[pos:pos + len(run_text)]
            out.append(transform(piece) if piece else piece)
            pos += len(run_text)
        if "".join(out) == new:
            for run, text in zip(p.runs, out, strict=True):
                run.text = text
        else:
            p.runs[0].text = new
            for run in p.runs[1:]:
                run.text = ""
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
