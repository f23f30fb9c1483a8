"""Time to write one draft as .docx: fayan's lean reference document against python-docx's
default template restyled the same way, measured in the same run.

    python benchmarks/docx_write.py [--repeat 30]
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from pathlib import Path

import fayan
from fayan.writers import docx as writer

ROOT = Path(__file__).resolve().parent.parent


def timed(fn, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    doc = fayan.draft(fayan.load_brief(ROOT / "examples" / "yantao-fayan.yaml"))
    writer.reference_bytes()  # loaded once a process, as in real use

    def lean() -> bytes:
        return writer.to_docx(doc)

    def default_template() -> bytes:
        # the baseline: python-docx's default template, restyled per draft as fayan once did
        base = writer.new_document()
        out = io.BytesIO()
        base.save(out)
        return writer.to_docx(doc, reference=out.getvalue())

    lean(), default_template()  # warm up imports and caches
    fast, slow = timed(lean, args.repeat), timed(default_template, args.repeat)
    size_fast, size_slow = len(lean()), len(default_template())
    print(f"{'':<26}{'median ms':>10}{'min ms':>9}{'bytes':>9}")
    print(f"{'lean reference (fayan)':<26}{statistics.median(fast):>10.1f}{min(fast):>9.1f}{size_fast:>9}")
    print(f"{'python-docx default':<26}{statistics.median(slow):>10.1f}{min(slow):>9.1f}{size_slow:>9}")
    print(f"speed-up: {statistics.median(slow) / statistics.median(fast):.1f}x, "
          f"size: {size_slow / size_fast:.1f}x smaller")
    return 0


if __name__ == "__main__":
    sys.exit(main())
