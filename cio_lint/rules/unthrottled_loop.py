"""CIO503 unthrottled-loop: one Customer.io request per item of a collection."""

from __future__ import annotations

from collections.abc import Iterator

from cio_lint.findings import Violation
from cio_lint.model import Api, ApiCall, FileModel, Loop
from cio_lint.rules.base import Rule

# These libraries queue calls and send them in batches themselves.
_BATCHING_SDKS = frozenset(
    {
        "customerio-cdp-analytics",
        "@customerio/cdp-analytics-node",
        "@customerio/cdp-analytics-browser",
        "customerio-reactnative",
        "customerio-snippet",
    }
)
_BATCH_OPERATIONS = frozenset({"batch"})
# NOTE: a collection whose source fixes it at this many items or fewer (a
# short literal, `items[:10]`) counts as small. This is an estimate: ten
# requests in a row stay far below 100 requests per second, the low end of
# the Track API's documented limit.
MAX_SMALL_COLLECTION = 10
# Documented limits, as Customer.io states them: the Track API has a fair-use
# limit of 100 to 1000 requests per second (older and newer documents
# differ), the App API 10 per second, the Data Pipelines API 3000 per 3 s.
_LIMITS = {
    Api.TRACK: "the Track API's rate limit (documented as 100 to 1000 requests "
    "per second)",
    Api.APP: "the App API's limit of 10 requests per second",
    Api.PIPELINES: "the Data Pipelines API's limit of 3000 requests per 3 seconds",
}
_REMEDIES = {
    Api.TRACK: "send the items in v2 batch calls (batch() or POST /api/v2/batch, "
    "up to 500 KB each), or throttle the loop",
    Api.APP: "throttle the loop to stay under the limit",
    Api.PIPELINES: "send the items in batch calls (POST /v1/batch), or throttle "
    "the loop",
}


class UnthrottledLoop(Rule):
    code = "CIO503"
    name = "unthrottled-loop"
    summary = (
        "A Customer.io request made once per item of a collection, with no "
        "batching or throttling."
    )

    def check(self, model: FileModel) -> Iterator[Violation]:
        for call in model.calls:
            if _is_per_item(call):
                yield Violation.at(call.span, _message(call))


def _is_per_item(call: ApiCall) -> bool:
    loop = call.context.loop
    # CIO509 reports loops that start every call at once.
    if loop is None or loop.throttled or loop.concurrent is not None:
        return False
    return not is_small(loop) and not batching(call)


def is_small(loop: Loop) -> bool:
    """Tell whether the loop's collection has a few items at most."""
    return loop.size is not None and loop.size <= MAX_SMALL_COLLECTION


def batching(call: ApiCall) -> bool:
    """Tell whether the call sends a batch, or its SDK batches by itself."""
    if call.operation in _BATCH_OPERATIONS or call.method in _BATCH_OPERATIONS:
        return True
    if call.http is not None and call.http.path.rstrip("/").endswith("/batch"):
        return True
    return call.client is not None and call.client.sdk in _BATCHING_SDKS


def _message(call: ApiCall) -> str:
    assert call.context.loop is not None
    if call.wrapper is not None:
        name = f"{call.wrapper.callee}()"
    else:
        name = f"{call.method}()" if call.http is None else call.http.library
    collection = _short(call.context.loop.collection)
    return (
        f"{name} sends one {call.api.value} request per item of {collection} "
        f"with nothing between them, so when {collection} holds many items the "
        f"loop exceeds {_LIMITS[call.api]} and its later requests get 429 "
        f"responses: {_REMEDIES[call.api]}"
    )


def _short(text: str, limit: int = 40) -> str:
    """Return source text on one line, cut at `limit` characters."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"
