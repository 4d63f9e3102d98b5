"""CIO103, CIO104 and CIO105 through the installed command."""

from __future__ import annotations

from tests.conftest import RunCioLint, WriteTree


def _locations(stdout: str) -> list[str]:
    return [" ".join(line.split(" ")[:2]) for line in stdout.splitlines()]


def test_naive_local_datetime(write_tree: WriteTree, cio_lint: RunCioLint) -> None:
    write_tree(
        {
            "app.py": """
            from datetime import datetime, timezone
            from customerio import CustomerIO
            cio = CustomerIO(SITE_ID, TRACK_KEY)
            cio.identify(1, a_at=datetime.now())
            cio.identify(1, b_at=datetime.fromtimestamp(ts))
            cio.identify(1, c_at=datetime.utcnow())
            cio.identify(1, d_at=datetime.now(timezone.utc))
            cio.identify(1, e_at=datetime.fromtimestamp(ts, tz=timezone.utc))
            """
        }
    )

    result = cio_lint("app.py")

    assert _locations(result.stdout) == ["app.py:4:22: CIO103", "app.py:5:22: CIO103"]
    assert result.lines[0] == (
        "app.py:4:22: CIO103 [*] 'a_at' receives a naive local datetime from "
        "datetime.now(); the customerio SDK converts naive datetimes as if they "
        "were UTC, so on a server not set to UTC the time is off by its UTC offset: "
        "pass an aware datetime such as datetime.now(timezone.utc)"
    )


def test_pipelines_epoch_timestamp(write_tree: WriteTree, cio_lint: RunCioLint) -> None:
    write_tree(
        {
            "app.py": """
            import time
            from datetime import datetime, timezone
            from customerio import analytics
            analytics.track(user_id="1", event="A", timestamp=int(time.time()))
            analytics.track(user_id="1", event="A", timestamp="1704067200")
            analytics.track(event="A", timestamp=datetime.now(timezone.utc))
            """,
            "app.ts": """
            import { Analytics } from "@customerio/cdp-analytics-node";
            const analytics = new Analytics({ writeKey: "k" });
            analytics.track({ userId: "1", event: "A", timestamp: Date.now() });
            analytics.track({ userId: "1", event: "A", timestamp: new Date() });
            """,
        }
    )

    result = cio_lint("--select", "CIO104", ".")

    assert _locations(result.stdout) == [
        "app.py:4:51: CIO104",
        "app.py:5:51: CIO104",
        "app.ts:3:55: CIO104",
    ]
    assert result.lines[0].endswith(
        "and customerio-cdp-analytics raises AssertionError for anything but a "
        "datetime: pass a timezone-aware datetime"
    )


def test_event_time_in_attributes(write_tree: WriteTree, cio_lint: RunCioLint) -> None:
    write_tree(
        {
            "app.py": """
            import time
            from customerio import CustomerIO
            cio = CustomerIO(SITE_ID, TRACK_KEY)
            cio.track(1, "order_placed", data={"n": 1, "timestamp": int(time.time())})
            cio.track(1, "order_placed", data={"total": 1}, timestamp=int(time.time()))
            cio.track(1, "video_paused", data={"timestamp": "01:02"}, timestamp=5)
            """,
            "app.js": """
            const { TrackClient } = require("customerio-node");
            const cio = new TrackClient(process.env.S, process.env.K);
            cio.track("1", { name: "order_placed", data: { timestamp: 1 } });
            """,
        }
    )

    result = cio_lint("--select", "CIO105", ".")

    assert result.lines == [
        "app.js:3:48: CIO105 'timestamp' inside the event data is stored as an "
        "ordinary event attribute, not as the event time, so Customer.io records the "
        "event when it arrives: pass it as the top-level timestamp of track()'s data "
        "argument, next to the event name",
        "app.py:4:44: CIO105 'timestamp' inside the event data is stored as an "
        "ordinary event attribute, not as the event time, so Customer.io records the "
        "event when it arrives: pass it as track()'s own timestamp argument",
    ]


def test_naive_utc_from_aware_datetime(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree(
        {
            "app.py": """
            from datetime import datetime, timezone
            from customerio import CustomerIO
            cio = CustomerIO(SITE_ID, TRACK_KEY)
            cio.identify(1, a_at=datetime.now(timezone.utc).replace(tzinfo=None))
            """
        }
    )

    result = cio_lint("app.py")

    assert result.stdout == ""


def test_python_pipelines_iso_string(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree(
        {
            "app.py": """
            from datetime import datetime, timezone
            from customerio import analytics
            when = datetime.now(timezone.utc)
            analytics.track(user_id="1", event="A", timestamp=when.isoformat())
            """
        }
    )

    result = cio_lint("app.py")

    assert _locations(result.stdout) == ["app.py:4:51: CIO104"]
