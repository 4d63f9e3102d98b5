"""Findings: what a rule reports, where, and how they are ordered."""

from __future__ import annotations

from msgspec import Struct

from cio_lint.edits import Fix
from cio_lint.model import Position, Span


class Violation(Struct, frozen=True):
    """A problem a rule reports in one file, before the path and code are attached."""

    start: Position
    end: Position
    message: str
    path: str | None = None
    """The resolved path of another file the violation lands in, if any."""

    fix: Fix | None = None

    @classmethod
    def at(
        cls, span: Span, message: str, path: str | None = None, fix: Fix | None = None
    ) -> Violation:
        return cls(span.start, span.end, message, path, fix)


class Finding(Struct, frozen=True):
    """A reported problem: path as the user named it, 1-based position, code."""

    path: str
    start: Position
    end: Position
    code: str
    message: str
    fix: Fix | None = None
    """The edits that resolve the finding, with offsets into the file's text."""

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.start.line, self.start.column, self.code)
