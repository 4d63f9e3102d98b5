"""Map Python import names to the files of the project being linted."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path


def resolve(importer: Path, specifier: str, files: Collection[Path]) -> Path | None:
    """Return the file in `files` that `specifier`, imported from `importer`, names.

    A relative specifier (`.tracking`, `..core.cio`) is resolved against the
    importer's package. An absolute one (`app.tracking`) may be rooted at any
    source folder, so the file whose path ends in `app/tracking.py` (or
    `app/tracking/__init__.py`) and shares the longest folder prefix with the
    importer is chosen.
    """
    if specifier.startswith("."):
        return _resolve_relative(importer, specifier, files)
    return _resolve_absolute(importer, specifier, files)


def _resolve_relative(
    importer: Path, specifier: str, files: Collection[Path]
) -> Path | None:
    level = len(specifier) - len(specifier.lstrip("."))
    base = importer.parent
    for _ in range(level - 1):
        base = base.parent
    parts = [part for part in specifier[level:].split(".") if part]
    target = base.joinpath(*parts)
    for candidate in (target.with_suffix(".py"), target / "__init__.py"):
        if parts and candidate in files:
            return candidate
    package = base / "__init__.py"
    return package if not parts and package in files else None


def _resolve_absolute(
    importer: Path, specifier: str, files: Collection[Path]
) -> Path | None:
    parts = tuple(specifier.split("."))
    module_tail = (*parts[:-1], parts[-1] + ".py")
    package_tail = (*parts, "__init__.py")
    matches = [
        path
        for path in files
        if path.parts[-len(module_tail) :] == module_tail
        or path.parts[-len(package_tail) :] == package_tail
    ]
    if not matches:
        return None
    return max(matches, key=lambda path: _common_prefix(path, importer))


def _common_prefix(first: Path, second: Path) -> int:
    count = 0
    for left, right in zip(first.parts, second.parts, strict=False):
        if left != right:
            break
        count += 1
    return count
