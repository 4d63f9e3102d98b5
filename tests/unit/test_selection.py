"""Tests for cio_lint.selection: selector matching, specificity and per-file ignores."""

from __future__ import annotations

from pathlib import Path

import pytest

from cio_lint.config import CliOverrides, Settings, load_settings
from cio_lint.errors import ConfigError
from cio_lint.selection import RuleSelection

KNOWN = {
    "CIO101": "millisecond-timestamp",
    "CIO102": "future-timestamp",
    "CIO105": "naive-datetime",
    "CIO110": "timestamp-string",
    "CIO201": "hardcoded-api-key",
    "CIO301": "unbounded-retry",
}
ROOT = Path("/project")


def enabled(
    select: tuple[str, ...] = ("CIO",),
    extend_select: tuple[str, ...] = (),
    ignore: tuple[str, ...] = (),
) -> list[str]:
    settings = Settings(
        root=ROOT,
        config_path=None,
        select=select,
        extend_select=extend_select,
        ignore=ignore,
    )
    return sorted(RuleSelection.build(settings, KNOWN).enabled)


def build_error(settings: Settings, known: dict[str, str] = KNOWN) -> str:
    with pytest.raises(ConfigError) as caught:
        RuleSelection.build(settings, known)
    return str(caught.value)


# Enabled codes.


def test_default_select_enables_all() -> None:
    assert enabled() == sorted(KNOWN)


def test_prefix_selects_group() -> None:
    assert enabled(select=("CIO1",)) == ["CIO101", "CIO102", "CIO105", "CIO110"]
    assert enabled(select=("CIO10",)) == ["CIO101", "CIO102", "CIO105"]
    assert enabled(select=("CIO101",)) == ["CIO101"]


def test_selectors_are_case_insensitive() -> None:
    assert enabled(select=("cio2", "Cio301")) == ["CIO201", "CIO301"]


def test_empty_select_enables_nothing() -> None:
    assert enabled(select=()) == []


def test_extend_select_adds_to_select() -> None:
    assert enabled(select=("CIO2",), extend_select=("CIO301",)) == [
        "CIO201",
        "CIO301",
    ]


def test_longer_ignore_beats_shorter_select() -> None:
    assert enabled(select=("CIO1",), ignore=("CIO10",)) == ["CIO110"]


def test_longer_select_beats_shorter_ignore() -> None:
    assert enabled(select=("CIO", "CIO101"), ignore=("CIO1",)) == [
        "CIO101",
        "CIO201",
        "CIO301",
    ]


def test_tie_between_select_and_ignore_ignores() -> None:
    assert enabled(select=("CIO1",), ignore=("CIO1",)) == []
    assert enabled(extend_select=("CIO201",), ignore=("CIO201",)) == [
        "CIO101",
        "CIO102",
        "CIO105",
        "CIO110",
        "CIO301",
    ]


def test_name_selects_exactly_its_code() -> None:
    assert enabled(select=("millisecond-timestamp",)) == ["CIO101"]


def test_name_is_more_specific_than_code() -> None:
    assert enabled(select=("CIO101",), ignore=("millisecond-timestamp",)) == []
    assert enabled(select=("millisecond-timestamp",), ignore=("CIO101",)) == ["CIO101"]


def test_name_tie_ignores() -> None:
    assert enabled(select=("future-timestamp",), ignore=("future-timestamp",)) == []


def test_all_selects_everything() -> None:
    assert enabled(select=("ALL",)) == sorted(KNOWN)
    assert enabled(select=("all",), ignore=("CIO1",)) == ["CIO201", "CIO301"]


def test_all_is_least_specific() -> None:
    assert enabled(select=("CIO2",), ignore=("ALL",)) == ["CIO201"]
    assert enabled(select=("ALL",), ignore=("ALL",)) == []


