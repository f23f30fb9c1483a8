"""Drafts fit who speaks and what was studied (issue 10): a speaker model read from 职务 and
单位, a topic model read from 专题, phrases that declare what they require, and a draft that
never puts a sentence in a mouth that cannot say it."""

from __future__ import annotations

import re

import pytest
import yaml

import fayan
from fayan import parse_brief
from fayan.compose import speaker_may_say, speaker_profile
from fayan.speaker import profile
from fayan.topic import topic_info

BANK = fayan.load_phrasebank()
SKELETONS = {s.id: s for s in fayan.list_skeletons()}

SPEAKERS = {
    "县委书记": {"unit": "XX县委", "post": "书记"},
    "组织部部长": {"unit": "XX县委", "post": "常委、组织部部长"},
    "局长": {"unit": "XX市发展和改革委员会", "post": "党组书记、主任"},
    "镇党委副书记": {"unit": "XX镇", "post": "党委副书记、镇长"},
    "社区书记": {"unit": "XX街道XX社区", "post": "党委书记、居委会主任"},
    "选调生": {"unit": "XX镇人民政府", "post": "选调生"},
    "国企党委书记": {"unit": "XX集团有限公司", "post": "党委书记、董事长"},
}
HEADS = {"县委书记", "局长", "社区书记", "国企党委书记"}

TOPICS = {
    "思想": "习近平新时代中国特色社会主义思想",
    "重要讲话": "习近平总书记关于安全生产的重要论述",
    "会议精神": "党的二十届三中全会精神",
    "党内法规": "中国共产党纪律处分条例",
    "学习教育": "党纪学习教育",
}


def brief(template: str, speaker: dict, topic: str, seed: int = 1, themes: list[str] | None = None,
          **extra: object) -> fayan.Brief:
    sk = SKELETONS[template]
    data = {"template": template, "title": "学习研讨发言", "topic": topic, "occasion": "理论学习中心组专题学习会",
            "place": "XX县", "seed": seed, "speaker": speaker,
            "sections": [{"theme": t} for t in (themes or sk.sample.themes)], **extra}
    return parse_brief(yaml.safe_dump(data, allow_unicode=True))


def phrases_of(doc: fayan.Document) -> list:
    return [BANK.phrases[i] for t in doc.trace() if t["origin"] == "phrase" for i in t["ids"]]


# --- the speaker model --------------------------------------------------------------------

@pytest.mark.parametrize("post, unit, rank, units, powers, lacks", [
    ("书记", "XX县委", "主要负责人", {"党委"}, {"干部任免", "执纪审查", "指导基层"}, set()),
    ("县委常委、组织部部长", "XX县委", "分管负责人", {"组织部门"}, {"干部任免", "指导基层"}, {"执纪审查"}),
    ("党组书记、主任", "XX市发展和改革委员会", "主要负责人", {"政府部门"}, {"指导基层"}, {"干部任免", "执纪审查"}),
    ("XX镇党委副书记、镇长", None, "分管负责人", {"乡镇"}, {"指导基层"}, {"干部任免", "驻村"}),
    ("社区党委书记、居委会主任", "XX街道XX社区", "主要负责人", {"社区"}, set(), {"指导基层", "干部任免"}),
    ("选调生", "XX镇", "一般干部", {"乡镇"}, set(), {"指导基层", "干部任免", "执纪审查"}),
    ("党委书记、董事长", "XX集团", "主要负责人", {"国有企业"}, {"指导基层"}, {"干部任免", "属地"}),
    ("县纪委书记、县监委主任", "XX县纪委监委", "主要负责人", {"纪检监察"}, {"执纪审查"}, {"干部任免"}),
    ("驻村第一书记", "XX村", None, {"村"}, {"驻村"}, {"干部任免"}),
    ("一级科员", "XX县委办公室", "一般干部", set(), set(), {"指导基层"}),
])
def test_the_speaker_is_read_from_post_and_unit_as_people_write_them(post, unit, rank, units, powers, lacks):
    p = profile(post, unit, place="XX县")
    if rank:
        assert p.rank == rank
    assert units <= p.units, p.describe()
    assert powers <= p.powers, p.describe()
    assert not lacks & p.powers, p.describe()


def test_a_young_cadre_is_recognised_and_may_be_stated():
    assert profile("选调生", "XX镇").young
    assert not profile("党组书记、局长", "XX局").young
    b = brief("xinde-tihui", {"post": "科员", "unit": "XX局", "年轻干部": True, "职级": "一般干部"}, TOPICS["思想"])
    assert speaker_profile(b).young and speaker_profile(b).rank == "一般干部"


