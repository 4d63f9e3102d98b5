"""Text edits and fixes: what a rule offers to change in a file.

Offsets count characters of the decoded text, as `Span` offsets do; positions
are 1-based and only serve output. An edit never covers text outside its own
range, so a fix leaves every other byte of the file as it was.
"""

from __future__ import annotations

import enum

from msgspec import Struct

from cio_lint.model import Position, Span


class Edit(Struct, frozen=True):
    """Replace the text from `start_offset` to `end_offset` with `replacement`."""

    start: Position
    end: Position
    start_offset: int
    end_offset: int
    replacement: str

    @classmethod
    def replacing(cls, span: Span, replacement: str) -> Edit:
        return cls(
            span.start, span.end, span.start_offset, span.end_offset, replacement
        )

    @classmethod
    def inserting_before(cls, span: Span, text: str) -> Edit:
        return cls(span.start, span.start, span.start_offset, span.start_offset, text)

    def overlaps(self, other: Edit) -> bool:
        """Tell whether two edits touch the same text or insert at one point."""
        if self.start_offset == other.start_offset:
            return True
        return (
            self.start_offset < other.end_offset
            and other.start_offset < self.end_offset
        )


class ImportNeed(Struct, frozen=True):
    """A name that replacement code uses and a module must provide.

    Python adds `from <module> import <name>`; JavaScript and TypeScript add
    `name` to the file's existing import or `require` of `module`.
    """

    module: str
    name: str


class RewritePurpose(enum.Enum):
    """The goal of a ready-made rewrite of an expression."""

    TO_UNIX_SECONDS = "convert to Unix seconds"
    TO_AWARE_UTC = "make the datetime timezone-aware in UTC"
    AWAIT = "await the call"


class Rewrite(Struct, frozen=True):
    """Replacement code that a front-end computed for one expression."""

    purpose: RewritePurpose
    edits: tuple[Edit, ...]
    imports: tuple[ImportNeed, ...] = ()


class Applicability(enum.Enum):
    """Whether `--fix` applies a fix, only with `--unsafe-fixes`, or never."""

    SAFE = "safe"
    UNSAFE = "unsafe"
    DISPLAY = "display"


class Fix(Struct, frozen=True):
    """Edits that resolve one finding, their imports, and how safe they are."""

    applicability: Applicability
    title: str
    edits: tuple[Edit, ...]
    imports: tuple[ImportNeed, ...] = ()

    @classmethod
    def from_rewrite(
        cls, rewrite: Rewrite, applicability: Applicability, title: str
    ) -> Fix:
        return cls(applicability, title, rewrite.edits, rewrite.imports)
