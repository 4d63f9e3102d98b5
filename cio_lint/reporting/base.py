"""The report context that output formats receive, and the reporter base class."""

from __future__ import annotations

import abc
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import ClassVar, TextIO

from msgspec import Struct, field

from cio_lint import languages
from cio_lint.credentials import mask_key_like
from cio_lint.findings import Finding
from cio_lint.fixing.policy import FixPolicy
from cio_lint.positions import LineIndex
from cio_lint.rule_docs import RuleDoc, rule_doc


class SourceTexts:
    """Reads the text of linted files for code frames, once per file.

    `overrides` maps a displayed path to text that is not on disk, such as
    standard input.
    """

    def __init__(self, overrides: Mapping[str, str] | None = None) -> None:
        self._overrides = dict(overrides or {})
        self._files: dict[str, tuple[LineIndex, int] | None] = {}

    def line(self, path: str, line: int) -> str | None:
        """Return a 1-based line of a file without its line break, if readable."""
        lines = self._lines(path)
        if lines is None or not 1 <= line <= lines[1]:
            return None
        # Source shown to the user never shows a key-like literal in full.
        return mask_key_like(lines[0].line_text(line))

    def _lines(self, path: str) -> tuple[LineIndex, int] | None:
        """Return the file's line index and its number of lines."""
        if path not in self._files:
            text = self._overrides.get(path)
            if text is None:
                text = _read(Path(path))
            self._files[path] = None if text is None else _count_lines(text)
        return self._files[path]


def _count_lines(text: str) -> tuple[LineIndex, int]:
    index = LineIndex(text)
    # A final line break ends the last line rather than starting an empty one.
    count = index.line_count
    if text.endswith(("\n", "\r")):
        count -= 1
    return index, count


def _read(path: Path) -> str | None:
    """Decode a file the way its front-end does, or return None if that fails."""
    frontend = languages.frontend_for(path)
    if frontend is None:
        return None
    try:
        return frontend.decode(path.read_bytes())
    except (OSError, languages.DecodeError):
        return None


class ReportContext(Struct, frozen=True):
    """Facts about the run that some formats print besides the findings."""

    enabled: tuple[str, ...] = ()
    """Codes of the rules that ran, in code order."""

    sources: SourceTexts = field(default_factory=SourceTexts)
    color: bool = False
    """Whether to colour the output (the `full` format only)."""

    base_directory: Path = field(default_factory=Path.cwd)
    """The directory that relative finding paths start from."""

    fix_policy: FixPolicy | None = None
    """The fixes `--fix` applies, for the `[*]` mark; None marks none."""


def doc_for(code: str) -> RuleDoc:
    """Return a rule's metadata, with an empty name for a code of no known rule."""
    doc = rule_doc(code)
    return doc if doc is not None else RuleDoc(code, "", "")


class Reporter(abc.ABC):
    """Writes the findings of one run to a stream in one format."""

    name: ClassVar[str]
    description: ClassVar[str]

    @abc.abstractmethod
    def write(
        self, findings: Sequence[Finding], stream: TextIO, context: ReportContext
    ) -> None:
        """Write `findings`, already sorted by path and position, to `stream`."""
