"""What every language front-end provides."""

from __future__ import annotations

from typing import Protocol

from cio_lint.model import FileModel, Language


class DecodeError(Exception):
    """The bytes of a file cannot be turned into text."""


class Frontend(Protocol):
    """Parses the files of one language and emits the model for each."""

    language: Language
    extensions: frozenset[str]

    def decode(self, raw: bytes) -> str:
        """Return the text of a file, or raise DecodeError."""
        ...

    def analyze(self, text: str) -> FileModel:
        """Parse `text` and return its model; a syntax error is part of the model."""
        ...
