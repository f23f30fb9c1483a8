"""JSON Schemas of the data formats, generated from the pydantic models.

The published copies live in ``schemas/`` at the top of the repository; a test fails when they
drift, and ``pytest --update-golden`` rewrites them.
"""

from __future__ import annotations

import json
from typing import Any

from .brief import Brief
from .check.formulation import FormulationFile
from .check.typo import TypoFile
from .phrasebank import BankFile
from .skeleton import Skeleton

MODELS = {"brief": Brief, "skeleton": Skeleton, "phrasebank": BankFile, "formulations": FormulationFile,
          "typos": TypoFile}
TITLES = {"brief": "fayan 提纲（brief）", "skeleton": "fayan 模板（skeleton）", "phrasebank": "fayan 句库文件（phrase bank）",
          "formulations": "fayan 规范提法文件（formulations）", "typos": "fayan 别字文件（typos）"}


def _with_aliases(obj: dict[str, Any]) -> None:
    """Let every Chinese alias (``zh``) stand for its key, as the loader does: the alias is a
    property with the same schema, and a required key may be given under any of its names."""
    props = obj.get("properties")
    if not isinstance(props, dict):
        return
    names: dict[str, list[str]] = {}
    for key, sub in list(props.items()):
        aliases = sub.get("zh", [])
        names[key] = [key, *aliases]
        for alias in aliases:
            props[alias] = dict(sub, description=f"同 {key}")
    required = obj.pop("required", [])
    if required:
        obj["allOf"] = [{"anyOf": [{"required": [n]} for n in names[key]]} for key in required]


def schema(name: str) -> dict[str, Any]:
    out = MODELS[name].model_json_schema(mode="validation")
    _with_aliases(out)
    for sub in out.get("$defs", {}).values():
        _with_aliases(sub)
    out["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    out["title"] = TITLES[name]
    return out


def schema_text(name: str) -> str:
    return json.dumps(schema(name), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
