"""fayan analyze and harvest: structure as a reader sees it, skeletons and phrases learned."""

from __future__ import annotations

import json

import pytest
import yaml

import fayan
from fayan.analyze import STYLE, analyze
from fayan.reader import Source, paragraphs, read_source
from tests.conftest import EXAMPLES, ROOT, fayan_cli

CORPUS = ROOT.parent / "shared" / "corpus"
needs_corpus = pytest.mark.skipif(not CORPUS.exists(), reason="../shared/corpus is not beside the repository")

# What a reader sees in each file: the number of top-level parts and how they are marked.
READER_SEES = {
    "seeds/000_72cb230d5b72a3be.txt": (3, "parallel"),  # 强基铸魂，以学为先，…“修行者”。 ×3, no numbers
    "seeds/001_5b4d48522c5419d6.txt": (1, "一、"),       # only 一、 is visible; the rest is “此处隐藏”
    "seeds/002_fbde924d14c6066f.txt": (3, "第一，"),
    "seeds/003_b76fffb7c9f7f91d.txt": (6, "一、"),       # 四、 stands behind ##paidbegin##
    "seeds/004_11f263b6c98ae65b.txt": (3, "一、"),       # with 一要 / 二要 / 三要 inside 三、
    "public/07_jianghua-xianwei-shuji.txt": (4, "一是"),
    "public/08_jianghua-wenming-jiating.txt": (3, "第一，"),
    "public/09_jianghua-laomo-zuotan.txt": (4, "第一，"),
}


def structure_of(path):
    return analyze(paragraphs(read_source(path)))


@needs_corpus
@pytest.mark.parametrize("name", sorted(READER_SEES))
def test_corpus_file_parts_as_a_reader_sees_them(name):
    count, family = READER_SEES[name]
    s = structure_of(CORPUS / name)
    assert (len(s.sections), s.top_family) == (count, family)
    assert all(sec.family == family for sec in s.sections)


@needs_corpus
def test_sub_levels_and_inline_series_are_found():
    s = structure_of(CORPUS / "seeds/001_5b4d48522c5419d6.txt")
    assert [c.marker for c in s.sections[0].children][:1] == ["(一)"]
    s = structure_of(CORPUS / "seeds/004_11f263b6c98ae65b.txt")
    assert [c.marker for c in s.sections[2].children] == ["一要", "二要", "三要"]
    s = structure_of(CORPUS / "seeds/003_b76fffb7c9f7f91d.txt")
    assert s.sections[1].series == ["一是", "二是", "三是"]
    assert s.title == "党的建设交流研讨材料"


@needs_corpus
def test_salutation_closing_and_formula():
    s = structure_of(CORPUS / "seeds/001_5b4d48522c5419d6.txt")
    assert s.formula and s.formula.startswith("以上发言")
    s = structure_of(CORPUS / "public/08_jianghua-wenming-jiating.txt")
    assert s.salutation == "同志们："


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_round_trip_recovers_parts_numbering_and_formula(example, seed):
    brief = fayan.load_brief(example)
    skeleton = fayan.load_skeleton(brief.template)
    doc = fayan.draft(brief, seed=seed)
    s = analyze(paragraphs(Source(fayan.render(doc, "txt"), "draft.txt", "txt")))
    assert len(s.sections) == len(doc.parts)
    styles = [STYLE[f] for f in s.families]
    assert styles == skeleton.numbering[: len(styles)] and styles
    formula = next((seg.text for p in doc.closing for seg in p.segments
                    if seg.ids and seg.ids[0].startswith("closing.formula")), None)
    assert s.formula == formula


