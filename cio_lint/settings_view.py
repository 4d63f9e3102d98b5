"""`--show-settings`: the settings in effect, one `key = value` line each.

Every field of `Settings` is listed under its configuration key, so a new key
shows up here without a change. Values are written in TOML syntax.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import msgspec.structs

from cio_lint.cache import DEFAULT_DIRECTORY as DEFAULT_CACHE_DIRECTORY
from cio_lint.config import CliOverrides, Settings
from cio_lint.discovery import DEFAULT_EXCLUDES
from cio_lint.manifests import VersionLookup
from cio_lint.manifests.versions import display
from cio_lint.rule_docs import rule_doc
from cio_lint.sdk.releases import NEWEST
from cio_lint.selection import RuleSelection

# Bookkeeping for error messages, not a setting.
_HIDDEN = frozenset({"selector_sources"})


def _key(field_name: str) -> str:
    return field_name.replace("_", "-")


def _toml(value: object) -> str:
    """Write a value as a TOML inline value."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str | Path):
        return json.dumps(str(value), ensure_ascii=False)
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, tuple | list):
        return "[" + ", ".join(_toml(item) for item in value) + "]"
    return json.dumps(str(value), ensure_ascii=False)


def _table(pairs: Sequence[tuple[str, object]]) -> str:
    """Write key and value pairs as a TOML inline table."""
    return "{" + ", ".join(f"{_toml(key)} = {_toml(item)}" for key, item in pairs) + "}"


def _line(key: str, value: object, comment: str = "") -> str:
    suffix = f"  # {comment}" if comment else ""
    return f"{key} = {_toml(value)}{suffix}"


def _settings_lines(settings: Settings) -> list[str]:
    lines = []
    for field in msgspec.structs.fields(settings):
        if field.name in _HIDDEN:
            continue
        value = getattr(settings, field.name)
        key = _key(field.name)
        if field.name == "config_path":
            lines.append(_line("config-file", value or "", "" if value else "none"))
        elif field.name in ("per_file_ignores", "sdk_versions"):
            lines.append(f"{key} = {_table(value)}")
        elif field.name == "exclude" and value is None:
            lines.append(_line(key, DEFAULT_EXCLUDES, "the default"))
        elif field.name == "cache_dir" and value is None:
            lines.append(_line(key, DEFAULT_CACHE_DIRECTORY, "the default"))
        elif field.name == "region" and value is None:
            lines.append(_line(key, "", "not set"))
        elif field.name == "fixable" and value is None:
            lines.append(_line(key, ["ALL"], "the default"))
        elif isinstance(value, CliOverrides):
            lines.extend(_cli_lines(value))
        else:
            lines.append(_line(key, value))
    return lines


def _cli_lines(overrides: CliOverrides) -> list[str]:
    lines = []
    for field in msgspec.structs.fields(overrides):
        value = getattr(overrides, field.name)
        key = f"command-line.{_key(field.name)}"
        if value is None:
            lines.append(_line(key, (), "not given"))
        else:
            lines.append(_line(key, value))
    return lines


def _version_lines(settings: Settings, start: Path) -> list[str]:
    """List the SDK version that files in `start` are checked against.

    The key `found-sdk-versions.<package>` is not a setting. Its comment names
    the manifest, or states that the newest release is assumed.
    """
    lookup = VersionLookup.from_settings(settings)
    lines = []
    for package in sorted(NEWEST):
        found = lookup.version(start, package)
        if found.assumed:
            comment = "assumed, the newest release: no manifest names it"
        else:
            comment = f"{found.source}: {found.text}"
        key = f"found-sdk-versions.{_toml(package)}"
        lines.append(_line(key, display(found.version), comment))
    return lines


def render_settings(
    settings: Settings, selection: RuleSelection, start: Path | None = None
) -> str:
    """Return the settings, the SDK versions found and the enabled rules.

    `start` is the directory whose manifests are shown; it defaults to the
    settings' root.
    """
    lines = _settings_lines(settings)
    lines.extend(_version_lines(settings, start or settings.root))
    enabled = sorted(selection.enabled)
    lines.append(_line("enabled-rules", enabled))
    names: Sequence[str] = [
        doc.name for code in enabled if (doc := rule_doc(code)) is not None
    ]
    lines.append(_line("enabled-rule-names", names))
    return "\n".join(lines) + "\n"