def test_the_brief_may_state_rank_and_kind_of_unit_outright():
    b = brief("yantao-fayan", {"post": "四级调研员", "unit": "XX市委组织部", "职级": "一般干部", "单位类型": "组织部门"},
              TOPICS["思想"])
    who = speaker_profile(b)
    assert who.rank == "一般干部" and who.units == {"组织部门"}
    assert "干部任免" not in who.powers  # a junior of the 组织部 decides no promotions


def test_a_wrong_rank_in_the_brief_is_an_error_with_its_place():
    with pytest.raises(fayan.BriefError) as err:
        parse_brief("标题: x\n专题: y\n发言人: {职务: 局长, 职级: 一把手}\n部分: [{主题: 理论武装}]\n")
    assert "3:" in str(err.value) and "职级" in str(err.value)


# --- the topic model ----------------------------------------------------------------------

@pytest.mark.parametrize("topic, kind, noun_has, ref", [
    ("习近平新时代中国特色社会主义思想", "思想", "思想", "这一思想"),
    ("习近平总书记关于党的建设的重要思想", "思想", "重要思想", "这一重要思想"),
    ("习近平总书记关于安全生产的重要论述", "重要讲话", "论述", "这些重要论述"),
    ("习近平总书记在中央政治局第二十一次集体学习时的重要讲话", "重要讲话", "讲话", "这篇重要讲话"),
    ("习近平总书记在全国组织工作会议上的重要讲话精神", "重要讲话", "讲话精神", "这篇重要讲话"),
    ("习近平总书记重要指示精神", "重要讲话", "指示精神", "这一重要指示"),
    ("党的二十届三中全会精神", "会议精神", "全会", "全会精神"),
    ("全国组织工作会议精神", "会议精神", "会议", "会议精神"),
    ("中国共产党纪律处分条例", "党内法规", "《中国共产党纪律处分条例》", "《条例》"),
    ("党纪学习教育", "学习教育", "党纪学习教育", "这次学习教育"),
])
def test_the_kind_of_text_studied_is_read_from_the_topic(topic, kind, noun_has, ref):
    info = topic_info(topic)
    assert info.kind == kind and noun_has in info.noun and info.ref == ref
    assert info.guiding == (topic == "习近平新时代中国特色社会主义思想")


# --- the matrix: every template × speaker × topic kind × 3 seeds ----------------------------

def _framing_findings(text: str) -> list:
    from fayan import check
    from fayan.reader import Source
    rules = check.rules()
    if "framing" not in rules:
        return []
    return check.run(Source(text, "draft.txt", "txt"), ["framing"])


@pytest.mark.parametrize("template", sorted(SKELETONS))
@pytest.mark.parametrize("who", sorted(SPEAKERS))
def test_every_draft_fits_its_speaker_and_topic(template, who):
    for kind, topic in TOPICS.items():
        for seed in (1, 2, 3):
            extra = {"原话": "全面从严治党永远在路上，党的自我革命永远在路上"} if seed == 3 else {}
            b = brief(template, SPEAKERS[who], topic, seed, **extra)
            doc = fayan.draft(b)
            profile_ = speaker_profile(b)
            text = doc.body_text()
            for phrase in phrases_of(doc):
                assert speaker_may_say(phrase, profile_), (who, phrase.id, phrase.text)
                assert not phrase.topic_kinds or kind in phrase.topic_kinds, (kind, phrase.id)
                if profile_.rank == "一般干部":
                    assert phrase.the_voice != "directive", (who, phrase.id, phrase.text)
            if who in HEADS:  # no 分管 of one's own (主要领导亲自抓、分管领导具体抓 is about others)
                assert not re.search(r"(?:我|结合|对)分管|分管的|分管领域和身边", text), (who, template, seed)
            assert not _framing_findings(fayan.render(doc, "txt")), (who, template, kind, seed)
            # who says what: powers the speaker lacks are never claimed
            if who == "局长":
                assert "受贿行贿一起查" not in text and "一票否决" not in text
            if who == "国企党委书记":
                assert "模范机关" not in text and not re.search(r"现代化[^，。]{0,10}篇章", text)
            if who != "组织部部长" and who != "县委书记":
                assert "大家深受教育" not in text  # only who presides speaks as the chair
            assert "驻村以来" not in text
            if kind == "学习教育":
                assert "学习党纪学习教育" not in text and "学习了党纪学习教育" not in text
            if kind != "思想":
                assert "认识达到了新高度" not in text and "指导思想" not in text


