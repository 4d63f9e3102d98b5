"""Tests for cio_lint.config: finding, reading and validating the configuration."""

from __future__ import annotations

from pathlib import Path

import pytest

from cio_lint.config import (
    CliOverrides,
    SelectorSource,
    Settings,
    find_config_file,
    load_settings,
)
from cio_lint.errors import ConfigError


@pytest.fixture
def base(tmp_path: Path) -> Path:
    # Resolved, because the settings and error messages hold resolved paths.
    return tmp_path.resolve()


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def load_file(path: Path, overrides: CliOverrides | None = None) -> Settings:
    return load_settings(
        [], cwd=path.parent, config_file=path, overrides=overrides or CliOverrides()
    )


def config_error(path: Path) -> str:
    with pytest.raises(ConfigError) as caught:
        load_file(path)
    return str(caught.value)


# Finding the file.


def test_find_prefers_dot_cio_lint_toml(base: Path) -> None:
    write(base / "pyproject.toml", "[tool.cio-lint]\n")
    write(base / "cio-lint.toml", "")
    write(base / ".cio-lint.toml", "")

    assert find_config_file(base) == base / ".cio-lint.toml"

    (base / ".cio-lint.toml").unlink()
    assert find_config_file(base) == base / "cio-lint.toml"

    (base / "cio-lint.toml").unlink()
    assert find_config_file(base) == base / "pyproject.toml"


def test_find_closest_directory_wins(base: Path) -> None:
    write(base / ".cio-lint.toml", "")
    write(base / "app" / "pyproject.toml", "[tool.cio-lint]\n")
    (base / "app" / "src").mkdir()

    assert find_config_file(base / "app" / "src") == base / "app" / "pyproject.toml"


def test_find_skips_pyproject_without_table(base: Path) -> None:
    write(base / "cio-lint.toml", "")
    write(base / "app" / "pyproject.toml", "[tool.ruff]\nline-length = 88\n")

    assert find_config_file(base / "app") == base / "cio-lint.toml"


def test_find_skips_directory_named_like_config(base: Path) -> None:
    (base / "app" / ".cio-lint.toml").mkdir(parents=True)
    write(base / "cio-lint.toml", "")

    assert find_config_file(base / "app") == base / "cio-lint.toml"


def test_find_rejects_unparsable_pyproject(base: Path) -> None:
    write(base / "cio-lint.toml", "")
    write(base / "app" / "pyproject.toml", "[tool.cio-lint\n")

    with pytest.raises(ConfigError) as caught:
        find_config_file(base / "app")

    assert str(caught.value) == (
        f"{base}/app/pyproject.toml: invalid TOML: Expected ']' at the end of a "
        "table declaration (at line 1, column 15)"
    )


def test_find_returns_none_without_config(base: Path) -> None:
    write(base / "pyproject.toml", "[project]\nname = 'x'\n")

    assert find_config_file(base) is None


# Loading: which file, root and defaults.


def test_load_searches_from_common_parent_of_paths(base: Path) -> None:
    write(base / ".cio-lint.toml", 'select = ["CIO1"]\n')
    write(base / "proj" / "cio-lint.toml", 'select = ["CIO2"]\n')
    write(base / "proj" / "a" / "x.py", "")
    (base / "proj" / "b").mkdir()

    settings = load_settings(
        [base / "proj" / "a" / "x.py", base / "proj" / "b"], cwd=base
    )

    assert settings.config_path == base / "proj" / "cio-lint.toml"
    assert settings.root == base / "proj"
    assert settings.select == ("CIO2",)


def test_load_resolves_relative_paths_from_cwd(base: Path) -> None:
    write(base / "proj" / "cio-lint.toml", "")
    (base / "proj" / "src").mkdir()

    settings = load_settings([Path("proj/src")], cwd=base)

    assert settings.config_path == base / "proj" / "cio-lint.toml"


def test_load_falls_back_to_cwd(base: Path) -> None:
    write(base / "work" / ".cio-lint.toml", 'ignore = ["CIO1"]\n')
    (base / "elsewhere").mkdir()

    settings = load_settings([base / "elsewhere"], cwd=base / "work")

    assert settings.config_path == base / "work" / ".cio-lint.toml"
    assert settings.root == base / "work"
    assert settings.ignore == ("CIO1",)


def test_load_defaults_without_config(base: Path) -> None:
    settings = load_settings([Path(".")], cwd=base)

    assert settings == Settings(root=base, config_path=None)
    assert settings.select == ("CIO",)
    assert settings.respect_gitignore is True
    assert settings.force_exclude is False


