"""Read npm package versions from `package.json` and the npm, Yarn and pnpm locks."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from cio_lint.manifests.versions import Pinned, lowest_version

MANIFEST = "package.json"
LOCK_FILES = ("package-lock.json", "yarn.lock", "pnpm-lock.yaml")
_DEPENDENCY_TABLES = (
    "dependencies",
    "devDependencies",
    "peerDependencies",
    "optionalDependencies",
)


def read_manifest(path: Path, names: frozenset[str]) -> dict[str, Pinned]:
    """Return the ranges `package.json` gives the packages in `names`."""
    document = _json(path)
    found: dict[str, Pinned] = {}
    for table_name in _DEPENDENCY_TABLES:
        table = document.get(table_name)
        if not isinstance(table, dict):
            continue
        for name in names & table.keys():
            text = table[name]
            version = lowest_version(text) if isinstance(text, str) else None
            if version is not None and name not in found:
                found[name] = Pinned(version, text, str(path))
    return found


def read_lock(path: Path, names: frozenset[str]) -> dict[str, Pinned]:
    """Return the installed versions a lock file records for `names`."""
    if path.name == "package-lock.json":
        return _package_lock(path, names)
    text = path.read_text(encoding="utf-8", errors="replace")
    if path.name == "yarn.lock":
        return _yarn_lock(text, str(path), names)
    return _pnpm_lock(text, str(path), names)


def _json(path: Path) -> dict[str, Any]:
    try:
        document = json.loads(path.read_text(encoding="utf-8-sig"))
    except (ValueError, UnicodeDecodeError):
        return {}
    return document if isinstance(document, dict) else {}


def _package_lock(path: Path, names: frozenset[str]) -> dict[str, Pinned]:
    """Read lockfileVersion 2 and 3 (`packages`) and 1 (`dependencies`)."""
    document = _json(path)
    found: dict[str, Pinned] = {}
    packages = document.get("packages")
    legacy = document.get("dependencies")
    for name in names:
        entry = None
        if isinstance(packages, dict):
            entry = packages.get(f"node_modules/{name}")
        if entry is None and isinstance(legacy, dict):
            entry = legacy.get(name)
        pinned = _entry_version(entry, str(path))
        if pinned is not None:
            found[name] = pinned
    return found


def _entry_version(entry: object, source: str) -> Pinned | None:
    if not isinstance(entry, dict) or not isinstance(entry.get("version"), str):
        return None
    version = lowest_version(entry["version"])
    return Pinned(version, entry["version"], source) if version else None


# Yarn 1: `customerio-node@^4.4.0, customerio-node@^4.0.0:` then `  version "4.4.0"`.
# Yarn 2+: `"customerio-node@npm:^4.4.0":` then `  version: 4.4.0`.
_YARN_VERSION = re.compile(r'^\s+version:?\s+"?([^"\s]+)"?\s*$')


def _yarn_lock(text: str, source: str, names: frozenset[str]) -> dict[str, Pinned]:
    found: dict[str, Pinned] = {}
    current: str | None = None
    for line in text.splitlines():
        if line and not line[0].isspace() and line.rstrip().endswith(":"):
            current = _yarn_entry_name(line, names)
            continue
        match = _YARN_VERSION.match(line)
        if current is not None and match is not None:
            version = lowest_version(match.group(1))
            if version is not None:
                found.setdefault(current, Pinned(version, match.group(1), source))
            current = None
    return found


def _yarn_entry_name(line: str, names: frozenset[str]) -> str | None:
    """Return the package an entry header describes when it is one of `names`."""
    for descriptor in line.rstrip().rstrip(":").split(","):
        descriptor = descriptor.strip().strip('"')
        name = descriptor.rsplit("@", 1)[0] if "@" in descriptor[1:] else descriptor
        if name in names:
            return name
    return None


def _pnpm_lock(text: str, source: str, names: frozenset[str]) -> dict[str, Pinned]:
    """Read package keys of pnpm-lock.yaml without a YAML parser.

    NOTE: only the keys of the `packages` section are read: `/name@1.2.3:`
    (lockfile 6 and 9) or `/name/1.2.3:` (lockfile 5), each optionally quoted
    and followed by a peer suffix in brackets. No YAML library is a dependency,
    and these lines have one fixed shape.
    """
    found: dict[str, Pinned] = {}
    for name in names:
        pattern = re.compile(
            rf"^\s+['\"]?/?{re.escape(name)}[@/](\d+\.\d+\.\d+[^'\":(\s]*)",
            re.MULTILINE,
        )
        versions = [
            (version, match.group(1))
            for match in pattern.finditer(text)
            if (version := lowest_version(match.group(1))) is not None
        ]
        if versions:
            version, written = min(versions)
            found[name] = Pinned(version, written, source)
    return found
