"""Configuration files and file selection through the installed command."""

from __future__ import annotations

import subprocess

from tests.conftest import RunCioLint, WriteTree

MS_IDENTIFY = """
import time
from customerio import CustomerIO
cio = CustomerIO(SITE_ID, TRACK_KEY)
cio.identify(id=1, created_at=int(time.time() * 1000))
"""


def _locations(stdout: str) -> list[str]:
    return [" ".join(line.split(" ")[:2]) for line in stdout.splitlines()]


def test_pyproject_ignore(write_tree: WriteTree, cio_lint: RunCioLint) -> None:
    write_tree(
        {
            "pyproject.toml": '[tool.cio-lint]\nignore = ["CIO101"]\n',
            "x.py": MS_IDENTIFY,
        }
    )

    result = cio_lint("x.py")

    assert result.stdout == ""
    assert result.exit_code == 0


def test_cli_select_overrides_file_ignore_by_specificity(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree({"cio-lint.toml": 'ignore = ["CIO1"]\n', "x.py": MS_IDENTIFY})

    result = cio_lint("--extend-select", "CIO101", "x.py")

    assert _locations(result.stdout) == ["x.py:4:31: CIO101"]


def test_rule_name_accepted_as_selector(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree({"x.py": MS_IDENTIFY})

    result = cio_lint("--ignore", "millisecond-timestamp", "x.py")

    assert result.stdout == ""
    assert result.exit_code == 0


def test_per_file_ignores(write_tree: WriteTree, cio_lint: RunCioLint) -> None:
    write_tree(
        {
            "pyproject.toml": (
                '[tool.cio-lint]\nper-file-ignores = { "tests/**" = ["CIO101"] }\n'
            ),
            "tests/test_x.py": MS_IDENTIFY,
            "src/x.py": MS_IDENTIFY,
        }
    )

    result = cio_lint(".")

    assert _locations(result.stdout) == ["src/x.py:4:31: CIO101"]


def test_config_found_from_linted_path_not_cwd(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    root = write_tree(
        {
            "project/cio-lint.toml": 'ignore = ["CIO101"]\n',
            "project/x.py": MS_IDENTIFY,
            "elsewhere/.keep": "",
        }
    )

    result = cio_lint("../project", cwd=root / "elsewhere")

    assert result.stdout == ""
    assert result.exit_code == 0


def test_unknown_key_is_one_line_error(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    root = write_tree(
        {"pyproject.toml": '[tool.cio-lint]\nselct = ["CIO"]\n', "x.py": MS_IDENTIFY}
    )

    result = cio_lint("x.py")

    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"cio-lint: error: {root / 'pyproject.toml'}: [tool.cio-lint] unknown key "
        "'selct'\n"
    )


def test_unknown_code_in_config_is_error(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    root = write_tree({"cio-lint.toml": 'select = ["CIO999"]\n', "x.py": MS_IDENTIFY})

    result = cio_lint("x.py")

    assert result.exit_code == 2
    assert result.stderr == (
        f"cio-lint: error: {root / 'cio-lint.toml'}: unknown rule code or name "
        "'CIO999' in 'select'\n"
    )


def test_wrong_type_is_error(write_tree: WriteTree, cio_lint: RunCioLint) -> None:
    root = write_tree({"cio-lint.toml": "respect-gitignore = 'yes'\n", "x.py": ""})

    result = cio_lint("x.py")

    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"cio-lint: error: {root / 'cio-lint.toml'}: ")
    assert "'respect-gitignore'" in result.stderr
    assert "'yes'" in result.stderr


def test_toml_syntax_error(write_tree: WriteTree, cio_lint: RunCioLint) -> None:
    root = write_tree({"cio-lint.toml": "select = [\n", "x.py": ""})

    result = cio_lint("x.py")

    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"cio-lint: error: {root / 'cio-lint.toml'}: ")


def test_isolated_ignores_config(write_tree: WriteTree, cio_lint: RunCioLint) -> None:
    write_tree({"cio-lint.toml": "bogus = 1\n", "x.py": MS_IDENTIFY})

    result = cio_lint("--isolated", "x.py")

    assert _locations(result.stdout) == ["x.py:4:31: CIO101"]


def test_explicit_config_file(write_tree: WriteTree, cio_lint: RunCioLint) -> None:
    write_tree({"custom.toml": 'ignore = ["CIO101"]\n', "x.py": MS_IDENTIFY})

    result = cio_lint("--config", "custom.toml", "x.py")

    assert result.stdout == ""


def test_gitignored_and_default_excluded_files_skipped(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree(
        {
            ".gitignore": "generated/\n",
            "generated/x.py": MS_IDENTIFY,
            "node_modules/pkg/x.py": MS_IDENTIFY,
            ".venv/lib/x.py": MS_IDENTIFY,
            "build/x.py": MS_IDENTIFY,
            "src/x.py": MS_IDENTIFY,
        }
    )

    result = cio_lint(".")

    assert _locations(result.stdout) == ["src/x.py:4:31: CIO101"]


def test_explicit_excluded_file_is_linted_unless_forced(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    root = write_tree({".gitignore": "generated/\n", "generated/x.py": MS_IDENTIFY})
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)

    linted = cio_lint("generated/x.py")
    forced = cio_lint("--force-exclude", "generated/x.py")

    assert _locations(linted.stdout) == ["generated/x.py:4:31: CIO101"]
    assert forced.stdout == ""
    assert forced.exit_code == 0


def test_extend_exclude(write_tree: WriteTree, cio_lint: RunCioLint) -> None:
    write_tree(
        {
            "cio-lint.toml": 'extend-exclude = ["legacy/"]\n',
            "legacy/x.py": MS_IDENTIFY,
            "x.py": MS_IDENTIFY,
        }
    )

    result = cio_lint(".")

    assert _locations(result.stdout) == ["x.py:4:31: CIO101"]


def test_path_given_twice_reported_once(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree({"x.py": MS_IDENTIFY})

    result = cio_lint("x.py", "./x.py", ".")

    assert _locations(result.stdout) == ["x.py:4:31: CIO101"]
