"""The .docx in a real word processor: LibreOffice lays each example out and the PDF is
measured as a reader would see it (GB/T 9704: A4, 22 lines of at most 28 characters, “— N —”
page numbers outside, the title centred). Skips where LibreOffice or poppler is absent,
unless FAYAN_REQUIRE_OFFICE=1 (set by .ci/run), where it fails instead."""

from __future__ import annotations

import os
import re

import docx
import pytest
from docx.shared import Pt

import fayan
from tests import pdfcheck
from tests.conftest import EXAMPLES, fayan_cli
from tests.test_format import SPEECHES

MISSING = pdfcheck.missing_tools()
if MISSING and os.environ.get("FAYAN_REQUIRE_OFFICE") != "1":
    pytest.skip(f"LibreOffice/poppler not installed ({', '.join(MISSING)}): "
                "apt-get install libreoffice-writer-nogui poppler-utils fonts-noto-cjk fonts-arphic-ukai",
                allow_module_level=True)


@pytest.fixture(scope="module")
def laid_out(tmp_path_factory):
    """Every example drafted to .docx, and every corpus speech through `fayan format`, laid out
    by LibreOffice: {stem: (doc, pages)}."""
    folder = tmp_path_factory.mktemp("client")
    docs, files = {}, []
    made = [(e.stem, fayan.draft(fayan.load_brief(e))) for e in EXAMPLES]
    made += [(f"format-{s.stem}", fayan.format_speech(s)) for s in SPEECHES]
    for stem, doc in made:
        path = folder / f"{stem}.docx"
        path.write_bytes(fayan.render(doc, "docx"))
        docs[stem] = doc
        files.append(path)
    pdfs = pdfcheck.to_pdf(files, folder)
    return {p.stem: (docs[p.stem], pdfcheck.pages(p)) for p in pdfs}


DRAFTS = [e.stem for e in EXAMPLES]
STEMS = DRAFTS + [f"format-{s.stem}" for s in SPEECHES]


@pytest.mark.parametrize("stem", STEMS)
def test_pages_are_a4(laid_out, stem):
    _, pages = laid_out[stem]
    for page in pages:
        assert abs(page.width - 595.3) < 1 and abs(page.height - 841.9) < 1


@pytest.mark.parametrize("stem", STEMS)
def test_every_full_page_has_22_lines(laid_out, stem):
    _, pages = laid_out[stem]
    assert len(pages) >= 2
    for page in pages[:-1]:
        assert len(page.body) == 22, (page.number, [ln.text for ln in page.body])
    assert 1 <= len(pages[-1].body) <= 22


@pytest.mark.parametrize("stem", STEMS)
def test_lines_are_on_a_28_95_point_grid(laid_out, stem):
    _, pages = laid_out[stem]
    for page in pages[1:-1]:
        tops = [ln.y1 for ln in page.body]  # baselines sit near the bottom of each line box
        steps = [b - a for a, b in zip(tops, tops[1:], strict=False)]
        assert all(abs(s - 28.95) < 1.0 for s in steps), steps


@pytest.mark.parametrize("stem", STEMS)
def test_no_line_holds_more_than_28_characters(laid_out, stem):
    _, pages = laid_out[stem]
    right = (210 - 26) * pdfcheck.MM
    full = 0
    for page in pages:
        for line in page.body:
            count = pdfcheck.cjk_count(line.text)
            if line.x1 > right + 2 and line.text[-1] in "。，、；：！？”’）》":
                count -= 1  # a closing mark hanging in the margin takes no cell of the line
            assert count <= 28, line.text
            full += count == 28
    assert full >= 10  # and full lines do hold 28, as GB/T 9704 asks


@pytest.mark.parametrize("stem", STEMS)
def test_nothing_is_lost_at_a_line_end(laid_out, stem):
    """LibreOffice once laid out a 。 hanging past a full line and did not print it."""
    doc, pages = laid_out[stem]
    printed = "".join(ln.text for page in pages for ln in page.body)
    expected = re.sub(r"\s+", "", fayan.render(doc, "txt"))
    assert printed.count("。") == expected.count("。")


@pytest.mark.parametrize("stem", STEMS)
def test_text_in_order_equals_the_plain_text_rendering(laid_out, stem):
    doc, pages = laid_out[stem]
    printed = "".join(ln.text for page in pages for ln in page.body)
    expected = fayan.render(doc, "txt")
    squash = lambda s: re.sub(r"\s+", "", s)  # noqa: E731
    assert squash(printed) == squash(expected)


