"""`--stdin-filename NAME -`: standard input checked as the file NAME."""

from __future__ import annotations

import json

import pytest

from tests.conftest import RunCioLint, WriteTree, without_reliability_rules


@pytest.fixture
def cio_lint(cio_lint: RunCioLint) -> RunCioLint:
    """Lint without the reliability rules, which these inputs do not address."""
    return without_reliability_rules(cio_lint)


SIGNUP = """import time
from customerio import CustomerIO
cio = CustomerIO(SITE_ID, TRACK_KEY)
cio.identify(id=1, created_at=int(time.time() * 1000))
"""
MESSAGE = (
    "'created_at' receives milliseconds from int(time.time() * 1000); "
    "Customer.io expects Unix seconds and reads it as a date more than 50,000 "
    "years ahead, so segment conditions on it never match: divide by 1000"
)
TYPESCRIPT = """import { TrackClient } from "customerio-node";
const cio = new TrackClient(SITE_ID, KEY);
cio.identify("1", { created_at: Date.now() });
"""
PER_FILE_IGNORES = '[tool.cio-lint]\nper-file-ignores = { "tests/**" = ["CIO101"] }\n'


def test_findings_show_the_name(write_tree: WriteTree, cio_lint: RunCioLint) -> None:
    write_tree({"pyproject.toml": PER_FILE_IGNORES})

    result = cio_lint("--stdin-filename", "src/x.py", "-", stdin=SIGNUP)

    assert result.lines == [f"src/x.py:4:31: CIO101 [*] {MESSAGE}"]
    assert result.stderr == "Found 1 finding.\n"
    assert result.exit_code == 1