def test_only_who_presides_speaks_as_the_chair():
    said = set()
    for seed in range(1, 30):
        b = brief("yantao-fayan", dict(SPEAKERS["县委书记"], 主持=True), TOPICS["思想"], seed)
        said |= {p.id for p in phrases_of(fayan.draft(b))}
    chair = {p.id for p in BANK.phrases.values() if p.requires and "主持" in p.requires.power}
    assert chair and chair & said, "the chair's lines are never drawn even for the chair"


# --- any theme drafts -----------------------------------------------------------------------

UNKNOWN = ["安全生产", "营商环境", "生态环境保护", "党纪学习教育", "意识形态", "信访工作"]


@pytest.mark.parametrize("template", sorted(SKELETONS))
def test_every_template_drafts_themes_the_bank_does_not_know(template):
    sk = SKELETONS[template]
    low, high = sk.sections
    for n in range(1, high + 1):
        for mixed in (False, True):
            themes = UNKNOWN[:n]
            if mixed:
                themes = [t if i % 2 else sk.sample.themes[i % len(sk.sample.themes)] for i, t in enumerate(themes)]
            b = brief(template, SPEAKERS["县委书记"], TOPICS["重要讲话"], n, themes=themes)
            doc = fayan.draft(b)
            for t in doc.trace():
                if not t["slot"].startswith("sections."):
                    continue
                i = int(t["slot"].split(".")[1]) - 1
                if themes[i] in BANK.themes:
                    continue
                for pid in t["ids"]:
                    if t["origin"] == "phrase":
                        assert not BANK.phrases[pid].themes, (themes[i], pid)
                    else:  # a parallel-set item
                        set_id, _, k = pid.rpartition(".")
                        item = BANK.sets[set_id].item(int(k) - 1) if k.isdigit() else None
                        assert item is None or not item.themes, (themes[i], pid)
            assert "None" not in fayan.render(doc, "txt")


def test_an_unknown_theme_is_warned_at_its_line_with_the_nearest_theme_by_meaning(tmp_path):
    path = tmp_path / "提纲.yaml"
    path.write_text("标题: x\n专题: 党的二十届三中全会精神\n部分:\n  - 主题: 理论武装\n  - 主题: 纪律建设\n",
                    encoding="utf-8")
    doc = fayan.draft(fayan.load_brief(path))
    warning = next(w for w in doc.meta["warnings"] if "纪律建设" in w)
    assert warning.startswith(f"{path}:5:")
    assert "廉政建设" in warning


def test_a_set_that_runs_out_names_the_brief_line_and_no_none(tmp_path):
    (tmp_path / "bank.yaml").write_text(
        "sets:\n  - {id: zhua, name: 抓什么, bound: true, items: [{text: 抓学习, themes: [理论武装]}, "
        "{text: 抓思想, themes: [理论武装]}]}\n", encoding="utf-8")
    b = brief("jiaoliu-cailiao", SPEAKERS["县委书记"], TOPICS["思想"], themes=["理论武装", "理论武装", "安全生产"])
    with pytest.raises(fayan.ComposeError) as err:
        fayan.draft(b, phrasebank=[tmp_path])
    message = str(err.value)
    assert "None" not in message and "安全生产" in message and ":" in message.split("平行组")[0]


# --- the studied text in the draft ----------------------------------------------------------

QUOTES = ["加强党的组织建设，根本目的是坚持和加强党的全面领导",
          "党的力量来自组织，组织能使力量倍增",
          "全面从严治党永远在路上，党的自我革命永远在路上"]
POINTS = ["党的坚强领导是事业发展的根本政治保证", "严密的组织体系是党的优势所在",
          "全面从严治党是党永葆生机的关键", {"要点": "高素质干部队伍是事业成败的关键", "理解": "事业成败，关键在人。"}]