@needs_corpus
@pytest.mark.parametrize("name", sorted(READER_SEES))
def test_emitted_skeleton_drafts_with_the_same_part_count(tmp_path, name):
    templates = tmp_path / "templates"
    templates.mkdir()
    out = templates / "我的.yaml"  # saved under any name: found by its file name and by its id
    assert fayan_cli("analyze", str(CORPUS / name), "--emit", "skeleton", "-o", str(out)).exit_code == 0
    skeleton_id = yaml.safe_load(out.read_text(encoding="utf-8"))["id"]
    new = fayan_cli("new", "我的", "--templates", str(templates))
    assert new.exit_code == 0 and f"模板: {skeleton_id}" in new.stdout
    count, _ = READER_SEES[name]
    themes = ["理论武装", "政治建设", "组织建设", "干部队伍", "基层党建", "作风建设"][:count]
    brief = tmp_path / "brief.yaml"
    brief.write_text(yaml.safe_dump({"template": skeleton_id, "title": "学习体会", "topic": "党的建设",
                                     "sections": [{"theme": t} for t in themes]}, allow_unicode=True),
                     encoding="utf-8")
    result = fayan_cli("draft", str(brief), "-o", "-", "--format", "json", "--templates", str(templates))
    assert result.exit_code == 0, result.stderr
    assert len(json.loads(result.stdout)["document"]["parts"]) == count


def test_analyze_json_has_the_published_keys(tmp_path):
    md = tmp_path / "draft.md"
    assert fayan_cli("draft", str(EXAMPLES[0]), "-o", str(md)).exit_code == 0
    result = fayan_cli("analyze", str(md), "--format", "json")
    data = json.loads(result.stdout)
    assert data["title"] == fayan.draft(fayan.load_brief(EXAMPLES[0])).title
    assert {"title", "salutation", "opening", "sections", "closing"} <= set(data)
    assert {"level", "marker", "heading", "children"} <= set(data["sections"][0])


def test_reader_drops_web_and_markdown_noise(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("更新时间：2025-08 来源：网友投稿\n\n　　同志们：\n\n![图](x.png)\n\n　　一、抓学习[链接](http://x)\n\n"
                    "##paidbegin##二、抓落实\n\n---此处隐藏200字，下载后查看---\n\n猜你喜欢\n\n责任编辑：张三\n",
                    encoding="utf-8")
    texts = [t for _, t in paragraphs(read_source(path))]
    assert texts == ["同志们：", "一、抓学习链接", "二、抓落实"]


def test_reader_reads_gbk(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("　　第一，抓学习。\r\n　　第二，抓落实。\r\n".encode("gbk"))
    s = analyze(paragraphs(read_source(path)))
    assert [sec.marker for sec in s.sections] == ["第一，", "第二，"]


@needs_corpus
def test_harvest_over_the_seeds_loads_and_renders(tmp_path):
    bank_dir = tmp_path / "bank"
    bank_dir.mkdir()
    result = fayan_cli("harvest", str(CORPUS / "seeds"), "-o", str(bank_dir / "harvest.yaml"))
    assert result.exit_code == 0, result.stderr
    data = yaml.safe_load((bank_dir / "harvest.yaml").read_text(encoding="utf-8"))
    functions = {p["function"] for p in data["phrases"]}
    assert {"opening.occasion", "closing.formula", "quote"} <= functions
    assert any(s["id"].startswith("harvest.headings") for s in data["sets"])
    assert all(p["count"] >= 1 and p["source"].startswith("harvest:") for p in data["phrases"])
    listed = fayan_cli("phrases", "--phrasebank", str(bank_dir), "--function", "closing.formula")
    assert listed.exit_code == 0 and "harvest.closing.formula.01" in listed.stdout
    shown = fayan_cli("phrases", "--phrasebank", str(bank_dir), "show", "harvest.quote.01")
    assert shown.exit_code == 0 and "harvest:" in shown.stdout
    brief = tmp_path / "b.yaml"
    example = next(e for e in EXAMPLES if e.stem == "yantao-fayan")  # its template closes with a formula
    brief.write_text(example.read_text(encoding="utf-8")
                     + "锁定:\n  closing.formula: harvest.closing.formula.01\n", encoding="utf-8")
    drafted = fayan_cli("draft", str(brief), "-o", "-", "--phrasebank", str(bank_dir))
    assert drafted.exit_code == 0, drafted.stderr
    formula = next(p for p in data["phrases"] if p["id"] == "harvest.closing.formula.01")["text"]
    assert formula in drafted.stdout


def test_analyze_bad_file_is_a_clear_error(tmp_path):
    result = fayan_cli("analyze", str(tmp_path / "none.txt"))
    assert result.exit_code == 2 and "none.txt" in result.stderr
