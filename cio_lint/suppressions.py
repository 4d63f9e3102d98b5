"""`noqa` comments: how they are written and which findings they silence.

A suppression covers every physical line of the statement its comment is on;
a bare `noqa` covers every code, `noqa: CIO101,CIO102` only those codes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from cio_lint.model import StatementRange, SuppressionComment

# The comment syntax flake8 reads: the word noqa after the comment marker,
# optionally followed by a colon and comma- or space-separated codes.
NOQA = re.compile(
    r"(?:#|//)\s*noqa\b"
    r"(?::[\s]?(?P<codes>[A-Z]+[0-9]+(?:[,\s]+[A-Z]+[0-9]+)*))?",
    re.IGNORECASE,
)


def parse_noqa(comment: str) -> frozenset[str] | None:
    """Return the codes a comment names (empty: all), or None if it is no noqa."""
    match = NOQA.search(comment)
    if match is None:
        return None
    codes = match.group("codes")
    if not codes:
        return frozenset()
    return frozenset(code.upper() for code in re.split(r"[,\s]+", codes) if code)


def suppression(
    comment: str, line: int, statement: StatementRange
) -> SuppressionComment | None:
    codes = parse_noqa(comment)
    if codes is None:
        return None
    return SuppressionComment(line, codes, statement)


def is_suppressed(
    code: str, line: int, suppressions: Iterable[SuppressionComment]
) -> bool:
    """Tell whether a finding with `code` on `line` is silenced."""
    for item in suppressions:
        statement = item.statement
        if statement.first_line <= line <= statement.last_line:
            if not item.codes or code in item.codes:
                return True
    return False