def test_one_word_rule_name() -> None:
    known = {"CIO101": "timestamps"}
    settings = load_settings(
        [], cwd=ROOT, isolated=True, overrides=CliOverrides(select=("Timestamps",))
    )

    # The config layer upper-cases a code-shaped selector, and the name still
    # matches.
    assert settings.cli.select == ("TIMESTAMPS",)
    assert RuleSelection.build(settings, known).enabled == {"CIO101"}


def test_is_enabled() -> None:
    settings = Settings(root=ROOT, config_path=None, select=("CIO2",))
    selection = RuleSelection.build(settings, KNOWN)

    assert selection.is_enabled("CIO201") is True
    assert selection.is_enabled("CIO101") is False


# Unknown selectors.


def test_unknown_code_from_file(tmp_path: Path) -> None:
    path = tmp_path / "cio-lint.toml"
    path.write_text('select = ["CIO1", "CIO999"]\n', encoding="utf-8")
    settings = load_settings([], cwd=tmp_path, config_file=path)

    assert build_error(settings) == (
        f"{path.resolve()}: unknown rule code or name 'CIO999' in 'select'"
    )


def test_unknown_name_from_file_ignore(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text('[tool.cio-lint]\nignore = ["no-such-rule"]\n', encoding="utf-8")
    settings = load_settings([], cwd=tmp_path, config_file=path)

    assert build_error(settings) == (
        f"{path.resolve()}: unknown rule code or name 'no-such-rule' in 'ignore'"
    )


def test_unknown_code_in_per_file_ignores(tmp_path: Path) -> None:
    path = tmp_path / "cio-lint.toml"
    path.write_text('[per-file-ignores]\n"tests/" = ["cio9"]\n', encoding="utf-8")
    settings = load_settings([], cwd=tmp_path, config_file=path)

    assert build_error(settings) == (
        f"{path.resolve()}: unknown rule code or name 'CIO9' in 'per-file-ignores'"
    )


def test_file_select_checked_when_cli_replaces_it(tmp_path: Path) -> None:
    path = tmp_path / "cio-lint.toml"
    path.write_text('select = ["CIO999"]\n', encoding="utf-8")
    overrides = CliOverrides(select=("CIO1",))
    settings = load_settings([], cwd=tmp_path, config_file=path, overrides=overrides)

    assert settings.cli.select == ("CIO1",)
    assert build_error(settings) == (
        f"{path.resolve()}: unknown rule code or name 'CIO999' in 'select'"
    )


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            CliOverrides(select=("CIO999",)),
            "--select: unknown rule code or name 'CIO999'",
        ),
        (
            CliOverrides(extend_select=("CIO1", "bogus-rule")),
            "--extend-select: unknown rule code or name 'bogus-rule'",
        ),
        (
            CliOverrides(ignore=("CI",)),
            "--ignore: unknown rule code or name 'CI'",
        ),
    ],
)
def test_unknown_selector_from_cli(overrides: CliOverrides, message: str) -> None:
    settings = load_settings([], cwd=ROOT, isolated=True, overrides=overrides)

    assert build_error(settings) == message


def test_letters_must_match_whole_prefix() -> None:
    settings = load_settings(
        [], cwd=ROOT, isolated=True, overrides=CliOverrides(select=("C",))
    )

    assert build_error(settings) == "--select: unknown rule code or name 'C'"


def test_hand_built_settings_are_checked() -> None:
    settings = Settings(root=ROOT, config_path=None, ignore=("CIO999",))

    assert build_error(settings) == (
        "settings: unknown rule code or name 'CIO999' in 'ignore'"
    )


def test_default_select_not_checked() -> None:
    settings = Settings(root=ROOT, config_path=None)

    assert RuleSelection.build(settings, {}).enabled == frozenset()


# Per-file ignores.


def selection_with(*entries: tuple[str, tuple[str, ...]]) -> RuleSelection:
    settings = Settings(root=ROOT, config_path=None, per_file_ignores=entries)
    return RuleSelection.build(settings, KNOWN)


