"""`--show-settings`, `--show-files` and the help text of the fix options."""

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
    assert 'fixable = ["ALL"]  # the default' in result.lines
    assert "unfixable = []" in result.lines
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


def test_help_documents_fix_options(cio_lint: RunCioLint) -> None:
    result = cio_lint("--help")

    text = " ".join(result.stdout.split())
    assert "--fix Apply safe fixes to the files" in text
    assert "--unsafe-fixes Also apply fixes that may change behaviour" in text
    assert "--diff Print a unified diff of what --fix would change" in text
    assert "--fix-only Apply fixes like --fix, but report no findings" in text
    assert "--show-fixes List on standard error each fix" in text
    assert "--exit-non-zero-on-fix Exit with 1 when --fix changed anything" in text
    assert "--stdin-filename NAME" in text
    assert "--output-format [concise|full|json|sarif|github]" in text
