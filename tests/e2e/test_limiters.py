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
    assert result.exit_code == 1
