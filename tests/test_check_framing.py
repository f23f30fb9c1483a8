"""fayan check, rule framing: a right word in the wrong place — what embarrasses a speaker in
front of a 中心组 — is found where it stands, with what to write instead; the right use of the
same words is left alone, and so are the real speeches of the corpus."""

from __future__ import annotations

import json

import pytest

from fayan import check
from fayan.check import framing
from fayan.errors import DataError
from fayan.reader import Source, read_source
from tests.conftest import ROOT, fayan_cli

CORPUS = ROOT.parent / "shared" / "corpus"
needs_corpus = pytest.mark.skipif(not (CORPUS / "public").exists(),
                                  reason="../shared/corpus is not beside the repository")


def framings(text: str, options: dict | None = None) -> list:
    return check.run(Source(text, "a.txt", "txt"), ["framing"], {"framing": options or {}})


WRONG = [
    # (text, the phrase reported, a word of the message, the suggestion)
    ("这些重要论述，把握了大势、指明了方向，是我们必须长期坚持的指导思想。", "指导思想", "专指党的指导思想", "根本遵循"),
    ("《条例》是我们必须长期坚持的指导思想。", "指导思想", "专指党的指导思想", "根本遵循"),
    ("习近平总书记关于安全生产的重要论述，是做好安全生产工作必须长期坚持的指导思想和行动指南。", "指导思想", "行动指南", "根本遵循"),
    ("要坚持抓政治，作为践行新担当新任务的关键一招。", "关键一招", "专指改革开放", "重要抓手"),
    ("要坚持抓政治，作为践行新担当新任务的重要抓手。", "抓政治", "讲政治", "讲政治"),
    ("奋力谱写中国式现代化XX集团篇章。", "中国式现代化", "省、市、县、区", "在中国式现代化建设中展现XX集团新担当"),
    ("奋力谱写中国式现代化XX市人民法院的崭新篇章。", "中国式现代化", "单位、部门", "在中国式现代化建设中展现XX市人民法院新担当"),
    ("奋力谱写中国式现代化XX医院新篇章！", "中国式现代化", "单位、部门", "在中国式现代化建设中展现XX医院新担当"),
    ("第一，在坚定拥护“两个确立”中充分发挥职能作用。", "在坚定拥护", "不是发挥作用的领域", "在坚持和加强党的全面领导中"),
    ("在深刻领悟“两个确立”中彰显担当。", "在深刻领悟", "深刻领悟其决定性意义", "在坚持和加强党的全面领导中"),
    ("在坚决做到“两个维护”中走在前列。", "在坚决做到", "坚决做到", "在坚持和加强党的全面领导中"),
    ("今年以来，我们组织党员认真学习党纪学习教育。", "学习党纪", "只能开展、参加", "参加党纪学习教育"),
    ("通过认真学习了主题教育，我收获很大。", "学习了主题教育", "“主题教育”是一项活动", "参加主题教育"),
    ("习近平总书记指出：“党的作风就是党的形象。”这些重要论述，为我们改进作风指明了方向。",
     "这些重要论述", "只引了一段原话", "这一重要论述"),
    ("习近平总书记的重要讲话中有这样一句话：“加强党的组织建设，根本目的是坚持和加强党的全面领导。”每次读来都深受触动。"
     "这些论述是做好工作的根本遵循。", "这些论述", "只引了一段原话", "这一重要论述"),
    ("习近平总书记在考察时强调，“要坚持不懈推进作风建设。”这些重要论述，为我们指明了方向。",
     "这些重要论述", "只引了一段原话", "这一重要论述"),
    ("实践是检验学习成效的唯一标准，领会得深不深，最终要看实际成效。", "实践是检验", "哲学论断", "实践是检验学习成效的重要标尺"),
    ("党纪学习教育的开展，标志着我们党对自身建设规律的认识达到了新高度。", "标志着", "拔高失当", "具有很强的政治性、思想性、指导性"),
    ("《条例》的修订出台，标志着我们对纪律建设规律的认识达到了新高度。", "标志着", "拔高失当", "具有很强的政治性、思想性、指导性"),
    ("习近平总书记对党的建设和组织工作的重要指示系统回答了新时代一系列重大理论和实践问题，"
     "标志着我们党对执政规律的认识达到了新高度。", "标志着", "拔高失当", "具有很强的政治性、思想性、指导性"),
]


