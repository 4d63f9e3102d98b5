"""Calls held back by a rate limiter object are neither bursts nor floods."""

from __future__ import annotations

from tests.conftest import RunCioLint, WriteTree


def test_limiter_objects_count_as_throttles(
    cio_lint: RunCioLint, write_tree: WriteTree
) -> None:
    write_tree(
        {
            "package.json": '{"dependencies": {"customerio-node": "^5.2.0"}}',
            "backfill.js": """
                const { TrackClient } = require("customerio-node");
                const Bottleneck = require("bottleneck");
                const { RateLimiter } = require("limiter");

                const cio = new TrackClient(SITE, KEY);
                const limiter = new Bottleneck({ maxConcurrent: 5, minTime: 20 });
                const bucket = new RateLimiter({ tokensPerInterval: 50 });

                async function burst(users) {
                  return Promise.allSettled(
                    users.map((u) => limiter.schedule(() => cio.identify(u.id, {})))
                  );
                }

                async function loop(users) {
                  for (const user of users) {
                    await bucket.removeTokens(1);
                    await cio.identify(user.id, { plan: user.plan });
                  }
                }

                async function flood(users) {
                  for (const user of users) {
                    await cio.identify(user.id, { plan: user.plan });
                  }
                }
                module.exports = { burst, loop, flood };
            """,
        }
    )

    result = cio_lint("--select", "CIO503,CIO509", ".")

    assert [line.split(" ", 2)[:2] for line in result.lines] == [
        ["backfill.js:24:11:", "CIO503"]
    ]


def test_semaphore_in_gathered_helper_is_a_limit(
    cio_lint: RunCioLint, write_tree: WriteTree
) -> None:
    write_tree(
        {
            "sync.py": """
                import asyncio

                import httpx
                from tenacity import retry

                client = httpx.AsyncClient(
                    base_url="https://track.customer.io/api/v1", auth=(SITE, KEY)
                )
                sem = asyncio.Semaphore(8)


                @retry
                async def put_limited(customer_id, a):
                    async with sem:
                        response = await client.put(f"/customers/{customer_id}", json=a)
                        response.raise_for_status()


                @retry
                async def put_one(customer_id, attrs):
                    response = await client.put(f"/customers/{customer_id}", json=attrs)
                    response.raise_for_status()


                async def sync_all(users):
                    await asyncio.gather(*(put_limited(u.id, {"p": 1}) for u in users))
                    await asyncio.gather(*(put_one(u.id, {"p": 1}) for u in users))
            """,
        }
    )

    result = cio_lint("--select", "CIO509", ".")

    assert [" ".join(line.split(" ")[:2]) for line in result.lines] == [
        "sync.py:27:28: CIO509"
    ]


LIMITED_PY = """
import asyncio

import aiolimiter
import httpx
from aiolimiter import AsyncLimiter

client = httpx.AsyncClient(
    base_url="https://track.customer.io/api/v1", auth=("site", "key")
)
limiter = AsyncLimiter(50, 1)
semaphore = asyncio.Semaphore(5)


async def paced(users):
    for u in users:
        async with limiter:
            r = await client.put(f"/customers/{u['id']}", json={"plan": u["plan"]})
            r.raise_for_status()


async def acquired(users):
    local = aiolimiter.AsyncLimiter(10)
    for u in users:
        await local.acquire()
        r = await client.put(f"/customers/{u['id']}", json={"plan": u["plan"]})
        r.raise_for_status()


async def chunked(chunks):
    for chunk in chunks:
        async with limiter:
            for u in chunk:
                r = await client.put(f"/customers/{u['id']}", json={})
                r.raise_for_status()


async def fresh_limiter(users):
    for u in users:
        async with AsyncLimiter(50, 1):
            r = await client.put(f"/customers/{u['id']}", json={"plan": u["plan"]})
            r.raise_for_status()


async def semaphore_only(users):
    for u in users:
        async with semaphore:
            r = await client.put(f"/customers/{u['id']}", json={"plan": u["plan"]})
            r.raise_for_status()
"""


def _flood(line: int) -> str:
    return (
        f"loop.py:{line}:23: CIO503 httpx.AsyncClient.put sends one Track API "
        "request per item of users with nothing between them, so when users "
        "holds many items the loop exceeds the Track API's rate limit "
        "(documented as 100 to 1000 requests per second) and its later requests "
        "get 429 responses: send the items in v2 batch calls (batch() or POST "
        "/api/v2/batch, up to 500 KB each), or throttle the loop"
    )


def test_aiolimiter_counts_as_throttle(
    cio_lint: RunCioLint, write_tree: WriteTree
) -> None:
    write_tree({"loop.py": LIMITED_PY})

    result = cio_lint("--select", "CIO503,CIO509", "loop.py")

    assert result.lines == [_flood(40), _flood(47)]
    assert result.exit_code == 1


def test_semaphore_built_per_call_limits_nothing(
    cio_lint: RunCioLint, write_tree: WriteTree
) -> None:
    write_tree(
        {
            "sync.py": """
                import asyncio

                import httpx
                from tenacity import retry

                TRACK = "https://track.customer.io/api/v1"
                client = httpx.AsyncClient(auth=(SITE, KEY))


                @retry
                async def put_one(customer_id, a):
                    sem = asyncio.Semaphore(5)
                    async with sem:
                        r = await client.put(f"{TRACK}/customers/{customer_id}", json=a)
                        r.raise_for_status()


                @retry
                async def put_inline(customer_id, a):
                    async with asyncio.Semaphore(5):
                        r = await client.put(f"{TRACK}/customers/{customer_id}", json=a)
                        r.raise_for_status()


                async def sync_all(users):
                    await asyncio.gather(*(put_one(u.id, {"p": 1}) for u in users))
                    await asyncio.gather(*(put_inline(u.id, {"p": 1}) for u in users))
            """,
        }
    )

    result = cio_lint("--select", "CIO509", ".")

    assert [" ".join(line.split(" ")[:2]) for line in result.lines] == [
        "sync.py:26:28: CIO509",
        "sync.py:27:28: CIO509",
    ]
