"""`--show-settings`, `--show-files`, `--fix` and `--exit-non-zero-on-fix`."""

from __future__ import annotations

import json

from cio_lint.discovery import DEFAULT_EXCLUDES
from cio_lint.rules import ALL_RULES
from tests.conftest import RunCioLint, WriteTree

SIGNUP = """
import time
from customerio import CustomerIO
cio = CustomerIO(SITE_ID, TRACK_KEY)
cio.identify(id=1, created_at=int(time.time() * 1000))
"""
CLEAN = """
from customerio import CustomerIO
cio = CustomerIO(SITE_ID, TRACK_KEY)
cio.identify(id=1, plan="pro")
"""
CONFIG = """
[tool.cio-lint]
ignore = ["CIO102"]
per-file-ignores = { "tests/**" = ["CIO101"] }
extend-exclude = ["generated/"]
"""


def test_show_settings_lists_configuration(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    root = write_tree({"pyproject.toml": CONFIG, "src/x.py": SIGNUP})

    result = cio_lint("--show-settings", "--select", "CIO1", "src")

    enabled = [rule.code for rule in ALL_RULES if rule.code.startswith("CIO1")]
    names = [rule.name for rule in ALL_RULES if rule.code.startswith("CIO1")]
    assert f'root = "{root}"' in result.lines
    assert f'config-file = "{root / "pyproject.toml"}"' in result.lines
    assert 'ignore = ["CIO102"]' in result.lines
    assert 'per-file-ignores = {"tests/**" = ["CIO101"]}' in result.lines
    assert 'extend-exclude = ["generated/"]' in result.lines
    assert "respect-gitignore = true" in result.lines
    assert f"exclude = {json.dumps(list(DEFAULT_EXCLUDES))}  # the default" in (
        result.lines
    )
    assert 'command-line.select = ["CIO1"]' in result.lines
    assert f"enabled-rules = {json.dumps(enabled)}" in result.lines
    assert f"enabled-rule-names = {json.dumps(names)}" in result.lines
    assert result.stderr == ""
    assert result.exit_code == 0


def test_show_settings_without_config(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree({"x.py": SIGNUP})

    result = cio_lint("--show-settings", "--isolated", "x.py")

    assert 'config-file = ""  # none' in result.lines
    assert "command-line.select = []  # not given" in result.lines
    assert result.exit_code == 0


def test_show_settings_reports_bad_config(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    root = write_tree({"cio-lint.toml": 'select = ["CIO999"]\n', "x.py": ""})

    result = cio_lint("--show-settings", "x.py")

    assert result.exit_code == 2
    assert result.stderr == (
        f"cio-lint: error: {root / 'cio-lint.toml'}: unknown rule code or name "
        "'CIO999' in 'select'\n"
    )


def test_show_files_applies_excludes(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree(
        {
            "pyproject.toml": CONFIG,
            ".gitignore": "ignored.py\n",
            "src/app.py": SIGNUP,
            "src/util.ts": "",
            "src/types.d.ts": "",
            "src/ignored.py": SIGNUP,
            "generated/client.py": SIGNUP,
            "node_modules/lib/index.js": "",
            "README.md": "",
        }
    )

    result = cio_lint("--show-files", ".")

    assert result.lines == ["src/app.py", "src/util.ts"]
    assert result.stderr == ""
    assert result.exit_code == 0


def test_show_files_missing_path(write_tree: WriteTree, cio_lint: RunCioLint) -> None:
    write_tree({"x.py": ""})

    result = cio_lint("--show-files", "x.py", "missing")

    assert result.lines == ["x.py"]
    assert result.stderr == "cio-lint: error: missing: no such file or directory\n"
    assert result.exit_code == 2


def test_show_options_exclude_each_other(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree({"x.py": ""})

    result = cio_lint("--show-files", "--show-settings", "x.py")

    assert result.exit_code == 2
    assert result.stderr == (
        "cio-lint: error: --show-settings and --show-files cannot be used together\n"
    )


def test_fix_changes_nothing_and_reports(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    root = write_tree({"x.py": SIGNUP})
    before = (root / "x.py").read_bytes()

    result = cio_lint("--fix", "x.py")

    assert [line.split(" ")[0] for line in result.lines] == ["x.py:4:31:"]
    assert result.stderr == "Found 1 finding.\n"
    assert result.exit_code == 1
    assert (root / "x.py").read_bytes() == before


def test_exit_non_zero_on_fix_with_findings(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree({"bad.py": SIGNUP, "clean.py": CLEAN})

    bad = cio_lint("--fix", "--exit-non-zero-on-fix", "bad.py")
    clean = cio_lint("--fix", "--exit-non-zero-on-fix", "clean.py")

    assert bad.exit_code == 1
    assert [line.split(" ")[0] for line in bad.lines] == ["bad.py:4:31:"]
    assert clean.exit_code == 0
    assert clean.stdout == ""
    assert clean.stderr == "All checks passed.\n"


def test_exit_zero_with_exit_non_zero_on_fix(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree({"bad.py": SIGNUP})

    result = cio_lint("--fix", "--exit-non-zero-on-fix", "--exit-zero", "bad.py")

    # Nothing was fixed, so only the remaining finding could fail the run,
    # and --exit-zero allows that.
    assert result.exit_code == 0
    assert [line.split(" ")[0] for line in result.lines] == ["bad.py:4:31:"]


def test_help_documents_fix_options(cio_lint: RunCioLint) -> None:
    result = cio_lint("--help")

    text = " ".join(result.stdout.split())
    assert "--fix Apply the fixes that rules offer. No rule offers a fix yet" in text
    assert "--exit-non-zero-on-fix Exit with 1 when --fix changed anything" in text
    assert "--stdin-filename NAME" in text
    assert "--output-format [concise|full|json|sarif|github]" in text
