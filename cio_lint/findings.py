"""Findings: what a rule reports, where, and how they are ordered."""

from __future__ import annotations

import re

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


# A first word of prose: lower-case letters followed by a space, not by an
# argument list, and not JavaScript's `new`.
_PROSE_START = re.compile(r"(?!new )[a-z]+ (?!\()")


def capitalize_prose(text: str) -> str:
    """Capitalize `text` to begin a message, unless it begins with code.

    `environment variable CIO_KEY` becomes `Environment variable CIO_KEY`;
    `settings.CIO["KEY"]`, `new TrackClient(...)` and `key (a string literal)`
    are source text and keep their case.
    """
    if _PROSE_START.match(text):
        return text[:1].upper() + text[1:]
    return text


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
