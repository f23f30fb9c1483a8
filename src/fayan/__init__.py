"""fayan — drafts Chinese study and discussion speeches from a short YAML brief.

The public API, and nothing else::

    import fayan
    brief = fayan.load_brief("examples/yantao-fayan.yaml")
    doc = fayan.draft(brief)                       # or compose(brief, skeleton, bank)
    fayan.render(doc, "md")                        # str for md/txt/json, bytes for docx
"""

__version__ = "0.1.0"

import sys
import types
from typing import TYPE_CHECKING

_EXPORTS = {
    "api": ("FORMATS", "draft", "format_for_path", "format_speech", "render"),
    "brief": ("Brief", "load_brief", "parse_brief"),
    "compose": ("compose",),
    "document": ("Document", "Paragraph", "Part", "Segment"),
    "errors": ("BriefError", "ComposeError", "DataError", "FayanError", "OutputError", "Problem",
               "TemplateNotFound"),
    "phrasebank": ("PhraseBank", "load_phrasebank"),
    "skeleton": ("Skeleton", "list_skeletons", "load_skeleton"),
}
_MODULE_OF = {name: module for module, names in _EXPORTS.items() for name in names}


def __getattr__(name: str) -> object:
    """The public API, imported on first use (PEP 562): `fayan check` starts without loading
    the composer and its models (benchmarks/startup.py)."""
    if name not in _MODULE_OF:
        raise AttributeError(f"module 'fayan' has no attribute {name!r}")
    from importlib import import_module
    value = getattr(import_module(f".{_MODULE_OF[name]}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_MODULE_OF})


class _Package(types.ModuleType):
    """Importing the submodule fayan.compose sets the package's attribute ``compose`` to the
    module; the public name is the function, as it was when this file imported it eagerly."""

    def __setattr__(self, name: str, value: object) -> None:
        if name in _MODULE_OF and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package

if TYPE_CHECKING:
    from .api import FORMATS, draft, format_for_path, format_speech, render
    from .brief import Brief, load_brief, parse_brief
    from .compose import compose
    from .document import Document, Paragraph, Part, Segment
    from .errors import (
        BriefError,
        ComposeError,
        DataError,
        FayanError,
        OutputError,
        Problem,
        TemplateNotFound,
    )
    from .phrasebank import PhraseBank, load_phrasebank
    from .skeleton import Skeleton, list_skeletons, load_skeleton

__all__ = [
    "FORMATS", "Brief", "BriefError", "ComposeError", "DataError", "Document", "FayanError", "format_speech",
    "OutputError", "Paragraph", "Part", "PhraseBank", "Problem", "Segment", "Skeleton",
    "TemplateNotFound", "compose", "draft", "format_for_path", "list_skeletons", "load_brief",
    "load_phrasebank", "load_skeleton", "parse_brief", "render",
]
