"""The protocol every language front-end implements."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path
from typing import Protocol

from cio_lint.model import FileModel, Language


class DecodeError(Exception):
    """The bytes of a file cannot be turned into text."""


class AnalysisError(Exception):
    """The file is valid source, but the front-end cannot analyse it."""


class Frontend(Protocol):
    """Parses the files of one language and emits the model for each."""

    language: Language
    extensions: frozenset[str]

    def decode(self, raw: bytes) -> str:
        """Return the text of a file, or raise DecodeError."""
        ...

    def accepts(self, path: Path) -> bool:
        """Tell whether this front-end lints `path`, whose suffix it claims."""
        ...

    def load(self) -> None:
        """Import what `analyze` needs, such as the parser, ahead of analysing."""
        ...

    def analyze(
        self, text: str, path: Path, follow: frozenset[str] = frozenset()
    ) -> FileModel:
        """Parse `text` and return its model; a syntax error is part of the model.

        `path` selects the dialect (TypeScript, JSX); the front-end never reads it.
        `follow` names the project modules known to export a client or a
        wrapper: a front-end that leaves out code unrelated to Customer.io
        keeps the code that uses what the file imports from them.
        """
        ...

    def resolve_import(
        self, importer: Path, specifier: str, files: Collection[Path]
    ) -> Path | None:
        """Return the file among `files` that `importer` imports as `specifier`."""
        ...
