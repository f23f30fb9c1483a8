"""Writers turn a Document into text or bytes. They never decide content."""

from pathlib import Path

FORMATS = {"docx": ".docx", "md": ".md", "txt": ".txt", "json": ".json"}
TEXT_FORMATS = ("md", "txt", "json")


def format_for_path(path: str) -> str | None:
    """The output format an extension implies (``.md`` → ``md``), or ``None``."""
    suffix = Path(path).suffix.lower()
    aliases = {".markdown": "md", ".text": "txt"}
    for fmt, ext in FORMATS.items():
        if suffix == ext:
            return fmt
    return aliases.get(suffix)
