"""fayan format: a speech someone wrote, laid out as a draft is. Every character of its text
is kept, in order, paragraph for paragraph; its headings are the ones `fayan analyze` finds."""

from __future__ import annotations

import io

import docx
import pytest
from docx.shared import Pt

import fayan
from fayan.analyze import analyze, walk
from fayan.reader import paragraphs, read_source
from tests.conftest import EXAMPLES, ROOT, fayan_cli
from tests.readback import mammoth_blocks, markdown_blocks, python_docx_blocks

CORPUS = ROOT.parent / "shared" / "corpus"
SPEECHES = sorted(p for p in CORPUS.rglob("*") if p.suffix in (".txt", ".md", ".docx")) if CORPUS.exists() else []
needs_corpus = pytest.mark.skipif(not SPEECHES, reason="../shared/corpus is not beside the repository")


def formatted(path, tmp_path, *options: str) -> bytes:
    out = tmp_path / "out.docx"
    result = fayan_cli("format", str(path), "-o", str(out), *options)
    assert result.exit_code == 0, result.stderr
    assert "已写入" in result.stderr
    return out.read_bytes()


def texts(data: bytes) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]


def test_corpus_is_there():
    assert len(SPEECHES) >= 8 or not CORPUS.exists()


@needs_corpus
@pytest.mark.parametrize("speech", SPEECHES, ids=lambda p: p.stem)
def test_every_paragraph_of_a_corpus_speech_is_kept_in_order(speech, tmp_path):
    data = formatted(speech, tmp_path)
    lines = [line.strip(" \t\u3000\ufeff") for line in read_source(speech).text.split("\n")]
    assert texts(data) == [line for line in lines if line]


@needs_corpus
@pytest.mark.parametrize("speech", SPEECHES, ids=lambda p: p.stem)
def test_headings_are_those_analyze_finds_in_their_styles(speech, tmp_path):
    structure = analyze(paragraphs(read_source(speech)))
    d = docx.Document(io.BytesIO(formatted(speech, tmp_path)))
    found = []
    for p in d.paragraphs:
        if p.style.name.startswith("Heading"):
            found.append((int(p.style.name.split()[-1]), p.text))
        elif p.runs and p.runs[0].style.name.startswith("Run-in Heading"):
            found.append((int(p.runs[0].style.name.split()[-1]), p.runs[0].text))
    sections = list(walk(structure.sections))
    assert len(found) == len(sections) > 0
    for (level, text), s in zip(found, sections, strict=True):
        assert level == min(s.level, 4)
        assert s.marker + s.heading.rstrip("。") in text, (text, s.marker, s.heading)


@needs_corpus
@pytest.mark.parametrize("speech", SPEECHES, ids=lambda p: p.stem)
def test_two_readers_and_the_markdown_agree_on_a_formatted_speech(speech, tmp_path):
    data = formatted(speech, tmp_path)
    expected = markdown_blocks(fayan.render(fayan.format_speech(speech), "md"))
    assert python_docx_blocks(data) == expected
    assert mammoth_blocks(data) == expected


@needs_corpus
def test_strip_noise_drops_the_noise_lines_and_nothing_else(tmp_path):
    noisy = [s for s in SPEECHES if "##paidbegin##" in s.read_text(encoding="utf-8")
             or "来源" in s.read_text(encoding="utf-8")]
    assert len(noisy) >= 3
    for speech in noisy:
        kept = texts(formatted(speech, tmp_path, "--strip-noise", "--force"))
        assert kept == [t for _, t in paragraphs(read_source(speech))]
        everything = texts(formatted(speech, tmp_path, "--force"))
        assert len(kept) < len(everything)
        assert not [t for t in kept if "##paid" in t or "此处隐藏" in t or t.startswith(("来源", "发表时间", "更新时间"))]


