"""A brief is validated with every problem reported at its file, line and column."""

from __future__ import annotations

import re

import pytest

from fayan import BriefError, load_brief, parse_brief
from tests.conftest import run_fayan

GOOD = """\
title: 筑牢根基担使命
topic: 习近平总书记关于党的建设的重要思想
sections:
  - theme: 理论武装
"""

THREE_MISTAKES = """\
topic: 习近平总书记关于党的建设的重要思想
length: 三千字
speeker:
  name: 张三
sections:
  - theme: 理论武装
"""


def messages(text: str) -> list[str]:
    with pytest.raises(BriefError) as info:
        parse_brief(text, "brief.yaml")
    return [str(p) for p in info.value.problems]


def test_three_mistakes_give_three_positioned_messages():
    msgs = messages(THREE_MISTAKES)
    assert len(msgs) == 3
    assert msgs[0].startswith("brief.yaml:1:1: ") and "title" in msgs[0] and "缺少" in msgs[0]
    assert msgs[1].startswith("brief.yaml:2:9: ") and "整数" in msgs[1] and "三千字" in msgs[1]
    assert msgs[2].startswith("brief.yaml:3:1: ") and "speaker" in msgs[2]  # did-you-mean


def test_three_mistakes_on_the_command_line_exit_2_without_traceback_or_output(tmp_path):
    brief = tmp_path / "brief.yaml"
    brief.write_text(THREE_MISTAKES, encoding="utf-8")
    out = tmp_path / "out.docx"
    result = run_fayan("draft", str(brief), "-o", str(out))
    err = result.stderr.decode("utf-8")
    assert result.returncode == 2
    assert "Traceback" not in err
    assert len(re.findall(r"^.*brief\.yaml:\d+:\d+: ", err, re.M)) == 3
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [brief]  # no temporary file left behind either


def test_chinese_keys_are_the_same_as_english_keys():
    zh = parse_brief("标题: 筑牢根基担使命\n专题: 学习\n部分:\n  - 主题: 理论武装\n    观点: 一句话\n")
    en = parse_brief("title: 筑牢根基担使命\ntopic: 学习\nsections:\n  - theme: 理论武装\n    points: [一句话]\n")
    assert zh.model_dump() == en.model_dump()


def test_a_key_given_in_both_languages_is_an_error():
    msgs = messages(GOOD + "标题: 另一个\n")
    assert any("两次" in m and m.startswith("brief.yaml:5:1") for m in msgs)


def test_misspelt_chinese_key_gets_a_suggestion():
    (msg,) = messages(GOOD.replace("theme:", "主题:") + "    观占: 一句\n")
    assert "观点" in msg and msg.startswith("brief.yaml:5:5")


def test_nested_errors_point_into_the_section():
    (msg,) = messages(GOOD + "  - heading: 自拟\n")
    assert msg.startswith("brief.yaml:5:5") and "theme" in msg and "第 2 项" in msg


def test_yaml_syntax_error_names_line_and_column():
    (msg,) = messages("title: a\n  topic: b\n")
    assert re.match(r"brief\.yaml:2:\d+: YAML 格式有误", msg)


def test_empty_brief_says_how_to_start():
    (msg,) = messages("")
    assert "fayan new" in msg


def test_yaml_python_tags_are_refused():
    (msg,) = messages("title: !!python/object/apply:os.system ['echo hi']\ntopic: x\nsections: [{theme: a}]\n")
    assert "YAML" in msg


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030", "gbk"])
def test_briefs_saved_by_windows_tools_are_read(tmp_path, encoding):
    path = tmp_path / "b.yaml"
    path.write_bytes(GOOD.encode(encoding))
    assert load_brief(path).title == "筑牢根基担使命"


def test_a_single_string_where_a_list_is_expected_is_one_item():
    b = parse_brief(GOOD + "    points: 只有一句\n")
    assert b.sections[0].points == ["只有一句"]