def test_per_file_ignores_of_the_name(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree(
        {
            "pyproject.toml": (
                '[tool.cio-lint]\nper-file-ignores = { "src/**" = ["CIO101"] }\n'
            )
        }
    )

    ignored = cio_lint("--stdin-filename", "src/x.py", "-", stdin=SIGNUP)
    checked = cio_lint("--stdin-filename", "lib/x.py", "-", stdin=SIGNUP)

    assert ignored.stdout == ""
    assert ignored.exit_code == 0
    assert checked.lines == [f"lib/x.py:4:31: CIO101 [*] {MESSAGE}"]


def test_config_found_from_the_name(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    root = write_tree(
        {"service/cio-lint.toml": 'ignore = ["CIO101"]\n', "elsewhere/.keep": ""}
    )

    ignored = cio_lint(
        "--stdin-filename", "../service/x.py", "-", stdin=SIGNUP, cwd=root / "elsewhere"
    )
    checked = cio_lint(
        "--stdin-filename", "x.py", "-", stdin=SIGNUP, cwd=root / "elsewhere"
    )

    assert ignored.stdout == ""
    assert ignored.exit_code == 0
    assert checked.lines == [f"x.py:4:31: CIO101 [*] {MESSAGE}"]


def test_language_from_the_name(write_tree: WriteTree, cio_lint: RunCioLint) -> None:
    write_tree({})

    as_typescript = cio_lint("--stdin-filename", "src/user.ts", "-", stdin=TYPESCRIPT)
    as_python = cio_lint("--stdin-filename", "src/user.py", "-", stdin=TYPESCRIPT)

    assert [line.split(" ")[:2] for line in as_typescript.lines] == [
        ["src/user.ts:3:33:", "CIO101"]
    ]
    assert [line.split(" ")[:2] for line in as_python.lines] == [
        ["src/user.py:1:8:", "CIO001"]
    ]


def test_input_replaces_the_file_on_disk(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree({"x.py": "import customerio\n"})

    result = cio_lint("--stdin-filename", "x.py", stdin=SIGNUP)

    assert result.lines == [f"x.py:4:31: CIO101 [*] {MESSAGE}"]


def test_force_exclude_applies_to_the_name(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree(
        {"cio-lint.toml": 'extend-exclude = ["generated/"]\n', "generated/x.py": ""}
    )

    excluded = cio_lint(
        "--force-exclude", "--stdin-filename", "generated/x.py", "-", stdin=SIGNUP
    )
    named = cio_lint("--stdin-filename", "generated/x.py", "-", stdin=SIGNUP)

    assert excluded.stdout == ""
    assert excluded.exit_code == 0
    assert [line.split(" ")[0] for line in named.lines] == ["generated/x.py:4:31:"]


def test_fix_passes_fixed_input_through(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree({})

    result = cio_lint("--fix", "--stdin-filename", "x.py", "-", stdin=SIGNUP)

    assert result.stdout == SIGNUP.replace(
        "int(time.time() * 1000)", "int(time.time())"
    )
    assert result.stderr == "Found 1 finding (1 fixed, 0 remaining).\n"
    assert result.exit_code == 0


def test_fix_with_output_file(write_tree: WriteTree, cio_lint: RunCioLint) -> None:
    root = write_tree({})
    remaining = SIGNUP.replace("int(time.time() * 1000)", "time.monotonic()")

    result = cio_lint(
        "--fix", "--output-file", "out.txt", "--stdin-filename", "x.py", stdin=remaining
    )

    assert result.stdout == remaining
    assert result.stderr == "Found 1 finding (0 fixed, 1 remaining).\n"
    assert (
        (root / "out.txt")
        .read_text(encoding="utf-8")
        .startswith(
            "x.py:4:31: CIO101 'created_at' receives time.monotonic(), a monotonic"
        )
    )


def test_full_format_frames_the_input(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree({})

    result = cio_lint(
        "--output-format", "full", "--stdin-filename", "new.py", "-", stdin=SIGNUP
    )

    assert result.lines[1:6] == [
        "  |",
        "3 | cio = CustomerIO(SITE_ID, TRACK_KEY)",
        "4 | cio.identify(id=1, created_at=int(time.time() * 1000))",
        "  |                               ^^^^^^^^^^^^^^^^^^^^^^^ CIO101",
        "  |",
    ]


def test_json_format_names_the_file(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree({})

    result = cio_lint(
        "--output-format", "json", "--stdin-filename", "src/x.py", "-", stdin=SIGNUP
    )

    assert [record["path"] for record in json.loads(result.stdout)] == ["src/x.py"]


def test_unsupported_name_is_skipped(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree({})

    result = cio_lint("--stdin-filename", "notes.txt", "-", stdin=SIGNUP)

    assert result.stdout == ""
    assert result.stderr == (
        "cio-lint: warning: notes.txt: not a supported source file, skipped\n"
        "No findings, but 1 file could not be checked (see above).\n"
    )
    assert result.exit_code == 0


def test_dash_needs_stdin_filename(write_tree: WriteTree, cio_lint: RunCioLint) -> None:
    write_tree({})

    result = cio_lint("-", stdin=SIGNUP)

    assert result.exit_code == 2
    assert result.stderr == (
        "cio-lint: error: reading standard input needs --stdin-filename NAME, "
        "which chooses the language and the configuration\n"
    )


def test_stdin_filename_with_other_paths(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree({"y.py": ""})

    with_path = cio_lint("--stdin-filename", "x.py", "y.py", stdin=SIGNUP)
    dash_and_path = cio_lint("--stdin-filename", "x.py", "-", "y.py", stdin=SIGNUP)

    assert with_path.exit_code == 2
    assert with_path.stderr == (
        "cio-lint: error: --stdin-filename checks standard input, so PATHS must "
        "be `-` or nothing, got y.py\n"
    )
    assert dash_and_path.exit_code == 2
    assert dash_and_path.stderr == (
        "cio-lint: error: `-` (standard input) cannot be combined with other paths\n"
    )


def test_stdin_filename_naming_a_directory(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree({"src/.keep": ""})

    result = cio_lint("--stdin-filename", "src", "-", stdin=SIGNUP)

    assert result.exit_code == 2
    assert result.stderr == (
        "cio-lint: error: --stdin-filename must name a file, got directory src\n"
    )