@pytest.mark.parametrize("template", ["yantao-fayan", "dangke-jianggao"])
def test_part_one_quotes_each_quotation_once_in_order_and_explains_it(template):
    b = brief(template, SPEAKERS["组织部部长"], "习近平总书记关于党的建设的重要思想", 3,
              原话=QUOTES, 学习要点=POINTS)
    doc = fayan.draft(b)
    text = fayan.render(doc, "txt")
    part_one = doc.parts[0]
    assert [c.heading_text.rstrip("。") for c in part_one.children] == [
        p if isinstance(p, str) else p["要点"] for p in POINTS]
    for q in QUOTES:
        assert text.count(q) == 1, q
    child_text = ["".join(p.text for p in c.body) for c in part_one.children]
    assert [any(q in t for t in child_text[i:i + 1]) for i, q in enumerate(QUOTES)] == [True] * 3
    for t in child_text:  # each point is explained, not only quoted
        rest = t
        for q in QUOTES:
            rest = rest.replace(q, "")
        assert len(rest) > 40
    assert "事业成败，关键在人。" in child_text[3]
    assert not doc.meta["warnings"] or all("原话" not in w for w in doc.meta["warnings"])


def test_the_dangke_quotes_the_leader_and_closes_as_a_dangke():
    for seed in range(1, 11):
        b = brief("dangke-jianggao", SPEAKERS["局长"], TOPICS["思想"], seed, 原话=QUOTES[0])
        doc = fayan.draft(b)
        text = fayan.render(doc, "txt")
        assert QUOTES[0] in text
        last = doc.closing[-1].text
        assert "党课" in last and "学习体会" not in last, last


def test_a_quotation_that_fits_no_section_is_reported_not_forced():
    b = brief("jiaoliu-cailiao", SPEAKERS["县委书记"], TOPICS["思想"], 1,
              原话=[QUOTES[0], "绿水青山就是金山银山"], themes=["干部队伍", "基层党建", "作风建设"])
    doc = fayan.draft(b)
    text = fayan.render(doc, "txt")
    assert QUOTES[0] in text and "绿水青山就是金山银山" not in text
    assert any("绿水青山" in w for w in doc.meta["warnings"])


def test_a_section_opens_from_the_quotation_that_fits_it():
    b = brief("zhongxinzu-fayan", SPEAKERS["县委书记"], TOPICS["思想"], 2,
              原话=["要把党的政治建设摆在首位", "全面从严治党永远在路上，党的自我革命永远在路上",
                  "基层是一切工作的落脚点"], themes=["政治建设", "基层党建", "廉政建设"])
    doc = fayan.draft(b)
    by_section = {i: "".join(p.text for p in part.body) for i, part in enumerate(doc.parts)}
    assert "全面从严治党永远在路上" in by_section[2]
    assert "基层是一切工作的落脚点" in by_section[1]


def test_a_title_with_an_ideographic_space_reads_as_a_phrase_in_running_text():
    b = brief("dangke-jianggao", SPEAKERS["局长"], TOPICS["思想"], 1, title="坚定理想信念　筑牢党性根基")
    text = fayan.render(fayan.draft(b, seed=1), "txt")
    assert "“坚定理想信念　筑牢党性根基”" not in text


# --- the bank declares what fits ------------------------------------------------------------

@pytest.mark.parametrize("text, voice", [
    ("要坚持问题导向，一件一件抓落实。", "directive"),
    ("学习贯彻必须坚持原原本本学、逐条逐句悟。", "directive"),
    ("这里特别强调一点，就是要把责任压实到每一个岗位。", "directive"),
    ("下一步，我们将重点抓好以下几项工作：", "directive"),
    ("新思想引领新时代。我们要坚决做到“两个维护”。", "directive"),
    ("今后，遇到拿不准的事情，我会主动请示报告。", "commitment"),
    ("八小时以外，我也会慎独慎微、谨慎交友。", "commitment"),
    ("通过学习，我深刻体会到，道理想明白了，行动才能更坚定。", "reflection"),
    ("重要的是，基层是党的执政之基、力量之源。", "statement"),
    ("只要我们坚持不懈、久久为功，这项工作就一定能够取得新的更大成效。", "statement"),
])
def test_a_phrase_voice_is_read_off_its_words(text, voice):
    from fayan.phrasebank import infer_voice
    assert infer_voice(text) == voice


def test_a_phrase_that_studies_the_topic_does_not_fit_a_campaign():
    """学习{{ topic }} reads 学习党纪学习教育 when the topic is a 学习教育: such phrases say so."""
    studies = re.compile(r"(?:学习|研读|学深悟透|领会|学习贯彻)(?:了)?\{\{ topic \}\}")
    for p in BANK.phrases.values():
        if studies.search(p.text):
            assert p.topic_kinds and "学习教育" not in p.topic_kinds, p.id


