"""Find and read the configuration, and merge the command-line options into it.

The settings live in ``.cio-lint.toml`` or ``cio-lint.toml`` (the whole file is
the table) or in the ``[tool.cio-lint]`` table of ``pyproject.toml``. The first
directory upwards that has one of these files wins, and inside one directory the
files are tried in that order. Rule selectors are kept as strings here, and
:mod:`cio_lint.selection` checks them against the known rules.
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from msgspec import Struct
from msgspec.structs import replace
from pathspec import GitIgnoreSpec

from cio_lint import naming
from cio_lint.errors import ConfigError

if sys.version_info >= (3, 11):
    import tomllib
else:
    # mypy checks this branch (python_version = 3.10) even on a newer Python,
    # where tomli is not installed.
    import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]

LOG = logging.getLogger(__name__)

CONFIG_FILE_NAMES = (".cio-lint.toml", "cio-lint.toml", "pyproject.toml")
PYPROJECT = "pyproject.toml"
PYPROJECT_TABLE = "[tool.cio-lint]"

DEFAULT_SELECT = ("CIO",)
REGIONS = ("us", "eu")

# A selector shaped like a code or code prefix ("ALL", "cio1", "CIO101") is
# upper-cased, and anything else is a rule name, which is lower-cased.
_CODE_SHAPE = re.compile(r"[A-Za-z]+[0-9]*")
_DOTTED_NAME = re.compile(r"[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*")


class SelectorSource(Struct, frozen=True):
    """Rule selectors read from one place, kept so that errors can name it."""

    origin: str
    """The config file path, or the command-line option such as ``--select``."""

    key: str | None
    """The config key (``select``, ...), or None for a command-line option."""

    selectors: tuple[str, ...]


class CliOverrides(Struct, frozen=True):
    """The command-line options that change the configured rule selection."""

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    force_exclude: bool = False


class Settings(Struct, frozen=True):
    """The configuration in effect, with the command-line options merged in."""

    root: Path
    """The directory of the config file, or the current directory without one.

    Exclude patterns and per-file-ignores patterns are relative to it.
    """

    config_path: Path | None
    select: tuple[str, ...] = DEFAULT_SELECT
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """Pairs of a gitignore-style pattern and its rule selectors, in file order."""

    exclude: tuple[str, ...] | None = None
    """Patterns that replace the default excludes; None keeps the defaults."""

    extend_exclude: tuple[str, ...] = ()
    respect_gitignore: bool = True
    force_exclude: bool = False
    event_name_style: str = naming.DEFAULT_STYLE
    """`snake_case`, `camelCase`, `PascalCase`, `kebab-case`, `Title Case`,
    `any`, or a regular expression that whole event names must match."""

    pipelines_event_name_style: str = naming.DEFAULT_PIPELINES_STYLE
    """The same, for Data Pipelines calls, whose convention is Title Case."""

    region: str | None = None
    """`us` or `eu`: the region of the workspace the code must address, or None."""

    cache_dir: str | None = None
    """The folder where analysed files' models are kept, relative to `root`; None means
    `.cio_lint_cache` in `root`."""

    cli: CliOverrides = CliOverrides()
    """The command line's rule selectors, applied after the file's."""

    selector_sources: tuple[SelectorSource, ...] = ()
    """Every selector list that was read, for error messages.

    This includes a file's ``select`` that ``--select`` replaced, so that an
    unknown code in the file is still reported.
    """

    fixable: tuple[str, ...] | None = None
    """Rule selectors whose fixes `--fix` may apply; None means every rule."""

    unfixable: tuple[str, ...] = ()
    """Rule selectors whose fixes are never applied, even if `fixable` names them."""

    retry_wrappers: tuple[str, ...] = ()
    """Names of the project's own functions and decorators that retry a call."""

    sdk_versions: tuple[tuple[str, str], ...] = ()
    """Pairs of an SDK package and the version to assume for it, overriding the
    manifests."""


def normalize_selector(selector: str) -> str:
    """Strip a rule selector and upper-case it when it is a code or prefix."""
    stripped = selector.strip()
    if _CODE_SHAPE.fullmatch(stripped):
        return stripped.upper()
    return stripped.lower()


def find_config_file(start: Path) -> Path | None:
    """Return the nearest config file in ``start`` or a directory above it.

    A ``pyproject.toml`` without a ``[tool.cio-lint]`` table is passed over.
    Raises :class:`ConfigError` for a ``pyproject.toml`` that cannot be read
    or parsed.
    """
    start = start.resolve()
    for directory in (start, *start.parents):
        for name in CONFIG_FILE_NAMES:
            candidate = directory / name
            if not candidate.is_file():
                continue
            if name != PYPROJECT or _has_tool_table(_parse(candidate)):
                return candidate
    return None


