"""Where the built-in templates and phrase banks live, and how user directories layer over them.

From an installed wheel they sit inside the package (``fayan/_builtin/``); from a source
checkout (editable install or ``PYTHONPATH=src``) at the top of the repository.
"""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def builtin_dir(kind: str) -> Path:
    """The built-in ``templates`` or ``phrasebank`` directory."""
    inside = _PACKAGE / "_builtin" / kind
    if inside.is_dir():
        return inside
    checkout = _PACKAGE.parent.parent / kind
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"fayan is installed without its built-in {kind}/ directory")


def search_path(kind: str, user_dirs: list[str | Path] | None = None) -> list[Path]:
    """Built-in directory first, then ``FAYAN_TEMPLATES`` / ``FAYAN_PHRASEBANK`` (a list in
    the platform's path syntax), then the directories given on the command line; a later
    directory overrides an earlier one."""
    env = os.environ.get("FAYAN_TEMPLATES" if kind == "templates" else "FAYAN_PHRASEBANK", "")
    dirs = [builtin_dir(kind)]
    dirs += [Path(p) for p in env.split(os.pathsep) if p]
    dirs += [Path(p) for p in (user_dirs or [])]
    return dirs


def yaml_files(directory: Path) -> list[Path]:
    """The ``*.yaml`` / ``*.yml`` files of a directory, sorted by name."""
    return sorted(p for p in directory.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
