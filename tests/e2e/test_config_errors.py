"""Every invalid config value: one line naming file, key and value, exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import RunCioLint
from tests.e2e.test_bad_input import GOOD

TABLE = "[tool.cio-lint] "

CASES = [
    ('select = "CIO"', TABLE + "'select' must be a list of strings, got 'CIO'"),
    (
        'select = ["CIO101", 5]',
        TABLE + "'select' must be a list of strings, got ['CIO101', 5]",
    ),
    ('select = ["NOPE"]', "unknown rule code or name 'NOPE' in 'select'"),
    (
        "extend-select = [1]",
        TABLE + "'extend-select' must be a list of strings, got [1]",
    ),
    ("ignore = 3", TABLE + "'ignore' must be a list of strings, got 3"),
    ('ignore = ["NOPE"]', "unknown rule code or name 'NOPE' in 'ignore'"),
    (
        "per-file-ignores = 1",
        TABLE + "'per-file-ignores' must be a table of lists of strings, got 1",
    ),
    (
        'per-file-ignores = { "a.py" = "CIO101" }',
        TABLE + "'per-file-ignores' entry 'a.py' must be a list of strings, "
        "got 'CIO101'",
    ),
    (
        'per-file-ignores = { "a.py" = ["NOPE"] }',
        "unknown rule code or name 'NOPE' in 'per-file-ignores'",
    ),
    ("exclude = [1]", TABLE + "'exclude' must be a list of strings, got [1]"),
    (
        'extend-exclude = "x"',
        TABLE + "'extend-exclude' must be a list of strings, got 'x'",
    ),
    (
        'extend-exclude = ["[z-a]"]',
        TABLE + "'extend-exclude' has an invalid pattern '[z-a]': "
        "bad character range z-a at position 10",
    ),
    (
        'respect-gitignore = "yes"',
        TABLE + "'respect-gitignore' must be true or false, got 'yes'",
    ),
    (
        'event-name-style = "(("',
        TABLE + "'event-name-style' = '((': invalid regular expression: "
        "missing ), unterminated subpattern at position 1",
    ),
    (
        "pipelines-event-name-style = []",
        TABLE + "'pipelines-event-name-style' must be a style name or regular "
        "expression, got []",
    ),
    ('region = "asia"', TABLE + "'region' must be 'us' or 'eu', got 'asia'"),
    ('cache-dir = ""', TABLE + "'cache-dir' must be a non-empty path, got ''"),
    ("cache-dir = 5", TABLE + "'cache-dir' must be a non-empty path, got 5"),
    ('fixable = "ALL"', TABLE + "'fixable' must be a list of strings, got 'ALL'"),
    ('unfixable = ["XYZ"]', "unknown rule code or name 'XYZ' in 'unfixable'"),
    ("force-exclude = true", TABLE + "unknown key 'force-exclude'"),
    ("select = [", "invalid TOML: Invalid value (at end of document)"),
]


@pytest.mark.parametrize(("line", "message"), CASES, ids=[case[0] for case in CASES])
def test_invalid_config_value(
    tmp_path: Path, cio_lint: RunCioLint, line: str, message: str
) -> None:
    config = tmp_path / "pyproject.toml"
    config.write_text(f"[tool.cio-lint]\n{line}\n", encoding="utf-8")
    (tmp_path / "good.py").write_text(GOOD, encoding="utf-8")

    result = cio_lint("good.py")

    assert result.stdout == ""
    assert result.stderr == f"cio-lint: error: {config.resolve()}: {message}\n"
    assert result.exit_code == 2


def test_invalid_value_in_cio_lint_toml(tmp_path: Path, cio_lint: RunCioLint) -> None:
    config = tmp_path / "cio-lint.toml"
    config.write_text('region = "asia"\n', encoding="utf-8")

    result = cio_lint(".")

    assert result.stderr == (
        f"cio-lint: error: {config.resolve()}: 'region' must be 'us' or 'eu', "
        "got 'asia'\n"
    )
    assert result.exit_code == 2
