"""The README shows what fayan does now: its sample draft and its figures are current."""

from __future__ import annotations

import re

import fayan
from tests.conftest import ROOT, fayan_cli

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_sample_is_the_current_draft_of_its_example():
    md = fayan.render(fayan.draft(fayan.load_brief(ROOT / "examples" / "jiaoliu-cailiao.yaml")), "md")
    quoted = "\n".join("> " + line if line else ">" for line in md.rstrip("\n").split("\n"))
    assert quoted in README, "README sample is stale: paste the new draft (pytest --update-golden shows it)"


def test_readme_figures_do_not_overstate_the_bank():
    bank = fayan.load_phrasebank()
    counts = fayan.phrasebank.export(bank)["counts"]
    claims = re.search(r"句库有 (\d+) 多条句子，分属 (\d+) 种修辞功能.*?和 (\d+) 个主题，\s*"
                       r"另有 (\d+) 条金句（(\d+) 条注明出处.*?和 (\d+) 个平行组", README, re.S)
    assert claims
    phrases, functions, themes, total, quotes, sets = map(int, claims.groups())
    assert total == counts["quotes"]
    assert phrases <= counts["phrases"] < phrases + 100
    assert functions == counts["functions"] and themes == counts["themes"] and sets == counts["sets"]
    assert quotes <= sum(1 for p in bank.phrases.values() if p.function == "quote" and p.cite)


def test_readme_has_the_two_setup_commands():
    assert "pip install . && fayan draft examples/yantao-fayan.yaml -o 初稿.docx" in README
    assert "pip install -e '.[test]' && python -m pytest -q" in README


def test_readme_check_example_is_what_fayan_check_prints(tmp_path, monkeypatch):
    speech = re.search(r"比如这份 讲话\.txt：\n\n```text\n(.*?)```", README, re.S)
    report = re.search(r"`fayan check 讲话\.txt` 报告：\n\n```text\n(.*?)```", README, re.S)
    assert speech and report
    (tmp_path / "讲话.txt").write_text(speech.group(1), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = fayan_cli("check", "讲话.txt")
    assert result.exit_code == 1
    assert result.stdout == report.group(1), "README check example is stale: paste what fayan check prints"
