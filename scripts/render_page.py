"""Render page 1 of an example's draft to PNG, as LibreOffice lays it out, for the README.

    python scripts/render_page.py [examples/jiaoliu-cailiao.yaml] [-o docs/page1.png] [--dpi 80]

Needs LibreOffice and poppler (pdftoppm): apt-get install libreoffice-writer-nogui poppler-utils
fonts-noto-cjk fonts-arphic-ukai.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests import pdfcheck  # noqa: E402

import fayan  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("brief", nargs="?", default=str(ROOT / "examples" / "jiaoliu-cailiao.yaml"))
    parser.add_argument("-o", "--output", default=str(ROOT / "docs" / "page1.png"))
    parser.add_argument("--dpi", type=int, default=80)
    args = parser.parse_args()
    missing = pdfcheck.missing_tools() + ([] if shutil.which("pdftoppm") else ["pdftoppm"])
    if missing:
        print(f"需要先安装：{'、'.join(missing)}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        docx_path = Path(tmp) / "draft.docx"
        docx_path.write_bytes(fayan.render(fayan.draft(fayan.load_brief(args.brief)), "docx"))
        (pdf,) = pdfcheck.to_pdf([docx_path], Path(tmp))
        prefix = Path(tmp) / "page"
        subprocess.run(["pdftoppm", "-png", "-r", str(args.dpi), "-f", "1", "-l", "1", "-singlefile",
                        str(pdf), str(prefix)], check=True)
        out = Path(args.output)
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(prefix.with_suffix(".png"), out)
    print(f"已写入 {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
