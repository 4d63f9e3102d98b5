"""Fixes that move credential arguments: swap two, or drop an extra one.

The replacement text is the values' own source, so a value is moved only when
its text in the model is exact: one line, not shortened for messages.
"""

from __future__ import annotations

from cio_lint.edits import Applicability, Edit, Fix
from cio_lint.model import Span, Value


def exact_source(value: Value) -> str | None:
    """Return the value's source when `value.text` is all of it, else None."""
    if value.defined_in is not None:
        return None
    if len(value.text) != value.span.end_offset - value.span.start_offset:
        return None
    return value.text


def swap_fix(first: Value, second: Value, title: str) -> Fix | None:
    """Return an unsafe fix that exchanges the source of two values."""
    first_text, second_text = exact_source(first), exact_source(second)
    if first_text is None or second_text is None:
        return None
    if first.span.end_offset > second.span.start_offset:
        return None
    edits = (
        Edit.replacing(first.span, second_text),
        Edit.replacing(second.span, first_text),
    )
    return Fix(Applicability.UNSAFE, title, edits)


def drop_fix(previous: Value, extra: Value, title: str) -> Fix | None:
    """Return an unsafe fix that deletes `extra`, the argument after `previous`.

    The deleted range runs from the end of `previous` to the end of `extra`,
    so the separating comma and a keyword such as `url=` go too.
    """
    if previous.defined_in is not None or extra.defined_in is not None:
        return None
    if previous.span.end_offset > extra.span.start_offset:
        return None
    gap = Span(
        previous.span.end,
        extra.span.end,
        previous.span.end_offset,
        extra.span.end_offset,
    )
    return Fix(Applicability.UNSAFE, title, (Edit.replacing(gap, ""),))