def load_settings(
    paths: Sequence[Path],
    *,
    cwd: Path,
    config_file: Path | None = None,
    isolated: bool = False,
    overrides: CliOverrides = CliOverrides(),
) -> Settings:
    """Find and read the configuration for ``paths`` and apply ``overrides``.

    The search starts from the deepest directory that contains all of
    ``paths`` and falls back to ``cwd``. ``config_file`` forces one file, and
    ``isolated`` ignores every config file. Raises :class:`ConfigError`.
    """
    cwd = cwd.resolve()
    if isolated:
        return _merge(Settings(root=cwd, config_path=None), overrides)

    path: Path | None
    if config_file is not None:
        path = _existing_config(config_file, cwd)
    else:
        path = find_config_file(_search_start(paths, cwd))
        if path is None:
            path = find_config_file(cwd)

    if path is None:
        LOG.debug("no config file found, using the defaults")
        return _merge(Settings(root=cwd, config_path=None), overrides)

    LOG.debug("reading configuration from %s", path)
    return _merge(_read_settings(path), overrides)


def _search_start(paths: Sequence[Path], cwd: Path) -> Path:
    """Return the deepest directory that contains all ``paths``."""
    directories = []
    for path in paths:
        resolved = (cwd / path).resolve()
        directories.append(resolved if resolved.is_dir() else resolved.parent)
    if not directories:
        return cwd

    common = directories[0]
    for directory in directories[1:]:
        while not directory.is_relative_to(common):
            common = common.parent
    return common


def _existing_config(config_file: Path, cwd: Path) -> Path:
    path = cwd / config_file
    if not path.is_file():
        raise ConfigError(f"{config_file}: config file not found")
    return path.resolve()


def _parse(path: Path) -> dict[str, Any]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read config file: {exc.strerror}") from exc

    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: not UTF-8 ({exc.reason})") from exc

    try:
        document: dict[str, Any] = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = " ".join(str(exc).split())
        raise ConfigError(f"{path}: invalid TOML: {message}") from exc
    return document


def _has_tool_table(document: Mapping[str, Any]) -> bool:
    tool = document.get("tool")
    return isinstance(tool, dict) and "cio-lint" in tool


def _read_settings(path: Path) -> Settings:
    document = _parse(path)
    if path.name != PYPROJECT:
        return _TableReader(path, f"{path}: ").read(document)

    location = f"{path}: {PYPROJECT_TABLE} "
    if not _has_tool_table(document):
        raise ConfigError(f"{path}: has no {PYPROJECT_TABLE} table")
    table = document["tool"]["cio-lint"]
    if not isinstance(table, dict):
        raise ConfigError(f"{location}must be a table, got {table!r}")
    return _TableReader(path, location).read(table)


