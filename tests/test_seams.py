"""No idea said twice, no seam to mend (issue 11): the check rules a reader's complaints became
(idea, quotation, openings, a lone （一）, “以下几点” with one item), and drafts that pass them,
with the joins a writer would make — on briefs written to provoke each seam."""

from __future__ import annotations

import re

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import fayan
from fayan import check, parse_brief, similar
from fayan.metrics import generated_sentences, opening_figures
from fayan.reader import Source
from fayan.similar import Measure, bigrams, same_pairs, sentences
from fayan.writers.text import to_text
from tests.conftest import EXAMPLES

BANK = fayan.load_phrasebank()
SKELETONS = {s.id: s for s in fayan.list_skeletons()}
NEW_RULES = ["idea", "quotation", "openings", "numbering"]


def findings(text: str, rules=NEW_RULES) -> list:
    return check.run(Source(text, "speech.txt", "txt"), rules)


def brief(template: str, sections: list[dict], **extra: object) -> fayan.Brief:
    data = {"template": template, "title": "学习研讨发言", "topic": "习近平总书记关于党的建设的重要思想",
            "occasion": "理论学习中心组专题学习会", "place": "XX县",
            "speaker": {"unit": "XX县委", "post": "常委、组织部部长"}, "sections": sections, **extra}
    return parse_brief(yaml.safe_dump(data, allow_unicode=True))


def draft(b: fayan.Brief, seed: int = 1, length: int | None = None) -> fayan.Document:
    return fayan.compose(b, SKELETONS[b.template], BANK, seed=seed, length=length)


# --- the rules, on speeches people write -----------------------------------------------------

def test_the_same_idea_in_other_words_is_found_at_its_second_saying():
    text = ("要树立大抓基层的鲜明导向，严格落实“书记抓、抓书记”责任，推动基层党组织全面进步、全面过硬。\n"
            "干部队伍建设事关长远，必须常抓不懈。\n"
            "要坚持大抓基层的鲜明导向，落实各级党组织书记抓基层党建述职评议考核，层层传导压力。\n")
    found = [p for p in findings(text) if p.rule == "idea"]
    assert [(p.line, p.column) for p in found] == [(3, 1)]
    assert "第 1 行" in found[0].message


def test_parallel_items_a_recurring_topic_and_stock_phrases_are_not_the_same_idea():
    text = ("习近平总书记关于党的建设的重要思想内涵丰富，我们要深入学习、全面领会。\n"
            "第一，希望大家注重家庭。第二，希望大家注重家教。第三，希望大家注重家风。\n"
            "要在急难险重任务中检验干部的政治能力，看干部是否敢于担当、是否冲锋在前。\n"
            "要充分发挥党员先锋模范作用，引导党员在急难险重任务中当先锋、打头阵。\n"
            "学习贯彻习近平总书记关于党的建设的重要思想，必须联系实际、学以致用。\n")
    assert [p for p in findings(text) if p.rule == "idea"] == []


_SAID = [p.text for p in BANK.phrases.values() if "{" not in p.text and "\n" not in p.text]


_PICKS = st.lists(st.tuples(st.sampled_from(_SAID), st.integers(0, 3), st.integers(0, 30)), min_size=0, max_size=90)