@pytest.mark.parametrize("text, phrase, says, suggestion", WRONG, ids=[w[1] + str(i) for i, w in enumerate(WRONG)])
def test_a_misplaced_framing_is_found_where_it_stands_with_what_to_write(text, phrase, says, suggestion):
    line = "同志们：\n" + text + "\n"
    found = [p for p in framings(line) if p.column == text.index(phrase) + 1]
    assert len(found) == 1, framings(line)
    (p,) = found
    assert (p.line, p.rule, p.severity, p.suggestion) == (2, "framing", "error", suggestion)
    assert says in p.message and p.message.endswith("。")
    assert not any(ch in p.message for ch in ",:;?!()"), p.message  # full-width punctuation only


RIGHT = [
    "坚持以习近平新时代中国特色社会主义思想为指导思想，深入推进全面从严治党。",
    "党的指导思想是党的旗帜和灵魂。",
    "习近平新时代中国特色社会主义思想是我们党必须长期坚持的指导思想。",
    "马克思列宁主义、毛泽东思想、邓小平理论、“三个代表”重要思想、科学发展观是党的指导思想。",
    "《意见》明确了工作的指导思想、基本原则和主要目标。",
    "改革开放是决定当代中国命运的关键一招。",
    "全面深化改革是推动高质量发展的关键一招，要蹄疾步稳推进。",
    "要坚持讲政治，把抓政治建设、抓政治监督作为首要任务。",
    "奋力谱写中国式现代化XX省篇章。",
    "奋力谱写中国式现代化湖北篇章，在西部大开发中谱写中国式现代化西部篇章。",
    "我们要在中国式现代化建设中展现XX集团新担当，书写XX集团高质量发展新篇章。",
    "自觉做坚定拥护“两个确立”、坚决做到“两个维护”的排头兵。",
    "在加强党的领导、推进党的事业、全面从严治党中充分发挥职能作用。",
    "深刻领悟“两个确立”的决定性意义，坚决做到“两个维护”。",
    "深入开展党纪学习教育，认真学习贯彻党史学习教育动员大会精神。",
    "在党纪学习教育中，我认真学习了《条例》，认真学习了主题教育的有关要求。",
    "认真学习了习近平总书记关于党的建设的重要思想。这些重要论述思想深邃、内涵丰富。",
    "习近平总书记指出：“党的作风就是党的形象。”习近平总书记强调：“作风建设永远在路上。”这些重要论述，指明了方向。",
    "习近平总书记指出：“党的作风就是党的形象。”这一重要论述，指明了方向。",
    "习近平总书记指出：“党的作风就是党的形象。”我们要牢记。作风建设没有休止符。要持之以恒。这些重要论述要常学常新。",
    "我们要深刻领悟“两个确立”的决定性意义。这些重要论述，为我们指明了方向。",
    "实践是检验真理的唯一标准。",
    "习近平总书记关于党的建设的重要思想系统回答了新时代一系列重大理论和实践问题，标志着我们党对执政规律的认识达到了新高度。",
    "习近平新时代中国特色社会主义思想标志着我们党对共产党执政规律的认识达到了新高度。",
    "这次会议标志着我市的发展进入了新阶段，达到了新高度。",
    "下面，我结合分管工作，谈几点体会，与同志们交流。",  # right for a deputy: fayan cannot tell who speaks
]


@pytest.mark.parametrize("text", RIGHT)
def test_the_right_use_of_the_same_words_is_not_flagged(text):
    assert framings("同志们：\n" + text + "\n") == []


def test_these_remarks_after_a_quotation_in_the_paragraph_before():
    one = "习近平总书记强调：“作风建设永远在路上，永远没有休止符。”\n这些重要论述，为我们指明了方向。\n"
    assert [(p.line, p.column) for p in framings(one)] == [(2, 1)]
    two = "习近平总书记指出：“党的作风就是党的形象。”\n习近平总书记强调：“作风建设永远在路上。”这些重要论述，为我们指明了方向。\n"
    assert framings(two) == []