def test_load_reads_every_key(base: Path) -> None:
    path = write(
        base / "pyproject.toml",
        """\
[tool.cio-lint]
select = ["CIO1", "millisecond-timestamp"]
extend-select = ["CIO201"]
ignore = ["CIO105"]
exclude = ["generated/"]
extend-exclude = ["*_pb2.py"]
respect-gitignore = false

[tool.cio-lint.per-file-ignores]
"tests/*" = ["CIO101"]
"scripts/" = ["CIO2", "CIO3"]
""",
    )

    settings = load_settings([base], cwd=base)

    assert settings.config_path == path
    assert settings.select == ("CIO1", "millisecond-timestamp")
    assert settings.extend_select == ("CIO201",)
    assert settings.ignore == ("CIO105",)
    assert settings.exclude == ("generated/",)
    assert settings.extend_exclude == ("*_pb2.py",)
    assert settings.respect_gitignore is False
    assert settings.per_file_ignores == (
        ("tests/*", ("CIO101",)),
        ("scripts/", ("CIO2", "CIO3")),
    )


def test_load_normalizes_selectors(base: Path) -> None:
    path = write(
        base / "cio-lint.toml",
        'select = [" cio1 ", "all", "Millisecond-Timestamp", "CIO101"]\n',
    )

    settings = load_file(path)

    assert settings.select == ("CIO1", "ALL", "millisecond-timestamp", "CIO101")


def test_load_records_selector_sources(base: Path) -> None:
    path = write(
        base / "cio-lint.toml",
        'select = ["CIO1"]\nignore = ["CIO105"]\n'
        '[per-file-ignores]\n"tests/" = ["CIO2"]\n',
    )

    settings = load_file(path, overrides=CliOverrides(extend_select=("cio3",)))

    assert settings.selector_sources == (
        SelectorSource(str(path), "select", ("CIO1",)),
        SelectorSource(str(path), "ignore", ("CIO105",)),
        SelectorSource(str(path), "per-file-ignores", ("CIO2",)),
        SelectorSource("--extend-select", None, ("CIO3",)),
    )


# Explicit file and isolated mode.


def test_config_option_reads_pyproject_table(base: Path) -> None:
    write(base / ".cio-lint.toml", 'select = ["CIO1"]\n')
    path = write(
        base / "conf" / "pyproject.toml", '[tool.cio-lint]\nselect = ["CIO2"]\n'
    )

    settings = load_settings([base], cwd=base, config_file=path)

    assert settings.config_path == path
    assert settings.root == base / "conf"
    assert settings.select == ("CIO2",)


def test_config_option_reads_any_name_as_table(base: Path) -> None:
    write(base / "ci.toml", 'select = ["CIO2"]\n')

    settings = load_settings([], cwd=base, config_file=Path("ci.toml"))

    assert settings.config_path == base / "ci.toml"
    assert settings.select == ("CIO2",)