def _speech_of(picks) -> list[str]:
    """The sentences of a speech of bank sentences, some said again in part (the kind of pair
    rule idea is for)."""
    said = []
    for text, how, cut in picks:
        said.append(text)
        if how == 1:  # said again from a later word on
            said.append(text[min(cut, len(text) // 2):])
        elif how == 2:  # said again with another verb
            said.append(text.replace("要", "必须", 1))
    return [s for _, s in sentences("".join(t if t[-1:] in "。！？" else t + "。" for t in said))]


@settings(max_examples=150, deadline=None)
@given(st.lists(_PICKS, min_size=1, max_size=4))
def test_speeches_weighed_at_once_find_the_pairs_weighed_one_by_one(speeches):
    """Rule idea weighs the sentences of many speeches all at once, as matrices, each speech
    over its own sentences; it finds exactly the pairs the measure weighing two sentences at a
    time finds (the composer's and the bank's), and the same scores."""
    found = [_speech_of(picks) for picks in speeches]
    assert similar.speech_pairs(found) == [list(same_pairs(f, Measure(f))) for f in found]
    assert [list(same_pairs(f)) for f in found] == similar.speech_pairs(found)
    weighed = [f for f in found if len(f) >= 2]
    for said, (scores, _) in zip(weighed, similar._speech_scores(weighed), strict=True):
        m = Measure(said)
        grams = [bigrams(s) for s in said]
        for j in range(len(said)):
            for i in range(j):
                if min(len(grams[i]), len(grams[j])) >= similar.MIN_GRAMS:  # shorter: never compared
                    assert scores[i, j] == pytest.approx(m.score(grams[i], grams[j]), abs=1e-9)


def test_a_shared_wording_is_the_same_idea_unless_it_is_what_the_speech_is_about():
    """Two sentences somewhat alike that share eight characters of wording say the same thing;
    but when three sentences or more of the speech say those words, they are its subject, which
    may be said as often as needed. Both ways of weighing agree."""
    before = ["今年以来，全局上下认真贯彻落实上级决策部署，各项工作取得了新进展。",
              "下一步，我们将进一步压实责任，确保年度目标任务圆满完成。",
              "要加强干部队伍建设，提升干部履职尽责的能力和水平。"]
    said = [*before, "我们要坚持大抓基层的鲜明导向，推动各项工作落到实处、见到成效。",
            "各级党组织要树立大抓基层的鲜明导向，推动工作见到成效。"]
    subject = [*said, "坚持大抓基层的鲜明导向，是做好新时代组织工作的重要经验。",
               "全市上下牢固树立大抓基层的鲜明导向，基层基础不断夯实。"]
    assert similar.speech_pairs([said, subject]) == [[(3, 4)], []]
    assert [list(same_pairs(s, Measure(s))) for s in (said, subject)] == [[(3, 4)], []]
    assert [p.line for p in findings("\n".join(said)) if p.rule == "idea"] == [5]
    assert [p.rule for p in findings("\n".join(subject))].count("idea") == 0


def test_one_quotation_twice_is_found_but_a_title_naming_it_is_not():
    text = ("践行“忠诚为党护党、全力兴党强党”\n"
            "习近平总书记强调：“以忠诚为党护党、全力兴党强党为根本使命。”我们要牢记于心。\n"
            "正如总书记所说，“以忠诚为党护党、全力兴党强党为根本使命”，这是我们的根本遵循。\n")
    found = [p for p in findings(text) if p.rule == "quotation"]
    assert [p.line for p in found] == [3]


def test_a_run_of_five_sentences_opening_alike_is_found_four_is_not():
    four = "要学习。要落实到位。要狠抓落实。要持续用力。我们一定做到。\n".replace("要学习", "要加强学习")
    five = "要加强学习。要落实到位。要狠抓落实。要持续用力。要久久为功。\n"
    numbered = "一是要加强学习。二是要落实到位。三是要狠抓落实。四是要持续用力。五是要久久为功。\n"
    assert [p for p in findings(four) if p.rule == "openings"] == []
    found = [p for p in findings(five) if p.rule == "openings"]
    assert len(found) == 1 and "5 句" in found[0].message and found[0].column == 25
    assert [p for p in findings(numbered) if p.rule == "openings"] == []


def test_a_lone_first_item_and_a_lead_in_with_one_item_are_found():
    lone = "一、强化理论武装\n（一）加强学习\n要学深悟透。\n二、锤炼过硬作风\n（一）转变作风\n要真抓实干。\n（二）狠抓落实\n"
    found = [p for p in findings(lone) if "只有" in p.message]
    assert [(p.line, p.severity) for p in found] == [(2, "warning")]
    one = "下一步，我们将重点抓好以下几项工作：推动党建与业务同部署同考核。\n"
    two = "下一步，我们将重点抓好以下几项工作：一是推动党建与业务同部署；二是完善考核。\n"
    below = "为此，要做到以下三点：\n1.加强学习\n2.转变作风\n"
    assert [p.line for p in findings(one) if "以下" in p.message] == [1]
    assert [p for p in findings(two) if "以下" in p.message] == []
    found = [p for p in findings(below) if "以下" in p.message]
    assert len(found) == 1 and "只有 2 项" in found[0].message and "三项" in found[0].message


def test_new_rules_are_listed_with_their_documentation():
    rules = check.rules()
    for rule in ("idea", "quotation", "openings"):
        assert rule in rules and rules[rule].DOC.startswith(rule + " — ")


# --- the drafts pass them ----------------------------------------------------------------

@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
@pytest.mark.parametrize("length", [800, 3000, 6000])
def test_every_example_draft_passes_the_rules_a_reader_would_apply(example, length):
    b = fayan.load_brief(example)
    doc = fayan.compose(b, fayan.load_skeleton(b.template), BANK, length=length)
    text = to_text(doc)
    assert [(p.line, p.rule, p.message) for p in findings(text)] == []
    yao, _ = opening_figures(doc)
    assert yao <= 0.40


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_two_seeds_of_one_brief_share_few_sentences(example):
    b = fayan.load_brief(example)
    sk = fayan.load_skeleton(b.template)
    a, c = (generated_sentences(fayan.compose(b, sk, BANK, seed=s, length=3000)) for s in (3, 4))
    assert 2 * len(a & c) / (len(a) + len(c)) <= 0.30


def test_a_bank_sentence_restating_the_users_measure_is_not_drawn_beside_it():
    measure = "要坚持大抓基层的鲜明导向，落实各级党组织书记抓基层党建述职评议考核"
    b = brief("jiaoliu-cailiao", [{"theme": "基层党建", "measures": [measure, "每年轮训村干部一遍"]},
                                  {"theme": "干部队伍"}, {"theme": "政治建设"}])
    for seed in range(5):
        doc = draft(b, seed)
        said = [t["text"] for t in doc.trace() if t["origin"] == "phrase"]
        m = Measure(said + [measure])
        assert not [s for s in said if m.same(s, measure)]


# --- joins -----------------------------------------------------------------------------------

def test_one_measure_is_introduced_as_one():
    b = brief("yantao-cailiao", [{"theme": "基层党建", "measures": ["实行村党组织书记县级备案管理"]},
                                 {"theme": "干部队伍", "measures": ["建立年轻干部蹲苗机制", "完善考核办法"]},
                                 {"theme": "政治建设"}])
    for seed in range(4):
        text = to_text(draft(b, seed))
        line = next(x for x in text.split("\n") if "实行村党组织书记县级备案管理" in x)
        assert not re.search("以下|几点|几项|几个方面|一是", line), line
        assert re.search("以下|几", next(x for x in text.split("\n") if "建立年轻干部蹲苗机制" in x))


def test_a_part_does_not_close_after_its_measures_and_pledges_come_before_the_rally():
    for template in ("dangke-jianggao", "yantao-cailiao", "xinde-tihui", "jiaoliu-cailiao"):
        b = brief(template, [{"theme": t, "measures": ["完善工作机制", "加强督促检查"]}
                             for t in ("基层党建", "干部队伍", "作风建设")])
        for seed in range(3):
            doc = draft(b, seed)
            trace = doc.trace()
            for kind, item in doc.blocks():
                if kind != "paragraph":
                    continue
                texts = [s.text for s in item.segments]
                if "加强督促检查。" in texts:
                    after = item.segments[texts.index("加强督促检查。") + 1:]
                    assert not [s for s in after if s.ids and s.ids[0].split(".")[-2] in ("close",)], template
            closing = [t["ids"][0] for t in trace if t["slot"].startswith("closing.")]
            kinds = [BANK.phrases[i].function for i in closing]
            if "closing.pledge" in kinds and "closing.rally" in kinds:
                assert max(i for i, k in enumerate(kinds) if k == "closing.pledge") < kinds.index("closing.rally")


def test_example_lead_ins_fit_the_examples_own_first_words():
    b = brief("jiaoliu-cailiao", [
        {"theme": "干部队伍", "examples": ["去年以来，我们从乡镇和县直部门选派35名年轻干部到一线锻炼。"]},
        {"theme": "乡村振兴", "examples": ["镇里依托高山蔬菜基地，带动周边6个村发展订单农业，村集体经济收入均超过20万元。"]},
        {"theme": "基层党建"}])
    for seed in range(8):
        lines = to_text(draft(b, seed)).split("\n")
        assert re.search(r"(^|[。！？])去年以来，我们从乡镇", next(x for x in lines if "选派35名" in x))
        town = next(x for x in lines if "高山蔬菜基地" in x)
        assert not re.match(r"[^镇]*(我们|单位|本地)[^镇]*，镇里", town), town


def test_one_study_point_is_not_numbered_alone():
    b = brief("yantao-fayan", [{"theme": "基层党建"}, {"theme": "干部队伍"}],
              学习要点=[{"要点": "坚持党要管党、全面从严治党"}])
    doc = draft(b)
    study = [p for p in doc.walk_parts() if p.level == 2 and p.heading and "党要管党" in p.heading.text]
    assert study and study[0].marker == ""
    assert "（一）坚持党要管党" not in to_text(doc)


def test_the_titles_ideographic_space_never_enters_running_text():
    b = brief("dangke-jianggao", [{"theme": "理论武装"}, {"theme": "作风建设"}], title="坚定理想信念\u3000筑牢党性根基")
    for seed in range(5):
        body = to_text(draft(b, seed)).split("\n", 1)[1]
        assert "\u3000" not in body.replace("\u3000\u3000", "")


# --- headings by meaning -------------------------------------------------------------------

def test_the_ending_noun_of_a_jiaoliu_heading_goes_with_its_verb():
    zhua = BANK.sets["zhua"]
    goes = {zhua.item(i).text: set(zhua.item(i).goes_with["endnoun"]) for i in range(len(zhua.items))}
    b = fayan.load_brief(next(p for p in EXAMPLES if p.stem == "jiaoliu-cailiao"))
    for seed in range(10):
        for part in draft(b, seed).parts:
            m = re.fullmatch(r"要坚持(抓\S+?)，作为.+的(\S+)", part.heading.text)
            assert m and m.group(2) in goes[m.group(1)], part.heading.text


def test_yantao_cailiao_grasps_a_concept_not_a_theme_name():
    b = fayan.load_brief(next(p for p in EXAMPLES if p.stem == "yantao-cailiao"))
    themes = {s.theme for s in b.sections}
    for seed in range(6):
        for part in draft(b, seed).parts:
            assert not any(part.heading.text.startswith("把握" + t) for t in themes), part.heading.text


def test_heading_pieces_never_say_one_word_twice():
    for example in ("dangke-jianggao", "yantao-fayan"):
        b = fayan.load_brief(next(p for p in EXAMPLES if p.stem == example))
        for seed in range(10):
            for part in draft(b, seed).walk_parts():
                m = re.fullmatch(r"以更(\S\S)(\S+)", part.heading.text if part.heading else "")
                if m:
                    assert m.group(1) not in m.group(2), part.heading.text


# --- length by priority ------------------------------------------------------------------

@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_a_short_draft_keeps_every_measure_and_drops_ornament_first(example):
    b = fayan.load_brief(example)
    doc = fayan.compose(b, fayan.load_skeleton(b.template), BANK, length=800)
    text = to_text(doc)
    for s in b.sections:
        for m in s.measures:
            assert m.strip().rstrip("。；") in text
    assert doc.chars() <= 800 * 1.35 or not any(t["slot"].startswith("opening.background") for t in doc.trace())


def test_an_example_with_its_own_adverbial_gets_no_lead_in_however_long_the_adverbial():
    b = brief("yantao-fayan", [
        {"theme": "基层党建", "examples": ["近三年在软弱涣散村党组织整顿工作中，我们先后选派了42名机关干部驻村帮带。"]},
        {"theme": "干部队伍", "examples": ["在今年的防汛救灾中，全县有127名年轻干部主动请缨到一线。"]},
        {"theme": "作风建设", "examples": ["今年我们从重大项目一线提拔使用干部9名，其中35岁以下的4名。"]}])
    for seed in range(6):
        text = to_text(draft(b, seed))
        for opening in ("近三年在软弱涣散村", "在今年的防汛救灾中", "今年我们从重大项目"):
            assert re.search(f"(^|\\n|[。！？]){opening}", text), (seed, opening)


def test_no_paragraph_is_the_users_example_alone():
    b = brief("jiaoliu-cailiao", [{"theme": t, "examples": [f"去年以来，我们在{t}方面办成了几件实事，群众反映很好。"]}
                                  for t in ("基层党建", "干部队伍", "作风建设")])
    for seed in range(4):
        for kind, item in draft(b, seed).blocks():
            if kind == "paragraph":
                assert any(s.origin != "user" for s in item.segments), item.text


# --- quotations open their section and fit it ---------------------------------------------

@pytest.mark.parametrize("template", sorted(SKELETONS))
def test_a_bank_quotation_opens_its_section_and_fits_its_theme(template):
    themes = ["作风建设", "廉政建设", "基层党建", "乡村振兴", "干部队伍"][:SKELETONS[template].sections[1]]
    b = brief(template, [{"theme": t} for t in themes])
    seen = 0
    for seed in range(6):
        doc = draft(b, seed, length=3000)
        for part in doc.walk_parts():
            quoted = [(k, s) for k, para in enumerate(part.body) for s in para.segments
                      if s.origin == "phrase" and BANK.phrases[s.ids[0]].function == "quote"]
            for k, seg in quoted:
                seen += 1
                first = part.body[0].segments
                assert k == 0 and seg in first[:2], (template, seed, part.heading_text, seg.text)
                tags = BANK.phrases[seg.ids[0]].themes
                section_theme = next(t for i, t in enumerate(themes) if part.heading and seg.slot.startswith(f"sections.{i + 1}."))
                assert not tags or section_theme in tags, (seg.ids, section_theme)
    assert seen >= 3


def test_a_saying_the_user_quotes_is_not_drawn_again_from_the_bank():
    b = brief("jiaoliu-cailiao", [{"theme": "廉政建设", "points": ["“千里之堤，溃于蚁穴”，小节不拘必酿大祸。"]},
                                  {"theme": "作风建设"}, {"theme": "干部队伍"}], 原话="打铁必须自身硬")
    for seed in range(8):
        ids = {t["ids"][0] for t in draft(b, seed).trace() if t["origin"] == "phrase"}
        assert not ids & {"quote.01", "quote.07"}


# --- frames in balance ---------------------------------------------------------------------

@pytest.mark.parametrize("template", ["yantao-fayan", "dangke-jianggao"])
def test_the_self_examination_lists_five_or_six_shortcomings_in_a_full_length_speech(template):
    b = brief(template, [{"theme": t} for t in ("理论武装", "基层党建", "干部队伍")])
    for seed in range(3):
        for length in (3000, 6000):
            doc = draft(b, seed, length)
            n = sum(1 for t in doc.trace() if t["origin"] == "phrase"
                    and BANK.phrases[t["ids"][0]].function == "reflection.elaborate")
            assert 5 <= n <= 6, (seed, length, n)


def test_a_leader_lists_what_to_do_where_the_brief_gives_no_measures_and_a_junior_never_does():
    themes = [{"theme": "基层党建", "measures": ["实行村党组织书记县级备案管理", "每年轮训村干部一遍"]},
              {"theme": "干部队伍"}, {"theme": "作风建设"}]
    lead = brief("jiaoliu-cailiao", themes)
    junior = brief("jiaoliu-cailiao", themes, speaker={"unit": "XX镇人民政府", "post": "选调生"})
    for seed in range(3):
        text = to_text(draft(lead, seed))
        parts = re.split(r"\n[一二三四五六]、", text)
        assert "一是实行村党组织书记县级备案管理" in parts[1] and "一是要" not in parts[1]
        assert all(re.search(r"一是要[^。]+。二是要", p) for p in parts[2:4]), seed
        assert "一是要" not in to_text(draft(junior, seed))


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_no_frame_opens_two_sentences_of_a_draft(example):
    """我们要深刻把握其中蕴含的……: one frame (the first five characters of a bank sentence)
    once a draft, at the length the brief asks."""
    b = fayan.load_brief(example)
    for seed in range(3):
        said = [t["text"].lstrip("“”")[:5] for t in fayan.compose(b, fayan.load_skeleton(b.template), BANK, seed=seed).trace()
                if t["origin"] == "phrase" and len(t["text"]) > 12]
        assert len(said) == len(set(said)), sorted(f for f in said if said.count(f) > 1)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_no_two_sentences_in_a_row_open_with_the_same_two_characters(example):
    """通过学习……通过这次学习……, 借这次……借这个……: a writer varies the next sentence's first words."""
    from fayan.metrics import body_sentences
    b = fayan.load_brief(example)
    for seed in range(3):
        said = [s.lstrip("“”") for s in body_sentences(fayan.compose(b, SKELETONS[b.template], BANK, seed=seed))]
        twins = [(a[:12], c[:12]) for a, c in zip(said, said[1:], strict=False)
                 if a[:2] == c[:2] and re.fullmatch(r"[\u4e00-\u9fff]{2}", a[:2]) and not re.match("[一二三四五六七八九十][是要]", a)]
        assert twins == [], twins


def test_a_part_on_a_theme_the_bank_does_not_know_is_headed_by_that_theme():
    b = brief("yantao-fayan", [{"theme": "安全生产"}, {"theme": "基层党建"}, {"theme": "营商环境"}])
    for seed in range(4):
        headings = [p.heading_text for p in draft(b, seed).walk_parts() if p.level == 2]
        assert "安全生产" in headings[0] and "营商环境" in headings[2], headings


@pytest.mark.parametrize("template", ["yantao-fayan", "jiaoliu-cailiao", "zhongxinzu-fayan", "yantao-cailiao"])
def test_a_participant_does_not_instruct_the_meeting(template):
    """希望大家……, 大家要……: the words of one who gives a 党课 or chairs, not of a participant."""
    b = brief(template, [{"theme": t} for t in ("基层党建", "干部队伍", "作风建设")])
    for seed in range(8):
        closing = to_text(draft(b, seed)).rsplit("\n\n", 3)[-3:]
        assert not any(re.search("希望大家|希望同志们|大家要", c) for c in closing), closing


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_the_draft_names_what_was_studied_before_it_refers_back_to_it(example):
    """“这一重要思想”“这次学习教育”“《条例》” point back to something named: the opening names it
    first, and a 党课 announces its plan once (the turn), not again in the opening."""
    from fayan.compose import base_context
    b = fayan.load_brief(example)
    sk = fayan.load_skeleton(b.template)
    ctx = base_context(b, sk)
    topic, ref = ctx["topic"], ctx["topic_ref"]
    for seed in range(1, 9):
        doc = fayan.compose(b, sk, BANK, seed=seed)
        body = to_text(doc).split("\n", 1)[1]  # the title may say anything
        marked = body.replace(topic, "〔所学〕")  # the ref may be part of the name (全会精神)
        if ref in marked:
            before = marked[:marked.index(ref)]
            quoted = ref in ("这一重要指示", "这一重要批示") and "”" in before  # the 指示 itself, just quoted
            assert "〔所学〕" in before or quoted, (seed, ref, body[:300])
        opening = "".join(p.text for p in doc.opening)
        announced = re.findall(r"[^。！？]*(?:先谈|我讲三个|谈几点|以下几点|几个方面)[^。！？]*[。！？：]", opening)
        assert len(announced) <= 1, (seed, announced)
