"""How varied are fayan's drafts? (issue 11: no idea twice, no two drafts alike)

For every example brief at 800, 3000 and 6000 字, drafts seeds 0–9 and prints:

- share: the mean share of generated sentences two seeds of the brief share (target ≤ 20 % at
  3000 字), against a baseline measured in the same run: the same brief with every slot pinned
  to the phrases seed 0 chose (a bank without choice; near 100 %);
- pairs: sentence pairs within one draft that ``fayan check`` rule ``idea`` reports as the same
  idea, summed over the ten drafts (target 0);
- 要: the share of body sentences that open with 要 (target ≤ 40 %; the seeds: 7–34 %);
- runs: runs of more than four sentences opening with the same character, as rule
  ``openings`` reports them, summed over the ten drafts (target 0).

    python benchmarks/variety.py [--seeds 10] [--lengths 800,3000,6000]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import fayan
from fayan.check import run as check_run
from fayan.metrics import mean_pairwise_share, opening_figures
from fayan.reader import Source
from fayan.writers.text import to_text

ROOT = Path(__file__).resolve().parent.parent
SHARE, YAO = 0.20, 0.40


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=10)
    parser.add_argument("--lengths", default="800,3000,6000")
    args = parser.parse_args()
    lengths = [int(x) for x in args.lengths.split(",")]
    bank = fayan.load_phrasebank()
    failed = []
    print(f"{'example':<22}{'字':>6}{'share':>7}{'pinned':>8}{'pairs':>7}{'要':>6}{'runs':>5}  verdict")
    for path in sorted((ROOT / "examples").glob("*.yaml")):
        brief = fayan.load_brief(path)
        skeleton = fayan.load_skeleton(brief.template)
        for length in lengths:
            docs = [fayan.compose(brief, skeleton, bank, seed=s, length=length) for s in range(args.seeds)]
            share = mean_pairwise_share(docs)
            pinned = brief.model_copy(update={"pins": {t["slot"]: t["ids"][0] for t in docs[0].trace()
                                                       if t["origin"] == "phrase"}})
            base = mean_pairwise_share([fayan.compose(pinned, skeleton, bank, seed=s, length=length)
                                        for s in range(3)])
            found = [p.rule for d in docs for p in check_run(Source(to_text(d), path.name, "txt"),
                                                              ["idea", "openings"])]
            pairs, run = found.count("idea"), found.count("openings")
            yao = sum(opening_figures(d)[0] for d in docs) / len(docs)
            bad = [name for name, ok in (("share", length != 3000 or share <= SHARE), ("pairs", pairs == 0),
                                         ("要", yao <= YAO), ("runs", run == 0)) if not ok]
            failed += [f"{path.stem} {length}: {b}" for b in bad]
            print(f"{path.stem:<22}{length:>6}{share:>7.0%}{base:>8.0%}{pairs:>7}{yao:>6.0%}{run:>5}  "
                  f"{'ok' if not bad else 'over: ' + ', '.join(bad)}")
    print(f"targets: share ≤ {SHARE:.0%} at 3000 字, pairs 0, 要 ≤ {YAO:.0%}, runs 0; "
          f"{len(failed)} figure(s) over")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