class _TableReader:
    """Validate one config table and turn it into :class:`Settings`."""

    def __init__(self, path: Path, location: str) -> None:
        self.path = path
        self.location = location
        self.sources: list[SelectorSource] = []

    def read(self, table: Mapping[str, Any]) -> Settings:
        readers: dict[str, Callable[[str, Any], Any]] = {
            "select": self._selectors,
            "extend-select": self._selectors,
            "ignore": self._selectors,
            "per-file-ignores": self._per_file_ignores,
            "exclude": self._patterns,
            "extend-exclude": self._patterns,
            "respect-gitignore": self._boolean,
            "event-name-style": self._style,
            "pipelines-event-name-style": self._style,
            "region": self._region,
            "cache-dir": self._path,
            "fixable": self._selectors,
            "unfixable": self._selectors,
            "retry-wrappers": self._names,
            "sdk-versions": self._sdk_versions,
        }
        values: dict[str, Any] = {}
        for key, value in table.items():
            reader = readers.get(key)
            if reader is None:
                raise ConfigError(f"{self.location}unknown key {key!r}")
            values[key.replace("-", "_")] = reader(key, value)

        return Settings(
            root=self.path.resolve().parent,
            config_path=self.path.resolve(),
            selector_sources=tuple(self.sources),
            **values,
        )

    def _error(self, key: str, expected: str, value: object) -> ConfigError:
        return ConfigError(f"{self.location}{key!r} must be {expected}, got {value!r}")

    def _strings(self, key: str, value: object) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self._error(key, "a list of strings", value)
        return tuple(value)

    def _selectors(self, key: str, value: object) -> tuple[str, ...]:
        selectors = tuple(normalize_selector(s) for s in self._strings(key, value))
        self.sources.append(SelectorSource(str(self.path), key, selectors))
        return selectors

    def _patterns(self, key: str, value: object) -> tuple[str, ...]:
        patterns = self._strings(key, value)
        for pattern in patterns:
            self._check_pattern(key, pattern)
        return patterns

    def _check_pattern(self, key: str, pattern: str) -> None:
        try:
            GitIgnoreSpec.from_lines([pattern])
        except (ValueError, re.error) as exc:
            raise ConfigError(
                f"{self.location}{key!r} has an invalid pattern {pattern!r}: {exc}"
            ) from exc

    def _style(self, key: str, value: object) -> str:
        if not isinstance(value, str):
            raise self._error(key, "a style name or regular expression", value)
        try:
            naming.parse_style(value)
        except ValueError as error:
            raise ConfigError(f"{self.location}{key!r} = {value!r}: {error}") from None
        return value

    def _path(self, key: str, value: object) -> str:
        if not isinstance(value, str) or not value:
            raise self._error(key, "a non-empty path", value)
        return value

    def _region(self, key: str, value: object) -> str:
        if not isinstance(value, str) or value.lower() not in REGIONS:
            raise self._error(key, " or ".join(repr(r) for r in REGIONS), value)
        return value.lower()

    def _names(self, key: str, value: object) -> tuple[str, ...]:
        names = self._strings(key, value)
        for name in names:
            if not _DOTTED_NAME.fullmatch(name):
                raise ConfigError(
                    f"{self.location}{key!r} has an invalid name {name!r}: "
                    "expected a function name such as 'with_retries' or "
                    "'utils.retry'"
                )
        return names

    def _sdk_versions(self, key: str, value: object) -> tuple[tuple[str, str], ...]:
        # Imported here: the SDK catalogue is not needed to replay a run.
        from cio_lint.manifests.versions import lowest_version
        from cio_lint.sdk.releases import NEWEST

        if not isinstance(value, dict):
            raise self._error(key, "a table of package names and versions", value)
        pairs = []
        for package, version in value.items():
            if package not in NEWEST:
                known = ", ".join(sorted(NEWEST))
                raise ConfigError(
                    f"{self.location}{key!r} names an unknown package "
                    f"{package!r}; known packages: {known}"
                )
            if not isinstance(version, str) or lowest_version(version) is None:
                raise ConfigError(
                    f"{self.location}{key!r} entry {package!r} must be a version "
                    f'such as "4.5", got {version!r}'
                )
            pairs.append((package, version))
        return tuple(pairs)

    def _boolean(self, key: str, value: object) -> bool:
        if not isinstance(value, bool):
            raise self._error(key, "true or false", value)
        return value

    def _per_file_ignores(
        self, key: str, value: object
    ) -> tuple[tuple[str, tuple[str, ...]], ...]:
        if not isinstance(value, dict):
            raise self._error(key, "a table of lists of strings", value)

        entries = []
        for pattern, selectors in value.items():
            self._check_pattern(key, pattern)
            if not isinstance(selectors, list) or not all(
                isinstance(s, str) for s in selectors
            ):
                raise ConfigError(
                    f"{self.location}{key!r} entry {pattern!r} must be a list of "
                    f"strings, got {selectors!r}"
                )
            normalized = tuple(normalize_selector(s) for s in selectors)
            self.sources.append(SelectorSource(str(self.path), key, normalized))
            entries.append((pattern, normalized))
        return tuple(entries)


def _merge(settings: Settings, overrides: CliOverrides) -> Settings:
    """Attach the command-line options to the file's settings.

    The command line's rule selectors stay apart from the file's, because they
    are applied after them: `--ignore CIO101` turns the rule off even when the
    file selects it by name.
    """
    select = None
    sources = list(settings.selector_sources)
    if overrides.select is not None:
        select = tuple(normalize_selector(s) for s in overrides.select)
        if not select:
            raise ConfigError("--select: no rule code or name given")
        sources.append(SelectorSource("--select", None, select))

    extend_select = tuple(normalize_selector(s) for s in overrides.extend_select)
    ignore = tuple(normalize_selector(s) for s in overrides.ignore)
    sources.append(SelectorSource("--extend-select", None, extend_select))
    sources.append(SelectorSource("--ignore", None, ignore))

    cli = CliOverrides(select, extend_select, ignore, overrides.force_exclude)
    return replace(
        settings,
        cli=cli,
        force_exclude=settings.force_exclude or overrides.force_exclude,
        selector_sources=tuple(source for source in sources if source.selectors),
    )
