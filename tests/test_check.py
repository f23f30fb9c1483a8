"""fayan check: what an experienced 校对 would mark, in fayan's drafts and in speeches people wrote."""

from __future__ import annotations

import json
import shutil

import docx
import pytest
import yaml

from fayan import check
from fayan.check import batch
from fayan.reader import Source, mask_markdown, read_source
from tests.conftest import EXAMPLES, ROOT, fayan_cli, run_fayan

CORPUS = ROOT.parent / "shared" / "corpus"
SEEDS = CORPUS / "seeds"
DATA = ROOT / "tests" / "data"
needs_corpus = pytest.mark.skipif(not SEEDS.exists(), reason="../shared/corpus is not beside the repository")


def seed(prefix: str):
    return next(SEEDS.glob(f"{prefix}_*.txt"))


def problems(path, rules=None):
    return check.run(read_source(path), rules)


@needs_corpus
def test_001_has_at_least_50_half_width_commas():
    commas = [p for p in problems(seed("001"), ["punctuation"]) if "半角“,”" in p.message]
    assert len(commas) >= 50


@needs_corpus
@pytest.mark.parametrize("prefix, token", [("003", "××"), ("001", "XX")])
def test_placeholders_of_003_and_001_are_found(prefix, token):
    lines = seed(prefix).read_text(encoding="utf-8").split("\n")
    found = [p for p in problems(seed(prefix), ["placeholder"]) if token in p.message]
    assert len(found) >= sum(line.count(token) for line in lines) >= 3
    for number, line in enumerate(lines, 1):
        for start in [i for i in range(len(line)) if line.startswith(token, i) and not line.startswith(token, i - 1)]:
            assert any(p.line == number and p.column == start + 1 for p in found), (number, start + 1)


@needs_corpus
@pytest.mark.parametrize("prefix, markers", [
    ("000", ["##paidbegin##", "##paidend##"]),
    ("001", ["更新时间", "网友投稿", "此处隐藏", "猜你喜欢"]),
    ("002", ["##paidbegin##", "##paidend##"]),
])
def test_noise_lines_are_found(prefix, markers):
    lines = seed(prefix).read_text(encoding="utf-8").split("\n")
    found = problems(seed(prefix), ["noise"])
    for marker in markers:
        line = next(i for i, text in enumerate(lines, 1) if marker in text)
        assert any(p.line == line for p in found), (marker, line)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
@pytest.mark.parametrize("ext", ["txt", "md", "docx"])
def test_every_example_draft_passes_without_error(tmp_path, example, ext):
    out = tmp_path / f"draft.{ext}"
    assert fayan_cli("draft", str(example), "-o", str(out)).exit_code == 0
    result = fayan_cli("check", str(out))
    assert result.exit_code == 0, result.stdout
    assert " error " not in result.stdout


def test_planted_errors_are_found_with_high_recall_and_precision():
    """At least 150 errors planted in clean text, of every rule that reports errors or warnings
    and every kind an office's 校对 marks; scripts/score_planted.py prints the figures."""
    labels = yaml.safe_load((DATA / "planted.labels.yaml").read_text(encoding="utf-8"))
    assert len(labels) >= 150
    assert {x["rule"] for x in labels} >= {"punctuation", "nesting", "spacing", "placeholder", "formulation", "typo",
                                          "doubled", "framing", "numbering", "headings", "numbers", "repetition",
                                          "noise"}  # every rule that reports errors or warnings (length only informs)
    kinds = {x["kind"] for x in labels}
    assert {"zero", "digits-with-thousand", "percent-mixed", "impossible-date", "year-range", "nested-double",
            "single-outside", "arabic-dun", "paren-half", "hanzi-dot", "spacing-letters", "doubled-character"} <= kinds
    assert sum(k.startswith("near:") for k in kinds) >= 15 and sum(k.startswith("typo:") for k in kinds) >= 20
    found = {(p.line, p.column, p.rule) for p in problems(DATA / "planted.txt")
             if p.severity in ("error", "warning")}
    wanted = {(x["line"], x["column"], x["rule"]) for x in labels}
    recall = len(found & wanted) / len(wanted)
    precision = len(found & wanted) / len(found)
    assert recall >= 0.95, sorted(wanted - found)
    assert precision >= 0.95, sorted(found - wanted)


