from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
GOLDEN = Path(__file__).resolve().parent / "golden"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite tests/golden/ and schemas/ from the current code (review the diff!)")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def fayan_cli(*args: str, input: str | bytes | None = None):
    """Run the CLI in-process; returns click's Result (exit_code, stdout, stderr)."""
    from fayan.cli import main
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def run_fayan(*args: str, input: bytes | None = None, cwd: Path | None = None):
    """Run the real `python -m fayan` in a subprocess, as a user's shell would."""
    import subprocess
    return subprocess.run([sys.executable, "-m", "fayan", *args], input=input, cwd=cwd,
                          capture_output=True, timeout=120)
