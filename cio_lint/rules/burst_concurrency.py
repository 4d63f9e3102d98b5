"""CIO509 burst-concurrency: one Customer.io call per item, all started at once."""

from __future__ import annotations

from collections.abc import Iterator

from cio_lint.findings import Violation
from cio_lint.model import ApiCall, FileModel, Loop
from cio_lint.rules.base import Rule
from cio_lint.rules.unthrottled_loop import _LIMITS, batching, is_small

# NOTE: a pool of this many workers or fewer counts as a limit. This is an
# estimate: ten threads that each wait about 100 ms per request stay near
# 100 requests per second, the low end of the Track API's documented limit.
MAX_LIMITED_WORKERS = 10


class BurstConcurrency(Rule):
    code = "CIO509"
    name = "burst-concurrency"
    summary = (
        "Customer.io calls fanned out over a collection all at once, with no "
        "limit on how many run together."
    )

    def check(self, model: FileModel) -> Iterator[Violation]:
        for call in model.calls:
            loop = call.context.loop
            if loop is not None and _unbounded(call, loop):
                yield Violation.at(call.span, _message(call, loop))


def _unbounded(call: ApiCall, loop: Loop) -> bool:
    if loop.concurrent is None or loop.throttled or batching(call):
        return False
    if call.context.limited or (call.wrapper is not None and call.wrapper.limited):
        return False
    if is_small(loop):
        return False
    return loop.workers is None or loop.workers > MAX_LIMITED_WORKERS


def _message(call: ApiCall, loop: Loop) -> str:
    name = f"{call.method}()" if call.http is None else f"{call.http.library}()"
    pool = f" of {loop.workers} workers" if loop.workers is not None else ""
    return (
        f"{name} runs once per item of {_short(loop.collection)}, all started "
        f"together by {loop.concurrent}{pool}, so a large collection sends a "
        f"burst above {_LIMITS[call.api]} and gets 429 responses: limit how many "
        "run at once (p-limit, an asyncio.Semaphore, or a pool of a few "
        "workers), or send the items in batch calls"
    )


def _short(text: str, limit: int = 40) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"
