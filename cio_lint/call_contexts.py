"""Attach the contexts a front-end read to the calls they belong to."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TypeVar

from msgspec.structs import replace

from cio_lint.model import ApiCall, CallContext, PendingHttpCall, RetryCandidate

# A call bound in the file, or a plain HTTP call bound when the project is linked.
AnyCall = TypeVar("AnyCall", ApiCall, PendingHttpCall)


def http_library(call: ApiCall | PendingHttpCall) -> str | None:
    """Return the library of a plain HTTP call, or None for an SDK call."""
    if isinstance(call, PendingHttpCall):
        return call.site.library
    return call.http.library if call.http is not None else None


def attach_contexts(
    calls: Sequence[AnyCall],
    contexts: Mapping[tuple[int, int], CallContext],
    retrying_library: str | None,
    retry_name: str,
) -> list[AnyCall]:
    """Return `calls` with the context found at each one's offsets.

    A plain HTTP call whose library name starts with `retrying_library` also
    counts `retry_name` as a retry around it, such as an adapter with
    `max_retries` that the file mounts.
    """
    result = []
    for call in calls:
        found = contexts.get((call.span.start_offset, call.span.end_offset))
        if found is None:
            result.append(call)
        else:
            context = _with_retry(found, call, retrying_library, retry_name)
            result.append(replace(call, context=context))
    return result


def _with_retry(
    context: CallContext,
    call: ApiCall | PendingHttpCall,
    retrying_library: str | None,
    retry_name: str,
) -> CallContext:
    library = http_library(call)
    if not (retrying_library and library and library.startswith(retrying_library)):
        return context
    applied = RetryCandidate(retry_name, call.span)
    return replace(context, retry_candidates=(*context.retry_candidates, applied))
