"""The API-shape rules CIO701 to CIO704 through the installed command."""

from __future__ import annotations

import json

from tests.conftest import RunCioLint, WriteTree

ORDER = """
from customerio import CustomerIO, ID
cio = CustomerIO(SITE_ID, TRACK_KEY)
cio.track(customer_id=user.id, name="order_placed", total=order.total)
"""
SIGNUP = """
const { APIClient } = require("customerio-node");
const api = new APIClient(process.env.CIO_APP_API_KEY);
api.identify(user.id, { email: user.email });
await fetch("https://api.customer.io/v1/api/send/email", {
  method: "POST", headers, body,
});
"""
LEGACY_NODE = """
const { APIClient } = require("customerio-node/api");
const CIO = require("customerio-node");
const cio = new CIO(site, key);
export async function visit(visitorId) {
  await cio.trackAnonymous({ anonymous_id: visitorId, name: "page_viewed" });
  await cio.trackAnonymous(visitorId, { name: "page_viewed" });
}
"""


def _manifest(version: str) -> str:
    return json.dumps({"dependencies": {"customerio-node": version}})


def test_python_track_keywords_by_version(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree(
        {
            "v3/requirements.txt": "customerio==3.2.0\n",
            "v3/order.py": ORDER,
            "v2/requirements.txt": "customerio==2.4\n",
            "v2/order.py": ORDER,
        }
    )

    result = cio_lint("--select", "CIO7", "v2", "v3")

    assert result.lines == [
        "v2/order.py:1:36: CIO703 Cannot import ID from customerio with customerio "
        "2.4 (requirements.txt: ==2.4): customerio does not export ID; write from "
        "customerio.constants import ID",
        "v3/order.py:1:36: CIO703 Cannot import ID from customerio with customerio "
        "3.2.0 (requirements.txt: ==3.2.0): customerio does not export ID; write "
        "from customerio.constants import ID",
        "v3/order.py:3:53: CIO702 track takes no keyword total (TypeError): "
        "customerio 3.2.0 (requirements.txt: ==3.2.0) has track(customer_id, name, "
        "data, id, timestamp); event data goes in data={...}",
    ]
    assert result.exit_code == 1


def test_javascript_app_client_shape(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree({"signup.mjs": SIGNUP})

    result = cio_lint("--select", "CIO7", ".")

    assert result.lines == [
        "signup.mjs:3:1: CIO701 APIClient has no method identify in customerio-node "
        "5.2.0 (assumed: the newest release): identify is a Track API operation; "
        "call TrackClient.identify with the site ID and Track API key",
        "signup.mjs:4:13: CIO704 POST /v1/api/send/email is not an endpoint of the "
        "App API at api.customer.io: the transactional email endpoint is "
        "/v1/send/email; send POST https://api.customer.io/v1/send/email",
    ]


def test_node_2_keeps_its_own_shapes(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree(
        {
            "v2/package.json": _manifest("^2.1.1"),
            "v2/visit.js": LEGACY_NODE,
            "v5/package.json": _manifest("^5.2.0"),
            "v5/visit.js": LEGACY_NODE,
        }
    )

    result = cio_lint("--select", "CIO7", "v2", "v5")

    assert result.lines == [
        "v2/visit.js:6:39: CIO702 trackAnonymous ignores arguments after the "
        "first 1: customerio-node 2.1.1 (package.json: ^2.1.1) has "
        "trackAnonymous(data)",
        "v5/visit.js:1:31: CIO703 Cannot import customerio-node/api with "
        "customerio-node 5.2.0 (package.json: ^5.2.0): customerio-node 3.0.0 has "
        "a single entry point, so customerio-node/api is gone; import { "
        "APIClient, SendEmailRequest } from 'customerio-node'",
        "v5/visit.js:5:28: CIO702 trackAnonymous(data) is the customerio-node 2.x "
        "form: customerio-node 5.2.0 (package.json: ^5.2.0) has "
        "trackAnonymous(anonymousId, data); pass the anonymous id first and the "
        "event second",
    ]


def test_wrapper_class_and_imported_client(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree(
        {
            "app/__init__.py": "",
            "app/cio.py": """
            from customerio import CustomerIO
            cio = CustomerIO(SITE_ID, TRACK_KEY)
            """,
            "app/segments.py": """
            from .cio import cio

            def enrol(user):
                cio.add_to_segment(42, [user.id])
                cio.identify(user.id, plan=user.plan)
            """,
            "app/tracker.py": """
            from customerio import CustomerIO
            from customerio.constants import EMAIL, ID

            class Tracker:
                def __init__(self, site_id, key):
                    self.client = CustomerIO(site_id, key)

                def order(self, user, order):
                    self.client.track(user.id, "order_placed", data={"total": 3})
                    self.client.track(user.id, "order_placed", total=order.total)

                def merge(self, user, email):
                    self.client.merge_customers(ID, user.id, EMAIL, email)
                    self.client.close()
            """,
            "app/service.ts": """
            import { APIClient, TrackClient } from "customerio-node";

            export class Service {
              private api = new APIClient(process.env.CIO_APP_API_KEY!);

              async run(id: string) {
                await this.api.getCustomerMessages(id);
                await this.api.track(id, { name: "signed_up" });
              }
            }
            """,
        }
    )

    result = cio_lint("--select", "CIO7", ".")

    assert result.lines == [
        "app/segments.py:4:5: CIO701 CustomerIO has no method add_to_segment in "
        "customerio 3.2.0 (assumed: the newest release): it was removed in "
        "customerio 1.0.0; send POST /api/v1/segments/{id}/add_customers "
        "(remove_customers) to the Track API over HTTP",
        "app/service.ts:8:11: CIO701 APIClient has no method track in "
        "customerio-node 5.2.0 (assumed: the newest release): track is a Track "
        "API operation; call TrackClient.track with the site ID and Track API key",
        "app/tracker.py:10:52: CIO702 track takes no keyword total (TypeError): "
        "customerio 3.2.0 (assumed: the newest release) has track(customer_id, "
        "name, data, id, timestamp); event data goes in data={...}",
    ]


def test_sdk_versions_setting_overrides_manifest(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree(
        {
            "pyproject.toml": (
                '[tool.cio-lint]\nsdk-versions = { customerio = "2.4" }\n'
            ),
            "requirements.txt": "customerio==3.2.0\n",
            "jobs.py": """
            from customerio import CustomerIO
            cio = CustomerIO(SITE_ID, TRACK_KEY)
            cio.track(1, "order_placed", data={"total": 3})
            cio.batch([])
            """,
        }
    )

    result = cio_lint("--select", "CIO7", ".")

    assert result.lines == [
        "jobs.py:3:30: CIO702 data= becomes an event attribute named data, not the "
        "event's data: customerio 2.4 (sdk-versions setting: 2.4) has "
        "track(customer_id, name, **data); upgrade to customerio 3 or pass event "
        "data as keywords",
        "jobs.py:4:1: CIO701 CustomerIO has no method batch in customerio 2.4 "
        "(sdk-versions setting: 2.4): batch was added in 3.0.0; upgrade customerio "
        "to 3.0.0 or later",
    ]


def test_correct_shapes_stay_quiet(write_tree: WriteTree, cio_lint: RunCioLint) -> None:
    write_tree(
        {
            "jobs.py": """
            import requests
            from customerio import APIClient, CustomerIO, Regions, analytics
            from customerio.constants import CIOID

            cio = CustomerIO(SITE_ID, TRACK_KEY, region=Regions.EU)
            api = APIClient(APP_KEY)
            attributes = {"email": "a@example.com"}

            def nightly(user, extra):
                cio.identify(user.id, **attributes)
                cio.track(user.id, "order_placed", data={"total": 3}, timestamp=1)
                cio.track(**extra)
                cio.track_anonymous("visitor", "page_viewed")
                cio.pageview(user.id, "/pricing", referrer="/")
                analytics.page(user.id, "Marketing", "Pricing")
                analytics.page(user.id, name="Pricing")
                analytics.flush()
                requests.get(
                    f"https://api.customer.io/v1/customers/{user.id}/messages",
                    headers={"Authorization": f"Bearer {APP_KEY}"},
                )
                requests.post(f"https://api.customer.io/v1/send/{kind}", json={})
            """,
            "service.ts": """
            import { APIClient, TrackClient } from "customerio-node";
            import { Analytics } from "@customerio/cdp-analytics-node";

            export class Service {
              private api = new APIClient(process.env.CIO_APP_API_KEY!);
              private cio = new TrackClient(process.env.SITE!, process.env.KEY!);
              private analytics = new Analytics({ writeKey: "k" });

              async run(id: string, args: unknown[]) {
                await this.api.getCustomerMessages(id);
                await this.cio.track(id, { name: "signed_up" });
                await this.cio.trackAnonymous(id, { name: "page_viewed" });
                await this.cio.track(...args);
                this.analytics.register();
                await this.analytics.closeAndFlush();
                await fetch(`https://track.customer.io/api/v1/customers/${id}/events`, {
                  method: "POST",
                  body: JSON.stringify({ name: "signed_up" }),
                });
                await fetch(`https://track.customer.io/api/v1/events`, {
                  method: "POST",
                  body: JSON.stringify({ ...base, name: "page_viewed" }),
                });
              }
            }
            """,
        }
    )

    result = cio_lint("--select", "CIO7", ".")

    assert result.lines == []
    assert result.exit_code == 0
