"""The .docx read back with python-docx: named styles, East Asian fonts, GB/T 9704 page."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from docx.shared import Mm

import fayan
from tests.conftest import EXAMPLES
from tests.readback import mammoth_blocks, markdown_blocks, python_docx_blocks

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def drafted(example) -> tuple[fayan.Document, bytes]:
    doc = fayan.draft(fayan.load_brief(example))
    return doc, fayan.render(doc, "docx")


def style_fonts(data: bytes, style_id: str) -> dict[str, str]:
    from lxml import etree
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/styles.xml"))
    (style,) = root.findall(f"{W}style[@{W}styleId='{style_id}']")
    rfonts = style.find(f"{W}rPr/{W}rFonts")
    return {k.replace(W, ""): v for k, v in rfonts.attrib.items()}


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_paragraph_styles_follow_the_document_tree(example):
    doc, data = drafted(example)
    paras = docx.Document(io.BytesIO(data)).paragraphs
    assert paras[0].style.name == "Title" and paras[0].text == doc.title
    blocks = list(doc.blocks())
    assert len(paras) == len(blocks)
    for para, (kind, item) in zip(paras, blocks, strict=True):
        if kind == "heading":
            assert para.style.name == f"Heading {item.level}", para.text
            assert para.text == item.marker + item.heading_text
        elif kind == "run-in":
            part, first = item
            assert para.style.name == "Normal"
            assert para.runs[0].style.name == f"Run-in Heading {part.level}"
            assert para.runs[0].text == part.marker + part.heading_text
        elif kind in ("paragraph", "closing"):
            assert para.style.name == "Normal"
            assert para.text == item.text


def test_markdown_helper_sees_headings_and_drops_syntax():
    md = '# 标题\n\n<p align="center">署名</p>\n\n## 一、总\n\n**第一，要**正文\n\n\\1. 段'
    assert markdown_blocks(md) == [(0, "标题"), (0, "署名"), (1, "一、总"), (0, "第一，要正文"), (0, "1. 段")]


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_two_independent_readers_give_the_markdown_text_paragraph_for_paragraph(example):
    doc, data = drafted(example)
    expected = markdown_blocks(fayan.render(doc, "md"))
    assert python_docx_blocks(data) == expected
    assert mammoth_blocks(data) == expected


def test_top_level_headings_on_their_own_line_are_heading_1():
    doc, data = drafted(next(e for e in EXAMPLES if e.stem == "jiaoliu-cailiao"))
    heads = [p for p in docx.Document(io.BytesIO(data)).paragraphs if p.style.name == "Heading 1"]
    assert [p.text[:2] for p in heads] == ["一、", "二、", "三、", "四、"]


def test_run_in_parts_carry_their_lead_in_a_character_style():
    doc, data = drafted(next(e for e in EXAMPLES if e.stem == "zhongxinzu-fayan"))
    d = docx.Document(io.BytesIO(data))
    assert not [p for p in d.paragraphs if p.style.name.startswith("Heading")]
    leads = [p.runs[0] for p in d.paragraphs if p.runs and p.runs[0].style.name == "Run-in Heading 1"]
    assert [r.text[:3] for r in leads] == ["第一，", "第二，", "第三，", "第四，"][: len(doc.parts)]
    assert len(leads) == len(doc.parts) >= 3


def test_east_asian_fonts_are_set_on_the_styles_not_the_theme():
    _, data = drafted(EXAMPLES[0])
    normal, heading = style_fonts(data, "Normal"), style_fonts(data, "Heading1")
    assert normal["eastAsia"] == "仿宋_GB2312"
    assert heading["eastAsia"] == "黑体"
    assert style_fonts(data, "Title")["eastAsia"] == "方正小标宋简体"
    assert style_fonts(data, "Heading2")["eastAsia"] == "楷体_GB2312"
    for fonts in (normal, heading):
        assert not [k for k in fonts if k.endswith("Theme") or k == "cstheme"]


def test_language_is_chinese_not_japanese():
    _, data = drafted(EXAMPLES[0])
    z = zipfile.ZipFile(io.BytesIO(data))
    settings = z.read("word/settings.xml").decode()
    styles = z.read("word/styles.xml").decode()
    assert 'w:eastAsia="zh-CN"' in settings and "ja-JP" not in settings
    assert 'w:eastAsia="zh-CN"' in styles


def test_body_is_sanhao_with_two_character_indent_and_exact_spacing():
    _, data = drafted(EXAMPLES[0])
    normal = docx.Document(io.BytesIO(data)).styles["Normal"]
    assert normal.font.size.pt == 16
    assert round(normal.paragraph_format.line_spacing.pt, 2) == 28.95
    ind = normal.element.pPr.find(f"{W}ind")
    assert ind.get(f"{W}firstLineChars") == "200" and ind.get(f"{W}firstLine") == "640"


def test_page_is_a4_with_gbt9704_margins():
    _, data = drafted(EXAMPLES[0])
    sec = docx.Document(io.BytesIO(data)).sections[0]
    mm = lambda v: round(v / Mm(1), 1)  # noqa: E731
    assert (mm(sec.page_width), mm(sec.page_height)) == (210, 297)
    assert (mm(sec.top_margin), mm(sec.bottom_margin), mm(sec.left_margin), mm(sec.right_margin)) == (37, 35, 28, 26)


def test_page_numbers_are_dash_fields_outside_on_odd_and_even_pages():
    _, data = drafted(EXAMPLES[0])
    d = docx.Document(io.BytesIO(data))
    sec = d.sections[0]
    assert d.settings.odd_and_even_pages_header_footer
    for footer in (sec.footer, sec.even_page_footer):
        xml = footer.paragraphs[0]._p.xml
        assert "PAGE" in xml and footer.paragraphs[0].text.startswith("— ")


def test_document_properties_carry_the_title_and_the_unit_as_author():
    example = next(e for e in EXAMPLES if e.stem == "yantao-fayan")
    brief = fayan.load_brief(example)
    doc, data = drafted(example)
    props = docx.Document(io.BytesIO(data)).core_properties
    assert props.title == doc.title == brief.title
    assert props.author == brief.speaker.unit == "XX县委"
    assert "python-docx" not in (props.comments or "") and props.last_modified_by == ""


def test_without_a_unit_the_author_is_left_empty():
    text = EXAMPLES[0].read_text(encoding="utf-8")
    brief = fayan.parse_brief(text.encode("utf-8"), "b.yaml")
    brief.speaker = None
    data = fayan.render(fayan.draft(brief), "docx")
    props = docx.Document(io.BytesIO(data)).core_properties
    assert props.author == "" and props.title == brief.title


def test_shipped_reference_document_is_current(update_golden):
    from fayan.writers.docx import build_reference
    from tests.conftest import ROOT
    path = ROOT / "src" / "fayan" / "data" / "reference.docx"
    built = build_reference()
    if update_golden:
        path.write_bytes(built)
    assert path.read_bytes() == built, "reference.docx is stale: pytest --update-golden"


def test_reference_document_is_lean():
    from fayan.writers.docx import reference_bytes
    data = reference_bytes()
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert len(data) < 20_000
    assert not [n for n in names if "thumbnail" in n or "stylesWithEffects" in n]
    assert names.count("word/theme/theme1.xml") == 1  # Word and WPS expect a theme: one naming 宋体
    styles = docx.Document(io.BytesIO(data)).styles
    assert len(styles) < 20 and "Heading 1" in [s.name for s in styles]
