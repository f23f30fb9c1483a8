"""Composition: deterministic, seeded, no repeats, user text verbatim, pins honoured."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import fayan
from fayan import ComposeError, parse_brief
from tests.conftest import EXAMPLES

BANK = fayan.load_phrasebank()
SKELETONS = {s.id: s for s in fayan.list_skeletons()}
SIX_THEMES = ["理论武装", "政治建设", "基层党建", "作风建设", "廉政建设", "干部队伍"]


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[。！？])", text) if len(s.strip()) > 4]


def assert_clean(doc: fayan.Document) -> None:
    text = fayan.render(doc, "txt")
    for mark in ("{{", "}}", "{%", "%}"):
        assert mark not in text
    sents = sentences(doc.body_text())
    dupes = {s for s in sents if sents.count(s) > 1}
    assert not dupes, f"sentence repeated: {dupes}"
    ids = [i for t in doc.trace() for i in t["ids"]]
    assert len(ids) == len(set(ids)), "a phrase or set item used twice"
    # 思想思想: a slot and its phrase collide (一件一件 is the language's own reduplication)
    doubled = [w for w in re.findall(r"([\u4e00-\u9fff]{2})\1", text) if w[0] != "一"]
    assert not doubled, f"doubled word {doubled}"


def brief_for(template: str, themes: list[str], seed: int = 1, **extra: object) -> fayan.Brief:
    import yaml
    data = {"template": template, "title": "标题", "topic": "习近平总书记关于党的建设的重要思想",
            "occasion": "县委理论学习中心组专题研讨会", "place": "XX县", "seed": seed,
            "speaker": {"unit": "XX县委组织部", "post": "部长"},
            "sections": [{"theme": t} for t in themes], **extra}
    return parse_brief(yaml.safe_dump(data, allow_unicode=True))


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
@pytest.mark.parametrize("seed", [1, 2, 3, 42])
def test_example_drafts_are_clean(example, seed):
    assert_clean(fayan.draft(fayan.load_brief(example), seed=seed))


@pytest.mark.parametrize("template", sorted(SKELETONS))
def test_every_template_renders_six_themes_without_repeats(template):
    sk = SKELETONS[template]
    themes = SIX_THEMES[: max(3, min(6, sk.sections[1]))]
    for seed in range(5):
        doc = fayan.compose(brief_for(template, themes, seed), sk, BANK)
        assert_clean(doc)
        assert not [w for w in doc.meta["warnings"] if "空缺" in w]
        assert len(doc.parts) >= 1


@pytest.mark.parametrize("template", sorted(SKELETONS))
def test_every_theme_of_the_bank_renders_in_every_template(template):
    sk = SKELETONS[template]
    themes = sorted(BANK.themes)
    size = max(3, min(6, sk.sections[1]))
    for start in range(0, len(themes), size):
        group = (themes[start:] + themes)[:size]
        doc = fayan.compose(brief_for(template, group), sk, BANK)
        assert_clean(doc)
        assert not doc.meta["warnings"] or all("字" in w for w in doc.meta["warnings"]), doc.meta["warnings"]


def test_reflection_gives_its_root_cause_after_the_shortcomings_and_resolves_last():
    for seed in range(5):
        doc = fayan.draft(brief_for("yantao-fayan", ["理论武装", "基层党建", "干部队伍"], seed))
        ids = [s.ids[0] for p in doc.parts[1].body for s in p.segments]
        kinds = [BANK.phrases[i].function.split(".")[1] for i in ids]
        assert kinds[0] == "lead" and kinds[-1] == "resolve"
        assert kinds[-2] == "cause" and "elaborate" in kinds
        assert max(i for i, k in enumerate(kinds) if k == "elaborate") < kinds.index("cause")


@pytest.mark.parametrize("template", sorted(SKELETONS))
def test_six_themes_each_get_their_own_section(template):
    """With the template's maximum parts, every section renders under its own theme."""
    sk = SKELETONS[template]
    brief = brief_for(template, SIX_THEMES[: sk.sections[1]])
    doc = fayan.compose(brief, sk, BANK)
    section_parts = [p for p in doc.walk_parts() if p.heading and p.heading.segments[0].slot
                     and p.heading.segments[0].slot.startswith("sections.")]
    assert len(section_parts) == sk.sections[1]


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_same_seed_same_draft_and_other_seed_other_draft(example):
    brief = fayan.load_brief(example)
    md1, md2 = (fayan.render(fayan.draft(brief, seed=5), "md") for _ in range(2))
    js1, js2 = (fayan.render(fayan.draft(brief, seed=5), "json") for _ in range(2))
    assert md1 == md2 and md1.encode() == md2.encode()
    assert js1 == js2
    assert fayan.render(fayan.draft(brief, seed=6), "md") != md1