def test_config_option_missing_file(base: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings([], cwd=base, config_file=Path("missing.toml"))

    assert str(caught.value) == "missing.toml: config file not found"


def test_config_option_pyproject_without_table(base: Path) -> None:
    path = write(base / "pyproject.toml", "[tool.ruff]\n")

    assert config_error(path) == f"{path}: has no [tool.cio-lint] table"


def test_isolated_ignores_config_files(base: Path) -> None:
    write(base / ".cio-lint.toml", 'select = ["CIO1"]\nunknown = 1\n')

    settings = load_settings(
        [base],
        cwd=base,
        isolated=True,
        overrides=CliOverrides(ignore=("CIO105",)),
    )

    assert settings.config_path is None
    assert settings.root == base
    assert settings.select == ("CIO",)
    assert settings.ignore == ()
    assert settings.cli.ignore == ("CIO105",)


# Command-line overrides.


def test_cli_select_replaces_file_select(base: Path) -> None:
    path = write(base / "cio-lint.toml", 'select = ["CIO1"]\n')

    settings = load_file(path, overrides=CliOverrides(select=("cio2", "ALL")))

    assert settings.select == ("CIO1",)
    assert settings.cli.select == ("CIO2", "ALL")
    assert SelectorSource(str(path), "select", ("CIO1",)) in settings.selector_sources
    assert SelectorSource("--select", None, ("CIO2", "ALL")) in (
        settings.selector_sources
    )


def test_cli_extend_select_and_ignore_kept_apart(base: Path) -> None:
    path = write(
        base / "cio-lint.toml",
        'extend-select = ["CIO1"]\nignore = ["CIO105"]\n',
    )

    settings = load_file(
        path,
        overrides=CliOverrides(extend_select=("CIO2",), ignore=(" cio106",)),
    )

    assert settings.select == ("CIO",)
    assert settings.extend_select == ("CIO1",)
    assert settings.ignore == ("CIO105",)
    assert settings.cli.extend_select == ("CIO2",)
    assert settings.cli.ignore == ("CIO106",)


def test_empty_cli_select_is_error(base: Path) -> None:
    with pytest.raises(ConfigError) as raised:
        load_settings([], cwd=base, overrides=CliOverrides(select=()))

    assert str(raised.value) == "--select: no rule code or name given"


def test_cli_force_exclude(base: Path) -> None:
    settings = load_settings([], cwd=base, overrides=CliOverrides(force_exclude=True))

    assert settings.force_exclude is True


# Validation errors.


def test_unknown_key_in_pyproject(base: Path) -> None:
    path = write(base / "pyproject.toml", '[tool.cio-lint]\nselct = ["CIO1"]\n')

    assert config_error(path) == f"{path}: [tool.cio-lint] unknown key 'selct'"


def test_unknown_key_in_cio_lint_toml(base: Path) -> None:
    path = write(base / "cio-lint.toml", "force-exclude = true\n")

    assert config_error(path) == f"{path}: unknown key 'force-exclude'"


def test_select_must_be_list(base: Path) -> None:
    path = write(base / "cio-lint.toml", 'select = "CIO1"\n')

    assert config_error(path) == (
        f"{path}: 'select' must be a list of strings, got 'CIO1'"
    )


def test_select_items_must_be_strings(base: Path) -> None:
    path = write(base / "pyproject.toml", '[tool.cio-lint]\nignore = ["CIO1", 3]\n')

    assert config_error(path) == (
        f"{path}: [tool.cio-lint] 'ignore' must be a list of strings, got ['CIO1', 3]"
    )


def test_number_for_list_key(base: Path) -> None:
    path = write(base / "cio-lint.toml", "select = 3\n")

    assert config_error(path) == f"{path}: 'select' must be a list of strings, got 3"


def test_exclude_must_be_list(base: Path) -> None:
    path = write(base / "cio-lint.toml", 'extend-exclude = "build"\n')

    assert config_error(path) == (
        f"{path}: 'extend-exclude' must be a list of strings, got 'build'"
    )


def test_exclude_invalid_pattern(base: Path) -> None:
    path = write(base / "cio-lint.toml", 'exclude = ["ok/", "!"]\n')

    assert config_error(path) == (
        f"{path}: 'exclude' has an invalid pattern '!': Invalid git pattern: '!'"
    )


def test_respect_gitignore_must_be_boolean(base: Path) -> None:
    path = write(base / "cio-lint.toml", 'respect-gitignore = "yes"\n')

    assert config_error(path) == (
        f"{path}: 'respect-gitignore' must be true or false, got 'yes'"
    )


def test_per_file_ignores_must_be_table(base: Path) -> None:
    path = write(base / "cio-lint.toml", 'per-file-ignores = ["CIO1"]\n')

    assert config_error(path) == (
        f"{path}: 'per-file-ignores' must be a table of lists of strings, got ['CIO1']"
    )


def test_per_file_ignores_entry_must_be_list(base: Path) -> None:
    path = write(base / "cio-lint.toml", '[per-file-ignores]\n"tests/" = "CIO1"\n')

    assert config_error(path) == (
        f"{path}: 'per-file-ignores' entry 'tests/' must be a list of strings, "
        "got 'CIO1'"
    )


def test_per_file_ignores_invalid_pattern(base: Path) -> None:
    path = write(base / "cio-lint.toml", '[per-file-ignores]\n"!" = ["CIO1"]\n')

    assert config_error(path) == (
        f"{path}: 'per-file-ignores' has an invalid pattern '!': "
        "Invalid git pattern: '!'"
    )


def test_tool_table_must_be_table(base: Path) -> None:
    path = write(base / "pyproject.toml", '[tool]\ncio-lint = "on"\n')

    assert config_error(path) == f"{path}: [tool.cio-lint] must be a table, got 'on'"


def test_toml_syntax_error_on_one_line(base: Path) -> None:
    path = write(base / "cio-lint.toml", "select = [\n")

    assert config_error(path) == (
        f"{path}: invalid TOML: Invalid value (at end of document)"
    )


def test_non_utf8_file(base: Path) -> None:
    path = base / "cio-lint.toml"
    path.write_bytes(b'select = ["\xff"]\n')

    assert config_error(path) == (
        f"{path}: invalid TOML: not UTF-8 (invalid start byte)"
    )


def test_unreadable_file(base: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(base / "cio-lint.toml", "")

    # Simulated, because root can read a file whatever its mode.
    def read_bytes(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", read_bytes)

    assert config_error(path) == f"{path}: cannot read config file: Permission denied"


def test_bom_is_accepted(base: Path) -> None:
    path = base / "cio-lint.toml"
    path.write_bytes(b'\xef\xbb\xbfselect = ["CIO1"]\n')

    assert load_file(path).select == ("CIO1",)


def test_region_read_lower_case(base: Path) -> None:
    path = write(base / "cio-lint.toml", 'region = "EU"\n')
    assert load_file(path).region == "eu"


def test_region_must_be_us_or_eu(base: Path) -> None:
    path = write(base / "cio-lint.toml", "region = 1\n")
    assert config_error(path) == f"{path}: 'region' must be 'us' or 'eu', got 1"
