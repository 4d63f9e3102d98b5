"""Choose the exporting project modules that each file's analysis follows.

The Python front-end leaves out code that nothing connects to Customer.io
(see `languages.python.pruning`). Code that uses a name imported from a
followed module is kept: a module that exports a client or a wrapper, which
the file imports and whose exported names it spells. Which modules export is
known only once their own files are analysed, so a file analysed before may
have to be analysed again, following them: when the code it found unconnected
spells an exported name of a module it imports.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from cio_lint import prefilter
from cio_lint.model import FileModel

ANY_NAME = "default"
"""An export name that matches any use: a module's default export is imported
under a name of the importer's choosing."""


class Following:
    """The exporting modules known so far, and what each file was analysed with."""

    def __init__(self) -> None:
        self._exports: dict[str, tuple[bytes, ...] | None] = {}
        """The exported names by module name, or None when any name may be used."""
        self._considered: dict[Path, frozenset[str]] = {}
        self._followed: dict[Path, frozenset[str]] = {}
        self._requested: dict[Path, frozenset[str]] = {}
        self._unconnected: dict[Path, tuple[tuple[int, int], ...]] = {}

    def update(self, exports: Mapping[str, Iterable[str]]) -> None:
        """Add `exports`, the names each exporting module exports, to those known."""
        for module, names in exports.items():
            found = frozenset(names)
            self._exports[module] = (
                None
                if ANY_NAME in found
                else tuple(sorted(name.encode() for name in found))
            )

    def needs_again(self, path: Path, model: FileModel) -> bool:
        """Tell whether a file left out code that imports a module now exporting.

        If so, the file's next analysis considers that module.
        """
        considered = self._considered.get(path, frozenset())
        requested = (model.unfollowed_imports & self._exports.keys()) - considered
        if not requested:
            return False
        self._requested[path] = frozenset(requested)
        self._unconnected[path] = model.unconnected_lines
        return True

    def modules_for(self, path: Path, raw: bytes) -> frozenset[str]:
        """Return the exporting modules the file imports and uses an export of.

        A file analysed before keeps the modules it followed then. A module
        requested since is followed when the file's unconnected lines or its
        import statements spell an exported name. The rest of the file was
        analysed already, and an import may rename the export (`import cio as
        crm`).
        """
        requested = self._requested.pop(path, frozenset())
        unconnected = self._unconnected.pop(path, None)
        imported = prefilter.imported_words(raw)
        candidates = requested | {
            module for module in self._exports if module.encode() in imported
        }
        self._considered[path] = self._considered.get(path, frozenset()) | candidates
        if unconnected is None:
            return frozenset(
                module for module in candidates if self._uses_export(module, raw)
            )
        searched = _lines(raw, unconnected)
        return self._followed.get(path, frozenset()) | {
            module
            for module in requested
            if self._uses_export(module, searched)
            or self._imports_export(module, imported)
        }

    def record(self, path: Path, followed: frozenset[str]) -> bool:
        """Record the modules a file's analysis follows; return whether they changed."""
        changed = self._followed.get(path) != followed
        self._followed[path] = followed
        return changed

    def _uses_export(self, module: str, raw: bytes) -> bool:
        names = self._exports.get(module, ())
        return names is None or any(name in raw for name in names)

    def _imports_export(self, module: str, imported: set[bytes]) -> bool:
        names = self._exports.get(module, ())
        return names is None or not imported.isdisjoint(names)


def _lines(raw: bytes, ranges: Iterable[tuple[int, int]]) -> bytes:
    """Return the lines of `raw` in the 1-based, inclusive `ranges`."""
    lines = raw.splitlines(keepends=True)
    return b"".join(b"".join(lines[first - 1 : last]) for first, last in ranges)
