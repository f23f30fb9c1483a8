"""The command line as a user runs it."""

from __future__ import annotations

import json

import docx
import pytest

import fayan
from tests.conftest import EXAMPLES, fayan_cli, run_fayan

TEMPLATES = [s.id for s in fayan.list_skeletons()]


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
@pytest.mark.parametrize("ext", ["docx", "md", "txt", "json"])
def test_every_example_renders_in_every_format(tmp_path, example, ext):
    out = tmp_path / f"draft.{ext}"
    result = fayan_cli("draft", str(example), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 500
    assert "正文" in result.stderr and "字" in result.stderr


def test_json_has_the_tree_stats_and_trace(tmp_path):
    result = fayan_cli("draft", str(EXAMPLES[0]), "-o", "-", "--format", "json")
    data = json.loads(result.stdout)
    assert set(data) == {"meta", "document", "stats", "trace"}
    doc = fayan.draft(fayan.load_brief(EXAMPLES[0]))
    assert data["stats"]["chars"] == sum(1 for ch in doc.body_text() if not ch.isspace())
    assert data["document"]["title"] == doc.title
    assert all(t["slot"] and t["ids"] for t in data["trace"])


def test_format_follows_the_extension_or_the_option(tmp_path):
    result = fayan_cli("draft", str(EXAMPLES[0]), "-o", str(tmp_path / "x.md"))
    assert (tmp_path / "x.md").read_text(encoding="utf-8").startswith("# ")
    result = fayan_cli("draft", str(EXAMPLES[0]), "-o", str(tmp_path / "x.out"), "--format", "txt")
    assert result.exit_code == 0
    result = fayan_cli("draft", str(EXAMPLES[0]), "-o", str(tmp_path / "x.out"))
    assert result.exit_code == 2 and "--format" in result.stderr


def test_dash_writes_markdown_to_standard_output():
    result = fayan_cli("draft", str(EXAMPLES[0]), "-o", "-")
    assert result.exit_code == 0
    assert result.stdout.startswith("# ")


def test_without_output_a_docx_named_after_the_brief_is_written(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = fayan_cli("draft", str(EXAMPLES[0]))
    assert result.exit_code == 0
    assert (tmp_path / f"{EXAMPLES[0].stem}.docx").exists()


def test_output_file_gets_the_usual_permissions(tmp_path):
    import os
    umask = os.umask(0o022)
    try:
        fayan_cli("draft", str(EXAMPLES[0]), "-o", str(tmp_path / "a.docx"))
    finally:
        os.umask(umask)
    assert (tmp_path / "a.docx").stat().st_mode & 0o777 == 0o644


def test_an_existing_file_is_kept_without_force(tmp_path):
    out = tmp_path / "out.md"
    out.write_text("我的修改稿", encoding="utf-8")
    result = fayan_cli("draft", str(EXAMPLES[0]), "-o", str(out))
    assert result.exit_code == 2 and "--force" in result.stderr
    assert out.read_text(encoding="utf-8") == "我的修改稿"
    assert fayan_cli("draft", str(EXAMPLES[0]), "-o", str(out), "--force").exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("# ")


def test_seed_and_length_options_override_the_brief():
    a = fayan_cli("draft", str(EXAMPLES[0]), "-o", "-", "--seed", "100").stdout
    b = fayan_cli("draft", str(EXAMPLES[0]), "-o", "-", "--seed", "101").stdout
    assert a != b
    short = fayan_cli("draft", str(EXAMPLES[0]), "-o", "-", "--format", "json", "--length", "1200").stdout
    assert abs(json.loads(short)["stats"]["chars"] - 1200) <= 120


@pytest.mark.parametrize("template", TEMPLATES)
def test_new_brief_pipes_into_draft(tmp_path, template):
    new = run_fayan("new", template)
    assert new.returncode == 0 and new.stdout.decode().startswith("# fayan 提纲")
    out = tmp_path / "out.docx"
    result = run_fayan("draft", "-", "-o", str(out), input=new.stdout)
    assert result.returncode == 0, result.stderr.decode()
    assert docx.Document(str(out)).paragraphs[0].style.name == "Title"


def test_templates_lists_and_shows():
    listing = fayan_cli("templates").stdout
    for t in TEMPLATES:
        assert t in listing
    shown = fayan_cli("templates", "show", "jiaoliu-cailiao")
    assert shown.exit_code == 0 and "要坚持{{ zhua }}" in shown.stdout and "mission" in shown.stdout


def test_unknown_template_suggests_the_closest():
    result = fayan_cli("templates", "show", "yantao-fayn")
    assert result.exit_code == 2 and "yantao-fayan" in result.stderr


def test_version():
    assert fayan_cli("--version").stdout.strip() == f"fayan {fayan.__version__}"


def test_missing_brief_file_is_a_clear_error(tmp_path):
    result = run_fayan("draft", str(tmp_path / "nope.yaml"))
    err = result.stderr.decode()
    assert result.returncode == 2 and "nope.yaml" in err and "Traceback" not in err


def test_user_template_and_phrase_directories_layer_over_the_builtin(tmp_path):
    bank = tmp_path / "bank"
    bank.mkdir()
    (bank / "mine.yaml").write_text(
        "phrases:\n  - {id: opening.turn.01, function: opening.turn, text: 下面，我讲三点体会。}\n",
        encoding="utf-8")
    brief = tmp_path / "b.yaml"
    brief.write_text(EXAMPLES[0].read_text(encoding="utf-8") + "锁定:\n  opening.turn: opening.turn.01\n",
                     encoding="utf-8")
    result = fayan_cli("draft", str(brief), "-o", "-", "--phrasebank", str(bank))
    assert result.exit_code == 0, result.stderr
    assert "下面，我讲三点体会。" in result.stdout


def test_a_broken_user_phrase_file_names_file_and_line(tmp_path):
    bank = tmp_path / "bank"
    bank.mkdir()
    (bank / "bad.yaml").write_text("phrases:\n  - {id: x.1, function: opening.tunr, text: 好}\n", encoding="utf-8")
    result = fayan_cli("draft", str(EXAMPLES[0]), "-o", "-", "--phrasebank", str(bank))
    assert result.exit_code == 2
    assert "bad.yaml:2" in result.stderr and "opening.turn" in result.stderr


@pytest.mark.parametrize("args, words", [
    (["draft"], "缺少参数"),
    (["draft", "x.yaml", "--seed", "abc"], "应是整数"),
    (["drat"], "是“draft”还是“format”？"),
    (["formt"], "是不是“format”？"),
    (["draft", "x.yaml", "--bogus"], "没有选项“--bogus”"),
    (["draft", "x.yaml", "-f", "pdf"], "只能是 docx, md, txt, json 之一"),
])
def test_usage_errors_are_in_chinese_with_exit_2(args, words):
    result = run_fayan(*args)
    err = result.stderr.decode()
    assert result.returncode == 2
    assert words in err and "用法：" in err and "Traceback" not in err
    assert "Usage" not in err and "Error" not in err


def test_help_is_in_chinese():
    out = run_fayan("draft", "-h").stdout.decode()
    assert out.startswith("用法：fayan draft [选项]")
    assert "\n选项：\n" in out
    assert "显示本帮助并退出" in out and "Show this message" not in out


def test_check_and_version_start_without_loading_the_composer(tmp_path):
    """A one-speech `fayan check` is mostly start-up: it loads the rules, not the composer, its
    templates' models or Jinja2 (benchmarks/startup.py measures the time); `fayan format` does
    not need them either."""
    import importlib
    import subprocess
    import sys
    (tmp_path / "a.txt").write_text("同志们：\n大家好。\n", encoding="utf-8")
    probe = ("import sys\nfrom fayan.cli import main\nsys.argv = ['fayan', *sys.argv[1:]]\n"
             "try:\n    main()\nexcept SystemExit:\n    pass\n"
             "print(sorted(m for m in sys.modules if m in ('fayan.compose', 'fayan.brief', 'jinja2')),"
             " file=sys.stderr)")
    for args in (["check", "a.txt"], ["--version"], ["format", "a.txt", "-o", "a.docx"]):
        result = subprocess.run([sys.executable, "-c", probe, *args], cwd=tmp_path, capture_output=True, text=True)
        assert result.stderr.strip().splitlines()[-1] == "[]", result.stderr
    # the public API is the same as ever, however it is reached
    assert fayan.compose.__name__ == "compose" and callable(fayan.draft)
    importlib.import_module("fayan.compose")  # importing the submodule must not hide the function
    assert callable(fayan.compose) and fayan.compose.__module__ == "fayan.compose"
