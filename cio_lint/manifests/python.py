"""Read Python package versions from requirements files, pyproject.toml and locks."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

from cio_lint.manifests.versions import Pinned, lowest_version, normalize_python_name

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]

PYPROJECT = "pyproject.toml"
LOCK_FILES = ("poetry.lock", "uv.lock", "Pipfile.lock")
# A PEP 508 requirement: name, optional extras, then the version clauses up to
# an environment marker or a comment.
_REQUIREMENT = re.compile(
    r"^\s*(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*"
    r"(?P<spec>[^;#]*)"
)


def is_requirements_file(name: str) -> bool:
    """Tell whether a file name is that of a pip requirements file."""
    return name.startswith("requirements") and name.endswith((".txt", ".in"))


def read_requirements(path: Path, names: frozenset[str]) -> dict[str, Pinned]:
    """Return the pins of a requirements file.

    NOTE: `-r` and `-c` includes are not followed.
    """
    text = path.read_text(encoding="utf-8", errors="replace")
    return _requirements(text.splitlines(), str(path), names)


def read_pyproject(path: Path, names: frozenset[str]) -> dict[str, Pinned]:
    """Return PEP 621 dependencies and Poetry's dependency tables."""
    document = _toml(path)
    project = document.get("project", {})
    lines = list(project.get("dependencies", []) or [])
    for group in (project.get("optional-dependencies", {}) or {}).values():
        lines.extend(group or [])
    for group in (document.get("dependency-groups", {}) or {}).values():
        lines.extend(item for item in group or [] if isinstance(item, str))
    found = _requirements(
        [line for line in lines if isinstance(line, str)], str(path), names
    )
    for table in _poetry_tables(document):
        for name, spec in table.items():
            key = normalize_python_name(name)
            text = spec.get("version") if isinstance(spec, dict) else spec
            if key in names and isinstance(text, str) and key not in found:
                version = lowest_version(text)
                if version is not None:
                    found[key] = Pinned(version, text, str(path))
    return found


def read_lock(path: Path, names: frozenset[str]) -> dict[str, Pinned]:
    """Return the versions `poetry.lock`, `uv.lock` or `Pipfile.lock` records."""
    if path.name == "Pipfile.lock":
        return _pipfile_lock(path, names)
    found: dict[str, Pinned] = {}
    for package in _toml(path).get("package", []) or []:
        if not isinstance(package, dict):
            continue
        name, text = package.get("name"), package.get("version")
        if not isinstance(name, str) or not isinstance(text, str):
            continue
        key = normalize_python_name(name)
        version = lowest_version(text)
        if key in names and version is not None:
            found.setdefault(key, Pinned(version, text, str(path)))
    return found


def _requirements(
    lines: list[str], source: str, names: frozenset[str]
) -> dict[str, Pinned]:
    found: dict[str, Pinned] = {}
    for line in lines:
        match = _REQUIREMENT.match(line)
        if match is None or line.lstrip().startswith(("-", "#")):
            continue
        key = normalize_python_name(match.group("name"))
        spec = match.group("spec").strip()
        version = lowest_version(spec) if spec else None
        if key in names and version is not None and key not in found:
            found[key] = Pinned(version, spec, source)
    return found


def _poetry_tables(document: dict[str, Any]) -> list[dict[str, Any]]:
    poetry = document.get("tool", {}).get("poetry", {})
    tables = [poetry.get("dependencies"), poetry.get("dev-dependencies")]
    for group in (poetry.get("group", {}) or {}).values():
        if isinstance(group, dict):
            tables.append(group.get("dependencies"))
    return [table for table in tables if isinstance(table, dict)]


def _pipfile_lock(path: Path, names: frozenset[str]) -> dict[str, Pinned]:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError):
        return {}
    found: dict[str, Pinned] = {}
    for section in ("default", "develop"):
        table = document.get(section) if isinstance(document, dict) else None
        for name, entry in (table or {}).items():
            key = normalize_python_name(name)
            text = entry.get("version") if isinstance(entry, dict) else None
            if key in names and isinstance(text, str):
                version = lowest_version(text)
                if version is not None:
                    found.setdefault(key, Pinned(version, text, str(path)))
    return found


def _toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError):
        return {}
