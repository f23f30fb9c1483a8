"""The built-in phrase bank: breadth, hygiene and the promises a writer relies on."""

from __future__ import annotations

import json
import re
from difflib import SequenceMatcher

import pytest

import fayan
from fayan.compose import render_text, speaker_profile
from fayan.metrics import mean_pairwise_jaccard
from tests.conftest import EXAMPLES, fayan_cli

BANK = fayan.load_phrasebank()
SKELETONS = fayan.list_skeletons()
HALF_WIDTH = re.compile(r"[,.:;!?()\"'\[\]]")
KNOWN_SLOTS = {"place", "topic", "topic_ref", "quote_ref", "quote", "quote_source", "instruction_source", "leader", "occasion", "instruction", "post", "unit", "name",
               "title", "section.theme", "speaker.name", "speaker.post", "speaker.unit"}


def test_breadth_as_the_export_reports_it():
    counts = json.loads(fayan_cli("phrases", "export", "--format", "json").stdout)["counts"]
    assert counts["phrases"] >= 400
    assert counts["functions"] >= 20
    assert counts["themes"] >= 12
    assert counts["quotes"] >= 40
    big_sets = [s for s in BANK.sets.values() if len(s.items) >= 6]
    assert len(big_sets) >= 8


def test_every_phrase_has_provenance_and_known_tags():
    seeds = {"000_72cb230d5b72a3be.txt", "001_5b4d48522c5419d6.txt", "002_fbde924d14c6066f.txt",
             "003_b76fffb7c9f7f91d.txt", "004_11f263b6c98ae65b.txt"}
    for p in BANK.phrases.values():
        assert p.source == "original" or p.source.removeprefix("corpus:") in seeds, (p.id, p.source)
        assert p.function in BANK.functions
        assert all(t in BANK.themes for t in p.themes)


@pytest.mark.parametrize("phrase", sorted(BANK.phrases.values(), key=lambda p: p.id), ids=lambda p: p.id)
def test_phrase_uses_full_width_punctuation_and_renders_with_its_slots(phrase):
    bare = re.sub(r"\{\{.*?\}\}", "", phrase.text)
    assert not HALF_WIDTH.search(bare), f"half-width punctuation in {phrase.id}: {bare}"
    assert set(phrase.slots) <= KNOWN_SLOTS, phrase.slots
    ctx: dict = {"section": {"theme": "基层党建"}, "speaker": {"name": "张三", "post": "部长", "unit": "XX县委"}}
    for slot in phrase.slots:
        if "." not in slot:
            ctx[slot] = "某某"
    text = render_text(phrase.text, ctx, phrase.id)  # StrictUndefined: an undeclared slot fails here
    assert "{" not in text and text.strip()
    if phrase.function not in ("section.example", "section.measures", "section.measure", "section.list", "connector",
                               "opening.turn"):
        assert text[-1] in "。！？”", f"{phrase.id} does not end a sentence"


def test_set_items_use_full_width_punctuation():
    for s in BANK.sets.values():
        for i in range(len(s.items)):
            item = s.item(i)
            for text in [item.text or "", *item.parts.values()]:
                assert not HALF_WIDTH.search(re.sub(r"\{\{.*?\}\}", "", text)), (s.id, text)


def test_no_two_phrases_are_ninety_percent_the_same():
    # compared by their words: the slot names ({{ leader }}, {{ quote }}) are no part of what is said
    words = {p.id: re.sub(r"\{\{.*?\}\}", "", p.text) for p in BANK.phrases.values()}
    phrases = sorted(BANK.phrases.values(), key=lambda p: len(words[p.id]))
    close = []
    for i, a in enumerate(phrases):
        for b in phrases[i + 1:]:
            wa, wb = words[a.id], words[b.id]
            if 2 * len(wa) / (len(wa) + len(wb)) < 0.9:
                break  # sorted by length: every later one is too long to be 90 % alike
            m = SequenceMatcher(None, wa, wb)
            if m.real_quick_ratio() >= 0.9 and m.quick_ratio() >= 0.9 and m.ratio() >= 0.9:
                close.append((a.id, b.id))
    assert not close


