"""formulation: a canonical form is enough; its near misses are found without being listed."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from fayan import check
from fayan.check import formulation
from fayan.reader import Source
from tests.conftest import ROOT, fayan_cli


def found(text: str) -> list[tuple[int, int, str, str]]:
    """(line, column, what was written, what was meant) of each formulation problem."""
    out = []
    for p in check.run(Source(text, "a.txt", "txt"), ["formulation"]):
        written = p.message.split("“")[1].split("”")[0]
        out.append((p.line, p.column, written, p.suggestion))
    return out


@pytest.mark.parametrize("wrong, right", [
    ("中国特色社会主意", "中国特色社会主义"),  # 中国特色社会主意思想: the part that is wrong
    ("两个确力", "两个确立"),
    ("四个自性", "四个自信"),
    ("不忘出心", "不忘初心"),
    ("以人民为中新", "以人民为中心"),
    ("全过程人名民主", "全过程人民民主"),
    ("全面从严治当", "全面从严治党"),
    ("人类命运共同提", "人类命运共同体"),
    ("中华民族伟大复习", "中华民族伟大复兴"),
])
def test_one_wrong_character_in_a_canonical_form_is_found_and_the_form_named(wrong, right):
    assert found(f"我们要坚持{wrong}，不断前进。\n") == [(1, 6, wrong, right)]


@pytest.mark.parametrize("wrong, right", [
    ("中国特色的社会主义", "中国特色社会主义"),       # a 的 put in
    ("习近平新时代中国特色社会义思想", "习近平新时代中国特色社会主义思想"),  # a character dropped
    ("全过程人民主民", "全过程人民民主"),             # two swapped
    ("人类命运共同体体系", None),                      # a longer word that begins with the form: not a slip
    ("二个确立", "两个确立"),                          # 二 for 两
    ("党的两十大", "党的二十大"),                      # 两 for 二
    ("以习近平同志为核心党中央", "以习近平同志为核心的党中央"),  # a 的 dropped
])
def test_every_kind_of_slip_a_writer_makes(wrong, right):
    assert found(f"我们要坚持{wrong}，不断前进。\n") == ([(1, 6, wrong, right)] if right else [])


@pytest.mark.parametrize("text", [
    "全村四个自然村都通了硬化路。",          # 四个自信 with one character changed is another word
    "做到两个确保，守住不忘初衷的本色。",
    "全面从严治军、全面依法治市都是这样。",  # near misses that are right in themselves (near_ok)
    "党的十九大、二十届四中全会、第二个百年奋斗目标、第一个百年奋斗目标。",  # numerals
    "建强战斗堡垒，推进高质量发展，全力推进乡村振兴。",  # the word before: never the first character
    "习近平新时代中国特色社会主义思想、中国式现代化、新质生产力、铸牢中华民族共同体意识。",
    "增强党组织的政治功能和组织功能。",
])
def test_canonical_text_and_ordinary_words_are_not_flagged(text):
    assert found(text + "\n") == []


def test_the_shipped_file_holds_three_hundred_canonical_forms_each_with_its_source():
    data = yaml.safe_load((ROOT / "src" / "fayan" / "data" / "formulations.yaml").read_text(encoding="utf-8"))
    forms = formulation.FormulationFile.model_validate(data).formulations
    near = [f for f in forms if f.near]
    assert len(near) >= 300
    assert len({f.right for f in forms}) == len(forms) and len({f.id for f in forms}) == len(forms)
    assert all(f.source.strip() for f in forms)
    # forms canonical only in context keep their listed wrong forms, not a near-miss search
    two = next(f for f in forms if f.id == "two-establishes")
    assert not two.near and "两个确定" in two.wrong


def test_an_offices_own_form_is_searched_for_its_near_misses_and_may_switch_them_off(tmp_path):
    own = tmp_path / "提法.yaml"
    own.write_text("formulations:\n"
                   "  - {id: a, right: 清廉机关建设, source: 本单位规范}\n"
                   "  - {id: b, right: 乡村振兴, near: false, wrong: [乡村复兴], source: 本单位规范}\n",
                   encoding="utf-8")
    text = tmp_path / "a.txt"
    text.write_text("推进清廉机关建没，推进乡村振新和乡村复兴。\n", encoding="utf-8")
    result = fayan_cli("check", str(text), "--formulations", str(own), "--enable", "formulation")
    lines = result.stdout.strip().splitlines()
    assert f"{text}:1:3: error formulation 提法不规范：“清廉机关建没”，应为“清廉机关建设”（依据：本单位规范）。" in lines
    assert not any("乡村振新" in line for line in lines)  # the office switched that search off
    assert any(":1:17:" in line and "乡村复兴" in line for line in lines)


def test_near_needs_a_form_of_four_chinese_characters(tmp_path):
    own = tmp_path / "提法.yaml"
    own.write_text("formulations:\n  - {id: a, right: 增强“四个意识”, near: true, source: 甲}\n"
                   "  - {id: b, right: 好, source: 乙}\n", encoding="utf-8")
    text = tmp_path / "a.txt"
    text.write_text("好。\n", encoding="utf-8")
    result = fayan_cli("check", str(text), "--formulations", str(own))
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    assert f"{own}:2:" in result.stderr and "四个字以上" in result.stderr
    assert f"{own}:3:" in result.stderr and "wrong" in result.stderr


def test_a_de_after_one_who_has_is_grammar_not_a_slip():
    """国家的粮食安全, 中华民族的伟大复兴: the 的 joins a possessor to what it has; inside a term
    (人类命运的共同体) it is still a slip."""
    from fayan.check.formulation import near_miss
    assert not near_miss("国家的粮食安全", "国家粮食安全")
    assert not near_miss("中华民族的伟大复兴", "中华民族伟大复兴")
    assert near_miss("人类命运的共同体", "人类命运共同体")


_EDITS = st.sampled_from(["replace", "insert", "drop", "swap", "de", "numeral", "none"])


@st.composite
def _near_misses(draw) -> str:
    """Text around canonical forms, each edited once (or twice, or not at all) as a writer slips."""
    matcher = formulation.near_matcher(())
    forms = sorted(r for r, f in matcher.right.items() if f.near)
    chars = st.characters(codec="utf-8", categories=["Lo", "Nd", "Po", "Zs", "Cc"]) | st.sampled_from("党的中国社会主义两二学习")
    parts = []
    for _ in range(draw(st.integers(1, 6))):
        parts.append(draw(st.text(chars, max_size=6)))
        word = list(draw(st.sampled_from(forms)))
        for edit in draw(st.lists(_EDITS, min_size=1, max_size=2)):
            i = draw(st.integers(1, len(word) - 1))
            ch = draw(chars)
            if edit == "replace":
                word[i] = ch
            elif edit in ("insert", "de"):
                word.insert(i, "的" if edit == "de" else ch)
            elif edit == "drop" and len(word) > 2:
                del word[i]
            elif edit == "swap" and i < len(word) - 1:
                word[i], word[i + 1] = word[i + 1], word[i]
            elif edit == "numeral" and word[0] in "二两":
                word[0] = "两" if word[0] == "二" else "二"
        parts.append("".join(word))
    return "".join(parts)


@given(_near_misses())
@settings(max_examples=300, deadline=None)
def test_near_misses_are_looked_for_wherever_a_pattern_would_find_one(text):
    """The patterns are tried only at :meth:`NearMatcher.candidates`: every place where the
    pattern of the character that stands there matches is among them, so nothing a scan of the
    text with the patterns finds is missed."""
    matcher = formulation.near_matcher(())
    candidates = set(matcher.candidates([text])[0])
    for at, ch in enumerate(text):
        k = matcher.group_of.get(ch)
        if k is not None and matcher._pattern(k).match(text, at):
            assert at in candidates, text[at:at + 20]


def test_a_long_text_is_looked_at_in_pieces_and_misses_nothing_where_they_meet():
    """A text longer than :data:`formulation.TOGETHER` is looked at in pieces: a near miss
    across the place where two pieces meet is found, as in a text looked at whole."""
    slip = "全面从严治当"
    found_at = []
    for shift in range(-8, 3):  # the slip begins up to eight characters before a piece's end
        at = formulation.TOGETHER + shift
        text = "我们要坚持不懈抓落实。" * (at // 11 + 1)
        text = text[:at] + slip + text[at:] + "今后要更加努力。" * 300
        problems = check.run(Source(text, "a.txt", "txt"), ["formulation"])
        found_at.append([(p.column, p.suggestion) for p in problems])
        assert found_at[-1] == [(at + 1, "全面从严治党")], shift
