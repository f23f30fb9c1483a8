"""Hostile writes and the command line's edges (issue 13, classes 4 and 6): what fayan writes is
whole or not there at all, Ctrl-C included; `--fix --write` changes the marks it fixes and not
one byte more; an output place that cannot take a file, a full or closed standard output, a
closed standard input and silly numbers of processes are refused with a Chinese message."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import docx
import pytest
import tomllib

from .harness import (
    assert_clean,
    assert_interrupted,
    assert_refused,
    run,
    run_interrupted,
    snapshot,
)

ROOT = Path(__file__).resolve().parents[2]
BRIEF = ROOT / "examples" / "yantao-fayan.yaml"
SPEECH = ROOT / "tests" / "data" / "planted.txt"


@pytest.fixture
def work(tmp_path: Path) -> Path:
    """A folder with a brief, a speech, a Word speech with a fixable mark, and a plain file."""
    shutil.copy(BRIEF, tmp_path / "提纲.yaml")
    shutil.copy(SPEECH, tmp_path / "讲话.txt")
    d = docx.Document()
    d.add_paragraph("同志们:")
    d.add_paragraph("要加强学习,狠抓落实。")
    d.save(tmp_path / "讲话.docx")
    (tmp_path / "普通文件").write_text("不是文件夹\n", encoding="utf-8")
    return tmp_path


# Every command that writes a file with -o, as (arguments before -o, extension of the output)
WRITERS = {
    "draft-docx": (["draft", "提纲.yaml"], ".docx"),
    "draft-md": (["draft", "提纲.yaml"], ".md"),
    "format": (["format", "讲话.txt"], ".docx"),
    "analyze": (["analyze", "讲话.txt"], ".txt"),
    "analyze-skeleton": (["analyze", "讲话.txt", "--emit", "skeleton"], ".yaml"),
    "harvest": (["harvest", "讲话.txt"], ".yaml"),
}
FAST_WRITERS = ["draft-md", "format", "analyze", "analyze-skeleton", "harvest"]


# ---- output places that cannot take a file: exit 2 before any work, nothing written ----

@pytest.mark.parametrize("command", list(WRITERS))
@pytest.mark.parametrize("place", ["普通文件/输出", "普通文件/子目录/输出"])
def test_output_under_a_file_is_refused(work, command, place):
    args, ext = WRITERS[command]
    before = snapshot(work)
    result = run(*args, "-o", place + ext, cwd=work)
    assert_refused(result, file=place + ext, located=False)
    assert "是一个文件，不是文件夹" in result.stderr and "-o" in result.stderr
    assert snapshot(work) == before


@pytest.mark.parametrize("command", FAST_WRITERS)
def test_output_in_a_folder_that_cannot_be_created_is_refused(work, command):
    args, ext = WRITERS[command]
    if os.access("/sys", os.W_OK) and Path("/sys/fayan-hostile").exists():  # pragma: no cover
        pytest.skip("/sys is not the kernel's here")
    place = "/sys/fayan-hostile/输出" + ext  # no one, root included, may create a folder there
    before = snapshot(work)
    result = run(*args, "-o", place, cwd=work)
    assert_refused(result, file=place, located=False)
    assert "请换一个输出位置" in result.stderr
    assert snapshot(work) == before and not Path(place).parent.exists()


@pytest.mark.parametrize("command", FAST_WRITERS)
def test_a_folder_as_output_is_refused(work, command):
    args, ext = WRITERS[command]
    (work / ("文件夹" + ext)).mkdir()
    before = snapshot(work)
    result = run(*args, "-o", "文件夹" + ext, "--force", cwd=work)
    assert_refused(result, file="文件夹" + ext, located=False)
    assert "文件夹" in result.stderr and "文件名" in result.stderr
    assert snapshot(work) == before


@pytest.mark.parametrize("command", FAST_WRITERS)
def test_an_existing_output_is_kept_without_force(work, command):
    args, ext = WRITERS[command]
    (work / ("已有" + ext)).write_bytes(b"old")
    before = snapshot(work)
    result = run(*args, "-o", "已有" + ext, cwd=work)
    assert_refused(result, file="已有" + ext, located=False)
    assert "--force" in result.stderr
    assert snapshot(work) == before


def test_a_name_as_long_as_the_file_system_allows_is_written(work):
    name = "长" * 82 + ".md"  # 82 × 3 + 3 = 249 bytes
    long = "a" * (254 - len(".md")) + ".md"  # 254 bytes: the temporary name must not be longer
    for output in (name, long):
        assert len(output.encode()) <= 255
        result = run("analyze", "讲话.txt", "-o", output, cwd=work)
        assert_clean(result)
        assert (work / output).read_text(encoding="utf-8").strip()
    assert not [p for p in work.iterdir() if p.name.endswith(".tmp")]


# ---- Ctrl-C: exit 130, one line, no temporary file, the old file untouched ----

@pytest.mark.parametrize("command", ["draft-docx", "format", "analyze", "harvest"])
def test_ctrl_c_between_writing_and_renaming_leaves_nothing_behind(work, command):
    args, ext = WRITERS[command]
    (work / ("输出" + ext)).write_bytes(b"the old file, kept")
    before = snapshot(work)
    result = run_interrupted(*args, "-o", "输出" + ext, "--force", cwd=work, at="replace")
    assert_interrupted(result)
    assert snapshot(work) == before  # no .tmp left, the old file as it was


@pytest.mark.parametrize("speech", ["讲话.txt", "讲话.docx"])
def test_ctrl_c_during_fix_write_leaves_nothing_behind(work, speech):
    before = snapshot(work)
    result = run_interrupted("check", speech, "--fix", "--write", cwd=work, at="replace")
    assert_interrupted(result)
    assert snapshot(work) == before


@pytest.mark.parametrize("module", ["click", "fayan.cli", "fayan.check"])
def test_ctrl_c_while_importing_exits_130_without_traceback(work, module):
    before = snapshot(work)
    result = run_interrupted("check", "讲话.txt", cwd=work, at=f"import:{module}")
    assert_interrupted(result)
    assert snapshot(work) == before


def test_ctrl_c_while_waiting_for_standard_input(work):
    result = run_interrupted("draft", "-", "-o", "-", cwd=work, after=3, hold_stdin=True)
    assert_interrupted(result)


def test_ctrl_c_in_the_worker_pool_stops_every_worker_quietly(work):
    text = SPEECH.read_text(encoding="utf-8") * 40
    folder = work / "讲话集"
    folder.mkdir()
    for n in range(16):
        (folder / f"{n:02}.txt").write_text(text, encoding="utf-8")
    before = snapshot(work)
    result = run_interrupted("check", "讲话集", "-j", "2", cwd=work, after=4)
    if result.code != 130:  # the machine was fast enough to finish: nothing to interrupt
        assert result.code == 1 and "Traceback" not in result.stderr
        pytest.skip("check finished before the interrupt")
    assert_interrupted(result)
    assert snapshot(work) == before


def test_the_console_entry_point_goes_through_the_interrupt_guard():
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert scripts["fayan"] == "fayan.console:main"
    assert "console" in (ROOT / "src" / "fayan" / "__main__.py").read_text(encoding="utf-8")


# ---- standard output and input ----

FULL_DISK_CASES = {
    "templates": ["templates"],
    "new": ["new", "yantao-fayan"],
    "check": ["check", "讲话.txt"],
    "analyze": ["analyze", "讲话.txt"],
    "format": ["format", "讲话.txt", "-o", "-", "-f", "md"],
}


@pytest.mark.parametrize("case", list(FULL_DISK_CASES))
def test_standard_output_on_a_full_disk(work, case):
    before = snapshot(work)
    with open("/dev/full", "wb") as full:
        result = _run_with_stdout(FULL_DISK_CASES[case], work, full)
    assert_refused(result, located=False)
    assert "磁盘已满" in result.stderr
    assert snapshot(work) == before


@pytest.mark.parametrize("case", ["templates", "check", "analyze"])
def test_standard_output_closed(work, case):
    before = snapshot(work)
    result = _run_with_stdout(FULL_DISK_CASES[case], work, None, close_stdout=True)
    assert_refused(result, located=False)
    assert "标准输出已关闭" in result.stderr
    assert snapshot(work) == before


@pytest.mark.parametrize("case", ["check", "analyze"])
def test_a_reader_that_stops_reading_ends_the_run_quietly(work, case):
    """`fayan check 讲话集 | head -1`: the pipe breaks; fayan leaves without a word."""
    many = work / "多.txt"
    many.write_text(SPEECH.read_text(encoding="utf-8") * 200, encoding="utf-8")
    argv = [sys.executable, "-m", "fayan", case, "多.txt"]
    proc = subprocess.Popen(argv, cwd=work, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read().decode("utf-8", "replace")
    code = proc.wait(timeout=60)
    assert "Traceback" not in err and "BrokenPipe" not in err and "Exception ignored" not in err, err
    assert code in (0, 1, 141), (code, err)


def test_standard_input_closed_when_reading_dash(work):
    before = snapshot(work)
    result = _run_with_stdout(["draft", "-", "-o", "-"], work, subprocess.PIPE, close_stdin=True)
    assert_refused(result, file="<stdin>", located=False)
    assert "标准输入已关闭" in result.stderr
    assert snapshot(work) == before


def _run_with_stdout(args, cwd, stdout, *, close_stdout=False, close_stdin=False):
    """Run fayan with standard output sent to STDOUT, or closed (`>&-`), and standard input
    closed (`<&-`) if asked: the shell does both by closing the descriptor before exec."""
    from .harness import Run
    closing = [fd for fd, yes in ((0, close_stdin), (1, close_stdout)) if yes]
    # a shell's `>&-`: descriptors closed in the child before exec
    script = ("import os, sys\n"
              f"for fd in {closing!r}: os.close(fd)\n"
              "os.execv(sys.executable, [sys.executable, '-m', 'fayan', *sys.argv[1:]])\n")
    proc = subprocess.run([sys.executable, "-c", script, *args], cwd=cwd,
                          stdout=stdout if stdout is not None else subprocess.DEVNULL,
                          stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, timeout=60,
                          env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    return Run(tuple(args), proc.returncode, "", proc.stderr.decode("utf-8", "replace"), 0.0)


# ---- numbers on the command line ----

@pytest.mark.parametrize("args, named", [
    (["check", "讲话.txt", "-j", "0"], "-j"),
    (["check", "讲话.txt", "-j", "-3"], "-j"),
    (["check", "讲话.txt", "-j", "很多"], "-j"),
    (["check", "讲话.txt", "-j", "9" * 5000], "-j"),
    (["draft", "提纲.yaml", "--seed", "9" * 5000], "--seed"),
    (["draft", "提纲.yaml", "--seed", "-1"], "--seed"),
])
def test_silly_numbers_are_usage_errors(work, args, named):
    before = snapshot(work)
    result = run(*args, cwd=work)
    assert_refused(result, located=False)
    assert named in result.stderr and "整数" in result.stderr
    assert len(result.stderr) < 1000  # not 5,000 digits echoed back
    assert snapshot(work) == before


@pytest.mark.parametrize("jobs, files, most", [(64, 8, 8), (64, 1, 1), (3, 100, 3), (1, 8, 1)])
def test_workers_are_capped_by_the_work(jobs, files, most):
    from fayan.check.batch import pool_size
    assert 1 <= pool_size(jobs, files) <= min(most, os.cpu_count() or 1)


def test_check_with_more_processes_than_files_still_checks_every_file(work):
    folder = work / "八篇"
    folder.mkdir()
    for n in range(8):
        shutil.copy(SPEECH, folder / f"{n}.txt")
    result = run("check", "八篇", "-j", "64", cwd=work)
    assert result.code == 1 and "Traceback" not in result.stderr
    assert {line.split(":")[0] for line in result.stdout.splitlines()} == {
        str(Path("八篇") / f"{n}.txt") for n in range(8)}


# ---- --fix --write: only the fixed characters differ ----

LINES = ["同志们:", "大家好,今天开会。", "要加强学习,狠抓落实。", "谢谢大家。"]
FIXED = ["同志们：", "大家好，今天开会。", "要加强学习，狠抓落实。", "谢谢大家。"]
ENCODINGS = {  # name: (BOM, codec)
    "utf-8": (b"", "utf-8"),
    "utf-8-bom": (b"\xef\xbb\xbf", "utf-8"),
    "utf-16le-bom": (b"\xff\xfe", "utf-16-le"),
    "utf-16be-bom": (b"\xfe\xff", "utf-16-be"),
    "gbk": (b"", "gbk"),
    "gb18030": (b"", "gb18030"),
}
ENDINGS = {
    "lf": ["\n", "\n", "\n", "\n"],
    "crlf": ["\r\n", "\r\n", "\r\n", "\r\n"],
    "cr": ["\r", "\r", "\r", "\r"],
    "mixed": ["\r\n", "\n", "\r\n", ""],
    "mixed-cr": ["\n", "\r", "\r\n", "\n"],
}


def _saved(lines: list[str], ends: list[str], bom: bytes, codec: str) -> bytes:
    return bom + "".join(line + end for line, end in zip(lines, ends, strict=True)).encode(codec)


@pytest.mark.parametrize("encoding", list(ENCODINGS))
@pytest.mark.parametrize("ending", list(ENDINGS))
def test_fix_write_changes_only_the_fixed_characters(work, encoding, ending):
    bom, codec = ENCODINGS[encoding]
    path = work / "稿.txt"
    path.write_bytes(_saved(LINES, ENDINGS[ending], bom, codec))
    result = run("check", "稿.txt", "--fix", "--write", cwd=work)
    assert_clean(result)
    assert "已改正并写入" in result.stderr
    assert path.read_bytes() == _saved(FIXED, ENDINGS[ending], bom, codec)


def test_fix_write_goes_through_a_symlink_to_its_target(work):
    bom, codec = ENCODINGS["utf-16be-bom"]
    target = work / "真正的稿.txt"
    target.write_bytes(_saved(LINES, ENDINGS["mixed"], bom, codec))
    target.chmod(0o640)
    (work / "链接.txt").symlink_to("真正的稿.txt")
    result = run("check", "链接.txt", "--fix", "--write", cwd=work)
    assert_clean(result)
    assert (work / "链接.txt").is_symlink() and os.readlink(work / "链接.txt") == "真正的稿.txt"
    assert target.read_bytes() == _saved(FIXED, ENDINGS["mixed"], bom, codec)
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert sorted(p.name for p in work.iterdir()) == sorted(
        ["提纲.yaml", "讲话.txt", "讲话.docx", "普通文件", "真正的稿.txt", "链接.txt"])


def test_fix_write_keeps_an_existing_fixed_docx_without_force(work):
    (work / "讲话.fixed.docx").write_bytes(b"someone's edits")
    before = snapshot(work)
    result = run("check", "讲话.docx", "--fix", "--write", cwd=work)
    assert_refused(result, file="讲话.fixed.docx", located=False)
    assert "--force" in result.stderr
    assert snapshot(work) == before
    result = run("check", "讲话.docx", "--fix", "--write", "--force", cwd=work)
    assert_clean(result)
    fixed = docx.Document(work / "讲话.fixed.docx")
    assert [p.text for p in fixed.paragraphs] == ["同志们：", "要加强学习，狠抓落实。"]
