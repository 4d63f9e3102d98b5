"""Decode a file for fixing and encode it back byte for byte, then write it.

The fixed text is encoded with the file's own encoding (a PEP 263 coding
cookie for Python, UTF-8 otherwise), gets back its byte order mark, and keeps
its line breaks because edits never touch text outside their range.
"""

from __future__ import annotations

import codecs
import io
import os
import stat
import tempfile
import tokenize
from pathlib import Path

from msgspec import Struct

from cio_lint import languages
from cio_lint.model import Language


class DecodedSource(Struct, frozen=True):
    """A file's text and what is needed to turn fixed text back into bytes."""

    text: str
    encoding: str
    bom: bool

    def encode(self, text: str) -> bytes | None:
        """Return the bytes of `text` in this encoding, or None if it cannot be."""
        try:
            data = text.encode(self.encoding)
        except UnicodeEncodeError:
            return None
        return codecs.BOM_UTF8 + data if self.bom else data


def decode(frontend: languages.Frontend, raw: bytes) -> DecodedSource:
    """Decode `raw` as its front-end does; raises `languages.DecodeError`."""
    text = frontend.decode(raw)
    bom = raw.startswith(codecs.BOM_UTF8)
    encoding = "utf-8"
    if frontend.language is Language.PYTHON:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(raw).readline)
        if encoding == "utf-8-sig":
            encoding = "utf-8"
    return DecodedSource(text, encoding, bom)


def write_atomically(path: Path, data: bytes) -> None:
    """Replace `path` with `data` through a temporary file in the same folder.

    The file keeps its permission bits. A reader sees either the old or the
    new content, never a partly written file.
    """
    mode = stat.S_IMODE(path.stat().st_mode)
    descriptor, temporary = tempfile.mkstemp(
        prefix=f".{path.name}.", suffix=".cio-lint-tmp", dir=path.parent
    )
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
