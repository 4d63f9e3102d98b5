"""Read Python package versions from requirements files, pyproject.toml and locks."""

from __future__ import annotations

import json
import logging
import re
import sys
from pathlib import Path
from typing import Any

from cio_lint.manifests.versions import Pinned, lowest_version, normalize_python_name

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]

LOG = logging.getLogger(__name__)

PYPROJECT = "pyproject.toml"
LOCK_FILES = ("poetry.lock", "uv.lock", "Pipfile.lock")
# A PEP 508 requirement: name, optional extras, then the version clauses up to
# an environment marker or a comment.
_REQUIREMENT = re.compile(
    r"^\s*(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*"
    r"(?P<spec>[^;#]*)"
)
# An include line: `-r FILE`, `-rFILE`, `--requirement FILE` or
# `--requirement=FILE`, and the same for constraints (`-c`, `--constraint`).
_INCLUDE = re.compile(
    r"^(?:-(?P<short>[rc])\s*|--(?P<long>requirement|constraint)(?:\s*=\s*|\s+))"
    r"(?P<path>\S+)"
)
# A per-requirement option of a requirements file line: ` --hash=...`.
_OPTION = re.compile(r"\s--")
# pip's comment syntax: `#` at the start of a line or after whitespace.
_COMMENT = re.compile(r"(^|\s+)#.*$")
MAX_INCLUDE_DEPTH = 5
"""The maximum nesting depth of the `-r` and `-c` includes that are read.
Layouts such as a base file included by dev and test files nest two or three
levels."""


def is_requirements_file(name: str) -> bool:
    """Tell whether a file name is that of a pip requirements file."""
    return name.startswith("requirements") and name.endswith((".txt", ".in"))


def read_requirements(
    path: Path, names: frozenset[str], included: list[Path] | None = None
) -> dict[str, Pinned]:
    """Return the pins of a requirements file and of the files it includes.

    `-r`/`--requirement` and `-c`/`--constraint` files are read relative to the
    including file, as pip reads them, up to `MAX_INCLUDE_DEPTH` levels deep.
    A file read already, as in an include cycle, is not read again. The first
    pin of a package wins, and a file's own pins come before those of the files
    it includes. A constraint raises the lowest version that the requirements
    allow, and gives the version of a package that no requirement names.
    `included`, when given, receives the path of every file that a followed
    include names, whether or not it exists.
    """
    reader = _RequirementsReader(names)
    reader.read(path, constraint=False, depth=0)
    if included is not None:
        included.extend(reader.included)
    return reader.pins()


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


class _RequirementsReader:
    """A reader of one requirements file and its includes that collects their pins."""

    def __init__(self, names: frozenset[str]) -> None:
        self.names = names
        self.included: list[Path] = []
        self.required: dict[str, Pinned] = {}
        self.constraints: dict[str, Pinned] = {}
        self.seen: set[Path] = set()

    def read(self, path: Path, constraint: bool, depth: int) -> None:
        resolved = path.resolve()
        if resolved in self.seen:
            LOG.debug("%s: read already, so not read again", path)
            return
        self.seen.add(resolved)
        text = path.read_text(encoding="utf-8", errors="replace")
        lines = _logical_lines(text)

        pins = _requirements(lines, str(path), self.names)
        found = self.constraints if constraint else self.required
        for name, pinned in pins.items():
            found.setdefault(name, pinned)

        for line in lines:
            include = _INCLUDE.match(line)
            if include is not None:
                kind = include.group("short") or include.group("long")[0]
                self._include(path, include.group("path"), kind == "c", depth + 1)

    def _include(self, parent: Path, target: str, constraint: bool, depth: int) -> None:
        if "://" in target:
            LOG.debug("%s: included URL %s not followed", parent, target)
            return
        path = parent.parent / target
        if depth > MAX_INCLUDE_DEPTH:
            LOG.debug(
                "%s: not read, nested over %d includes deep", path, MAX_INCLUDE_DEPTH
            )
            return
        self.included.append(path)
        try:
            self.read(path, constraint, depth)
        except OSError as error:
            LOG.debug("%s: cannot read included file: %s", path, error)

    def pins(self) -> dict[str, Pinned]:
        found = dict(self.required)
        for name, constraint in self.constraints.items():
            required = found.get(name)
            if required is None or constraint.version > required.version:
                found[name] = constraint
        return found


def _logical_lines(text: str) -> list[str]:
    """Return the lines of a requirements file as pip reads them.

    A line ending in a backslash continues on the next, and comments are removed.
    """
    joined = re.sub(r"\\\r?\n", "", text)
    lines = (_COMMENT.sub("", line).strip() for line in joined.splitlines())
    return [line for line in lines if line]


def _requirements(
    lines: list[str], source: str, names: frozenset[str]
) -> dict[str, Pinned]:
    found: dict[str, Pinned] = {}
    for line in lines:
        match = _REQUIREMENT.match(line)
        if match is None or line.lstrip().startswith(("-", "#")):
            continue
        key = normalize_python_name(match.group("name"))
        # Options after the version clauses, such as pip-compile's `--hash=`,
        # are not part of it.
        spec = _OPTION.split(match.group("spec"), maxsplit=1)[0].strip()
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
