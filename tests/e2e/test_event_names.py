"""Event-name rules: where names are spelled, and how they are reported."""

from __future__ import annotations

from tests.conftest import RunCioLint, WriteTree

TRACK = """
import enum
from customerio import CustomerIO, analytics
cio = CustomerIO(SITE_ID, TRACK_KEY)
"""


def _locations(stdout: str) -> list[str]:
    return [" ".join(line.split(" ")[:2]) for line in stdout.splitlines()]


def test_enum_literal_and_pipelines_names(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree(
        {
            "app.py": TRACK
            + """
class Events(enum.Enum):
    SIGNED_UP = "SignedUp"

def signup(user, u):
    cio.track(user.id, Events.SIGNED_UP.value)
    cio.track(user.id, "plan upgraded ")
    analytics.track(user_id=u, event="Order Completed")
"""
        }
    )

    result = cio_lint("app.py")

    assert _locations(result.stdout) == [
        "app.py:6:17: CIO401",
        "app.py:10:24: CIO401",
        "app.py:10:24: CIO402",
    ]
    assert result.lines[0] == (
        "app.py:6:17: CIO401 Event name 'SignedUp' does not follow snake_case "
        "(event-name-style); campaign triggers and segments match the exact name, "
        "so code and dashboard must spell it alike: rename it to 'signed_up' in "
        "both, sent by track() on line 9"
    )
    assert result.lines[2] == (
        "app.py:10:24: CIO402 Event name 'plan upgraded ' has trailing whitespace; "
        "Customer.io trims it and campaigns cannot reference such a name: remove "
        "the whitespace"
    )


def test_regex_style_is_quoted(write_tree: WriteTree, cio_lint: RunCioLint) -> None:
    write_tree(
        {
            "cio-lint.toml": "event-name-style = '^[a-z]+(\\.[a-z]+)*$'\n",
            "app.py": TRACK + 'cio.track(1, "user.signed_up")\ncio.track(1, "a.b")\n',
        }
    )

    result = cio_lint("app.py")

    assert result.lines == [
        "app.py:4:14: CIO401 Event name 'user.signed_up' does not follow the "
        "pattern '^[a-z]+(\\.[a-z]+)*$' (event-name-style); campaign triggers and "
        "segments match the exact name, so code and dashboard must spell it alike: "
        "rename it in both"
    ]


def test_invalid_style_regex_is_config_error(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    root = write_tree({"cio-lint.toml": "event-name-style = '(['\n", "app.py": TRACK})

    result = cio_lint("app.py")

    assert result.exit_code == 2
    assert result.stderr.startswith(
        f"cio-lint: error: {root / 'cio-lint.toml'}: 'event-name-style' = '([': "
        "invalid regular expression: "
    )


def test_spellings_compared_across_files(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree(
        {
            "a.py": TRACK + 'cio.track(1, "signed_up")\ncio.track(2, "signed_up")\n',
            "b.py": TRACK + 'cio.track(3, "signedUp")\n',
        }
    )

    result = cio_lint("--select", "CIO403", ".")

    assert result.lines == [
        "b.py:4:14: CIO403 Event name 'signedUp' is also spelled 'signed_up' "
        "(2 uses, a.py line 4); Customer.io treats them as two events, so campaigns "
        "and segments on one never see the other: use 'signed_up'"
    ]


def test_spellings_all_off_style_get_the_style_form(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree(
        {
            "a.py": TRACK + 'cio.track(1, "SignedUp")\ncio.track(2, "SignedUp")\n',
            "b.py": TRACK + 'cio.track(3, "signed-up")\n',
        }
    )

    result = cio_lint("--select", "CIO401,CIO403", "b.py", "a.py")

    assert result.lines[-1] == (
        "b.py:4:14: CIO403 Event name 'signed-up' is also spelled 'SignedUp' "
        "(2 uses, a.py line 4); Customer.io treats them as two events, so campaigns "
        "and segments on one never see the other: use 'signed_up' for all of them, "
        "the spelling event-name-style asks for"
    )
    assert result.lines[-2].endswith("rename it to 'signed_up' in both")


def test_styled_spelling_wins_over_a_more_used_one(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree(
        {
            "a.py": TRACK + 'cio.track(1, "SignedUp")\ncio.track(2, "SignedUp")\n',
            "b.py": TRACK + 'cio.track(3, "signed_up")\n',
        }
    )

    result = cio_lint("--select", "CIO403", ".")

    assert _locations(result.stdout) == ["a.py:4:14: CIO403", "a.py:5:14: CIO403"]
    assert result.lines[0].endswith(
        "is also spelled 'signed_up' (1 use, b.py line 4); Customer.io treats "
        "them as two events, so campaigns and segments on one never see the "
        "other: use 'signed_up'"
    )


def test_constant_imported_from_unmarked_file(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree(
        {
            "app/__init__.py": "",
            "app/events.py": """
            import enum

            class Event(str, enum.Enum):
                SIGNED_UP = "signed_up"
                PLAN_CHANGED = "PlanChanged"
            """,
            "app/track.py": """
            from customerio import CustomerIO
            from .events import Event

            cio = CustomerIO(SITE_ID, TRACK_KEY)

            def changed(user):
                cio.track(user.id, Event.SIGNED_UP.value)
                cio.track(user.id, Event.PLAN_CHANGED)
            """,
        }
    )

    result = cio_lint(".")

    assert result.lines == [
        "app/events.py:5:20: CIO401 Event name 'PlanChanged' does not follow "
        "snake_case (event-name-style); campaign triggers and segments match the "
        "exact name, so code and dashboard must spell it alike: rename it to "
        "'plan_changed' in both, sent by track() on line 8 of app/track.py"
    ]


def test_finding_at_definition_honours_its_noqa(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree(
        {
            "names.py": 'SIGNED_UP = "SignedUp"  # noqa: CIO401\n',
            "track.py": """
            from customerio import CustomerIO
            from names import SIGNED_UP
            cio = CustomerIO(SITE_ID, TRACK_KEY)
            cio.track(1, SIGNED_UP)
            """,
        }
    )

    result = cio_lint(".")

    assert result.stdout == ""


def test_typescript_enum_and_const_object(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree(
        {
            "events.ts": """
            export enum Events {
              SignUp = "SignUp",
              Purchase = "purchase_completed",
            }
            export const NAMES = { churn: "Churned" } as const;
            """,
            "track.ts": """
            import { TrackClient } from "customerio-node";
            import { Events, NAMES } from "./events";
            const cio = new TrackClient(process.env.CIO_SITE_ID!, process.env.KEY!);
            export async function go(id: string) {
              await cio.track(id, { name: Events.SignUp });
              await cio.track(id, { name: Events.Purchase });
              await cio.track(id, { name: NAMES.churn });
            }
            """,
        }
    )

    result = cio_lint(".")

    assert _locations(result.stdout) == [
        "events.ts:2:12: CIO401",
        "events.ts:5:31: CIO401",
    ]


def test_pipelines_semantic_near_miss_only_for_pipelines(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree(
        {
            "app.py": TRACK
            + 'analytics.track(user_id="1", event="User deleted")\n'
            + 'cio.track(1, "user_deleted")\n'
        }
    )

    result = cio_lint("app.py")

    assert _locations(result.stdout) == ["app.py:4:36: CIO402"]


def test_pipelines_style_exempts_semantic_events(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree(
        {
            "cio-lint.toml": 'pipelines-event-name-style = "snake_case"\n',
            "app.py": TRACK
            + 'analytics.track(user_id="1", event="User Deleted")\n'
            + 'analytics.track(user_id="1", event="Order Completed")\n',
        }
    )

    result = cio_lint("app.py")

    assert _locations(result.stdout) == ["app.py:5:36: CIO401"]


def test_misspelled_style_name_is_config_error(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    root = write_tree({"cio-lint.toml": 'event-name-style = "camelcase"\n', "a.py": ""})

    result = cio_lint("a.py")

    assert result.exit_code == 2
    assert result.stderr.startswith(
        f"cio-lint: error: {root / 'cio-lint.toml'}: 'event-name-style' = "
        "'camelcase': unknown style; use one of 'snake_case', 'kebab-case', "
    )


def test_spelling_tie_prefers_configured_style(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree(
        {
            "a.py": TRACK + 'cio.track(1, "SignedUp")\n',
            "b.py": TRACK + 'cio.track(2, "signed_up")\n',
        }
    )

    result = cio_lint("--select", "CIO403", ".")

    assert _locations(result.stdout) == ["a.py:4:14: CIO403"]
    assert "use 'signed_up'" in result.lines[0]


def test_one_word_prefix_is_no_semantic_near_miss(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree(
        {"app.py": TRACK + 'analytics.track(user_id="1", event="Relationship")\n'}
    )

    result = cio_lint("app.py")

    assert result.stdout == ""


def test_frozen_object_constants_are_followed(
    cio_lint: RunCioLint, write_tree: WriteTree
) -> None:
    write_tree(
        {
            "events.ts": """
                export const EVENTS = Object.freeze({
                  SIGNED_UP: "Signed Up",
                  PAID: "paid",
                });
            """,
            "track.ts": """
                import { TrackClient } from "customerio-node";
                import { EVENTS } from "./events";

                const cio = new TrackClient(SITE, KEY);
                cio.track("1", { name: EVENTS.SIGNED_UP });
                cio.track("1", { name: EVENTS.PAID });
            """,
        }
    )

    result = cio_lint("--select", "CIO401", ".")

    assert [line.split(" ", 2)[:2] for line in result.lines] == [
        ["events.ts:2:14:", "CIO401"]
    ]


def test_page_and_screen_views_have_no_event_name(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    """A page view's name is its URL or path, a screen view's the screen's name."""
    write_tree(
        {
            "views.js": """
                const { TrackClient } = require("customerio-node");
                const cio = new TrackClient(SITE, KEY);
                async function viewed(id) {
                  await cio.track(id, { type: "page", name: "https://a.io/Pricing" });
                  await cio.track(id, { type: "screen", name: "HomeScreen" });
                  await cio.track(id, { type: "event", name: "HomeScreen" });
                }
            """,
            "views.py": """
                import requests

                TRACK = "https://track.customer.io/api/v1"


                def viewed(customer_id, url):
                    requests.post(
                        f"{TRACK}/customers/{customer_id}/events",
                        json={"type": "page", "name": "/Pricing"},
                        auth=(SITE, KEY),
                        timeout=5,
                    )
                    requests.post(
                        f"{TRACK}/customers/{customer_id}/events",
                        json={"name": "Viewed Pricing"},
                        auth=(SITE, KEY),
                        timeout=5,
                    )
            """,
        }
    )

    result = cio_lint("--select", "CIO401", ".")

    assert _locations(result.stdout) == [
        "views.js:6:46: CIO401",
        "views.py:15:23: CIO401",
    ]


def test_v2_page_view_has_no_event_name(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    """The Track API v2 names the kind of a person's event `action`."""
    write_tree(
        {
            "views.py": """
                import requests


                def viewed(user_id, body):
                    requests.post(
                        "https://track.customer.io/api/v2/entity",
                        json={
                            "type": "person",
                            "identifiers": {"id": user_id},
                            "action": "page",
                            "name": "/Pricing",
                        },
                        auth=(SITE, KEY),
                        timeout=5,
                    )
                    requests.post(
                        "https://track.customer.io/api/v2/entity",
                        json={
                            "type": "person",
                            "identifiers": {"id": user_id},
                            "action": "event",
                            "name": "Viewed Pricing",
                        },
                        auth=(SITE, KEY),
                        timeout=5,
                    )
            """,
        }
    )

    result = cio_lint("--select", "CIO401", ".")

    assert _locations(result.stdout) == ["views.py:22:21: CIO401"]
