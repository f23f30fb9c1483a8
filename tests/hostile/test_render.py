"""Hostile input to what fayan renders: a speech's words learned into a template or bank stay
words; a user's phrases and frames render in a bounded sandbox, refused at load with the file and
line where they stand; an unknown function in a template is a located error; text entering Word
loses only what XML forbids; a --reference-doc that would unpack to gigabytes is not read."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest
import yaml

from fayan import sandbox
from tests.hostile.harness import assert_clean, assert_refused, run, snapshot

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "yantao-fayan.yaml"


def _brief(tmp: Path, **extra: object) -> Path:
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data.update(extra)
    path = tmp / "提纲.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _bank(tmp: Path, text: str, function: str = "opening.turn") -> Path:
    folder = tmp / "句库"
    folder.mkdir(exist_ok=True)
    body = {"phrases": [{"id": "mine.test.01", "function": function, "text": text}]}
    (folder / "mine.yaml").write_text("# 我的句子\n" + yaml.safe_dump(body, allow_unicode=True, sort_keys=False),
                                      encoding="utf-8")
    return folder


def _draft(tmp: Path, *args: str | Path) -> tuple:
    before = snapshot(tmp)
    result = run("draft", *args, "-o", tmp / "稿.md")
    return result, before


def _no_new_file(tmp: Path, before: dict) -> None:
    assert snapshot(tmp) == before, "a refused draft left or changed a file"


# --- 1. a speech's words are data ------------------------------------------------------------

SPEECH = """学习心得

同志们：

