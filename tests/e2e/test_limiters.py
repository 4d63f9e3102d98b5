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