def test_output_format_and_exit_status(tmp_path):
    bad = tmp_path / "讲话.txt"
    bad.write_text("同志们:\n我们要坚持筑牢中华民族共同体意识。\n", encoding="utf-8")
    result = fayan_cli("check", str(bad))
    assert result.exit_code == 1
    lines = result.stdout.strip().splitlines()
    assert f"{bad}:1:4: error punctuation 中文里用了半角“:”，应为全角“：”。" in lines
    assert any(line.startswith(f"{bad}:2:6: error formulation ") and "铸牢" in line for line in lines)
    good = tmp_path / "好.txt"
    good.write_text("同志们：\n我们要坚持铸牢中华民族共同体意识。\n", encoding="utf-8")
    assert fayan_cli("check", str(good)).exit_code == 0


def test_json_and_github_formats(tmp_path):
    bad = tmp_path / "a.txt"
    bad.write_text("会议在XX召开,大家发言。\n", encoding="utf-8")
    data = json.loads(fayan_cli("check", str(bad), "--format", "json").stdout)
    assert {"rule", "severity", "line", "column", "message", "suggestion"} <= set(data[0])
    comma = next(d for d in data if d["rule"] == "punctuation")
    assert (comma["line"], comma["column"], comma["suggestion"]) == (1, 8, "，")
    gh = fayan_cli("check", str(bad), "--format", "github").stdout
    assert f"::error file={bad},line=1,col=8,title=punctuation::" in gh
    assert f"::warning file={bad},line=1,col=4,title=placeholder::" in gh


def test_rules_can_be_disabled_on_the_command_line_and_in_fayan_yaml(tmp_path, monkeypatch):
    bad = tmp_path / "a.txt"
    bad.write_text("会议在XX召开,大家发言。\n", encoding="utf-8")
    assert fayan_cli("check", str(bad), "--disable", "punctuation").exit_code == 0
    assert fayan_cli("check", str(bad), "--enable", "placeholder").exit_code == 0
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".fayan.yaml").write_text("rules:\n  placeholder: {severity: error}\n  punctuation: disable\n",
                                          encoding="utf-8")
    result = fayan_cli("check", str(bad))
    assert result.exit_code == 1 and "error placeholder" in result.stdout and "punctuation" not in result.stdout
    (tmp_path / ".fayan.yaml").write_text("rules:\n  punctuatoin: disable\n", encoding="utf-8")
    result = fayan_cli("check", str(bad))
    assert result.exit_code == 2 and ".fayan.yaml:2:3:" in result.stderr and "punctuation" in result.stderr


def test_length_target(tmp_path):
    text = tmp_path / "a.txt"
    text.write_text("同志们：" + "我们要真抓实干。" * 100 + "\n", encoding="utf-8")
    ok = fayan_cli("check", str(text), "--target", "800", "--enable", "length")
    assert ok.exit_code == 0 and "共 804 字" in ok.stdout and "分钟" in ok.stdout
    off = fayan_cli("check", str(text), "--target", "1200", "--enable", "length")
    assert off.exit_code == 1 and "少了" in off.stdout


def test_repeated_sentences_and_overused_phrases_are_reported_where_the_reader_meets_them():
    sentence = "我们要把学习成果转化为推动工作的实际成效。"
    text = (f"真抓实干，久久为功。{sentence}\n"
            "要真抓实干，不能空谈。“真抓实干”是作风。\n"
            f"真抓实干，才能成事。{sentence}真抓实干，\n"
            f"抓实干好。{sentence}\n")
    source = Source(text, "a.txt", "txt")
    found = check.run(source, ["repetition"])
    assert [(p.line, p.column, p.severity) for p in found] == [(3, 11, "warning"), (3, 32, "info")]
    assert "出现了 3 次（第 1、3、4 行）" in found[0].message
    # 要真抓实干 is inside a longer phrase; the text's first four characters count
    assert "“真抓实干”用了 4 次" in found[1].message
    # the limit is an option: the first use past it is the one reported
    assert [(p.line, p.column) for p in check.run(source, ["repetition"], {"repetition": {"max_four_char": 2}})
            if p.severity == "info"] == [(3, 1)]
    assert all(p.severity != "info" for p in
               check.run(source, ["repetition"], {"repetition": {"max_four_char": 4}}))


