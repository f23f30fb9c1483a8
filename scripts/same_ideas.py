"""Sentences of the phrase bank that say the same thing and do not say so (no shared ``idea``).

For a writer adding phrases: run it after adding; each pair it prints is either one sentence
too many (rewrite or drop the new one) or two wordings of one idea (give both the same
``idea: …``, and a draft will use only one). Exit status 1 when any pair is found.

    python scripts/same_ideas.py [--phrasebank DIR ...] [--file NAME]

``--file``: only pairs with a phrase from files whose name contains NAME.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import fayan


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phrasebank", action="append", default=[], help="用户句库目录（可多次）")
    parser.add_argument("--file", help="只看来自文件名含此字样的句子")
    args = parser.parse_args()
    bank = fayan.load_phrasebank(args.phrasebank)
    pairs = bank.restatements()
    if args.file:
        pairs = [(a, b) for a, b in pairs
                 if any(args.file in Path(bank.origin.get(p.id, "")).name for p in (a, b))]
    for a, b in pairs:
        for p in (a, b):
            print(f"{p.id}\t{Path(bank.origin.get(p.id, '')).name}\t{p.text}")
        print()
    print(f"{len(pairs)} 对意思相同、未标 idea 的句子", file=sys.stderr)
    return 1 if pairs else 0


if __name__ == "__main__":
    sys.exit(main())