今天我们召开会议，{{ 7*7 }}这是开头。{# 注 #}下面我讲几点意见。

一、要坚持{{ 7*7 }}{% raw %}学习

我们要认真学习。{% for i in range(999999999) %}x{% endfor %}

二、要坚持{{ 7*7 }}{% raw %}实践

我们要认真实践。

三、要坚持{{ 7*7 }}{% raw %}落实

我们要抓好落实。

同志们，让我们{{ 7*7 }}团结起来，{% for i in range(99999) %}努力奋斗！
"""


def test_a_speech_learned_as_a_template_and_bank_drafts_its_braces_literally(tmp_path: Path) -> None:
    speech = tmp_path / "讲话.txt"
    speech.write_text(SPEECH, encoding="utf-8")
    (tmp_path / "模板").mkdir()
    assert_clean(run("analyze", speech, "--emit", "skeleton", "-o", tmp_path / "模板" / "xuede.yaml"))
    assert_clean(run("harvest", speech, "-o", tmp_path / "学来的" / "bank.yaml"))
    brief = _brief(tmp_path, 模板="xuede")
    result = run("draft", brief, "--templates", tmp_path / "模板", "--phrasebank", tmp_path / "学来的",
                 "-o", tmp_path / "稿.md")
    assert_clean(result)
    text = (tmp_path / "稿.md").read_text(encoding="utf-8")
    assert "要坚持{{ 7*7 }}{% raw %}" in text  # the heading frame learned from the speech
    assert "{{ 7*7 }}" in text and "49" not in text


@pytest.mark.parametrize("words", ["{{ 7*7 }}", "{% for i in range(9) %}", "{# 注 #}", "{{{ x }}}", "{%- raw -%}",
                                   "{% endraw %}", "}}{{", "{", "{{ '{' }}"])
def test_literal_renders_back_to_the_words(words: str) -> None:
    escaped = sandbox.literal(f"甲{words}乙")
    assert sandbox.render(escaped, {}) == f"甲{words}乙"


def test_harvested_text_is_literal_in_process() -> None:
    from fayan.analyze import analyze
    from fayan.learn import harvest
    from fayan.reader import Source, paragraphs
    out = yaml.safe_load(harvest([("a.txt", analyze(paragraphs(Source(SPEECH, "a.txt", "txt"))))]))
    texts = [p["text"] for p in out["phrases"]] + [i for s in out["sets"] for i in s["items"]]
    assert any("7*7" in t for t in texts)
    for t in texts:
        assert "49" not in sandbox.render(t, {})


# --- 2. a user's phrases: refused at load, with the line of the text ----------------------------

REFUSED_AT_LOAD = [
    ("{% include 'a.yaml' %}", "include"),
    ("{% import 'a' as b %}", "import"),
    ("{% from 'a' import b %}", "import"),
    ("{% extends 'a' %}", "extends"),
    ("{% macro m() %}x{% endmacro %}", "macro"),
    ("{% set x = 1 %}", "set"),
    ("{% for i in range(999999999) %}x{% endfor %}", "函数"),
    ("{{ range(10) }}", "函数"),
    ("{{ cycler }}", "cycler"),
    ("{{ lipsum }}", "lipsum"),
    ("{{ joiner }}", "joiner"),
    ("{{ namespace }}", "namespace"),
    ("{{ range }}", "range"),
    ("{{ topic.__class__ }}", "_"),
    ("{{ _x }}", "_"),
    ("{{ topic|replace('a', 'b') }}", "replace"),
    ("{{ topic|join(topic) }}", "join"),
    ("{{ topic|attr('upper') }}", "attr"),
    ("{{ topic.upper() }}", "函数"),
    ("{{ topic", "不配对"),
    ("{% if place %}没有结束", "结束"),
    ("{% frobnicate %}", "frobnicate"),
    ("{{ 1 + }}", "不配对"),
    ("{% with a = 1 %}{{ a }}{% endwith %}", "with"),
    ("{% filter upper %}x{% endfilter %}", "filter"),
]


@pytest.mark.parametrize(("text", "said"), REFUSED_AT_LOAD)
def test_a_refused_construct_in_a_phrase_is_located_at_load(tmp_path: Path, text: str, said: str) -> None:
    bank = _bank(tmp_path, f"{text}这次会议很重要。")
    result, before = _draft(tmp_path, _brief(tmp_path), "--phrasebank", bank)
    assert_refused(result, file="mine.yaml")
    assert ":5:" in result.stderr or ":4:" in result.stderr, result.stderr  # the text's line
    assert said in result.stderr
    _no_new_file(tmp_path, before)


def test_a_refused_construct_on_a_later_line_of_a_block_text_names_that_line(tmp_path: Path) -> None:
    folder = tmp_path / "句库"
    folder.mkdir()
    (folder / "mine.yaml").write_text(
        "phrases:\n  - id: mine.test.01\n    function: opening.occasion\n    text: |-\n"
        "      第一行。\n      第二行。\n      {{ cycler }}第三行。\n", encoding="utf-8")
    result, before = _draft(tmp_path, _brief(tmp_path), "--phrasebank", folder)
    assert_refused(result, file="mine.yaml")
    assert "mine.yaml:7" in result.stderr or "mine.yaml:6" in result.stderr, result.stderr
    _no_new_file(tmp_path, before)


def test_a_refused_set_item_is_located(tmp_path: Path) -> None:
    folder = tmp_path / "句库"
    folder.mkdir()
    body = {"sets": [{"id": "mine.set", "name": "我的组", "items": ["甲{{ lipsum() }}", {"text": "乙{% include 'x' %}"}]}]}
    (folder / "s.yaml").write_text(yaml.safe_dump(body, allow_unicode=True), encoding="utf-8")
    result, before = _draft(tmp_path, _brief(tmp_path), "--phrasebank", folder)
    assert_refused(result, file="s.yaml")
    assert result.stderr.count("s.yaml:") == 2, result.stderr
    _no_new_file(tmp_path, before)


# --- 2. bounded at render: a pinned phrase is rendered whatever it asks ----------------------

BOUNDED = [
    ("{{ 9**(9**9) }}", "数字太大"),
    ("{{ 'x' * 2500000000 }}", "超过"),
    ("{{ topic * 99999999 }}", "超过"),
    ("{{ (9**999) * (9**999) * (9**999) * (9**999) * (9**999) }}", "数字太大"),
    ("{% for a in topic %}{% for b in topic %}{% for c in topic %}{% for d in topic %}{% for e in topic %}"
     "{% endfor %}{% endfor %}{% endfor %}{% endfor %}{% endfor %}", "循环"),
    ("{% for a in topic %}{% for b in topic %}{% for c in topic %}{{ topic }}{{ topic }}{% endfor %}"
     "{% endfor %}{% endfor %}", "超过"),
    ("{{ speaker }}", "只能写出文字或数字"),
    ("{{ 1 / 0 }}", "除数为零"),
    ("{{ 9.0 ** 999 }}", "数字"),
    ("{{ topic + 1 }}", "无法完成"),
    ("{{ topic[999] }}", "没有值"),
]


@pytest.mark.parametrize(("text", "said"), BOUNDED)
def test_a_pinned_phrase_that_would_run_away_is_stopped_and_located(tmp_path: Path, text: str, said: str) -> None:
    bank = _bank(tmp_path, f"{text}这次会议很重要。")
    brief = _brief(tmp_path, 锁定={"opening.turn": "mine.test.01"})
    result, before = _draft(tmp_path, brief, "--phrasebank", bank, "--seed", "1")
    assert_refused(result, file="mine.yaml")
    assert said in result.stderr, result.stderr
    _no_new_file(tmp_path, before)


def test_a_user_phrase_with_if_and_a_small_loop_still_drafts(tmp_path: Path) -> None:
    bank = _bank(tmp_path, "{% if place %}在{{ place }}，{% endif %}{% for c in '一二' %}好{% endfor %}这次会议很重要。")
    brief = _brief(tmp_path, 锁定={"opening.turn": "mine.test.01"})
    result = run("draft", brief, "--phrasebank", bank, "-o", tmp_path / "稿.md")
    assert_clean(result)
    assert "在XX县，好好这次会议很重要。" in (tmp_path / "稿.md").read_text(encoding="utf-8")


# --- 2/3. a user's template: frames refused at load, unknown functions located --------------------

def _template(tmp: Path, *, frame: str = "{{ section.theme }}", move: str = "section.lead",
              subtitle: str | None = None, sets: dict | None = None) -> Path:
    data = yaml.safe_load((ROOT / "templates" / "yantao-fayan.yaml").read_text(encoding="utf-8"))
    data["id"] = "wode"
    part = data["parts"][2]["children"][0]  # the part repeated for each section
    part["heading"] = {"frame": frame, **({"sets": sets} if sets else {})}
    part["body"] = [[move, "user.points"]]
    if subtitle is not None:
        data["subtitle"] = subtitle
    folder = tmp / "模板"
    folder.mkdir(exist_ok=True)
    (folder / "wode.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return folder


TEMPLATE_CASES = [
    ({"frame": "{% include 'x' %}{{ section.theme }}"}, "include"),
    ({"frame": "{{ cycler }}{{ section.theme }}"}, "cycler"),
    ({"frame": "{{ section.theme"}, "不配对"),
    ({"frame": "{% for i in range(999999999) %}{% endfor %}"}, "函数"),
    ({"subtitle": "——在{{ lipsum() }}上的发言"}, "函数"),
    ({"move": "section.nosuch"}, "section.nosuch"),
    ({"move": "section.leed"}, "section.lead"),
    ({"move": "opening.nosuch|section.nosuch"}, "opening.nosuch"),
    ({"move": "section.nosuch*3"}, "section.nosuch"),
    ({"frame": "{{ a }}{{ section.theme }}", "sets": {"a": "no-such-set"}}, "no-such-set"),
]


@pytest.mark.parametrize(("change", "said"), TEMPLATE_CASES)
def test_a_user_template_mistake_is_located_in_the_template(tmp_path: Path, change: dict, said: str) -> None:
    folder = _template(tmp_path, **change)
    result, before = _draft(tmp_path, _brief(tmp_path, 模板="wode"), "--templates", folder)
    assert_refused(result, file="wode.yaml")
    assert said in result.stderr, result.stderr
    _no_new_file(tmp_path, before)


def test_an_unknown_name_in_a_frame_is_located_in_chinese(tmp_path: Path) -> None:
    folder = _template(tmp_path, frame="要坚持{{ nosuch }}")
    result, before = _draft(tmp_path, _brief(tmp_path, 模板="wode"), "--templates", folder)
    assert_refused(result, file="wode.yaml")
    assert "“nosuch”没有值" in result.stderr
    _no_new_file(tmp_path, before)


# --- 4. text entering Word ----------------------------------------------------------------------

@pytest.mark.parametrize("bad", ["\x00", "\x01", "\x07", "\x0b", "\x1b", "\ufffe", "\uffff"])
def test_characters_xml_forbids_are_left_out_of_word_with_a_located_warning(tmp_path: Path, bad: str) -> None:
    brief = _brief(tmp_path, 标题=f"筑牢根基{bad}担使命", 副标题=f"——在{bad}会上的发言")
    result = run("draft", brief, "-o", tmp_path / "稿.docx")
    assert_clean(result)
    assert "控制字符" in result.stderr and "提纲.yaml:" in result.stderr, result.stderr
    with zipfile.ZipFile(tmp_path / "稿.docx") as z:
        assert "筑牢根基担使命" in z.read("word/document.xml").decode("utf-8")
        assert "筑牢根基担使命" in z.read("docProps/core.xml").decode("utf-8")


def test_a_long_title_is_cut_in_the_document_properties_only(tmp_path: Path) -> None:
    title = "筑牢根基" * 100
    result = run("draft", _brief(tmp_path, 标题=title, 副标题="——" + "在会上" * 100), "-o", tmp_path / "稿.docx")
    assert_clean(result)
    with zipfile.ZipFile(tmp_path / "稿.docx") as z:
        core = z.read("docProps/core.xml").decode("utf-8")
        body = z.read("word/document.xml").decode("utf-8")
    assert title[:255] in core and title[:256] not in core
    assert title in body


def _bomb(path: Path) -> Path:
    reference = ROOT / "src" / "fayan" / "data" / "reference.docx"
    with zipfile.ZipFile(reference) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename == "word/styles.xml":
                with dst.open("word/styles.xml", "w") as out:  # 300 MB of spaces, packed to ~300 KB
                    chunk = b" " * (1 << 20)
                    for _ in range(300):
                        out.write(chunk)
            else:
                dst.writestr(info, src.read(info))
    return path


def test_a_reference_doc_that_unpacks_to_hundreds_of_megabytes_is_not_read(tmp_path: Path) -> None:
    bomb = _bomb(tmp_path / "模板.docx")
    assert bomb.stat().st_size < 2 << 20
    brief = _brief(tmp_path)
    before = snapshot(tmp_path)
    result = run("draft", brief, "--reference-doc", bomb, "-o", tmp_path / "稿.docx", timeout=30)
    assert_refused(result, file="模板.docx", located=False)
    assert "解压后" in result.stderr
    assert snapshot(tmp_path) == before


def test_a_reference_doc_of_ordinary_size_is_still_used(tmp_path: Path) -> None:
    reference = tmp_path / "参考.docx"
    shutil.copy(ROOT / "src" / "fayan" / "data" / "reference.docx", reference)
    assert_clean(run("draft", _brief(tmp_path), "--reference-doc", reference, "-o", tmp_path / "稿.docx"))


# --- in process -----------------------------------------------------------------------------------

def test_the_sandbox_has_no_globals_and_reads_mappings_only() -> None:
    assert sandbox.ENV.globals == {}
    assert sandbox.render("{{ section.theme }}", {"section": {"theme": "廉政建设"}}) == "廉政建设"
    with pytest.raises(sandbox.TemplateProblem):
        sandbox.render("{{ section.items }}", {"section": {"theme": "x"}})


def test_xml_text_keeps_everything_xml_allows() -> None:
    from fayan.writers.docx import xml_text
    allowed = "中文\t\n\r“”——😀\u3000"
    assert xml_text(allowed) == allowed
    assert xml_text("甲\x00乙\ufffe丙") == "甲乙丙"


def test_the_zip_check_reads_no_part(tmp_path: Path) -> None:
    from fayan.errors import FayanError
    from fayan.reader import check_unpacked
    data = _bomb(tmp_path / "b.docx").read_bytes()
    with pytest.raises(FayanError):
        check_unpacked(data, "b.docx", "")
    check_unpacked((ROOT / "src" / "fayan" / "data" / "reference.docx").read_bytes(), "r.docx", "")
    check_unpacked(io.BytesIO(b"not a zip").getvalue(), "x.docx", "")


@pytest.mark.parametrize("command", [("check",), ("analyze",), ("format", "-o", "排版.docx")])
def test_a_speech_docx_that_unpacks_to_hundreds_of_megabytes_is_not_read(tmp_path: Path, command) -> None:
    bomb = _bomb(tmp_path / "讲话.docx")
    before = snapshot(tmp_path)
    result = run(command[0], bomb, *command[1:], cwd=tmp_path, timeout=30)
    assert_refused(result, file="讲话.docx", located=False)
    assert "解压后" in result.stderr
    assert snapshot(tmp_path) == before