def test_extra_formulations_file(tmp_path):
    rules = tmp_path / "提法.yaml"
    rules.write_text("formulations:\n  - id: local\n    right: 乡村振兴\n    wrong: [乡村复兴]\n    source: 本单位规范\n",
                     encoding="utf-8")
    text = tmp_path / "a.txt"
    text.write_text("全面推进乡村复兴。\n", encoding="utf-8")
    result = fayan_cli("check", str(text), "--formulations", str(rules))
    assert result.exit_code == 1 and "乡村振兴" in result.stdout and "本单位规范" in result.stdout


def test_every_kind_of_wrong_form_is_found_at_its_place(tmp_path):
    """Literal forms and regex forms that begin with a character share one pass; a regex that
    begins with a set or a group, or has groups, gets its own. Each is found where it stands,
    and the right rule names it. (``near: false``: only the listed forms, not every near miss.)"""
    rules = tmp_path / "提法.yaml"
    rules.write_text(
        "formulations:\n"
        "  - {id: a, right: 乡村振兴, wrong: [乡村复兴, '/乡村振新(?!计划)/'], near: false, source: 甲}\n"
        "  - {id: b, right: 两学一做, wrong: ['/[两俩]学一作/', '/(两学)-做/', '/两学1做|两学壹做/'], near: false, source: 乙}\n"
        "  - {id: c, right: 共同富裕, wrong: [共同富有, '#两个维护#'], near: false, source: 丙}\n", encoding="utf-8")
    text = tmp_path / "a.txt"
    text.write_text("推进乡村复兴，推进乡村振新，乡村振新计划。\n开展俩学一作和两学-做，走向共同富有。\n#两个维护#，两学壹做\n",
                    encoding="utf-8")
    result = fayan_cli("check", str(text), "--formulations", str(rules), "--format", "json",
                       "--enable", "formulation")
    found = [(p["line"], p["column"], p["suggestion"]) for p in json.loads(result.stdout)]
    assert found == [(1, 3, "乡村振兴"), (1, 10, "乡村振兴"), (2, 3, "两学一做"), (2, 8, "两学一做"),
                     (2, 15, "共同富裕"), (3, 1, "共同富裕"), (3, 8, "两学一做")]


