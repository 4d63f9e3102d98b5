"""Shared fixtures: run the installed `cio-lint` command on temporary trees."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest


def _installed_command() -> str:
    beside_python = Path(sys.executable).with_name("cio-lint")
    if beside_python.exists():
        return str(beside_python)
    found = shutil.which("cio-lint")
    if found is None:
        pytest.exit(
            "the cio-lint command is not installed: run pip install -e '.[test]'",
            returncode=2,
        )
    return found


@dataclass(frozen=True)
class Run:
    exit_code: int
    stdout: str
    stderr: str

    @property
    def lines(self) -> list[str]:
        return self.stdout.splitlines()


RunCioLint = Callable[..., Run]
WriteTree = Callable[[Mapping[str, str]], Path]


@pytest.fixture(scope="session")
def cio_lint_command() -> str:
    return _installed_command()


@pytest.fixture
def cio_lint(cio_lint_command: str, tmp_path: Path) -> RunCioLint:
    """Run the installed command; `cwd` defaults to the test's temporary folder."""

    def run(*args: str, cwd: Path | None = None, stdin: str | None = None) -> Run:
        environment = {**os.environ, "NO_COLOR": "1"}
        completed = subprocess.run(
            [cio_lint_command, *args],
            cwd=cwd or tmp_path,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=120,
            env=environment,
        )
        return Run(completed.returncode, completed.stdout, completed.stderr)

    return run


@pytest.fixture
def write_tree(tmp_path: Path) -> WriteTree:
    """Write files (dedented) under the temporary folder and return its path."""

    def write(files: Mapping[str, str]) -> Path:
        for name, content in files.items():
            path = tmp_path / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
        return tmp_path

    return write


def without_reliability_rules(run: RunCioLint) -> RunCioLint:
    """Return `run` with the reliability rules (CIO5xx) turned off.

    Tests of other rule families use short inputs that leave promises
    floating and call Customer.io over plain HTTP without a retry.
    """

    def run_without(*args: str, **options: object) -> Run:
        return run("--ignore", "CIO5", *args, **options)

    return run_without
