"""fayan — drafts Chinese study and discussion speeches from a short YAML brief.

The public API, and nothing else::

    import fayan
    brief = fayan.load_brief("examples/yantao-fayan.yaml")
    doc = fayan.draft(brief)                       # or compose(brief, skeleton, bank)
    fayan.render(doc, "md")                        # str for md/txt/json, bytes for docx
"""

__version__ = "0.1.0"

from .api import (  # noqa: E402
    FORMATS,
    draft,
    format_for_path,
    render,
)
from .brief import Brief, load_brief, parse_brief  # noqa: E402
from .compose import compose  # noqa: E402
from .document import Document, Paragraph, Part, Segment  # noqa: E402
from .errors import (  # noqa: E402
    BriefError,
    ComposeError,
    DataError,
    FayanError,
    OutputError,
    Problem,
    TemplateNotFound,
)
from .phrasebank import PhraseBank, load_phrasebank  # noqa: E402
from .skeleton import Skeleton, list_skeletons, load_skeleton  # noqa: E402

__all__ = [
    "FORMATS", "Brief", "BriefError", "ComposeError", "DataError", "Document", "FayanError",
    "OutputError", "Paragraph", "Part", "PhraseBank", "Problem", "Segment", "Skeleton",
    "TemplateNotFound", "compose", "draft", "format_for_path", "list_skeletons", "load_brief",
    "load_phrasebank", "load_skeleton", "parse_brief", "render",
]
