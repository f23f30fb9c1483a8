"""How long a command takes to start: most of a one-speech `fayan check` is start-up.

Prints the median wall time of each command over ``--runs`` runs, against two baselines
measured in the same run: the bare interpreter, and the interpreter importing the libraries
fayan cannot do without (click, PyYAML, pydantic).

    python benchmarks/startup.py [--runs 7]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def wall(args: list[str], cwd: str) -> float:
    start = time.perf_counter()
    subprocess.run(args, cwd=cwd, capture_output=True, check=False)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    python = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp, "讲话.txt").write_text("同志们：\n今天我们召开专题研讨会。\n一、提高政治站位\n", encoding="utf-8")
        commands = {
            "python -c pass": [python, "-c", "pass"],
            "import click, yaml, pydantic": [python, "-c", "import click, yaml, pydantic"],
            "fayan --version": [python, "-m", "fayan", "--version"],
            "fayan check 讲话.txt": [python, "-m", "fayan", "check", "讲话.txt"],
            "fayan draft (example, md)": [python, "-m", "fayan", "draft", str(ROOT / "examples" / "yantao-fayan.yaml"),
                                          "-o", "-", "--format", "md"],
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, command in commands.items():
                times[name].append(wall(command, tmp))
    median = {name: statistics.median(t) for name, t in times.items()}
    floor = median["import click, yaml, pydantic"]
    print(f"median of {args.runs} runs; 'x floor' = against importing click, yaml and pydantic alone")
    for name, seconds in median.items():
        print(f"{name:<30}{seconds * 1000:>7.0f} ms{seconds / floor:>7.1f} x floor")
    return 0


if __name__ == "__main__":
    sys.exit(main())
