"""Golden drafts: each example's Markdown, reviewed by a person. After a reviewed change,
``pytest --update-golden`` rewrites them (and the published JSON Schemas)."""

from __future__ import annotations

import pytest

import fayan
from fayan.schema import MODELS, schema_text
from tests.conftest import EXAMPLES, GOLDEN, ROOT


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_example_draft_matches_golden(example, update_golden):
    md = fayan.render(fayan.draft(fayan.load_brief(example)), "md")
    golden = GOLDEN / f"{example.stem}.md"
    if update_golden or not golden.exists():
        golden.write_text(md, encoding="utf-8")
        if not update_golden:
            pytest.fail(f"golden file {golden.name} was missing and has been written; review it")
    assert md == golden.read_text(encoding="utf-8"), "draft changed: review, then pytest --update-golden"


@pytest.mark.parametrize("name", sorted(MODELS))
def test_published_schema_is_current(name, update_golden):
    path = ROOT / "schemas" / f"{name}.schema.json"
    if update_golden:
        path.write_text(schema_text(name), encoding="utf-8")
    assert path.read_text(encoding="utf-8") == schema_text(name), "schema changed: pytest --update-golden"


def test_shipped_data_validates_against_the_published_schemas():
    import json

    import jsonschema
    import yaml
    for name, folder in (("phrasebank", "phrasebank"), ("skeleton", "templates"), ("brief", "examples")):
        schema = json.loads((ROOT / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))
        for path in sorted((ROOT / folder).glob("*.yaml")):
            # the pure-Python loader, as another tool without libyaml would read it
            jsonschema.validate(yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader), schema)