def test_title_salutation_levels_and_run_in_leads_get_their_styles(tmp_path):
    speech = tmp_path / "讲话.txt"
    speech.write_text(
        "在全县组织工作会议上的讲话\n——XX县委书记　张三\n同志们：\n　　今天召开会议。\n"
        "一、提高站位\n（一）认清形势\n1.看清差距\n（1）补齐短板\n正文一段。\n"
        "（2）要抓落实。落实是关键。\n一是抓学习。\n二是抓调研。调研要深。\n"
        "以上发言，不妥之处，请批评指正，谢谢大家！\n", encoding="utf-8")
    d = docx.Document(io.BytesIO(formatted(speech, tmp_path)))
    styles = [(p.style.name, p.runs[0].style.name if p.runs else None, p.text) for p in d.paragraphs]
    assert [s[0] for s in styles[:9]] == ["Title", "Subtitle", "Salutation", "Normal", "Heading 1",
                                          "Heading 2", "Heading 3", "Heading 4", "Normal"]
    run_in = [(text, run, [r.text for r in p.runs]) for p, (_, run, text) in zip(d.paragraphs, styles, strict=True)
              if run and run.startswith("Run-in")]
    assert run_in == [  # the lead in its character style, the rest of the line in the same paragraph
        ("（2）要抓落实。落实是关键。", "Run-in Heading 4", ["（2）要抓落实。", "落实是关键。"]),
        ("一是抓学习。", "Run-in Heading 4", ["一是抓学习。"]),  # 一是 is a fifth level: the last style
        ("二是抓调研。调研要深。", "Run-in Heading 4", ["二是抓调研。", "调研要深。"])]
    assert d.paragraphs[-1].text.startswith("以上发言") and d.paragraphs[-1].style.name == "Normal"
    assert d.core_properties.title == "在全县组织工作会议上的讲话"


def test_a_first_level_run_in_lead_keeps_its_paragraph(tmp_path):
    speech = tmp_path / "讲话.txt"
    speech.write_text("标题\n开头。\n第一，要抓学习。学习是基础。\n第二，要抓落实。\n落实是关键。\n", encoding="utf-8")
    d = docx.Document(io.BytesIO(formatted(speech, tmp_path)))
    assert [(p.style.name, p.runs[0].style.name, p.text) for p in d.paragraphs] == [
        ("Title", "Default Paragraph Font", "标题"), ("Normal", "Default Paragraph Font", "开头。"),
        ("Normal", "Run-in Heading 1", "第一，要抓学习。学习是基础。"),
        ("Normal", "Run-in Heading 1", "第二，要抓落实。"), ("Normal", "Default Paragraph Font", "落实是关键。")]


@pytest.mark.parametrize("lines", [
    ["来源：某网站", "标题", "来源：某网站", "——在会上的讲话", "正文。"],
    ["短的署名行", "来源：某网站", "正文很长，不是标题，而是开头的一段话。"],
    ["标题", "正文。", "以上发言，请批评指正，谢谢大家！", "猜你喜欢"],
])
def test_kept_noise_lines_stay_where_they_stood(tmp_path, lines):
    speech = tmp_path / "讲话.txt"
    speech.write_text("\n".join(lines), encoding="utf-8")
    assert texts(formatted(speech, tmp_path)) == lines
    assert texts(formatted(speech, tmp_path, "--strip-noise", "--force")) == \
        [t for t in lines if not t.startswith("来源") and t != "猜你喜欢"]


@pytest.mark.parametrize("encoding", ["gbk", "utf-8-sig"])
def test_gbk_bom_and_crlf_text_files_are_read(tmp_path, encoding):
    speech = tmp_path / "讲话.txt"
    speech.write_bytes("学习心得\r\n一、深化认识\r\n　　正文，“引号”。\r\n".encode(encoding))
    assert texts(formatted(speech, tmp_path)) == ["学习心得", "一、深化认识", "正文，“引号”。"]


def test_a_docx_loses_its_direct_formatting_to_the_named_styles(tmp_path):
    src = docx.Document()
    title = src.add_paragraph()
    run = title.add_run("学习心得体会")
    run.bold, run.font.size = True, Pt(30)
    title.alignment = 2
    head = src.add_paragraph()
    head.add_run("一、").italic = True
    head.add_run("深化认识").font.size = Pt(12)
    body = src.add_paragraph("　　正文，有红字。")
    body.runs[0].font.color.rgb = docx.shared.RGBColor(255, 0, 0)
    path = tmp_path / "原稿.docx"
    src.save(path)
    d = docx.Document(io.BytesIO(formatted(path, tmp_path)))
    assert [(p.style.name, p.text) for p in d.paragraphs] == [
        ("Title", "学习心得体会"), ("Heading 1", "一、深化认识"), ("Normal", "正文，有红字。")]
    for p in d.paragraphs:
        assert p.paragraph_format.alignment is None and p.paragraph_format.first_line_indent is None
        for r in p.runs:
            assert r.bold is None and r.italic is None and r.font.size is None and r.font.color.rgb is None