def test_cli_reports_the_rule_and_it_can_be_turned_down_in_fayan_yaml(tmp_path, monkeypatch):
    speech = tmp_path / "讲话.txt"
    speech.write_text("同志们：\n《条例》是我们必须长期坚持的指导思想。\n", encoding="utf-8")
    result = fayan_cli("check", str(speech), "--enable", "framing")
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{speech}:2:15: error framing “指导思想”专指党的指导思想")
    data = json.loads(fayan_cli("check", str(speech), "--enable", "framing", "--format", "json").stdout)
    assert [(d["line"], d["column"], d["suggestion"]) for d in data] == [(2, 15, "根本遵循")]
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".fayan.yaml").write_text("rules:\n  framing: {severity: warning}\n", encoding="utf-8")
    result = fayan_cli("check", str(speech), "--enable", "framing")
    assert result.exit_code == 0 and "warning framing" in result.stdout
    assert "framing（默认级别 error）" in fayan_cli("check", "--rules").stdout


def test_an_office_adds_its_own_framings(tmp_path):
    mine = tmp_path / "搭配.yaml"
    mine.write_text(
        "framings:\n"
        "  - id: local\n"
        "    find: 金钥匙\n"
        "    before_any: [条例]\n"
        "    message: 本单位不把条例称作“{found}”。\n"
        "    suggestion: 根本遵循\n"
        "    source: 本单位规范\n", encoding="utf-8")
    text = "《条例》是我们做好工作的金钥匙。重要思想是金钥匙。\n"
    assert framings(text) == []
    (p,) = framings(text, {"files": [str(mine)]})
    assert (p.column, p.message, p.suggestion) == (13, "本单位不把条例称作“金钥匙”。", "根本遵循")


def test_a_mistake_in_an_offices_file_is_named_where_it_stands(tmp_path):
    mine = tmp_path / "搭配.yaml"
    mine.write_text("framings:\n  - id: a\n    find: 金钥匙\n    message: 说明。\n", encoding="utf-8")
    with pytest.raises(DataError) as exc:
        framings("同志们：\n", {"files": [str(mine)]})
    assert any(p.file == str(mine) and p.line == 2 for p in exc.value.problems)
    mine.write_text("framings:\n  - {id: b, find: '/金(钥匙/', message: 说明。, source: 甲}\n", encoding="utf-8")
    with pytest.raises(DataError, match="搭配 b 的正则表达式.*第 3 个字符处有误") as exc:
        framings("同志们：\n", {"files": [str(mine)]})
    assert (exc.value.problems[0].line, exc.value.problems[0].column) == (2, 19)  # the value
    with pytest.raises(DataError, match="读不到搭配文件"):
        framings("同志们：\n", {"files": [str(tmp_path / "none.yaml")]})


def test_every_builtin_framing_has_a_message_a_source_and_a_literal_first_pattern():
    entries = [c.f for _, group in framing.load() for c in group]
    assert len(entries) >= 9 and len({f.id for f in entries}) == len(entries)
    for f in entries:
        pattern = f.find[1:-1] if f.find.startswith("/") else f.find
        assert pattern[0] not in "[(.\\^", f.id  # a literal first: one cheap scan of the text
        assert f.message.endswith("。") and f.source


@needs_corpus
@pytest.mark.parametrize("folder", ["public", "seeds"])
def test_real_speeches_of_the_corpus_raise_no_framing_problem(folder):
    files = sorted((CORPUS / folder).glob("*.txt"))
    assert files
    found = [(f.name, p.line, p.message) for f in files for p in check.run(read_source(f), ["framing"])]
    assert found == []



def test_an_offices_own_framings_come_in_through_fayan_yaml_and_the_command_line(tmp_path, monkeypatch):
    (tmp_path / "我们的搭配.yaml").write_text(
        "framings:\n  - {id: our-word, find: 抓亮点, message: 本单位不说“抓亮点”，说“抓重点”。, suggestion: 抓重点, source: 本单位规范}\n",
        encoding="utf-8")
    (tmp_path / "讲话.txt").write_text("同志们：\n我们要坚持抓亮点，推动工作。\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert "抓亮点" not in fayan_cli("check", "讲话.txt", "--enable", "framing").stdout
    by_option = fayan_cli("check", "讲话.txt", "--enable", "framing", "--framings", "我们的搭配.yaml")
    assert by_option.exit_code == 1 and "讲话.txt:2:6: error framing 本单位不说“抓亮点”" in by_option.stdout
    (tmp_path / ".fayan.yaml").write_text("framings: [我们的搭配.yaml]\n", encoding="utf-8")
    assert "讲话.txt:2:6:" in fayan_cli("check", "讲话.txt", "--enable", "framing").stdout