@pytest.mark.parametrize("stem", STEMS)
def test_page_numbers_are_dashes_outside_one_character_in(laid_out, stem):
    _, pages = laid_out[stem]
    for page in pages:
        (number,) = page.footer
        assert re.fullmatch(rf"—\s*{page.number}\s*—", number.text), number.text
        right_edge = page.width - 26 * pdfcheck.MM
        left_edge = 28 * pdfcheck.MM
        if page.number % 2:  # odd pages: right, one 四号 character (14 pt) in
            assert abs((right_edge - number.x1) - 14) < 4, (page.number, number.x1)
        else:
            assert abs((number.x0 - left_edge) - 14) < 4, (page.number, number.x0)


@pytest.mark.parametrize("stem", DRAFTS)
def test_title_is_centred_at_the_top(laid_out, stem):
    doc, pages = laid_out[stem]
    def bare(t: str) -> str:
        return t.replace("\u3000", "").replace(" ", "")
    title = bare(doc.title)
    lines, text = [], ""
    for line in pages[0].body:  # a long title wraps: every line of it is centred
        if text == title or not title.startswith(text + bare(line.text)):
            break
        lines.append(line)
        text += bare(line.text)
    assert text == title, [line.text for line in pages[0].body[:3]]
    centre = (28 + (210 - 26)) / 2 * pdfcheck.MM
    for line in lines:
        assert abs((line.x0 + line.x1) / 2 - centre) < 3
    assert abs(lines[0].y0 - 37 * pdfcheck.MM) < 8


def test_reference_doc_styles_are_used(tmp_path):
    ref = docx.Document()
    normal = ref.styles["Normal"]
    normal.font.size = Pt(14)  # 四号
    rfonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    rfonts.set(docx.oxml.ns.qn("w:eastAsia"), "楷体")
    ref_path = tmp_path / "单位模板.docx"
    ref.save(ref_path)
    out = tmp_path / "draft.docx"
    result = fayan_cli("draft", str(EXAMPLES[0]), "-o", str(out), "--reference-doc", str(ref_path))
    assert result.exit_code == 0, result.stderr
    d = docx.Document(out)
    body = [p for p in d.paragraphs if p.style.name == "Normal" and p.text]
    assert body and all(not r.font.size and not r.font.name for p in body for r in p.runs)
    normal = d.styles["Normal"]
    assert normal.font.size == Pt(14)
    assert normal.element.rPr.rFonts.get(docx.oxml.ns.qn("w:eastAsia")) == "楷体"
    assert d.styles["Heading 1"].base_style.name == "Normal"  # created from Normal
    assert "Heading 1" in {p.style.name for p in d.paragraphs}
    (pdf,) = pdfcheck.to_pdf([out], tmp_path)
    lines = [ln for page in pdfcheck.pages(pdf) for ln in page.body]
    body_heights = [ln.y1 - ln.y0 for ln in lines if len(ln.text) > 20]
    assert body_heights and max(body_heights) < 19.5  # 四号 (14 pt: 18.2 pt boxes), not 三号 (20.8)


def test_annotated_draft_opens_and_has_one_comment_per_generated_paragraph(tmp_path):
    out = tmp_path / "annotated.docx"
    result = fayan_cli("draft", str(EXAMPLES[0]), "-o", str(out), "--annotate")
    assert result.exit_code == 0, result.stderr
    pdfcheck.to_pdf([out], tmp_path)  # opens in LibreOffice and converts without error
    d = docx.Document(out)
    doc = fayan.draft(fayan.load_brief(EXAMPLES[0]))
    generated = [k for k, item in doc.blocks()
                 if (k in ("paragraph", "closing") and any(s.origin == "phrase" for s in item.segments))
                 or (k == "run-in" and item[1] and any(s.origin == "phrase" for s in item[1].segments))]
    comments = list(d.comments)
    assert len(comments) == len(generated)
    bank = fayan.load_phrasebank()
    for c in comments:
        named = re.findall(r"：([a-z0-9._-]+)$", c.text, re.M)
        assert named and all(n in bank.phrases for n in named), c.text
    paragraphs_with_comments = [p for p in d.paragraphs if "commentRangeStart" in p._p.xml]
    assert len(paragraphs_with_comments) == len(comments)


def test_a_bad_reference_doc_is_a_clear_error(tmp_path):
    bad = tmp_path / "模板.docx"
    bad.write_text("这不是 Word 文档", encoding="utf-8")
    out = tmp_path / "x.docx"
    result = fayan_cli("draft", str(EXAMPLES[0]), "-o", str(out), "--reference-doc", str(bad))
    assert result.exit_code == 2 and "模板.docx" in result.stderr and "不是有效的 Word 文档" in result.stderr
    assert not out.exists()