def test_markdown_of_a_draft_formats_to_the_draft(tmp_path):
    doc = fayan.draft(fayan.load_brief(EXAMPLES[0]))
    md = tmp_path / "初稿.md"
    md.write_text(fayan.render(doc, "md"), encoding="utf-8")
    draft = docx.Document(io.BytesIO(fayan.render(doc, "docx")))
    again = docx.Document(io.BytesIO(formatted(md, tmp_path)))
    assert [p.text for p in again.paragraphs] == [p.text for p in draft.paragraphs]
    assert [p.style.name for p in again.paragraphs if p.style.name.startswith("Heading")] == \
        [p.style.name for p in draft.paragraphs if p.style.name.startswith("Heading")]


def test_fix_applies_the_mechanical_corrections_only_when_asked(tmp_path):
    speech = tmp_path / "讲话.txt"
    speech.write_text("同志们:\n今天开会。。我讲三点...\n", encoding="utf-8")
    assert texts(formatted(speech, tmp_path)) == ["同志们:", "今天开会。。我讲三点..."]
    assert texts(formatted(speech, tmp_path, "--fix", "--force")) == ["同志们：", "今天开会。我讲三点……"]


def test_an_existing_output_is_kept_without_force(tmp_path):
    speech = tmp_path / "讲话.txt"
    speech.write_text("标题\n正文。\n", encoding="utf-8")
    out = tmp_path / "排版.docx"
    out.write_bytes(b"mine")
    result = fayan_cli("format", str(speech), "-o", str(out))
    assert result.exit_code == 2 and "--force" in result.stderr and str(out) in result.stderr
    assert out.read_bytes() == b"mine"
    assert fayan_cli("format", str(speech), "-o", str(out), "--force").exit_code == 0
    assert texts(out.read_bytes()) == ["标题", "正文。"]


def test_without_output_a_formatted_docx_beside_the_current_directory(tmp_path, monkeypatch):
    speech = tmp_path / "讲话.docx"
    docx.Document().save(speech)
    d = docx.Document(speech)
    d.add_paragraph("正文。")
    d.save(speech)
    monkeypatch.chdir(tmp_path)
    assert fayan_cli("format", str(speech)).exit_code == 0
    assert texts((tmp_path / "讲话.formatted.docx").read_bytes()) == ["正文。"]


@pytest.mark.parametrize("content, words", [
    (None, "找不到这个文件"),
    (b"", "没有文字"),
    (b"\xe3\x80\x80\n\n", "没有文字"),
])
def test_a_missing_or_empty_speech_is_a_clear_error(tmp_path, content, words):
    speech = tmp_path / "讲话.txt"
    if content is not None:
        speech.write_bytes(content)
    out = tmp_path / "out.docx"
    result = fayan_cli("format", str(speech), "-o", str(out))
    assert result.exit_code == 2 and words in result.stderr and "讲话.txt" in result.stderr
    assert "Traceback" not in result.stderr and not out.exists()


def test_a_file_that_is_not_a_docx_is_a_clear_error(tmp_path):
    speech = tmp_path / "讲话.docx"
    speech.write_text("不是 Word", encoding="utf-8")
    result = fayan_cli("format", str(speech), "-o", str(tmp_path / "out.docx"))
    assert result.exit_code == 2 and "不是有效的 Word 文档" in result.stderr and "讲话.docx" in result.stderr
    assert not (tmp_path / "out.docx").exists()


def test_reference_doc_is_taken_as_for_a_draft(tmp_path):
    from tests.refdocs import wps_minimal
    ref = tmp_path / "单位模板.docx"
    ref.write_bytes(wps_minimal())
    speech = tmp_path / "讲话.txt"
    speech.write_text("学习心得\n一、深化认识\n正文。\n", encoding="utf-8")
    d = docx.Document(io.BytesIO(formatted(speech, tmp_path, "--reference-doc", str(ref))))
    assert [(p.style.name, p.style.style_id) for p in d.paragraphs] == [("Title", "6"), ("Heading 1", "2"), ("Normal", "1")]
    result = fayan_cli("format", str(speech), "-o", "-", "--reference-doc", str(ref))
    assert result.exit_code == 2 and "只用于 Word" in result.stderr
