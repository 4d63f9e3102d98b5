"""CIO101 through the installed command: which fields, where findings land."""

from __future__ import annotations

import pytest

from tests.conftest import RunCioLint, WriteTree

HEADER = """import time
from customerio import APIClient, CustomerIO, SendEmailRequest
cio = CustomerIO(SITE_ID, TRACK_KEY)
api = APIClient(APP_KEY)
"""


def _findings(source: str, write_tree: WriteTree, cio_lint: RunCioLint) -> list[str]:
    write_tree({"app.py": HEADER + source})
    result = cio_lint("--select", "CIO101", "app.py")
    assert result.exit_code == (1 if result.stdout else 0), result.stderr
    return [" ".join(line.split(" ")[:2]) for line in result.lines]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            "cio.identify(1, _timestamp=time.time_ns())\n",
            ["app.py:5:28: CIO101"],
            id="identify-_timestamp",
        ),
        pytest.param(
            "cio.identify(1, plan='pro', trial_started=time.time_ns())\n",
            [],
            id="identify-non-timestamp-attribute",
        ),
        pytest.param(
            "cio.track(1, 'x', {'a': 1}, None, time.time() * 1000)\n",
            ["app.py:5:35: CIO101"],
            id="track-positional-timestamp",
        ),
        pytest.param(
            "cio.track(1, 'x', data={'created_at': time.time_ns()})\n",
            [],
            id="track-event-data-is-not-person-attribute",
        ),
        pytest.param(
            "cio.track_anonymous('a1', 'x', timestamp=1704067200000)\n",
            ["app.py:5:42: CIO101"],
            id="track-anonymous",
        ),
        pytest.param(
            "cio.backfill(1, 'imported', time.time_ns() // 1_000_000)\n",
            ["app.py:5:29: CIO101"],
            id="backfill-positional",
        ),
        pytest.param(
            "cio.add_device(1, 'tok', 'ios', last_used=time.time() * 1000)\n",
            ["app.py:5:43: CIO101"],
            id="add-device-last-used",
        ),
        pytest.param(
            "api.send_email(SendEmailRequest(to='x', send_at=time.time() * 1000))\n",
            ["app.py:5:49: CIO101"],
            id="send-email-request",
        ),
        pytest.param(
            "api.send_email({'to': 'a@b.c', 'send_at': 1704067200000})\n",
            ["app.py:5:43: CIO101"],
            id="send-email-dict",
        ),
        pytest.param(
            "cio.identify(1, **dict(created_at=time.time_ns()))\n",
            ["app.py:5:35: CIO101"],
            id="identify-dict-call",
        ),
        pytest.param(
            "cio.identify(1, **{'email': 'e', **{'created_at': time.time_ns()}})\n",
            ["app.py:5:51: CIO101"],
            id="nested-dict-spread",
        ),
    ],
)
def test_field(
    source: str, expected: list[str], write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    assert _findings(source, write_tree, cio_lint) == expected


def test_dict_built_earlier_reports_at_entry(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    source = """def sync(user):
    stamp = round(time.time() * 1e3)
    attributes = {"email": user.email, "created_at": stamp}
    cio.identify(user.id, **attributes)
"""
    assert _findings(source, write_tree, cio_lint) == ["app.py:7:54: CIO101"]


def test_key_assigned_after_dict(write_tree: WriteTree, cio_lint: RunCioLint) -> None:
    source = """def sync(user):
    attributes = {"email": user.email}
    attributes["updated_at"] = time.time() * 1000
    cio.identify(user.id, **attributes)
"""
    assert _findings(source, write_tree, cio_lint) == ["app.py:7:32: CIO101"]


def test_module_constant_reports_at_use(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    source = """LAUNCH_AT = 1704067200000

def sync(user):
    cio.identify(id=user.id, launch_cohort_at=LAUNCH_AT)
"""
    assert _findings(source, write_tree, cio_lint) == ["app.py:8:47: CIO101"]


def test_monotonic_clock_message(write_tree: WriteTree, cio_lint: RunCioLint) -> None:
    write_tree({"app.py": HEADER + "cio.identify(1, warmed_at=time.monotonic())\n"})

    result = cio_lint("app.py")

    assert result.lines == [
        "app.py:5:27: CIO101 'warmed_at' receives time.monotonic(), a monotonic "
        "clock that counts from an arbitrary start such as boot, not Unix time; "
        "Customer.io expects Unix seconds: use the wall clock in seconds"
    ]


def test_variable_source_named_in_message(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    source = """def sync(user):
    stamp = int(time.time() * 1000)
    cio.identify(user.id, created_at=stamp)
"""
    write_tree({"app.py": HEADER + source})

    result = cio_lint("app.py")

    assert result.lines == [
        "app.py:7:38: CIO101 'created_at' receives milliseconds from stamp "
        "(int(time.time() * 1000), line 6); Customer.io expects Unix seconds and "
        "reads it as a date more than 50,000 years ahead, so segment conditions "
        "on it never match: divide by 1000",
        "app.py:7:38: CIO106 created_at is set to the current time in an "
        "identify that runs in sync(), so every call moves the profile's signup "
        "date to now and breaks segments and campaigns that use it: send "
        "created_at once, at signup, or send the stored signup time",
    ]


def test_non_ascii_text_before_value_counts_characters(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    source = "cio.identify(1, name='Zoë Ångström', seen_at=time.time_ns())\n"

    assert _findings(source, write_tree, cio_lint) == ["app.py:5:46: CIO101"]


def test_event_and_send_messages_name_their_consequence(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    source = """cio.track(1, "x", timestamp=time.time_ns())
api.send_email({"to": "x", "send_at": 1704067200000})
"""
    write_tree({"app.py": HEADER + source})

    result = cio_lint("--select", "CIO1", "app.py")

    assert result.lines == [
        "app.py:5:29: CIO101 [*] 'timestamp' receives nanoseconds from time.time_ns(); "
        "Customer.io expects Unix seconds and reads it as a date more than 50 "
        "billion years ahead, so the event cannot trigger campaigns, which take "
        "only events from the last 72 hours: divide by 1_000_000_000",
        "app.py:6:39: CIO101 [*] 'send_at' receives milliseconds from 1704067200000; "
        "Customer.io expects Unix seconds and reads 1704067200000 as a date in the "
        "year 55969, far beyond the 90 days ahead that a scheduled send allows: "
        "divide by 1000",
    ]


def test_request_built_by_helper_function(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    source = """def build(user):
    return SendEmailRequest(to=user.email, send_at=int(time.time() * 1000))

def remind(user):
    api.send_email(build(user))
"""
    assert _findings(source, write_tree, cio_lint) == ["app.py:6:52: CIO101"]
