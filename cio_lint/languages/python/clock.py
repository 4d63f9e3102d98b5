"""Tell whether a Python time expression reads the current time."""

from __future__ import annotations

from collections.abc import Callable

import libcst as cst

from cio_lint.languages.python.walk import descendants

# Functions that return the current time, by qualified name.
CLOCK_READS = frozenset(
    {
        "time.time",
        "time.time_ns",
        "datetime.datetime.now",
        "datetime.datetime.utcnow",
        "datetime.datetime.today",
        "datetime.date.today",
        "django.utils.timezone.now",
        "arrow.now",
        "arrow.utcnow",
        "pendulum.now",
    }
)


def reads_clock(
    node: cst.BaseExpression, qualify: Callable[[cst.BaseExpression], str | None]
) -> bool:
    """Tell whether `node` calls one of `CLOCK_READS` anywhere inside it."""
    return any(
        isinstance(call, cst.Call) and qualify(call.func) in CLOCK_READS
        for call in descendants(node)
    )