def test_an_empty_wrong_form_is_named_where_it_stands(tmp_path):
    rules = tmp_path / "提法.yaml"
    rules.write_text("formulations:\n  - id: a\n    right: 好\n    wrong: ['', 坏]\n    source: 甲\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("同志们：\n", encoding="utf-8")
    result = run_fayan("check", "a.txt", "--formulations", str(rules), cwd=tmp_path)
    assert result.returncode == 2 and b"Traceback" not in result.stderr
    assert f"{rules}:4:13:".encode() in result.stderr and "不能为空".encode() in result.stderr


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030"])
def test_encodings_are_detected(tmp_path, encoding):
    path = tmp_path / "a.txt"
    path.write_bytes("同志们:\r\n大家好。\r\n".encode(encoding))
    (p,) = [p for p in problems(path, ["punctuation"])]
    assert (p.line, p.column) == (1, 4)


def test_markdown_syntax_is_not_mistaken_for_punctuation_and_columns_stay_true(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("# 标题\n\n**第一，抓学习。**我们要学习,要落实。\n", encoding="utf-8")
    (p,) = problems(path, ["punctuation"])
    assert (p.line, p.column) == (3, 17)  # the ** before it counts: columns point at the file


def test_docx_is_read_by_paragraph(tmp_path):
    d = docx.Document()
    d.add_paragraph("同志们：")
    d.add_paragraph("要坚持全面从紧治党,不断前进。")
    path = tmp_path / "a.docx"
    d.save(path)
    found = {(p.line, p.rule) for p in problems(path)}
    assert (2, "formulation") in found and (2, "punctuation") in found


def test_fix_shows_a_diff_and_changes_nothing_else(tmp_path):
    src = DATA / "planted.txt"
    path = tmp_path / "planted.txt"
    shutil.copy(src, path)
    diff = fayan_cli("check", str(path), "--fix")
    assert diff.stdout.startswith("---") and "+++" in diff.stdout
    assert diff.exit_code == 1 and "要手工处理" in diff.stderr  # formulations, numbering: not mechanical
    assert path.read_bytes() == src.read_bytes()  # no --write: the file is untouched
    assert fayan_cli("check", str(path), "--fix", "--write").exit_code == 1
    fixed = path.read_text(encoding="utf-8")
    assert not [p for p in check.run(Source(fixed, str(path), "txt")) if p.fix]  # every mechanical one fixed
    # only the lines that held a mechanical error changed, and nothing else was left to a person
    fixable = {name for name in check.rules() if getattr(check.rules()[name], "FIXES", False)}
    labels = yaml.safe_load((DATA / "planted.labels.yaml").read_text(encoding="utf-8"))
    touched = {x["line"] for x in labels if x["rule"] in fixable}
    before, after = src.read_text(encoding="utf-8").split("\n"), fixed.split("\n")
    assert len(before) == len(after)
    assert {n for n, (a, b) in enumerate(zip(before, after, strict=True), 1) if a != b} <= touched
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert any("我们们" in a and "我们们" not in b and "我们" in b for a, b in changed)
    assert any("再接再励" in a and "再接再厉" in b for a, b in changed)
    assert any(a.startswith("(一)健全工作机制") and b.startswith("（一）健全工作机制") for a, b in changed)
    assert any(a.startswith("二0二四年") and b.startswith("二〇二四年") for a, b in changed)
    left = {(p.line, p.rule) for p in check.run(Source(fixed, str(path), "txt")) if p.severity != "info"}
    assert {rule for _, rule in left} <= {"formulation", "numbering", "numbers", "placeholder", "noise",
                                          "repetition", "framing", "punctuation", "idea", "quotation", "openings"}


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16"])
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_fix_write_keeps_the_files_encoding_and_line_ends(tmp_path, encoding, newline):
    """A Windows user's GBK file with CRLF line ends comes back GBK with CRLF: only the marks
    that were fixed differ."""
    path = tmp_path / "讲话.txt"
    path.write_bytes(newline.join(["同志们:", "大家好,今天开会。", ""]).encode(encoding))
    assert fayan_cli("check", str(path), "--fix", "--write").exit_code == 0
    assert path.read_bytes() == newline.join(["同志们：", "大家好，今天开会。", ""]).encode(encoding)


def test_fix_of_a_docx_writes_a_new_file(tmp_path):
    d = docx.Document()
    d.add_paragraph("同志们:")
    run_para = d.add_paragraph()
    run_para.add_run("要加强学习,").bold = True
    run_para.add_run("要狠抓落实...")
    path = tmp_path / "讲话.docx"
    d.save(path)
    before = path.read_bytes()
    assert fayan_cli("check", str(path), "--fix", "--write").exit_code == 0
    assert path.read_bytes() == before
    fixed = docx.Document(tmp_path / "讲话.fixed.docx")
    assert [p.text for p in fixed.paragraphs] == ["同志们：", "要加强学习，要狠抓落实……"]
    assert fixed.paragraphs[1].runs[0].bold  # formatting kept


def test_rules_are_listed_with_their_documentation():
    out = fayan_cli("check", "--rules").stdout
    for rule_id in check.rules():
        assert rule_id in out


def test_bad_calls_exit_2_without_traceback(tmp_path):
    result = run_fayan("check")
    assert result.returncode == 2 and "Traceback" not in result.stderr.decode()
    result = run_fayan("check", str(tmp_path / "none.txt"))
    assert result.returncode == 2 and "none.txt" in result.stderr.decode()
    result = run_fayan("check", "x.txt", "--disable", "punctuaton")
    assert result.returncode == 2 and "punctuation" in result.stderr.decode()


def test_half_width_marks_that_belong_to_numbers_names_and_numbering_are_left_alone():
    text = ("1. 全年增长3.5个百分点，会议8:30开始。\n"
            "详见附件实施方案.docx和中国政府网.gov.cn。\n"
            "我们要坚持不懈.今后要更加努力,真抓实干.\n")
    found = [(p.line, p.column, p.suggestion) for p in check.run(Source(text, "a.txt", "txt"), ["punctuation"])]
    assert found == [(3, 8, "。"), (3, 16, "，"), (3, 21, "。")]


def test_markdown_masking_keeps_length():
    text = "# 标题\n> 引用\n**加粗**文字<p align=\"center\">居中</p>\n"
    assert len(mask_markdown(text)) == len(text)


def test_a_directory_is_checked_file_by_file_on_several_cores(tmp_path):
    folder = tmp_path / "往年讲话"
    (folder / "2024").mkdir(parents=True)
    for n in range(10):
        (folder / "2024" / f"{n:02d}.txt").write_text("同志们：\n大家好。\n", encoding="utf-8")
    (folder / "2024" / "bad.txt").write_text("同志们:\n", encoding="utf-8")
    (folder / "notes.yaml").write_text("a: 1\n", encoding="utf-8")  # not a speech: not read
    for jobs in ("1", "2"):
        result = fayan_cli("check", str(folder), "--jobs", jobs, "--disable", "length")
        assert result.exit_code == 1
        assert result.stdout.strip().splitlines() == [
            f"{folder / '2024' / 'bad.txt'}:1:4: error punctuation 中文里用了半角“:”，应为全角“：”。"]


def test_a_long_file_checked_by_two_processes_gets_the_same_report(tmp_path):
    """A collection of speeches in one file is checked by two processes, each running about
    half the rules; what the user reads is the same as with one."""
    planted = (DATA / "planted.txt").read_text(encoding="utf-8")
    copies = batch.TEXT_IN_PARALLEL_FROM // len(planted) + 1
    path = tmp_path / "汇编.txt"
    path.write_text("\n".join([planted] * copies), encoding="utf-8")
    one, two = (fayan_cli("check", str(path), "--jobs", jobs, "--format", "json") for jobs in ("1", "2"))
    assert one.exit_code == two.exit_code == 1
    report = json.loads(one.stdout)
    assert json.loads(two.stdout) == report
    # every rule, whichever process ran it; idea and quotation judge one speech, not a collection
    assert {p["rule"] for p in report} == set(check.rules()) - {"idea", "quotation"}
    assert len(report) > copies * 70  # the 72 planted problems, once a copy


def test_a_mistake_in_the_second_process_is_raised_as_it_would_be_in_one(monkeypatch):
    monkeypatch.setattr(batch, "TEXT_IN_PARALLEL_FROM", 10)
    source = Source("同志们：\n真抓实干，真抓实干，真抓实干，真抓实干，\n", "a.txt", "txt")
    every = list(check.rules())
    assert "repetition" in batch._share(every)[1]  # the second process runs it
    assert batch.check_text(source, every, {}, jobs=2) == check.run(source)
    for jobs in (1, 2):
        with pytest.raises(ValueError):
            batch.check_text(source, every, {"repetition": {"max_four_char": "三"}}, jobs=jobs)


def test_fix_says_what_is_left_for_a_person(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("我们要坚持筑牢中华民族共同体意识,不断前进。\n", encoding="utf-8")
    result = fayan_cli("check", str(path), "--fix", "--write")
    assert path.read_text(encoding="utf-8") == "我们要坚持筑牢中华民族共同体意识，不断前进。\n"
    assert result.exit_code == 1  # the formulation is still wrong: a person must fix it
    assert "还有 1 个问题（1 个错误）要手工处理" in result.stderr
    clean = tmp_path / "b.txt"
    clean.write_text("我们要学习,要落实。\n", encoding="utf-8")
    assert fayan_cli("check", str(clean), "--fix", "--write").exit_code == 0


def test_texts_checked_together_get_what_each_gets_alone():
    """`fayan check DIR` checks a batch of files rule by rule, and some rules (formulation,
    idea) look at the batch's texts together: each file's report is the one it gets alone,
    whatever its neighbours, a long one among them."""
    planted = (DATA / "planted.txt").read_text(encoding="utf-8")
    paragraphs = planted.split("\n")
    texts = ["\n".join(paragraphs[k::5]) for k in range(5)]  # five speeches of planted errors
    texts += ["", "同志们：\n大家好。", planted, "\n".join([planted] * 6)]  # an empty one, a short one, long ones
    sources = [Source(text, f"{k}.txt", "txt") for k, text in enumerate(texts)]
    together = check.run_many(sources)
    assert sum(map(len, together)) > 100
    assert together == [check.run(source) for source in sources]
    assert check.run_many(sources[::-1]) == together[::-1]
