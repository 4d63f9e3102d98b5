"""Find `# noqa` comments in Python source and the statements they sit on."""

from __future__ import annotations

import io
import tokenize

from cio_lint.model import StatementRange, SuppressionComment
from cio_lint.suppressions import suppression


def find_suppressions(text: str) -> tuple[SuppressionComment, ...]:
    """Return the noqa comments of `text`, each with its logical line's extent.

    `tokenize` groups bracketed continuation lines into one logical line, which
    is the statement. When the text does not tokenize, each comment covers only
    its own physical line.
    """
    if "noqa" not in text.lower():
        return ()
    try:
        return tuple(_from_tokens(text))
    except (tokenize.TokenError, SyntaxError):
        return tuple(_from_lines(text))


def _from_tokens(text: str) -> list[SuppressionComment]:
    found: list[SuppressionComment] = []
    pending: list[tuple[str, int]] = []
    logical_start: int | None = None
    for token in tokenize.generate_tokens(io.StringIO(text).readline):
        kind = token.type
        if kind == tokenize.COMMENT:
            pending.append((token.string, token.start[0]))
            if logical_start is None:
                _flush(found, pending, token.start[0], token.start[0])
            continue
        if kind == tokenize.NEWLINE:
            first = logical_start if logical_start is not None else token.start[0]
            _flush(found, pending, first, token.end[0])
            logical_start = None
        elif kind == tokenize.NL:
            if logical_start is None:
                _flush(found, pending, token.start[0], token.start[0])
        elif kind not in (tokenize.INDENT, tokenize.DEDENT, tokenize.ENCODING):
            if logical_start is None and kind != tokenize.ENDMARKER:
                logical_start = token.start[0]
    return found


def _flush(
    found: list[SuppressionComment],
    pending: list[tuple[str, int]],
    first_line: int,
    last_line: int,
) -> None:
    for comment, line in pending:
        item = suppression(comment, line, StatementRange(first_line, last_line))
        if item is not None:
            found.append(item)
    pending.clear()


def _from_lines(text: str) -> list[SuppressionComment]:
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        if "#" not in line:
            continue
        item = suppression(
            line[line.index("#") :], number, StatementRange(number, number)
        )
        if item is not None:
            found.append(item)
    return found
