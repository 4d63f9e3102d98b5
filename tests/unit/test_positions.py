"""Byte columns from tree-sitter converted to character columns."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cio_lint.positions import LineIndex

TEXT = "a\u00e9\u20ac\U0001f600b\r\nascii only\n\u00e9"


def _expected(line: str, byte_column: int) -> int:
    """Count the characters that start in the first `byte_column` bytes."""
    prefix = line.encode("utf-8")[:byte_column]
    return len(prefix.decode("utf-8", "replace"))


def test_character_columns_of_multibyte_line() -> None:
    index = LineIndex(TEXT)
    columns = [index.character_column(1, byte) for byte in range(13)]

    # a=1 byte, é=2, €=3, 😀=4, b=1; a column inside a character counts it.
    assert columns == [0, 1, 2, 2, 3, 3, 3, 4, 4, 4, 4, 5, 5]


def test_character_columns_of_ascii_and_last_line() -> None:
    index = LineIndex(TEXT)

    assert index.character_column(2, 5) == 5
    assert index.character_column(2, 99) == 10
    assert index.character_column(3, 1) == 1
    assert index.character_column(3, 2) == 1


@settings(max_examples=200, deadline=None)
@given(st.text(st.sampled_from("ab \t\u00e9\u20ac\U0001f600"), max_size=20))
def test_character_column_matches_prefix_decoding(line: str) -> None:
    index = LineIndex(line)

    for byte_column in range(len(line.encode("utf-8")) + 2):
        assert index.character_column(1, byte_column) == _expected(line, byte_column)
