"""The JavaScript and TypeScript front-end: tree-sitter syntax in, model records out.

tree-sitter loads only when a file is analysed, not when the front-end is
registered.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from cio_lint.languages.base import DecodeError
from cio_lint.languages.javascript import modules
from cio_lint.model import FileModel, Language

_DECLARATION_SUFFIXES = (".d.ts", ".d.mts", ".d.cts")


class JavascriptFrontend:
    """Parse JavaScript, TypeScript and JSX files with tree-sitter."""

    language = Language.JAVASCRIPT
    extensions = frozenset(
        {".js", ".jsx", ".mjs", ".cjs", ".ts", ".tsx", ".mts", ".cts"}
    )

    def accepts(self, path: Path) -> bool:
        """Accept source files, but not declaration files (`.d.ts`) without code."""
        if path.suffix not in self.extensions:
            return False
        return not path.name.endswith(_DECLARATION_SUFFIXES)

    def decode(self, raw: bytes) -> str:
        """Decode UTF-8, without a byte order mark."""
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            raise DecodeError(_describe(raw, error)) from None
        return text.removeprefix("\ufeff")

    def load(self) -> None:
        """Import the analysis, so that worker processes forked later have it."""
        import cio_lint.languages.javascript.analysis  # noqa: F401

    def analyze(
        self, text: str, path: Path, follow: frozenset[str] = frozenset()
    ) -> FileModel:
        # Nothing is left out of a JavaScript file, so `follow` changes nothing.
        from cio_lint.languages.javascript.analysis import analyze

        return analyze(text, path)

    def resolve_import(
        self, importer: Path, specifier: str, files: Collection[Path]
    ) -> Path | None:
        """Return the linted file that a relative `specifier` names, if any."""
        return modules.resolve(importer, specifier, files)


def _describe(raw: bytes, error: UnicodeDecodeError) -> str:
    """Name the first byte that is not UTF-8 by its line and byte column."""
    line = raw.count(b"\n", 0, error.start) + 1
    column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
    byte = raw[error.start : error.start + 1].hex()
    return (
        f"not valid utf-8: byte 0x{byte} at line {line}, byte {column}; "
        "save it as UTF-8"
    )
