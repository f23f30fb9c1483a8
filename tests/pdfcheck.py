"""Read back a draft the way a user sees it: LibreOffice turns the .docx into a PDF, poppler
gives each printed line with its position. Used by the real-client tests and scripts/."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

FONTS_CONF = Path(__file__).resolve().parent / "fonts" / "fonts.conf"
MM = 72 / 25.4
X = "{http://www.w3.org/1999/xhtml}"


def missing_tools() -> list[str]:
    return [t for t in ("soffice", "pdftotext", "pdfinfo") if shutil.which(t) is None]


def convert(files: list[Path], outdir: Path, target: str = "pdf") -> list[Path]:
    """Convert with LibreOffice headless (``target``: pdf, or ``docx`` to save as Word does),
    the fonts of GB/T 9704 aliased to free fonts."""
    env = dict(os.environ, FONTCONFIG_FILE=str(FONTS_CONF))
    profile = Path(tempfile.mkdtemp(prefix="fayan-lo-"))
    filters = {"pdf": "pdf", "docx": "docx:MS Word 2007 XML"}
    try:
        subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                        "--convert-to", filters[target], "--outdir", str(outdir), *map(str, files)],
                       check=True, capture_output=True, timeout=300, env=env)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    out = [outdir / f"{Path(f).stem}.{target}" for f in files]
    for path in out:
        if not path.exists():
            raise RuntimeError(f"LibreOffice did not write {path}")
    return out


def to_pdf(docx_files: list[Path], outdir: Path) -> list[Path]:
    return convert(docx_files, outdir, "pdf")


@dataclass
class Line:
    text: str
    x0: float
    x1: float
    y0: float
    y1: float


@dataclass
class Page:
    number: int
    width: float
    height: float
    lines: list[Line]

    @property
    def footer(self) -> list[Line]:
        """Lines in the bottom margin (below the 35 mm of the text block's end)."""
        return [ln for ln in self.lines if ln.y0 > self.height - 35 * MM]

    @property
    def body(self) -> list[Line]:
        return [ln for ln in self.lines if ln.y0 <= self.height - 35 * MM]


def pages(pdf: Path) -> list[Page]:
    html = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], check=True,
                          capture_output=True, timeout=120).stdout
    out = []
    for n, page in enumerate(ET.fromstring(html).iter(X + "page"), 1):
        lines = []
        for line in page.iter(X + "line"):
            text = "".join(w.text or "" for w in line.iter(X + "word"))
            lines.append(Line(text, float(line.get("xMin")), float(line.get("xMax")),
                              float(line.get("yMin")), float(line.get("yMax"))))
        lines.sort(key=lambda ln: (ln.y0, ln.x0))
        merged: list[Line] = []
        for ln in lines:  # pdftotext splits a printed line at wide spaces: one height, one line
            if merged and abs(merged[-1].y0 - ln.y0) < 3:
                last = merged[-1]
                parts = sorted([last, ln], key=lambda p: p.x0)
                merged[-1] = Line("".join(p.text for p in parts), parts[0].x0, max(last.x1, ln.x1),
                                  min(last.y0, ln.y0), max(last.y1, ln.y1))
            else:
                merged.append(ln)
        out.append(Page(n, float(page.get("width")), float(page.get("height")), merged))
    return out


def cjk_count(text: str) -> int:
    """Characters that take a full cell: CJK ideographs and full-width punctuation."""
    return sum(1 for ch in text if "\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef"
               or ch in "“”‘’—…·")