def test_user_text_is_data_not_a_template():
    brief = brief_for("jiaoliu-cailiao", ["理论武装", "基层党建", "干部队伍"])
    brief.sections[0].points = ["我们的口号是{{ 7*7 }}，{% raw %}不能被执行。"]
    brief.sections[1].examples = ["{{ leader }}去年来过。"]
    text = fayan.render(fayan.draft(brief), "txt")
    assert "{{ 7*7 }}" in text and "49" not in text
    assert "{% raw %}" in text
    assert "{{ leader }}去年来过。" in text


def test_user_points_examples_and_measures_appear_verbatim_in_their_section():
    brief = brief_for("yantao-fayan", ["理论武装", "基层党建", "干部队伍"])
    brief.sections[1].points = ["支部建在产业链上，党员聚在产业链上。"]
    brief.sections[1].examples = ["今年以来，全县新建产业链党组织12个"]
    brief.sections[1].measures = ["建立村书记季度述职机制。", "推行党员积分制管理"]
    doc = fayan.draft(brief)
    part = [p for p in doc.walk_parts() if p.level == 2][1]
    body = "".join(p.text for p in part.body)
    assert "支部建在产业链上，党员聚在产业链上。" in body
    assert "今年以来，全县新建产业链党组织12个。" in body
    assert "一是建立村书记季度述职机制；二是推行党员积分制管理。" in body


def test_own_heading_replaces_the_generated_one():
    brief = brief_for("jiaoliu-cailiao", ["理论武装", "基层党建", "干部队伍"])
    brief.sections[2].heading = "锻造忠诚干净担当的干部队伍"
    doc = fayan.draft(brief)
    assert doc.parts[2].marker == "三、"
    assert doc.parts[2].heading_text == "锻造忠诚干净担当的干部队伍"


def theme_items(set_id: str, theme: str) -> list[str]:
    pset = BANK.sets[set_id]
    return [pset.item(i).text for i in range(len(pset.items)) if theme in pset.item(i).themes]


def test_parallel_headings_follow_the_frame_and_do_not_repeat():
    themes = ["政治建设", "干部队伍", "基层党建", "高质量发展"]
    for seed in range(5):
        doc = fayan.draft(brief_for("jiaoliu-cailiao", themes, seed))
        heads = [p.marker + p.heading_text for p in doc.parts]
        for n, (head, theme) in enumerate(zip(heads, themes, strict=True)):
            zhua = re.match(r"^(.)、要坚持(抓.+?)，作为践行新担当新任务的(.+)$", head)
            assert zhua and zhua.group(1) == "一二三四"[n], head
            assert zhua.group(2) in theme_items("zhua", theme), head
        ends = [h.rsplit("的", 1)[1] for h in heads]
        assert len(set(ends)) == 4


def test_run_in_headings_for_di_yi_style():
    themes = ["政治建设", "高质量发展", "廉政建设"]
    doc = fayan.draft(brief_for("zhongxinzu-fayan", themes))
    assert [p.marker for p in doc.parts] == ["第一，", "第二，", "第三，"]
    assert all(p.inline and p.heading_text.endswith("。") for p in doc.parts)
    arena = re.match(r"^在(.+)中走在前、作表率。$", doc.parts[0].heading_text)
    assert arena and arena.group(1) in theme_items("arena", "政治建设")


def test_theme_alias_is_understood_and_unknown_theme_warns_with_suggestion():
    doc = fayan.draft(brief_for("jiaoliu-cailiao", ["党风廉政", "基层党建", "干部工作"]))
    zhua = re.match(r"^要坚持(抓.+?)，", doc.parts[0].heading_text).group(1)
    assert zhua in theme_items("zhua", "廉政建设")
    doc = fayan.draft(brief_for("yantao-cailiao", ["廉政", "基层党建", "干部队伍"]))
    assert not doc.meta["warnings"]
    doc = fayan.draft(brief_for("yantao-cailiao", ["廉洁", "基层党建", "干部队伍"]))
    (warning,) = [w for w in doc.meta["warnings"] if "廉洁" in w]
    assert "廉政建设" in warning and re.match(r"<brief>:\d+:\d+: ", warning)


def test_a_section_draws_only_its_own_theme_or_general_phrases():
    for seed in range(8):
        doc = fayan.draft(brief_for("jiaoliu-cailiao", ["廉政建设", "基层党建", "干部队伍"], seed))
        for entry in doc.trace():
            if entry["slot"].startswith("sections.1.") and entry["origin"] == "phrase":
                themes = BANK.phrases[entry["ids"][0]].themes
                assert not themes or "廉政建设" in themes, entry


