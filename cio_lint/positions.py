"""The one place where source positions are converted.

LibCST reports 1-based lines with 0-based columns in code points; tree-sitter
reports 0-based rows with columns in UTF-8 bytes. The model stores 1-based lines,
1-based columns in characters and character offsets into the decoded text.
"""

from __future__ import annotations

import bisect
import itertools
import re
from functools import lru_cache

from cio_lint.model import Position, Span

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class LineIndex:
    """Maps between (line, column) pairs and offsets for one decoded text."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._line_starts = [0] + [match.end() for match in _LINE_BREAK.finditer(text)]
        # The last line read: a minified file requests its one long line again
        # and again, and slicing it each time would make positions quadratic.
        self._last_line: tuple[int, str] = (0, "")

    @property
    def line_count(self) -> int:
        return len(self._line_starts)

    def offset(self, line: int, column0: int) -> int:
        """Return the character offset of a 1-based line and 0-based column."""
        line_index = min(max(line, 1), len(self._line_starts)) - 1
        return min(self._line_starts[line_index] + column0, len(self._text))

    def position(self, offset: int) -> Position:
        """Return the 1-based line and column of a character offset."""
        line_index = bisect.bisect_right(self._line_starts, offset) - 1
        return Position(line_index + 1, offset - self._line_starts[line_index] + 1)

    def line_text(self, line: int) -> str:
        """Return the text of a 1-based line without its line break."""
        if self._last_line[0] == line:
            return self._last_line[1]
        start = self._line_starts[line - 1]
        end = (
            self._line_starts[line]
            if line < len(self._line_starts)
            else len(self._text)
        )
        text = self._text[start:end].rstrip("\r\n")
        self._last_line = (line, text)
        return text

    def span_from_columns(
        self, start_line: int, start_column0: int, end_line: int, end_column0: int
    ) -> Span:
        """Build a span from 1-based lines and 0-based character columns."""
        start_offset = self.offset(start_line, start_column0)
        end_offset = self.offset(end_line, end_column0)
        return Span(
            start=Position(start_line, start_column0 + 1),
            end=Position(end_line, end_column0 + 1),
            start_offset=start_offset,
            end_offset=end_offset,
        )

    def character_column(self, line: int, byte_column: int) -> int:
        """Convert a 0-based UTF-8 byte column on a 1-based line to characters.

        A column inside a multi-byte character counts that character. Once
        a line is indexed, each conversion is a binary search, so a minified
        file with one long line and many nodes is not quadratic.
        """
        text = self.line_text(line)
        widths = _multibyte_widths(text)
        if widths is None:
            return min(byte_column, len(text))
        starts, extra_before = widths
        byte_column = min(byte_column, len(text) + extra_before[-1])
        count = bisect.bisect_left(starts, byte_column)
        if count == 0:
            return byte_column
        last_start = starts[count - 1]
        last_end = last_start + extra_before[count] - extra_before[count - 1] + 1
        if last_end > byte_column:
            return last_start - extra_before[count - 1] + 1
        return byte_column - extra_before[count]


@lru_cache(maxsize=64)
def _multibyte_widths(text: str) -> tuple[list[int], list[int]] | None:
    """Index the characters of `text` that take more than one UTF-8 byte.

    Returns None for ASCII text. Otherwise returns the byte offsets where
    those characters start, and for each count k of them the extra bytes
    (UTF-8 length minus one) the first k take.
    """
    if text.isascii():
        return None
    starts: list[int] = []
    extras: list[int] = []
    offset = 0
    for character in text:
        width = len(character.encode("utf-8", "surrogatepass"))
        if width > 1:
            starts.append(offset)
            extras.append(width - 1)
        offset += width
    return starts, [0, *itertools.accumulate(extras)]
