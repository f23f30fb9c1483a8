"""Word and WPS are stricter than LibreOffice: an independent validator (openxml-audit, which
checks the ECMA-376 schemas and Word's own expectations) finds nothing in a draft, and the
children fayan adds to paragraph and run properties stand in the schema's order."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import zipfile

import pytest
from lxml import etree

import fayan
from fayan.writers.docx import SCHEMA_ORDER
from tests.conftest import EXAMPLES

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _audit(path) -> dict:
    exe = shutil.which("openxml-audit")
    if exe is None:
        pytest.skip("openxml-audit is not installed: pip install -e '.[test]'")
    out = subprocess.run([exe, str(path), "-o", "json", "-m", "0"], capture_output=True, text=True, timeout=120)
    return json.loads(out.stdout)[0]


def _annotated(example) -> bytes:
    from fayan.annotate import notes
    brief = fayan.load_brief(example)
    skeleton, bank = fayan.load_skeleton(brief.template), fayan.load_phrasebank()
    doc = fayan.draft(brief, skeleton=skeleton, bank=bank)
    return fayan.render(doc, "docx", notes=notes(doc, brief, skeleton, bank))


@pytest.mark.parametrize("annotate", [False, True], ids=["plain", "annotate"])
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_an_independent_validator_finds_nothing_in_a_draft(example, annotate, tmp_path):
    path = tmp_path / "draft.docx"
    data = _annotated(example) if annotate else fayan.render(fayan.draft(fayan.load_brief(example)), "docx")
    path.write_bytes(data)
    if annotate:
        assert "word/comments.xml" in zipfile.ZipFile(path).namelist()
    report = _audit(path)
    assert report["error_count"] == 0, [e["description"] for e in report["errors"]]


def referenced_styles(data: bytes) -> tuple[set[str], set[str]]:
    """(style ids referenced anywhere in the package's Word parts, style ids defined)."""
    z = zipfile.ZipFile(io.BytesIO(data))
    styles = etree.fromstring(z.read("word/styles.xml"))
    defined = {s.get(W + "styleId") for s in styles.iter(W + "style")}
    used = set()
    for name in z.namelist():
        if name.startswith("word/") and name.endswith(".xml"):
            root = etree.fromstring(z.read(name))
            for tag in ("pStyle", "rStyle", "tblStyle", "basedOn", "link", "next"):
                used |= {el.get(W + "val") for el in root.iter(W + tag)}
    return used, defined


def test_every_style_an_annotated_draft_refers_to_is_defined():
    used, defined = referenced_styles(_annotated(EXAMPLES[0]))
    assert {"CommentText", "CommentReference"} <= used
    assert used <= defined, used - defined


def test_properties_stand_in_schema_order_and_every_linked_style_exists():
    data = fayan.render(fayan.draft(fayan.load_brief(EXAMPLES[0])), "docx")
    styles = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/styles.xml"))
    ids = {s.get(W + "styleId") for s in styles.iter(W + "style")}
    checked = 0
    for name, order in SCHEMA_ORDER.items():
        rank = {W + t.split(":")[1]: i for i, t in enumerate(order)}
        for props in styles.iter(W + name.split(":")[1]):
            seen = [rank[c.tag] for c in props if c.tag in rank]
            assert seen == sorted(seen), [c.tag.split("}")[1] for c in props]
            checked += 1
    assert checked > 10
    for link in styles.iter(W + "link"):
        assert link.get(W + "val") in ids


def test_the_theme_names_fonts_every_office_machine_has():
    data = fayan.render(fayan.draft(fayan.load_brief(EXAMPLES[0])), "docx")
    theme = zipfile.ZipFile(io.BytesIO(data)).read("word/theme/theme1.xml").decode("utf-8")
    assert 'latin typeface="Times New Roman"' in theme and 'ea typeface="宋体"' in theme
    assert "Calibri" not in theme and "Cambria" not in theme
