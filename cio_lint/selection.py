"""Decide which rules run, from the selectors in the settings.

A selector is ``ALL``, a code prefix (``CIO``, ``CIO1``, ``CIO101``) or a rule
name (``millisecond-timestamp``). The configuration file's selectors apply
first, then the command line's. Within one source the most specific selector
that matches a rule decides: a name beats any code prefix, a longer prefix beats
a shorter one, and ``ALL`` is the least specific. When a selected and an ignored
selector are equally specific, the rule is ignored.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from msgspec import Struct
from pathspec import GitIgnoreSpec

from cio_lint.config import DEFAULT_SELECT, SelectorSource, Settings
from cio_lint.errors import ConfigError

ALL = "ALL"

# Specificity of a rule name: above any code prefix.
_NAME_SPECIFICITY = 1_000
_CODE = re.compile(r"([A-Z]+)([0-9]*)")


class _Match(Struct, frozen=True):
    """The codes one selector matches and how specific the selector is."""

    codes: frozenset[str]
    specificity: int


def _match_selector(selector: str, known: Mapping[str, str]) -> _Match:
    """Return the known codes that ``selector`` matches (maybe none)."""
    upper = selector.upper()
    if upper == ALL:
        return _Match(frozenset(known), 0)

    parsed = _CODE.fullmatch(upper)
    if parsed is not None:
        letters, digits = parsed.groups()
        codes = frozenset(
            code
            for code in known
            if (found := _CODE.fullmatch(code)) is not None
            and found.group(1) == letters
            and found.group(2).startswith(digits)
        )
        if codes:
            return _Match(codes, len(upper))

    # A rule name, which may also look like a code when it is one word.
    name = selector.lower()
    codes = frozenset(code for code, rule in known.items() if rule == name)
    return _Match(codes, _NAME_SPECIFICITY)


def matching_codes(
    selectors: Iterable[str], known: Mapping[str, str]
) -> frozenset[str]:
    """Return the known codes that any of `selectors` matches."""
    codes: set[str] = set()
    for selector in selectors:
        codes.update(_match_selector(selector, known).codes)
    return frozenset(codes)


def _validate(settings: Settings, known: Mapping[str, str]) -> None:
    """Raise :class:`ConfigError` for the first selector that matches no rule."""
    for source in _sources(settings):
        for selector in source.selectors:
            if _match_selector(selector, known).codes:
                continue
            message = f"{source.origin}: unknown rule code or name {selector!r}"
            if source.key is not None:
                message += f" in {source.key!r}"
            raise ConfigError(message)


def _sources(settings: Settings) -> Iterator[SelectorSource]:
    """Yield the recorded selector sources, then any selector they miss.

    Settings built by hand may have no recorded sources, and their selectors
    are reported under the config path, or under "settings" without one. The
    built-in default ``select`` is not checked.
    """
    yield from settings.selector_sources

    recorded = {s for source in settings.selector_sources for s in source.selectors}
    origin = str(settings.config_path or "settings")
    effective = {
        "select": settings.select if settings.select != DEFAULT_SELECT else (),
        "extend-select": settings.extend_select,
        "ignore": settings.ignore,
        "per-file-ignores": tuple(
            selector
            for _, selectors in settings.per_file_ignores
            for selector in selectors
        ),
    }
    for key, selectors in effective.items():
        missed = tuple(s for s in selectors if s not in recorded)
        yield SelectorSource(origin, key, missed)


def _enabled_codes(settings: Settings, known: Mapping[str, str]) -> frozenset[str]:
    """Apply the file's selectors, then the command line's, as ruff does.

    Within one source, selectors apply from the least to the most specific,
    and at equal specificity `ignore` comes last. A `select` (the file's, or
    `--select`) starts over from the rules it names.
    """
    cli = settings.cli
    layers = (
        (settings.select, settings.extend_select, settings.ignore),
        (cli.select, cli.extend_select, cli.ignore),
    )
    enabled: set[str] = set()
    for select, extend_select, ignore in layers:
        if select is not None:
            enabled = set()
        steps = [
            (_match_selector(selector, known), True)
            for selector in (*(select or ()), *extend_select)
        ]
        steps += [(_match_selector(selector, known), False) for selector in ignore]
        steps.sort(key=lambda step: (step[0].specificity, not step[1]))
        for match, selected in steps:
            if selected:
                enabled.update(match.codes)
            else:
                enabled.difference_update(match.codes)
    return frozenset(enabled)


class _PerFileIgnore(Struct, frozen=True):
    """One ``per-file-ignores`` entry: a path pattern and the codes it turns off."""

    pattern: str
    spec: GitIgnoreSpec
    codes: frozenset[str]


class RuleSelection(Struct, frozen=True):
    """The rules enabled for a run, and the per-file exceptions."""

    enabled: frozenset[str]
    root: Path
    per_file_ignores: tuple[_PerFileIgnore, ...] = ()

    @classmethod
    def build(cls, settings: Settings, known: Mapping[str, str]) -> RuleSelection:
        """Resolve the selectors of ``settings`` against ``known`` (code -> name).

        Raises :class:`ConfigError` for a selector that matches no known rule,
        naming the config file or command-line option it came from.
        """
        _validate(settings, known)

        per_file_ignores = []
        for pattern, selectors in settings.per_file_ignores:
            codes: set[str] = set()
            for selector in selectors:
                codes.update(_match_selector(selector, known).codes)
            spec = GitIgnoreSpec.from_lines([pattern])
            per_file_ignores.append(_PerFileIgnore(pattern, spec, frozenset(codes)))

        return cls(
            enabled=_enabled_codes(settings, known),
            root=settings.root,
            per_file_ignores=tuple(per_file_ignores),
        )

    def is_enabled(self, code: str) -> bool:
        """Return whether ``code`` runs at all (per-file-ignores aside)."""
        return code in self.enabled

    def is_ignored_for(self, code: str, path: Path) -> bool:
        """Return whether a per-file-ignores entry turns ``code`` off for ``path``.

        A relative ``path`` is taken from the current directory. Patterns are
        matched against the path relative to the settings root, and a file
        outside the root by its name only.
        """
        entries = [entry for entry in self.per_file_ignores if code in entry.codes]
        if not entries:
            return False

        absolute = Path(os.path.abspath(path))
        try:
            relative = absolute.relative_to(self.root).as_posix()
        except ValueError:
            relative = absolute.name
        return any(entry.spec.match_file(relative) for entry in entries)
