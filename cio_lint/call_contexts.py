"""Attach the contexts a front-end read to the calls they belong to."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from msgspec.structs import replace

from cio_lint.model import ApiCall, CallContext, RetryCandidate


def attach_contexts(
    calls: Sequence[ApiCall],
    contexts: Mapping[tuple[int, int], CallContext],
    retrying_library: str | None,
    retry_name: str,
) -> list[ApiCall]:
    """Return `calls` with the context found at each one's offsets.

    A plain HTTP call whose library name starts with `retrying_library` also
    counts `retry_name` as a retry around it, such as an adapter with
    `max_retries` that the file mounts.
    """
    result = []
    for call in calls:
        context = contexts.get((call.span.start_offset, call.span.end_offset))
        if context is None:
            result.append(call)
            continue
        http = call.http
        if retrying_library and http and http.library.startswith(retrying_library):
            applied = RetryCandidate(retry_name, call.span)
            context = replace(
                context, retry_candidates=(*context.retry_candidates, applied)
            )
        result.append(replace(call, context=context))
    return result
