"""Hostile input to every command that reads: what is not a regular file, bytes that are not
text, YAML that would recurse or expand, and mistakes whose place is known. Each case runs the
real CLI in a child with a time and memory limit (harness.run) and asserts exit 2, a Chinese
message naming the file (and its line and column where there is one), no traceback, no English
library text and no file made or changed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .harness import assert_refused, run, snapshot

BRIEF = "title: 学习\ntopic: 学习\nsections:\n  - 主题: 抓学习\n  - 主题: 抓落实\n"
SPEECH = "同志们：\n今天我们在这里开会，学习贯彻会议精神。\n"


def _laughs() -> bytes:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{','.join(['*' + prev] * 9)}]")
    return ("\n".join(lines) + "\n").encode()


# bytes that are no YAML fayan should read, each refused at a line and column
BAD_YAML = {
    "random-bytes": bytes((i * 197 + 89) % 256 for i in range(3000)),
    "docx-as-yaml": b"PK\x03\x04" + bytes(range(256)) * 4,
    "utf16-no-bom": "title: 学习\ntopic: 学习\n".encode("utf-16-le"),
    "utf16-bom-truncated": b"\xff\xfe" + "title: 学习\n".encode("utf-16-le") + b"\x41",
    "one-stray-byte": "title: 学习\ntopic: 学习\xff\n".encode().replace(b"\xc3\xbf", b"\xff"),
    "utf8-bom-then-gbk": b"\xef\xbb\xbf" + "title: 学习\n".encode("gbk"),
    "nul": b"title: a\x00b\n",
    "control-char": b"title: a\x07b\n",
    "recursive-alias": b"a: &x [*x]\n",
    "billion-laughs": _laughs(),
    "deep-flow": b"[" * 100_000,
    "deep-block": ("a:\n" + "".join(" " * i + "b:\n" for i in range(1, 3000))).encode(),
    "huge-integer": b"seed: " + b"9" * 5000 + b"\n",
    "undefined-alias": b"a: *nowhere\n",
    "python-tag": b"a: !!python/object/apply:os.system ['true']\n",
    "bad-date": b"a: 2024-13-45\n",
    "two-documents": b"a: 1\n---\nb: 2\n",
    "unclosed-quote": b'title: "abc\n',
    "bad-escape": b'title: "a\\qb"\n',
}

# bytes that are no speech fayan should read
BAD_SPEECH = {
    "random-bytes": BAD_YAML["random-bytes"],
    "one-stray-byte": "同志们：\n今天我们开会\xff。\n".encode().replace(b"\xc3\xbf", b"\xff"),
    "utf16-no-bom": SPEECH.encode("utf-16-le"),
    "docx-as-txt": BAD_YAML["docx-as-yaml"],
    "nul": SPEECH.encode() + b"\x00",
    "utf16-bom-odd": b"\xfe\xff" + SPEECH.encode("utf-16-be") + b"\x00",
}


def _write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def _refused(tmp_path: Path, args: list[str], file: str, *, located: bool = True,
             input: bytes | None = None) -> None:
    before = snapshot(tmp_path)
    result = run(*args, cwd=tmp_path, input=input)
    assert_refused(result, file=file, located=located)
    assert snapshot(tmp_path) == before, "a file was made or changed"


# --- YAML inputs: brief, template, phrase bank, configuration, data files ---------------------

YAML_COMMANDS = {
    "draft": lambda p: ["draft", p.name, "-o", "out.md"],
    "template": lambda p: ["new", p.name],
    "config": lambda p: ["check", "s.txt", "--config", p.name],
    "formulations": lambda p: ["check", "s.txt", "--formulations", p.name],
}


SAMPLE = ("random-bytes", "utf16-no-bom", "nul", "billion-laughs", "deep-flow", "recursive-alias",
          "huge-integer", "control-char")  # the other commands try these; draft tries every case


@pytest.mark.parametrize("command, case", [("draft", c) for c in sorted(BAD_YAML)]
                         + [(m, c) for m in sorted(YAML_COMMANDS) if m != "draft" for c in SAMPLE])
def test_yaml_that_cannot_be_read_is_refused_at_its_place(tmp_path, command, case):
    (tmp_path / "s.txt").write_text(SPEECH, encoding="utf-8")
    path = _write(tmp_path, "bad.yaml", BAD_YAML[case])
    _refused(tmp_path, YAML_COMMANDS[command](path), "bad.yaml")


@pytest.mark.parametrize("case", ["random-bytes", "billion-laughs", "deep-flow", "nul"])
def test_a_bad_file_in_a_phrasebank_folder_is_named(tmp_path, case):
    _write(tmp_path, "bank/bad.yaml", BAD_YAML[case])
    _refused(tmp_path, ["phrases", "--phrasebank", "bank"], "bad.yaml")


@pytest.mark.parametrize("case", ["random-bytes", "recursive-alias", "deep-block"])
def test_a_bad_user_template_is_named(tmp_path, case):
    _write(tmp_path, "tpl/mine.yaml", BAD_YAML[case])
    (tmp_path / "b.yaml").write_text("template: mine\n" + BRIEF, encoding="utf-8")
    _refused(tmp_path, ["draft", "b.yaml", "-o", "out.md", "--templates", "tpl"], "mine.yaml")


@pytest.mark.parametrize("option", ["--framings", "--typos"])
def test_bad_bytes_in_an_offices_data_file_are_located(tmp_path, option):
    (tmp_path / "s.txt").write_text(SPEECH, encoding="utf-8")
    _write(tmp_path, "mine.yaml", BAD_YAML["one-stray-byte"])
    _refused(tmp_path, ["check", "s.txt", option, "mine.yaml"], "mine.yaml")


def test_a_brief_on_standard_input_with_a_nul_is_located(tmp_path):
    _refused(tmp_path, ["draft", "-", "-o", "out.md"], "<stdin>", input=BAD_YAML["nul"])


def test_an_empty_standard_input_is_named(tmp_path):
    before = snapshot(tmp_path)
    with open(os.devnull, "rb") as empty:
        result = run("draft", "-", "-o", "out.md", cwd=tmp_path, stdin=empty)
    assert_refused(result, file="<stdin>")
    assert snapshot(tmp_path) == before


# --- speeches: check, analyze, harvest, format, check --fix ------------------------------------

SPEECH_COMMANDS = {
    "check": lambda n: ["check", n],
    "check-fix-write": lambda n: ["check", n, "--fix", "--write"],
    "analyze": lambda n: ["analyze", n],
    "harvest": lambda n: ["harvest", n, "-o", "bank.yaml"],
    "format": lambda n: ["format", n, "-o", "out.docx"],
}


@pytest.mark.parametrize("case", sorted(BAD_SPEECH))
@pytest.mark.parametrize("command", sorted(SPEECH_COMMANDS))
def test_a_speech_that_is_not_text_is_refused_at_its_first_bad_byte(tmp_path, command, case):
    _write(tmp_path, "讲话.txt", BAD_SPEECH[case])
    _refused(tmp_path, SPEECH_COMMANDS[command]("讲话.txt"), "讲话.txt")


def test_check_in_its_worker_pool_reports_the_place_too(tmp_path):
    for i in range(10):
        _write(tmp_path, f"many/{i}.txt", SPEECH.encode())
    _write(tmp_path, "many/5.txt", BAD_SPEECH["one-stray-byte"])
    _refused(tmp_path, ["check", "many", "-j", "2"], "5.txt")


# --- what is not a regular file: refused before it is read, named, no place -------------------

def _not_regular(tmp_path: Path, kind: str) -> str:
    if kind == "fifo":
        os.mkfifo(tmp_path / "in.yaml")
        return "in.yaml"
    if kind == "folder":
        (tmp_path / "in.yaml").mkdir()
        return "in.yaml"
    if kind == "device":
        return "/dev/zero"
    if kind == "unreadable":
        path = _write(tmp_path, "in.yaml", BRIEF.encode())
        path.chmod(0)
        return "in.yaml"
    return "missing.yaml"


KINDS = ["fifo", "folder", "device", "missing", "unreadable"]
PLAIN_COMMANDS = {
    "draft": lambda n: ["draft", n, "-o", "out.md"],
    "check": lambda n: ["check", n],
    "analyze": lambda n: ["analyze", n],
    "format": lambda n: ["format", n, "-o", "out.docx"],
    "config": lambda n: ["check", "s.txt", "--config", n],
    "formulations": lambda n: ["check", "s.txt", "--formulations", n],
    "template": lambda n: ["draft", "b.yaml", "-o", "out.md", "--templates", n],
}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs and /dev/zero")
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("command", sorted(PLAIN_COMMANDS))
def test_what_is_not_a_readable_file_is_refused_before_it_is_read(tmp_path, command, kind):
    if kind == "unreadable" and os.geteuid() == 0:
        pytest.skip("root reads every file")
    if command == "template" and kind not in ("missing", "fifo"):
        pytest.skip("a template folder is a folder")
    (tmp_path / "s.txt").write_text(SPEECH, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(BRIEF, encoding="utf-8")
    name = _not_regular(tmp_path, kind)
    if command == "check" and kind == "folder":
        pytest.skip("check reads the speeches inside a folder")
    _refused(tmp_path, PLAIN_COMMANDS[command](name), name, located=False)


# --- mistakes whose place is known -------------------------------------------------------------

@pytest.mark.parametrize("template, column", [("nope", 11), ('""', 11)])
def test_an_unknown_or_empty_template_name_is_placed_at_the_briefs_line(tmp_path, template, column):
    (tmp_path / "b.yaml").write_text(f"template: {template}\n" + BRIEF, encoding="utf-8")
    before = snapshot(tmp_path)
    result = run("draft", "b.yaml", "-o", "out.md", cwd=tmp_path)
    assert_refused(result, file="b.yaml")
    assert f"b.yaml:1:{column}: " in result.stderr and "yantao-fayan" in result.stderr
    assert snapshot(tmp_path) == before


def test_an_undeclared_phrase_function_is_placed_at_line_and_column(tmp_path):
    _write(tmp_path, "bank/b.yaml", "phrases:\n  - id: x.01\n    function: no.such\n    text: 我们要学习。\n".encode())
    result = run("phrases", "--phrasebank", "bank", cwd=tmp_path)
    assert_refused(result)
    assert "b.yaml:3:15: " in result.stderr


@pytest.mark.parametrize("wrong, reason", [("/(a+/", "右括号"), ("/a**/", "重复符号"), ("/[ab/", "方括号"),
                                           # catastrophic backtracking: refused before it can hang
                                           ("/(a+)+b/", "重复里套着重复"), ("/(党\\\\s*)*建/", "重复里套着重复"),
                                           ("/(?:[一-龥]+，?)*。/", "重复里套着重复")])
def test_an_invalid_user_regex_is_placed_with_its_reason(tmp_path, wrong, reason):
    (tmp_path / "s.txt").write_text(SPEECH, encoding="utf-8")
    _write(tmp_path, "f.yaml", f'formulations:\n  - id: a\n    right: 好\n    wrong: ["{wrong}"]\n    source: 甲\n'.encode())
    result = run("check", "s.txt", "--formulations", "f.yaml", cwd=tmp_path)
    assert_refused(result, file="f.yaml")
    assert "f.yaml:4:13: " in result.stderr and reason in result.stderr


def test_a_possessive_repeat_is_no_catastrophe_and_runs(tmp_path):
    (tmp_path / "s.txt").write_text("a" * 30000 + "\n" + SPEECH, encoding="utf-8")
    _write(tmp_path, "f.yaml", 'formulations:\n  - id: a\n    right: 好\n    wrong: ["/(a+)++b/"]\n    source: 甲\n'.encode())
    result = run("check", "s.txt", "--formulations", "f.yaml", cwd=tmp_path, timeout=30)
    assert result.code in (0, 1) and "Traceback" not in result.stderr, result.stderr


def test_a_templates_folder_that_does_not_exist_is_an_error(tmp_path):
    result = run("templates", "--templates", "nowhere", cwd=tmp_path)
    assert_refused(result, file="nowhere", located=False)


def test_pydantic_text_never_reaches_the_user(tmp_path):
    (tmp_path / "b.yaml").write_text(BRIEF + "length: 3.5\nsalutation: [1]\nvars: {a: [1]}\n", encoding="utf-8")
    result = run("draft", "b.yaml", "-o", "out.md", cwd=tmp_path)
    assert_refused(result, file="b.yaml")


def test_gbk_written_by_notepad_is_still_read(tmp_path):
    (tmp_path / "b.yaml").write_bytes(BRIEF.encode("gbk"))
    result = run("draft", "b.yaml", "-o", "-", cwd=tmp_path)
    assert result.code == 0, result.stderr
