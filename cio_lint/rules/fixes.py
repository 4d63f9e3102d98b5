"""Helpers for rules that turn a front-end's rewrite into a fix."""

from __future__ import annotations

from cio_lint.edits import Applicability, Edit, Fix, Rewrite, RewritePurpose
from cio_lint.model import Span, Value


def rewrite_for(value: Value, purpose: RewritePurpose) -> Rewrite | None:
    """Return the value's rewrite for `purpose` when it edits only this value.

    A value defined in another file carries offsets into that file, and a
    rewrite that reaches outside the value's span could clash with other
    fixes of the same finding, so neither is offered.
    """
    if value.defined_in is not None:
        return None
    span = value.span
    for rewrite in value.rewrites:
        if rewrite.purpose is not purpose:
            continue
        if all(
            span.start_offset <= edit.start_offset
            and edit.end_offset <= span.end_offset
            for edit in rewrite.edits
        ):
            return rewrite
    return None


def fix_from(
    value: Value, purpose: RewritePurpose, applicability: Applicability, title: str
) -> Fix | None:
    """Return a fix from the value's rewrite for `purpose`, if it has one."""
    rewrite = rewrite_for(value, purpose)
    if rewrite is None:
        return None
    return Fix.from_rewrite(rewrite, applicability, title)


def await_fix(call: Span) -> Fix:
    """Return an unsafe fix that writes `await ` before a call.

    Unsafe because the caller then waits for the request, which changes
    timing. Offer it only inside an `async` function: neither LibCST nor
    tree-sitter rejects `await` elsewhere, so the re-parse would keep it.
    """
    return Fix(
        Applicability.UNSAFE, "Await the call", (Edit.inserting_before(call, "await "),)
    )
