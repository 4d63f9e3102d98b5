"""The flake8 plugin, run through the real flake8 and compared with cio-lint."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import Run, RunCioLint, WriteTree

pytest.importorskip("flake8")

REPOSITORY = Path(__file__).resolve().parents[2]

CLIENT_MODULE = """
from customerio import CustomerIO
cio = CustomerIO(SITE_ID, TRACK_KEY)
"""
VIEWS = """
import time
from .cio import cio

def signup(user):
    cio.identify(id=user.id, created_at=time.time() * 1000)
"""
SIGNUP = """import time
from customerio import CustomerIO
cio = CustomerIO(SITE_ID, TRACK_KEY)
cio.identify(id=1, created_at=int(time.time() * 1000))
"""


def _flake8(*args: str, cwd: Path, stdin: str | None = None) -> Run:
    """Run the real flake8 with only cio-lint's codes and no user config."""
    completed = subprocess.run(
        [sys.executable, "-m", "flake8", "--isolated", "--select", "CIO", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "NO_COLOR": "1"},
    )
    return Run(completed.returncode, completed.stdout, completed.stderr)


def _python_lines(result: Run) -> list[str]:
    return [line for line in _unmarked(result) if line.split(":")[0].endswith(".py")]


def _unmarked(result: Run) -> list[str]:
    """Return cio-lint's lines without the `[*]` fix mark, which flake8 lacks."""
    return [line.replace(" [*] ", " ", 1) for line in result.lines]


def test_same_findings_on_example_shop(cio_lint: RunCioLint) -> None:
    expected = cio_lint("examples/shop", cwd=REPOSITORY)

    result = _flake8("examples/shop", cwd=REPOSITORY)

    assert result.lines == _unmarked(expected)
    assert [" ".join(line.split(" ")[:2]) for line in result.lines[:2]] == [
        "examples/shop/mailer.py:29:17: CIO101",
        "examples/shop/orders.py:18:19: CIO101",
    ]
    assert result.stderr == ""
    assert result.exit_code == 1


def test_same_locations_on_examples_python_files(cio_lint: RunCioLint) -> None:
    expected = cio_lint("examples", cwd=REPOSITORY)

    result = _flake8("examples", cwd=REPOSITORY)

    locations = [" ".join(line.split(" ")[:2]) for line in result.lines]
    assert locations == [
        " ".join(line.split(" ")[:2]) for line in _python_lines(expected)
    ]
    assert result.lines == _python_lines(expected)


def test_parallel_jobs_give_same_findings(cio_lint: RunCioLint) -> None:
    expected = cio_lint("examples/shop", cwd=REPOSITORY)

    result = _flake8("--jobs", "2", "examples/shop", cwd=REPOSITORY)

    assert result.lines == _unmarked(expected)


def test_client_from_another_file(write_tree: WriteTree, cio_lint: RunCioLint) -> None:
    root = write_tree(
        {"app/__init__.py": "", "app/cio.py": CLIENT_MODULE, "app/views.py": VIEWS}
    )

    result = _flake8(".", cwd=root)

    assert [line.split(" ")[:2] for line in result.lines] == [
        ["./app/views.py:5:41:", "CIO101"]
    ]
    assert [line.split(" ")[:2] for line in cio_lint(".").lines] == [
        ["app/views.py:5:41:", "CIO101"]
    ]


def test_single_file_run_matches_cio_lint(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    root = write_tree(
        {"app/__init__.py": "", "app/cio.py": CLIENT_MODULE, "app/views.py": VIEWS}
    )

    # Alone, views.py has no client of its own, for cio-lint as for flake8.
    result = _flake8("app/views.py", cwd=root)

    assert result.lines == cio_lint("app/views.py").lines == []
    assert result.exit_code == 0


def test_noqa_covers_statement_as_in_cio_lint(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    root = write_tree(
        {
            "x.py": """
            import time
            from customerio import CustomerIO
            cio = CustomerIO(SITE_ID, TRACK_KEY)
            cio.identify(  # noqa: CIO101
                id=1,
                seen_at=time.time_ns(),
            )
            cio.identify(id=2, seen_at=time.time_ns())  # noqa: E501
            cio.identify(id=3, seen_at=time.time_ns())  # noqa
            cio.identify(id=4, seen_at=time.time_ns())  # NOQA:CIO101
            cio.identify(
                id=5,
                seen_at=time.time_ns(),  # noqa: CIO102
            )
            """
        }
    )

    result = _flake8("x.py", cwd=root)

    assert [line.split(" ")[:2] for line in result.lines] == [
        ["x.py:8:28:", "CIO101"],
        ["x.py:13:13:", "CIO101"],
    ]
    assert result.lines == _unmarked(cio_lint("x.py"))


def test_flake8_ignore_option_applies(write_tree: WriteTree) -> None:
    root = write_tree({"x.py": SIGNUP})

    ignored = _flake8("--extend-ignore", "CIO101", "x.py", cwd=root)
    selected = _flake8("x.py", cwd=root)

    assert ignored.lines == []
    assert ignored.exit_code == 0
    assert [line.split(" ")[:2] for line in selected.lines] == [
        ["x.py:4:31:", "CIO101"]
    ]


def test_cio_lint_config_applies(write_tree: WriteTree) -> None:
    root = write_tree({"cio-lint.toml": 'ignore = ["CIO101"]\n', "x.py": SIGNUP})

    result = _flake8("x.py", cwd=root)

    assert result.lines == []
    assert result.exit_code == 0


def test_invalid_config_fails_in_one_message(write_tree: WriteTree) -> None:
    root = write_tree({"cio-lint.toml": 'select = ["CIO999"]\n', "x.py": SIGNUP})

    result = _flake8("x.py", cwd=root)

    assert result.exit_code == 1
    assert "Traceback" not in result.stderr
    assert result.lines == [
        'x.py: "cio-lint[CIO]" failed during execution due to ConfigError("'
        f"{root / 'cio-lint.toml'}: unknown rule code or name 'CIO999' in "
        "'select'\")",
        "Run flake8 with greater verbosity to see more details",
    ]


def test_stdin_with_display_name(write_tree: WriteTree, cio_lint: RunCioLint) -> None:
    root = write_tree(
        {
            "pyproject.toml": (
                '[tool.cio-lint]\nper-file-ignores = { "tests/**" = ["CIO101"] }\n'
            ),
        }
    )

    source = _flake8("--stdin-display-name", "src/x.py", "-", cwd=root, stdin=SIGNUP)
    test = _flake8(
        "--stdin-display-name", "tests/test_x.py", "-", cwd=root, stdin=SIGNUP
    )

    expected = cio_lint("--stdin-filename", "src/x.py", "-", stdin=SIGNUP)
    assert source.lines == _unmarked(expected)
    assert [line.split(" ")[:2] for line in source.lines] == [
        ["src/x.py:4:31:", "CIO101"]
    ]
    assert test.lines == []


def test_unsaved_text_is_linted_instead_of_file(write_tree: WriteTree) -> None:
    root = write_tree({"x.py": "import customerio\n"})

    # An editor sends its buffer on stdin while the file on disk is older.
    result = _flake8("--stdin-display-name", "x.py", "-", cwd=root, stdin=SIGNUP)

    assert [line.split(" ")[:2] for line in result.lines] == [["x.py:4:31:", "CIO101"]]


def test_plugin_is_registered() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "flake8", "--version"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )

    assert "cio-lint: " in completed.stdout