def test_quotations_are_attributed_or_plainly_unattributed():
    quotes = [p for p in BANK.phrases.values() if p.function == "quote"]
    assert sum(1 for q in quotes if q.cite) >= 40
    for q in quotes:
        assert "“" in q.text and "”" in q.text, q.id  # the words quoted are marked as such


def test_every_skeleton_move_is_a_declared_function():
    for sk in SKELETONS:
        for move in sk.moves:
            assert move.startswith("user.") or move in BANK.functions, (sk.id, move)
            assert BANK.by_function(move) or move.startswith("user."), (sk.id, move)


def test_parallel_sets_name_which_items_read_well_together():
    with_series = [s for s in BANK.sets.values() if s.series]
    assert len(with_series) >= 4
    for s in with_series:
        for group in s.series:
            assert s.series_indices(group)


def test_headings_of_a_draft_take_each_ending_once_and_from_one_series_where_the_verbs_allow():
    """The verb of 抓X chooses its ending noun (goes_with); among the endings it allows, the
    draft's series is preferred, so that the headings read as one set."""
    endnoun, zhua = BANK.sets["endnoun"], BANK.sets["zhua"]
    series = [set(g) for g in endnoun.series]
    allows = {zhua.item(i).text: set(zhua.item(i).goes_with["endnoun"]) for i in range(len(zhua.items))}
    brief = fayan.load_brief(next(e for e in EXAMPLES if e.stem == "jiaoliu-cailiao"))
    in_series = 0
    for seed in range(6):
        doc = fayan.draft(brief, seed=seed)
        pairs = [re.fullmatch(r"要坚持(抓\S+?)，作为.+的(\S+)", p.heading_text).groups() for p in doc.parts]
        ends = [end for _, end in pairs]
        assert len(set(ends)) == len(ends), ends
        assert all(end in allows[verb] for verb, end in pairs), pairs
        chosen = next(g for g in series if ends[0] in g)
        in_series += sum(1 for verb, end in pairs if end in chosen or not allows[verb] & chosen)
    assert in_series >= 0.8 * 6 * len(doc.parts)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
@pytest.mark.parametrize("target", [1500, 3000, 5000, 8000])
def test_length_is_within_ten_percent_of_the_target(example, target):
    brief = fayan.load_brief(example)
    who = speaker_profile(brief)
    doc = fayan.draft(brief, length=target)
    close = abs(doc.stats()["chars"] - target) <= 0.1 * target
    if not close and target > 5000 and (who.rank == "一般干部" or who.units <= {"社区", "村"}):
        # a 选调生 or a 社区书记 does not speak for 8000 字: the bank holds what they may say for a
        # speech of their length, and fayan says so rather than pad with what they may not say
        assert doc.stats()["chars"] >= 0.55 * target
        assert any("句子不够" in w for w in doc.meta["warnings"])
        return
    assert close, doc.stats()["chars"]


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_ten_seeds_give_varied_drafts(example):
    brief = fayan.load_brief(example)
    docs = [fayan.draft(brief, seed=s) for s in range(10)]
    assert mean_pairwise_jaccard(docs) <= 0.35


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_a_section_draws_only_its_theme_or_general_phrases(example):
    brief = fayan.load_brief(example)
    themes = {f"sections.{i + 1}.": BANK.theme_name(s.theme) for i, s in enumerate(brief.sections)}
    checked = 0
    for seed in range(10):
        for entry in fayan.draft(brief, seed=seed).trace():
            prefix = next((k for k in themes if entry["slot"].startswith(k)), None)
            if prefix is None or entry["origin"] != "phrase":
                continue
            tags = BANK.phrases[entry["ids"][0]].themes
            assert not tags or themes[prefix] in tags, (entry["slot"], entry["ids"], themes[prefix])
            checked += 1
    assert checked > 30