def test_guiding_thought_and_new_heights_are_said_of_a_thought_only():
    for p in BANK.phrases.values():
        if "达到了新高度" in p.text or "指导思想" in p.text:
            assert p.topic_kinds == ["思想"], p.id


def test_a_bank_sentence_that_restates_the_users_own_words_is_not_drawn():
    """“廉政风险点” from the bank beside the user's own measure on it says it twice."""
    for seed in range(1, 9):
        b = brief("jiaoliu-cailiao", SPEAKERS["县委书记"], TOPICS["思想"], seed,
                  themes=["廉政建设", "作风建设", "基层党建"])
        b.sections[0].measures = ["聚焦工程建设、资金管理等重点领域深入排查廉政风险点"]
        text = fayan.render(fayan.draft(b, length=6000), "txt")
        assert text.count("排查廉政风险点") == 1, seed


def test_the_review_notes_offer_only_alternatives_the_speaker_may_say():
    from fayan.annotate import notes
    b = brief("yantao-fayan", SPEAKERS["选调生"], TOPICS["学习教育"], 2, themes=["廉政建设", "安全生产", "作风建设"])
    skeleton = fayan.load_skeleton(b.template)
    offered = [line.split("：", 1)[0].removeprefix("　可换 ") for note in notes(fayan.draft(b), b, skeleton, BANK)
               if note for line in note.splitlines() if line.startswith("　可换 ")]
    who = speaker_profile(b)
    assert len(offered) > 20
    for pid in offered:
        phrase = BANK.phrases[pid]
        assert speaker_may_say(phrase, who), (pid, phrase.text)
        assert not phrase.topic_kinds or "学习教育" in phrase.topic_kinds, pid
        assert not phrase.themes or set(phrase.themes) & {"廉政建设", "作风建设"}, pid


@pytest.mark.parametrize("who", [{"unit": "XX市人民医院", "post": "党委书记"},
                                 {"unit": "XX大学", "post": "党委书记"},
                                 {"unit": "XX集团有限公司", "post": "党委书记、董事长"}])
@pytest.mark.parametrize("template", sorted(SKELETONS))
def test_a_hospital_school_or_company_does_not_direct_the_work_of_towns_and_villages(template, who):
    # their 基层 is their own branches: 乡镇履职清单、陪会陪检、村（社区）书记轮训 are a county's business,
    # and so are a place's economy (营商环境、招商引资、更好发挥政府作用) and 抓机关
    a_places_business = re.compile(r"乡镇|村（社区）|村级|陪会陪检|基层减负|为基层减负|属地管理|村党组织|"
                                   r"营商环境|招商引资|更好发挥政府作用|重点领域改革|本地(?!本单位)")
    governing = re.compile(r"政商关系|营商环境|招商|惠企政策|县域经济|一个地方|先进地区")
    for seed, themes in [(s, t) for s in (1, 2, 3) for t in (["作风建设", "基层治理", "乡村振兴"],
                                                              ["党建与业务融合", "高质量发展", "作风建设"],
                                                              ["廉政建设", "理论武装", "人才工作"])]:
        doc = fayan.draft(brief(template, who, "党纪学习教育", seed, themes=themes))
        assert "抓机关" not in doc.body_text(), (who["unit"], seed)
        for phrase in phrases_of(doc):
            if phrase.the_voice == "directive":
                assert not a_places_business.search(phrase.text), (who["unit"], seed, phrase.id, phrase.text)
            # nor speaks, in any voice, as the one that governs a place's economy
            assert not governing.search(phrase.text), (who["unit"], seed, phrase.id, phrase.text)


@pytest.mark.parametrize("template", sorted(SKELETONS))
def test_a_sentence_about_the_people_stays_out_of_a_part_on_talent_or_theory(template):
    # a general sentence on 接待群众 or 首问负责 is no part of 人才工作 or 理论武装, nor one that
    # gives resources (人力、财力、物力) or opens affairs to the public (公开透明)
    people = re.compile(r"接待群众|首问负责|群众来打分|群众代表|群众评议|回访|要素保障|资金、资源|公开透明|评比竞赛")
    for seed in range(1, 7):
        doc = fayan.draft(brief(template, {"unit": "XX县委", "post": "书记"}, "党纪学习教育", seed,
                                themes=["人才工作", "理论武装"]))
        for phrase in phrases_of(doc):
            if not phrase.themes:
                assert not people.search(phrase.text), (seed, phrase.id, phrase.text)
