"""Word and WPS are stricter than LibreOffice: an independent validator (openxml-audit, which
checks the ECMA-376 schemas and Word's own expectations) finds nothing in a draft, and the
children fayan adds to paragraph and run properties stand in the schema's order."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import zipfile

import pytest
from lxml import etree

import fayan
from fayan.document import block_text
from fayan.writers.docx import SCHEMA_ORDER
from tests import pdfcheck, refdocs
from tests.conftest import EXAMPLES
from tests.test_format import SPEECHES

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def findings(path) -> set[tuple[str, str]]:
    """The validator's findings as (part, description)."""
    return {(e["part_uri"], e["description"]) for e in _audit(path)["errors"]}


def _audit(path) -> dict:
    exe = shutil.which("openxml-audit")
    if exe is None:
        pytest.skip("openxml-audit is not installed: pip install -e '.[test]'")
    out = subprocess.run([exe, str(path), "-o", "json", "-m", "0"], capture_output=True, text=True, timeout=120)
    return json.loads(out.stdout)[0]


def _annotated(example, **options) -> bytes:
    from fayan.annotate import notes
    brief = fayan.load_brief(example)
    skeleton, bank = fayan.load_skeleton(brief.template), fayan.load_phrasebank()
    doc = fayan.draft(brief, skeleton=skeleton, bank=bank)
    return fayan.render(doc, "docx", notes=notes(doc, brief, skeleton, bank), **options)


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


@pytest.mark.skipif(not SPEECHES, reason="../shared/corpus is not beside the repository")
@pytest.mark.parametrize("speech", SPEECHES, ids=lambda p: p.stem)
def test_an_independent_validator_finds_nothing_in_a_formatted_speech(speech, tmp_path):
    path = tmp_path / "formatted.docx"
    path.write_bytes(fayan.render(fayan.format_speech(speech), "docx"))
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


# --- --reference-doc: a reference from WPS or LibreOffice adds no finding of its own ---------

REFERENCES = ["wps-minimal", "libreoffice-draft", "libreoffice-blank"]


@pytest.fixture(scope="module")
def references(tmp_path_factory) -> dict[str, object]:
    """Each test reference as a file: WPS's written by hand (tests/refdocs.py); LibreOffice's
    saved by LibreOffice as .docx from a fayan draft and from a two-line text file."""
    folder = tmp_path_factory.mktemp("references")
    out = {"wps-minimal": folder / "wps-minimal.docx"}
    out["wps-minimal"].write_bytes(refdocs.wps_minimal())
    missing = pdfcheck.missing_tools()
    if missing:
        if os.environ.get("FAYAN_REQUIRE_OFFICE") == "1":
            pytest.fail(f"LibreOffice is required here and missing: {missing}")
        return out
    sources = folder / "src"
    sources.mkdir()
    (sources / "libreoffice-draft.docx").write_bytes(
        fayan.render(fayan.draft(fayan.load_brief(EXAMPLES[0])), "docx"))
    (sources / "libreoffice-blank.txt").write_text("XX县委办公室\n\n正文。\n", encoding="utf-8")
    for path in pdfcheck.convert(sorted(sources.iterdir()), folder, "docx"):
        out[path.stem] = path
    return out


@pytest.fixture(scope="module")
def reference_findings(references) -> dict[str, set[tuple[str, str]]]:
    """What the validator finds in each reference itself (found once)."""
    return {name: findings(path) for name, path in references.items()}


# every example on every reference; annotated, one example on every reference
CASES = [(e, name, False) for e in EXAMPLES for name in REFERENCES]
CASES += [(next(e for e in EXAMPLES if e.stem == "yantao-fayan"), name, True) for name in REFERENCES]


@pytest.mark.parametrize("example, name, annotate", CASES,
                         ids=[f"{e.stem}-{n}{'-annotate' if a else ''}" for e, n, a in CASES])
def test_a_reference_doc_brings_no_finding_of_its_own(references, reference_findings, example, name, annotate,
                                                     tmp_path):
    if name not in references:
        pytest.skip("LibreOffice is not installed: it makes this reference")
    ref = references[name]
    brief = fayan.load_brief(example)
    options = {"reference": ref.read_bytes(), "reference_name": str(ref)}
    if annotate:
        from fayan.annotate import notes
        skeleton, bank = fayan.load_skeleton(brief.template), fayan.load_phrasebank()
        doc = fayan.draft(brief, skeleton=skeleton, bank=bank)
        options["notes"] = notes(doc, brief, skeleton, bank)
    else:
        doc = fayan.draft(brief)
    out = tmp_path / "draft.docx"
    out.write_bytes(fayan.render(doc, "docx", **options))
    assert findings(out) <= reference_findings[name], findings(out) - reference_findings[name]
    import docx
    d = docx.Document(str(out))
    names = [s.name for s in d.styles]
    assert len(names) == len(set(names)), names  # the reference's own styles, not copies
    blocks = list(doc.blocks())
    assert [p.text for p in d.paragraphs] == [block_text(k, i) for k, i in blocks]
    kinds = {"title": "Title", "heading": "Heading 1", "paragraph": "Normal"}
    for para, (kind, item) in zip(d.paragraphs, blocks, strict=True):
        if kind in kinds and (kind != "heading" or item.level == 1):
            assert para.style.name == kinds[kind], (kind, para.style.name)


def test_comments_use_the_references_own_comment_styles_under_its_own_ids(tmp_path):
    wps = refdocs.wps_minimal()
    z = zipfile.ZipFile(io.BytesIO(wps))
    styles = z.read("word/styles.xml").decode("utf-8").replace("</w:styles>", (
        '<w:style w:type="paragraph" w:styleId="20"><w:name w:val="annotation text"/><w:basedOn w:val="1"/></w:style>'
        '<w:style w:type="character" w:styleId="21"><w:name w:val="annotation reference"/></w:style></w:styles>'))
    ref = tmp_path / "wps-with-comment-styles.docx"
    with zipfile.ZipFile(ref, "w") as out:
        for name in z.namelist():
            out.writestr(name, styles if name == "word/styles.xml" else z.read(name))
    assert not findings(ref)
    path = tmp_path / "draft.docx"
    path.write_bytes(_annotated(EXAMPLES[0], reference=ref.read_bytes()))
    assert not findings(path)
    used, defined = referenced_styles(path.read_bytes())
    assert {"20", "21"} <= used and used <= defined
    assert not {"CommentText", "CommentReference"} & defined  # no second 批注文字 beside the reference's


def test_a_reference_without_a_theme_gets_the_office_fonts_theme(references, tmp_path):
    if "libreoffice-blank" not in references:
        pytest.skip("LibreOffice is not installed: it makes this reference")
    ref = references["libreoffice-blank"]
    assert "word/theme/theme1.xml" not in zipfile.ZipFile(ref).namelist()  # LibreOffice wrote none
    data = fayan.render(fayan.draft(fayan.load_brief(EXAMPLES[0])), "docx", reference=ref.read_bytes())
    theme = zipfile.ZipFile(io.BytesIO(data)).read("word/theme/theme1.xml").decode("utf-8")
    assert 'ea typeface="宋体"' in theme
