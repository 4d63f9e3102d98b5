"""The Python front-end: LibCST syntax in, model records out.

LibCST loads only when a file is analysed (`analysis.py`), not when the
front-end is registered.
"""

from __future__ import annotations

import io
import logging
import tokenize
from collections.abc import Collection
from pathlib import Path

from cio_lint.languages.base import DecodeError
from cio_lint.languages.python import modules
from cio_lint.model import FileModel, Language

LOG = logging.getLogger(__name__)


class PythonFrontend:
    """Parse `.py` and `.pyi` files with LibCST and emit the model."""

    language = Language.PYTHON
    extensions = frozenset({".py", ".pyi"})

    def accepts(self, path: Path) -> bool:
        return path.suffix in self.extensions

    def decode(self, raw: bytes) -> str:
        """Decode with the PEP 263 coding cookie or BOM, UTF-8 by default."""
        try:
            encoding, _ = tokenize.detect_encoding(io.BytesIO(raw).readline)
        except SyntaxError as error:
            # Raised for an unknown coding cookie, and for bytes in the first
            # two lines that are not UTF-8 when there is no cookie.
            encoding = "utf-8"
            if b"coding" in raw[:400]:
                raise DecodeError(str(error)) from None
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError as error:
            raise DecodeError(_describe(raw, encoding, error)) from None
        except LookupError as error:
            raise DecodeError(str(error)) from None
        return text.removeprefix("\ufeff")

    def load(self) -> None:
        """Import the analysis, so that worker processes forked later have it."""
        import cio_lint.languages.python.analysis  # noqa: F401

    def analyze(
        self, text: str, path: Path, follow: frozenset[str] = frozenset()
    ) -> FileModel:
        from cio_lint.languages.python.analysis import analyze

        return analyze(text, path, follow)

    def resolve_import(
        self, importer: Path, specifier: str, files: Collection[Path]
    ) -> Path | None:
        """Return the linted file that an import of `specifier` names, if any."""
        return modules.resolve(importer, specifier, files)


def _describe(raw: bytes, encoding: str, error: UnicodeDecodeError) -> str:
    line = raw.count(b"\n", 0, error.start) + 1
    column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
    byte = raw[error.start : error.start + 1].hex()
    return (
        f"not valid {encoding}: byte 0x{byte} at line {line}, byte {column}; "
        "save it as UTF-8 or declare its encoding in a coding comment"
    )