def test_lianzheng_sections_stay_on_theme_in_every_template():
    for sk in SKELETONS:
        for seed in range(10):
            brief = fayan.parse_brief(
                f"template: {sk.id}\ntitle: 标题\ntopic: 全面从严治党\nseed: {seed}\n"
                "sections:\n  - theme: 理论武装\n  - theme: 廉政建设\n  - theme: 乡村振兴\n")
            for entry in fayan.compose(brief, sk, BANK).trace():
                if entry["slot"].startswith("sections.2.") and entry["origin"] == "phrase":
                    tags = BANK.phrases[entry["ids"][0]].themes
                    assert not tags or "廉政建设" in tags, entry


def test_phrases_lists_and_filters():
    out = fayan_cli("phrases", "--theme", "党风廉政", "--function", "section.lead")
    assert out.exit_code == 0
    rows = [r.split("\t") for r in out.stdout.strip().splitlines()]
    assert rows and all(r[1] == "section.lead" and r[2] in ("廉政建设", "通用") for r in rows)
    assert any(r[2] == "廉政建设" for r in rows)
    texts = fayan_cli("phrases", "--text", "枫桥经验").stdout
    assert texts and all("枫桥经验" in line for line in texts.strip().splitlines())


def test_phrases_show_and_unknown_id():
    out = fayan_cli("phrases", "show", "quote.03")
    assert out.exit_code == 0 and "陆游《冬夜读书示子聿》" in out.stdout and "quotes.yaml:" in out.stdout
    bad = fayan_cli("phrases", "show", "quote.3")
    assert bad.exit_code == 2 and "quote.03" in bad.stderr


def test_phrases_unknown_theme_suggests():
    bad = fayan_cli("phrases", "--theme", "廉正")
    assert bad.exit_code == 2 and "廉政建设" in bad.stderr


def test_export_carries_everything_another_tool_needs():
    data = json.loads(fayan_cli("phrases", "export").stdout)
    one = next(p for p in data["phrases"] if p["id"] == "quote.03")
    assert {"id", "function", "themes", "genres", "text", "source", "cite"} <= set(one)
    assert len(data["phrases"]) == len(BANK.phrases)
    assert {s["id"] for s in data["sets"]} == set(BANK.sets)


def test_sentences_that_say_the_same_thing_share_an_idea():
    """Two phrases of one function that say the same thing (scripts/same_ideas.py lists them)
    declare it with one ``idea``: a draft then uses only one of them."""
    pairs = [(a.id, b.id) for a, b in BANK.restatements()]
    assert pairs == []


def test_no_bank_sentence_is_a_mistake_the_proofreader_marks():
    """Every sentence of the bank, its slots filled, passes fayan check's proofreading rules: a
    draft drawn from it never carries a typo, a near miss of a formulation, a wrong number or
    mark (the lead-ins to a list, alone, are numbering's business)."""
    from fayan import check
    from fayan.reader import Source
    ctx = {"section": {"theme": "基层党建"}, "speaker": {"name": "张三", "post": "部长", "unit": "XX县委"},
           "topic": "习近平总书记关于党的建设的重要思想", "topic_ref": "这一重要思想", "place": "XX县",
           "leader": "习近平总书记", "occasion": "县委理论学习中心组专题学习会", "instruction": "加强党的组织建设",
           "quote": "加强党的组织建设", "quote_ref": "这一重要论述", "quote_source": "全国组织工作会议",
           "instruction_source": "全国组织工作会议", "post": "XX县委常委", "unit": "XX县委", "name": "张三",
           "title": "筑牢根基担使命"}
    rules = [r for r in check.rules() if r not in ("idea", "openings", "quotation", "repetition", "length",
                                                    "placeholder", "numbering")]
    found = [(p.id, f.rule, f.message) for p in BANK.phrases.values()
             for f in check.run(Source(render_text(p.text, ctx, p.id) + "\n", "bank.txt", "txt"), rules)
             if f.severity != "info"]
    assert found == []


def test_a_party_lecture_opens_by_naming_what_it_is_about():
    """opening.topic points the 党课 at what was studied: every such sentence names it, so that
    the opening's “这一重要思想” has something to point back to (test_seams checks the drafts)."""
    unnamed = [p.id for p in BANK.phrases.values() if p.function == "opening.topic" and "topic" not in (p.slots or ())]
    assert unnamed == []