def test_per_file_ignores_directory_pattern() -> None:
    selection = selection_with(("tests/", ("CIO101",)))

    assert selection.is_ignored_for("CIO101", ROOT / "tests" / "unit" / "a.py")
    assert selection.is_ignored_for("CIO101", ROOT / "pkg" / "tests" / "b.py")
    assert not selection.is_ignored_for("CIO102", ROOT / "tests" / "a.py")
    assert not selection.is_ignored_for("CIO101", ROOT / "src" / "a.py")


def test_per_file_ignores_anchored_pattern() -> None:
    selection = selection_with(("/scripts/*.py", ("CIO2",)))

    assert selection.is_ignored_for("CIO201", ROOT / "scripts" / "run.py")
    assert not selection.is_ignored_for("CIO201", ROOT / "pkg" / "scripts" / "x.py")


def test_per_file_ignores_suffix_pattern() -> None:
    selection = selection_with(("*.pyi", ("ALL",)))

    assert selection.is_ignored_for("CIO301", ROOT / "stubs" / "a.pyi")
    assert not selection.is_ignored_for("CIO301", ROOT / "stubs" / "a.py")


def test_per_file_ignores_by_name_and_prefix() -> None:
    selection = selection_with(("a.py", ("future-timestamp", "CIO3")))

    assert selection.is_ignored_for("CIO102", ROOT / "a.py")
    assert selection.is_ignored_for("CIO301", ROOT / "a.py")
    assert not selection.is_ignored_for("CIO101", ROOT / "a.py")


def test_per_file_ignores_outside_root_by_name() -> None:
    selection = selection_with(("conftest.py", ("CIO1",)), ("/tools/", ("CIO2",)))

    assert selection.is_ignored_for("CIO101", Path("/elsewhere/pkg/conftest.py"))
    assert not selection.is_ignored_for("CIO201", Path("/elsewhere/tools/x.py"))


def test_per_file_ignores_relative_path_from_cwd(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path.resolve()
    monkeypatch.chdir(root)
    settings = Settings(
        root=root, config_path=None, per_file_ignores=(("gen/", ("CIO1",)),)
    )
    selection = RuleSelection.build(settings, KNOWN)

    assert selection.is_ignored_for("CIO101", Path("gen/a.py"))
    assert not selection.is_ignored_for("CIO101", Path("src/a.py"))


def test_per_file_ignores_do_not_change_enabled() -> None:
    selection = selection_with(("tests/", ("CIO1",)))

    assert selection.enabled == frozenset(KNOWN)


@pytest.mark.parametrize(
    ("file_selectors", "cli", "enabled"),
    [
        pytest.param(
            {"select": ("millisecond-timestamp",)},
            CliOverrides(ignore=("CIO101",)),
            set(),
            id="cli-ignore-beats-file-name",
        ),
        pytest.param(
            {"select": ("CIO101",)},
            CliOverrides(ignore=("CIO1",)),
            set(),
            id="cli-ignore-prefix-beats-file-code",
        ),
        pytest.param({}, CliOverrides(ignore=("ALL",)), set(), id="cli-ignore-all"),
        pytest.param(
            {"ignore": ("CIO1",)},
            CliOverrides(extend_select=("CIO101",)),
            {"CIO101"},
            id="cli-extend-select-beats-file-ignore",
        ),
        pytest.param(
            {"ignore": ("CIO101",)},
            CliOverrides(select=("CIO1",)),
            {"CIO101", "CIO102"},
            id="cli-select-starts-over",
        ),
        pytest.param(
            {"select": ("CIO1",), "ignore": ("CIO101",)},
            CliOverrides(),
            {"CIO102"},
            id="file-ignore-more-specific",
        ),
    ],
)
def test_cli_layer_applies_after_file(
    file_selectors: dict[str, tuple[str, ...]], cli: CliOverrides, enabled: set[str]
) -> None:
    known = {"CIO101": "millisecond-timestamp", "CIO102": "date-object-timestamp"}
    settings = Settings(root=ROOT, config_path=None, cli=cli, **file_selectors)

    assert RuleSelection.build(settings, known).enabled == enabled