def test_pins_fix_a_slot_across_seeds():
    pins = {"opening.turn": "opening.turn.03", "sections.2.lead": "theme.jiceng.lead.02"}
    for seed in (1, 2, 3):
        doc = fayan.draft(brief_for("jiaoliu-cailiao", ["理论武装", "基层党建", "干部队伍"], seed, pins=pins))
        got = {t["slot"]: t["ids"][0] for t in doc.trace()}
        assert got["opening.turn"] == "opening.turn.03"
        assert got["sections.2.lead"] == "theme.jiceng.lead.02"


def test_bad_pins_name_the_place_in_the_brief():
    bad = brief_for("jiaoliu-cailiao", ["理论武装", "基层党建", "干部队伍"],
                    pins={"opening.turn": "no.such.phrase"})
    with pytest.raises(ComposeError) as info:
        fayan.draft(bad)
    (p,) = info.value.problems
    assert "no.such.phrase" in p.message and p.line is not None

    wrong_function = brief_for("jiaoliu-cailiao", ["理论武装", "基层党建", "干部队伍"],
                               pins={"opening.turn": "closing.formula.01"})
    with pytest.raises(ComposeError, match="closing.formula"):
        fayan.draft(wrong_function)

    no_slot = brief_for("jiaoliu-cailiao", ["理论武装", "基层党建", "干部队伍"], pins={"sections.9.lead": "opening.turn.01"})
    with pytest.raises(ComposeError, match="sections.9.lead"):
        fayan.draft(no_slot)


def test_phrases_needing_a_missing_slot_are_not_used():
    brief = brief_for("jiaoliu-cailiao", ["理论武装", "基层党建", "干部队伍"])
    brief.instruction = []
    brief.speaker = None
    brief.place = None
    for seed in range(10):
        doc = fayan.draft(brief, seed=seed)
        assert "None" not in fayan.render(doc, "txt")
        assert_clean(doc)


def test_instruction_is_quoted_only_when_given():
    brief = brief_for("jiaoliu-cailiao", ["理论武装", "基层党建", "干部队伍"])
    texts = {fayan.draft(brief, seed=s).opening[0].text for s in range(6)}
    assert not any("“实现党" in t for t in texts)
    brief.instruction = "实现党在新时代新征程的使命任务，党的建设和组织工作要有新担当新作为"
    used = [fayan.draft(brief, seed=s).opening[0].text for s in range(6)]
    assert sum(brief.instruction in t for t in used) >= 1


@pytest.mark.parametrize("target", [1200, 1800])
def test_length_moves_toward_the_target(target):
    brief = brief_for("yantao-fayan", ["理论武装", "基层党建", "干部队伍"])
    chars = fayan.draft(brief, length=target).stats()["chars"]
    assert abs(chars - target) <= target * 0.1


def test_longer_target_gives_longer_draft():
    brief = brief_for("jiaoliu-cailiao", ["理论武装", "基层党建", "干部队伍", "廉政建设"])
    short = fayan.draft(brief, length=1000).stats()["chars"]
    long = fayan.draft(brief, length=2500).stats()["chars"]
    assert short < long


@settings(max_examples=40, deadline=None)
@given(
    template=st.sampled_from(sorted(SKELETONS)),
    themes=st.lists(st.sampled_from(sorted(BANK.themes)), min_size=3, max_size=4, unique=True),
    seed=st.integers(0, 10_000),
    point=st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=40),
)
def test_any_brief_renders_clean_and_keeps_user_text(template, themes, seed, point):
    sk = SKELETONS[template]
    themes = themes[: sk.sections[1]]
    brief = brief_for(template, themes, seed)
    brief.sections[0].points = [point]
    doc = fayan.compose(brief, sk, BANK)
    text = fayan.render(doc, "txt")
    assert point.strip() in text
    generated = "".join(s.text for p in doc.walk_parts() for para in p.body for s in para.segments
                        if s.origin == "phrase")
    assert "{{" not in generated and "}}" not in generated


def test_a_pin_needing_a_field_the_brief_leaves_empty_is_an_error_at_the_pin():
    brief = parse_brief("template: jiaoliu-cailiao\ntitle: 标题\ntopic: 学习\npins:\n  opening.turn: opening.turn.05\n"
                        "sections:\n  - theme: 理论武装\n  - theme: 基层党建\n  - theme: 干部队伍\n", "b.yaml")
    with pytest.raises(ComposeError) as info:
        fayan.draft(brief)
    (p,) = info.value.problems
    assert (p.file, p.line) == ("b.yaml", 5) and "职务" in p.message


@pytest.mark.parametrize("template", sorted(SKELETONS))
def test_no_draft_ever_says_none(template):
    bare = parse_brief(f"template: {template}\ntitle: 标题\ntopic: 学习\n"
                       "sections:\n  - theme: 理论武装\n  - theme: 基层党建\n  - theme: 干部队伍\n")
    for seed in range(6):
        assert "None" not in fayan.render(fayan.draft(bare, seed=seed), "txt")
