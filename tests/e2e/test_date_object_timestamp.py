"""CIO102: dates and ISO-8601 strings where Customer.io expects Unix seconds."""

from __future__ import annotations

import pytest

from tests.conftest import RunCioLint, WriteTree, without_reliability_rules


@pytest.fixture
def cio_lint(cio_lint: RunCioLint) -> RunCioLint:
    """Lint without the reliability rules, which these inputs do not address."""
    return without_reliability_rules(cio_lint)


NODE_HEADER = """\
const { APIClient, SendEmailRequest, TrackClient } = require("customerio-node");
const cio = new TrackClient(SITE_ID, KEY);
const api = new APIClient(APP_KEY);
"""
PYTHON_HEADER = """\
from datetime import datetime, timezone

from customerio import CustomerIO

cio = CustomerIO(SITE_ID, TRACK_KEY)
"""


def _codes(stdout: str) -> list[str]:
    return [" ".join(line.split(" ")[:2]) for line in stdout.splitlines()]


@pytest.mark.parametrize(
    "call",
    [
        "cio.identify('1', { created_at: new Date() });",
        "cio.identify('1', { created_at: new Date().toISOString() });",
        "cio.track('1', { name: 'x', timestamp: new Date() });",
        "cio.trackAnonymous('a', { name: 'x', timestamp: new Date().toJSON() });",
        "cio.addDevice('1', 'tok', 'ios', { last_used: new Date() });",
        "cio.reportMetric({ delivery_id: 'd', timestamp: new Date() });",
        "api.sendEmail(new SendEmailRequest({ ...base, send_at: new Date() }));",
        "_cio.identify({ id: '1', created_at: new Date().toISOString() });",
    ],
)
def test_javascript_dates_are_reported(
    call: str, write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree({"x.js": NODE_HEADER + call + "\n"})

    result = cio_lint("x.js")

    assert [code.split(" ")[1] for code in _codes(result.stdout)] == ["CIO102"]


@pytest.mark.parametrize(
    "call",
    [
        "cio.identify('1', { created_at: Math.floor(new Date().getTime() / 1000) });",
        "cio.identify('1', { plan_name: new Date().toISOString() });",
        "cio.track('1', { name: 'x', data: { at: new Date() } });",
    ],
)
def test_javascript_seconds_and_other_fields_are_clean(
    call: str, write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree({"x.js": NODE_HEADER + call + "\n"})

    result = cio_lint("x.js")

    assert result.stdout == ""


def test_pipelines_take_dates(write_tree: WriteTree, cio_lint: RunCioLint) -> None:
    write_tree(
        {
            "x.ts": """
            import { Analytics } from "@customerio/cdp-analytics-node";
            const analytics = new Analytics({ writeKey: KEY });
            analytics.track({ userId: "1", event: "Signed Up", timestamp: new Date() });
            cioanalytics.track("Signed Up", {}, { timestamp: new Date().toJSON() });
            """
        }
    )

    result = cio_lint("x.ts")

    assert result.stdout == ""


def test_message_names_field_source_and_fix(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree(
        {
            "x.js": NODE_HEADER
            + "const trialEnds = new Date(Date.now() + 864e5);\n"
            + "cio.identify('1', { trial_ends_at: trialEnds });\n"
        }
    )

    result = cio_lint("x.js")

    assert result.lines == [
        "x.js:5:36: CIO102 'trial_ends_at' receives a Date object from trialEnds "
        "(new Date(Date.now() + 864e5), line 4), which JSON.stringify sends as an "
        "ISO-8601 string; Customer.io expects Unix seconds, so timestamp segment "
        "conditions and campaign triggers never match it: send "
        "Math.floor(date.getTime() / 1000), or getUnixTime(date) from date-fns"
    ]


def test_python_iso_string_and_datetime(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree(
        {
            "x.py": PYTHON_HEADER
            + "cio.identify(id=1, created_at=datetime.now(timezone.utc).isoformat())\n"
            + "cio.identify(id=1, created_at=datetime.now(timezone.utc))\n"
            + "cio.track(1, 'x', timestamp=datetime.now(timezone.utc).isoformat())\n"
        }
    )

    result = cio_lint("x.py")

    assert _codes(result.stdout) == ["x.py:6:31: CIO102", "x.py:8:29: CIO102"]
    assert "pass the datetime itself" in result.lines[0]
    assert "drops a string that is not a number" in result.lines[1]
    assert "drops" not in result.lines[0]


def test_typed_date_parameter_fix_is_unsafe(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    """A `Date` type does not stop a caller from passing undefined."""
    source = (
        'import { TrackClient } from "customerio-node";\n'
        "const cio = new TrackClient(SITE_ID, KEY);\n"
        "export async function sync(id: string, trialEnds?: Date) {\n"
        "  await cio.identify(id, { trial_ends_at: trialEnds });\n"
        "}\n"
    )
    root = write_tree({"trial.ts": source})

    safe = cio_lint("--fix", "trial.ts")

    assert _codes(safe.stdout) == ["trial.ts:4:43: CIO102"]
    assert "[*]" not in safe.stdout
    assert (root / "trial.ts").read_text(encoding="utf-8") == source

    unsafe = cio_lint("--fix", "--unsafe-fixes", "trial.ts")

    assert unsafe.exit_code == 0, unsafe.stderr
    assert (root / "trial.ts").read_text(encoding="utf-8") == (
        source.replace(
            "trial_ends_at: trialEnds",
            "trial_ends_at: Math.floor(trialEnds.getTime() / 1000)",
        )
    )
