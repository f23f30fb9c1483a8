"""What an office's 校对 marks beyond formulations (issue 14): 别字 in set phrases, numbers and
dates (GB/T 15835), quotation marks within quotation marks (GB/T 15834), heading markers
(GB/T 9704), spaces between Chinese characters and doubled characters; each a rule of its own,
each problem at its line and column, the mechanical ones fixed by --fix."""

from __future__ import annotations

import json

import pytest
import yaml

from fayan import check
from fayan.check import typo
from fayan.reader import Source
from tests.conftest import ROOT, fayan_cli, run_fayan


def report(text: str, rule: str, kind: str = "txt") -> list[tuple[int, int, str, str]]:
    """(line, column, severity, message) of the rule's problems."""
    return [(p.line, p.column, p.severity, p.message) for p in check.run(Source(text, "a.txt", kind), [rule])]


def fixed(text: str, rule: str) -> str:
    return check.fix_text(text, lambda t: Source(t, "a.txt", "txt"), [rule])


# 别字 ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("wrong, right", [
    ("再接再励", "再接再厉"), ("按步就班", "按部就班"), ("默守成规", "墨守成规"), ("一愁莫展", "一筹莫展"),
    ("迫不急待", "迫不及待"), ("针贬时弊", "针砭时弊"), ("言简意骇", "言简意赅"), ("原形必露", "原形毕露"),
    ("鞠躬尽粹", "鞠躬尽瘁"), ("事必躬清", "事必躬亲"),
])
def test_a_miswritten_set_phrase_is_an_error_with_its_right_form_and_is_fixed(wrong, right):
    text = f"同志们：\n我们要{wrong}，做好工作。\n"
    (problem,) = check.run(Source(text, "a.txt", "txt"), ["typo"])
    assert (problem.line, problem.column, problem.severity, problem.suggestion) == (2, 4, "error", right)
    assert problem.message.startswith(f"别字：“{wrong}”应为“{right}”")
    assert fixed(text, "typo") == f"同志们：\n我们要{right}，做好工作。\n"


def test_the_shipped_list_holds_five_hundred_wrong_forms_none_of_them_in_clean_text():
    data = yaml.safe_load((ROOT / "src" / "fayan" / "data" / "typos.yaml").read_text(encoding="utf-8"))
    typos = typo.TypoFile.model_validate(data).typos
    assert len(typos) >= 500 and len({t.wrong for t in typos}) == len(typos)
    assert all(t.wrong != t.right for t in typos)
    # the right forms themselves, a speech of the corpus and every golden draft: nothing found
    rights = "。".join(t.right for t in typos)
    assert not list(typo.finder().finditer(rights))
    for path in sorted((ROOT / "tests" / "golden").glob("*.md")):
        assert not list(typo.finder().finditer(path.read_text(encoding="utf-8"))), path.name


def test_an_office_adds_its_own_typos_on_the_command_line_and_in_fayan_yaml(tmp_path, monkeypatch):
    own = tmp_path / "别字.yaml"
    own.write_text("typos:\n  - {wrong: 党建引颌, right: 党建引领, note: 领：带领}\n", encoding="utf-8")
    speech = tmp_path / "a.txt"
    speech.write_text("坚持党建引颌，再接再励。\n", encoding="utf-8")
    result = fayan_cli("check", str(speech), "--typos", str(own), "--enable", "typo")
    assert result.stdout.strip().splitlines() == [
        f"{speech}:1:3: error typo 别字：“党建引颌”应为“党建引领”（领：带领）。",
        f"{speech}:1:8: error typo 别字：“再接再励”应为“再接再厉”（厉：同“砺”，磨快，不作“励”）。"]
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".fayan.yaml").write_text(f"typos: [{own.name}]\n", encoding="utf-8")
    assert "党建引领" in fayan_cli("check", "a.txt", "--enable", "typo").stdout


