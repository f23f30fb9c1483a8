"""JSON: the Document tree, ``stats`` and ``trace``; sorted keys, so the same draft gives the
same bytes."""

from __future__ import annotations

import json as _json

from ..document import Document


def to_json(doc: Document) -> str:
    payload = {
        "meta": doc.meta,
        "document": {k: v for k, v in doc.to_dict().items() if k != "meta"},
        "stats": doc.stats(),
        "trace": doc.trace(),
    }
    return _json.dumps(payload, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
