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
    importer is chosen. A folder that is a package (it has `__init__.py`) is
    no root.
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
        if (
            path.parts[-len(module_tail) :] == module_tail
            and not _inside_package(path, len(module_tail), files)
        )
        or (
            path.parts[-len(package_tail) :] == package_tail
            and not _inside_package(path, len(package_tail), files)
        )
    ]
    if not matches:
        return None
    return max(matches, key=lambda path: _common_prefix(path, importer))


def _inside_package(path: Path, tail: int, files: Collection[Path]) -> bool:
    """Tell whether the folder the import would be rooted at is itself a package.

    `import analytics` cannot mean `app/analytics.py` when `app/__init__.py`
    exists: that module is `app.analytics`, and a bare `analytics` is another
    top-level module, such as an installed package.
    """
    marker = Path(*path.parts[: len(path.parts) - tail]) / "__init__.py"
    # An empty `__init__.py` has no marker and is never analysed, so the file
    # system is asked too.
    return marker in files or marker.is_file()


def _common_prefix(first: Path, second: Path) -> int:
    count = 0
    for left, right in zip(first.parts, second.parts, strict=False):
        if left != right:
            break
        count += 1
    return count