def test_a_mistake_in_an_offices_typo_file_is_named_where_it_stands(tmp_path):
    own = tmp_path / "别字.yaml"
    own.write_text("typos:\n  - {wrong: 再接再厉, right: 再接再厉}\n  - {wrong: x, right: 好}\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("同志们：\n", encoding="utf-8")
    result = run_fayan("check", "a.txt", "--typos", str(own), cwd=tmp_path)
    assert result.returncode == 2 and b"Traceback" not in result.stderr
    err = result.stderr.decode()
    assert f"{own}:2:" in err and "相同" in err and f"{own}:3:" in err


@pytest.mark.parametrize("name", ["typos", "formulations"])
def test_the_published_schemas_describe_the_shipped_data_files(name):
    import jsonschema
    schema = json.loads((ROOT / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))
    data = (ROOT / "src" / "fayan" / "data" / f"{name}.yaml").read_text(encoding="utf-8")
    jsonschema.validate(yaml.load(data, Loader=yaml.SafeLoader), schema)  # the pure-Python loader, as another tool


# numbers and dates ---------------------------------------------------------------------------

def test_zero_among_chinese_digits_is_written_ling():
    text = "二0二四年，二O二五年，二○二三年，二零二二年召开；三千零五人，零容忍，2024年，O2O模式。\n"
    assert [(c, m) for _, c, _, m in report(text, "numbers")] == [
        (2, "汉字数字里的零应写作“〇”：“二0二四”应为“二〇二四”。"),
        (8, "汉字数字里的零应写作“〇”：“二O二五”应为“二〇二五”。"),
        (14, "汉字数字里的零应写作“〇”：“二○二三”应为“二〇二三”。"),
        (20, "汉字数字里的零应写作“〇”：“二零二二”应为“二〇二二”。")]
    assert fixed(text, "numbers").startswith("二〇二四年，二〇二五年，二〇二三年，二〇二二年召开；三千零五人，零容忍，2024年，O2O模式。")


def test_arabic_digits_are_not_joined_to_chinese_units_but_wan_and_yi_may_be():
    text = "共培训3千人次，覆盖5百余户，完成率百分之95，投资345万元、1.2亿元，全长3千米。\n"
    assert [(c, m) for _, c, _, m in report(text, "numbers")] == [
        (4, "阿拉伯数字不与“千”连用：“3千”应写作“3000”，或全用汉字（“万”“亿”可以）。"),
        (11, "阿拉伯数字不与“百”连用：“5百”应写作“500”，或全用汉字（“万”“亿”可以）。"),
        (19, "“百分之95”混用了汉字和阿拉伯数字：应写作“95%”或全用汉字。")]
    assert fixed(text, "numbers") == text  # 3000 or 三千: the writer chooses


def test_dates_that_cannot_exist():
    text = "2024年13月1日开会，2月30日、4月31日、2023年2月29日也不行；2024年2月29日、12月31日可以，第123月不是日期。\n"
    assert [(c, m) for _, c, _, m in report(text, "numbers")] == [
        (1, "日期有误：没有13月。"),
        (14, "日期有误：“2月30日”不存在（2月只有29天）。"),
        (20, "日期有误：“4月31日”不存在（4月只有30天）。"),
        (26, "日期有误：“2023年2月29日”不存在（2月只有28天）。")]


def test_a_range_of_years_takes_a_one_em_dash():
    text = "2023-2024年，2015-08-31，2023—2024年。\n"
    assert report(text, "numbers") == [(1, 5, "warning", "年份起止用一字线：“2023-2024年”应为“2023—2024年”。")]
    assert fixed(text, "numbers") == "2023—2024年，2015-08-31，2023—2024年。\n"


# quotation marks, heading markers, spaces, doubled characters --------------------------------

def test_double_quotes_within_double_quotes_become_single_and_a_single_pair_outside_becomes_double():
    text = "总书记强调：“要增强“四个意识”，坚定‘四个自信’。”要发扬‘钉钉子精神’。\n"
    outside = text.index("‘钉") + 1
    assert report(text, "nesting") == [
        (1, 11, "error", "引号里再用引号，里层应为单引号：““”应为“‘”。"),
        (1, 16, "error", "引号里再用引号，里层应为单引号：“””应为“’”。"),
        (1, outside, "warning", "最外层的引号应为双引号：“‘”应为““”。"),
        (1, outside + 6, "warning", "最外层的引号应为双引号：“’”应为“””。")]
    assert fixed(text, "nesting") == "总书记强调：“要增强‘四个意识’，坚定‘四个自信’。”要发扬“钉钉子精神”。\n"


def test_heading_markers_are_written_as_gb_t_9704_has_them_and_punctuation_leaves_them_alone():
    text = "一.提高认识\n(一)健全机制\n1、明确分工\n（二)细化措施\n1)压实责任\n二，强化措施\n一、对的\n（一）对的\n1.对的\n（1）对的\n"
    assert [(line, m) for line, _, _, m in report(text, "headings")] == [
        (1, "标题序号“一.”应写作“一、”（GB/T 9704）。"), (2, "标题序号“(一)”应写作“（一）”（GB/T 9704）。"),
        (3, "标题序号“1、”应写作“1.”（GB/T 9704）。"), (4, "标题序号“（二)”应写作“（二）”（GB/T 9704）。"),
        (5, "标题序号“1)”应写作“（1）”（GB/T 9704）。"), (6, "标题序号“二，”应写作“二、”（GB/T 9704）。")]
    assert report(text, "punctuation") == []  # one mistake, one report
    assert fixed(text, "headings").split("\n")[:6] == ["一、提高认识", "（一）健全机制", "1.明确分工", "（二）细化措施",
                                                       "（1）压实责任", "二、强化措施"]


def test_spaces_between_chinese_characters_but_not_between_the_phrases_of_a_title():
    text = "践行初心使命　做合格共产党员\n要抓好党 建 工 作，要加强　学习，学好 Python 和 AI，  缩进不算。\n"
    assert report(text, "spacing") == [
        (2, 5, "error", "汉字之间有空格：“党 建 工 作”，应为“党建工作”。"),
        (2, 15, "error", "汉字之间有空格：“强　学”，应为“强学”。")]
    assert fixed(text, "spacing") == "践行初心使命　做合格共产党员\n要抓好党建工作，要加强学习，学好 Python 和 AI，  缩进不算。\n"


def test_a_two_character_name_spaced_to_three_is_how_names_are_set():
    text = "发言人：张　三，记录：李　四。要加强　学习。\n"
    assert [m for _, _, _, m in report(text, "spacing")] == ["汉字之间有空格：“强　学”，应为“强学”。"]


def test_two_spaces_in_markdown_may_be_the_marks_of_bold(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("我们**要**加强学习，党 建工作。\n", encoding="utf-8")
    result = fayan_cli("check", str(path), "--enable", "spacing", "--format", "json")
    assert [(p["line"], p["column"]) for p in json.loads(result.stdout)] == [(1, 14)]


def test_a_doubled_character_that_no_one_reduplicates():
    text = ("我们们要认真做好工作的的各项任务，常常、人人、天天、认认真真都对，"
            "为了了解情况、达到目的的手段、参与与否、的的确确、涉及及其他、被被告起诉也对，我我们不对。\n")
    found = report(text, "doubled")
    assert [(c, m) for _, c, _, m in found] == [
        (2, "“们”写重了：“我们们”，应删去一个。"), (11, "“的”写重了：“工作的的”，应删去一个。"),
        (text.index("我我") + 1, "“我”写重了：“对，我我”，应删去一个。")]
    assert fixed(text, "doubled").startswith("我们要认真做好工作的各项任务") and "，我们不对。" in fixed(text, "doubled")


def test_every_rule_is_listed_with_its_severity_and_first_line_of_documentation():
    out = fayan_cli("check", "--rules").stdout
    for rule_id in ("typo", "numbers", "nesting", "headings", "spacing", "doubled"):
        assert f"{rule_id}（默认级别 " in out
    assert "别字" in out and "GB/T 15835" in out and "GB/T 9704" in out and "GB/T 15834" in out


# no false alarm where a writer did nothing wrong ------------------------------------------------

NEW_RULES = ["formulation", "typo", "numbers", "nesting", "headings", "spacing", "doubled"]
CORPUS = ROOT.parent / "shared" / "corpus"


@pytest.mark.skipif(not (CORPUS / "public").exists(), reason="../shared/corpus is not beside the repository")
def test_the_xinhua_speeches_give_the_new_rules_nothing_to_mark():
    from fayan.reader import read_source
    for path in sorted((CORPUS / "public").glob("*.txt")):
        assert check.run(read_source(path), NEW_RULES) == [], path.name


@pytest.mark.parametrize("seed", [3, 11])
@pytest.mark.parametrize("length", [None, 1500, 5000])
def test_every_example_drafted_at_other_seeds_and_lengths_gives_the_new_rules_nothing_to_mark(seed, length):
    import fayan
    from fayan.reader import mask_markdown
    for example in sorted((ROOT / "examples").glob("*.yaml")):
        doc = fayan.draft(fayan.load_brief(example), seed=seed, length=length)
        text = mask_markdown(fayan.render(doc, "md"))
        found = [(p.line, p.rule, p.message) for p in check.run(Source(text, example.name, "md"), NEW_RULES)]
        assert found == [], example.name


def test_a_long_text_is_looked_up_in_pieces_and_a_word_across_two_is_found(monkeypatch):
    """A long text is looked up a piece at a time (:data:`typo.PIECE`): a 别字 that a piece's end
    cuts in two is found all the same, once, where it stands."""
    text = "我们要再接再励，" * 40
    whole = [(p.column, p.suggestion) for p in check.run(Source(text, "a.txt", "txt"), ["typo"])]
    assert len(whole) == 40
    for piece in (3, 5, 7, 11):
        monkeypatch.setattr(typo, "PIECE", piece)
        assert [(p.column, p.suggestion) for p in check.run(Source(text, "a.txt", "txt"), ["typo"])] == whole
