"""Plain HTTP calls to Customer.io through the installed command.

Calls through fetch, axios, got, ky, requests, httpx, aiohttp and urllib are
analysed like SDK calls: CIO205 checks their auth, and CIO101/CIO102 their
JSON bodies.
"""

from __future__ import annotations

import pytest

from tests.conftest import RunCioLint, WriteTree, without_reliability_rules


@pytest.fixture
def cio_lint(cio_lint: RunCioLint) -> RunCioLint:
    """Lint without the reliability rules, which these inputs do not address."""
    return without_reliability_rules(cio_lint)


def _locations(stdout: str) -> list[str]:
    return [" ".join(line.split(" ")[:2]) for line in stdout.splitlines()]


def _lint(
    files: dict[str, str], write_tree: WriteTree, cio_lint: RunCioLint
) -> list[str]:
    write_tree(files)
    result = cio_lint(".")
    assert result.exit_code == (1 if result.stdout else 0), result.stderr
    return _locations(result.stdout)


# The four examples that the feature must show, each with its exact positions.

FETCH_BEARER_TO_TRACK = """
// 1: Bearer to the Track API -> CIO205 on the headers line
await fetch(`https://track.customer.io/api/v1/customers/${id}`, {
  method: "PUT",
  headers: { Authorization: `Bearer ${process.env.CUSTOMERIO_API_KEY}` },   // CIO205
  body: JSON.stringify({ email, created_at: Date.now() }),                  // CIO101
});
"""

AXIOS_BASIC_WITHOUT_KEY = """
// 2: Basic without the key -> CIO205
const auth = "Basic " + btoa(process.env.CIO_SITE_ID);                     // CIO205
await axios.put(`https://track-eu.customer.io/api/v1/customers/${id}`, body, { headers: { Authorization: auth } });
"""  # noqa: E501

REQUESTS_BASIC_TO_APP = """
import requests
from django.conf import settings

# 3: Basic (site id + key) sent to the App API -> CIO205
requests.post(
    "https://api.customer.io/v1/send/email",
    auth=(settings.CIO_SITE_ID, settings.CIO_API_KEY),                     # CIO205
    json={"transactional_message_id": 3, "to": email, "identifiers": {"id": uid}},
)
"""

REQUESTS_CORRECT_TRACK = """
import time

import requests

TRACK = "https://track.customer.io/api/v1"

# 4: correct Track call: no finding
requests.put(f"{TRACK}/customers/{uid}", auth=(SITE_ID, TRACK_KEY), json={"created_at": int(time.time())})
"""  # noqa: E501


def test_fetch_bearer_to_track_api(write_tree: WriteTree, cio_lint: RunCioLint) -> None:
    found = _lint({"identify.mjs": FETCH_BEARER_TO_TRACK}, write_tree, cio_lint)

    assert found == ["identify.mjs:4:29: CIO205", "identify.mjs:5:45: CIO101"]


def test_axios_basic_without_api_key(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree({"identify.mjs": AXIOS_BASIC_WITHOUT_KEY})

    result = cio_lint("identify.mjs")

    assert _locations(result.stdout) == ["identify.mjs:2:14: CIO205"]
    assert "encodes process.env.CIO_SITE_ID alone" in result.stdout
    assert "Track API (track-eu.customer.io)" in result.stdout


def test_requests_basic_to_app_api(write_tree: WriteTree, cio_lint: RunCioLint) -> None:
    write_tree({"mail.py": REQUESTS_BASIC_TO_APP})

    result = cio_lint("mail.py")

    assert _locations(result.stdout) == ["mail.py:7:11: CIO205"]
    assert "sent to the App API (api.customer.io)" in result.stdout
    assert "Bearer <App API key>" in result.stdout


def test_requests_correct_track_call(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree({"track.py": REQUESTS_CORRECT_TRACK})

    result = cio_lint("track.py")

    assert result.stdout == ""
    assert result.exit_code == 0, result.stderr


def test_unresolvable_url_is_not_reported(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    source = """
    import requests

    # Mentions customer.io, but the URL comes from configuration.
    requests.put(
        settings.CUSTOMERIO_URL + f"/customers/{uid}",
        headers={"Authorization": "Bearer " + key},
        json={"created_at": int(time.time() * 1000)},
    )
    """
    write_tree({"sync.py": source})

    result = cio_lint("sync.py")

    assert result.stdout == ""
    assert result.exit_code == 0, result.stderr


@pytest.mark.parametrize(
    ("name", "source", "expected"),
    [
        pytest.param(
            "session.py",
            """
            import requests

            session = requests.Session()
            session.headers.update({"Authorization": f"Bearer {APP_KEY}"})
            session.put(
                "https://track.customer.io/api/v1/customers/1",
                json={"email": "a@b.c"},
            )
            """,
            ["session.py:4:42: CIO205"],
            id="requests-session-headers-update",
        ),
        pytest.param(
            "client.py",
            """
            import httpx

            with httpx.Client(
                base_url="https://track.customer.io/api/v1", auth=(SITE_ID, KEY)
            ) as client:
                client.post("/customers/1/events", json={"name": "x", "timestamp": 1})
            """,
            [],
            id="httpx-client-basic-to-track",
        ),
        pytest.param(
            "tasks.py",
            """
            import aiohttp

            async def send(message):
                async with aiohttp.ClientSession(
                    "https://api.customer.io", auth=aiohttp.BasicAuth(SITE_ID, KEY)
                ) as session:
                    await session.post("/v1/send/email", json=message)
            """,
            ["tasks.py:5:41: CIO205"],
            id="aiohttp-positional-base-url",
        ),
        pytest.param(
            "tasks.py",
            """
            import aiohttp

            async def send(message):
                async with aiohttp.ClientSession(
                    base_url="https://api.customer.io",
                    auth=aiohttp.BasicAuth(SITE_ID, KEY),
                ) as session:
                    await session.post("/v1/send/email", json=message)
            """,
            ["tasks.py:6:14: CIO205"],
            id="aiohttp-basic-to-app",
        ),
        pytest.param(
            "legacy.py",
            """
            import base64
            import json
            import os
            from urllib.request import Request, urlopen

            token = base64.b64encode(os.environ["CIO_SITE_ID"].encode()).decode()
            request = Request(
                "https://track.customer.io/api/v1/customers/%s" % uid,
                data=json.dumps({"created_at": 1}).encode(),
                headers={"Authorization": "Basic " + token},
                method="PUT",
            )
            urlopen(request)
            """,
            ["legacy.py:10:31: CIO205"],
            id="urllib-basic-without-key",
        ),
    ],
)
def test_python_auth_forms(
    name: str,
    source: str,
    expected: list[str],
    write_tree: WriteTree,
    cio_lint: RunCioLint,
) -> None:
    assert _lint({name: source}, write_tree, cio_lint) == expected


@pytest.mark.parametrize(
    ("name", "source", "expected"),
    [
        pytest.param(
            "api.ts",
            """
            import axios from "axios";

            const cio = axios.create({
              baseURL: "https://track.customer.io/api/v1",
              headers: { Authorization: `Bearer ${process.env.CIO_APP_KEY}` },
            });
            export const identify = (id: string) => cio.put(`/customers/${id}`, {});
            """,
            ["api.ts:5:29: CIO205"],
            id="axios-instance-headers",
        ),
        pytest.param(
            "api.ts",
            """
            import axios from "axios";

            const app = axios.create({
              baseURL: "https://api-eu.customer.io/v1",
              auth: { username: process.env.SITE_ID!, password: process.env.KEY! },
            });
            export const send = (message: object) => app.post("/send/email", message);
            """,
            ["api.ts:5:9: CIO205"],
            id="axios-instance-auth-option-to-app",
        ),
        pytest.param(
            "cdp.js",
            """
            const got = require("got");
            const key = process.env.CIO_WRITE_KEY;
            got.post("https://cdp.customer.io/v1/track", {
              json: { userId: "1", event: "x" },
              headers: { Authorization: `Basic ${key}:` },
            });
            """,
            ["cdp.js:5:29: CIO205"],
            id="got-pipelines-basic-not-encoded",
        ),
        pytest.param(
            "cdp.js",
            """
            const got = require("got");
            got.post("https://cdp.customer.io/v1/track", {
              json: { userId: "1", event: "x" },
              username: process.env.CIO_WRITE_KEY,
            });
            """,
            [],
            id="got-pipelines-write-key-without-password",
        ),
        pytest.param(
            "track.mjs",
            """
            import ky from "ky";
            const api = ky.create({
              prefixUrl: "https://track.customer.io/api/v1",
              headers: { Authorization: `Basic ${btoa(`${SITE_ID}:${API_KEY}`)}` },
            });
            await api.put(`customers/${id}`, { json: { email } });
            """,
            [],
            id="ky-instance-basic-pair",
        ),
    ],
)
def test_javascript_auth_forms(
    name: str,
    source: str,
    expected: list[str],
    write_tree: WriteTree,
    cio_lint: RunCioLint,
) -> None:
    assert _lint({name: source}, write_tree, cio_lint) == expected


@pytest.mark.parametrize(
    ("name", "source", "expected"),
    [
        pytest.param(
            "events.py",
            """
            import time
            import requests

            BASE = "https://track.customer.io"
            requests.post(
                BASE + "/api/v1/customers/{}/events".format(uid),
                auth=(SITE_ID, KEY),
                json={"name": "paid", "timestamp": time.time_ns()},
            )
            """,
            ["events.py:8:40: CIO101"],
            id="requests-event-timestamp",
        ),
        pytest.param(
            "send.py",
            """
            import json
            import time
            from urllib.parse import urljoin

            import httpx

            payload = {"transactional_message_id": 1, "send_at": time.time() * 1000}
            httpx.post(
                urljoin("https://api.customer.io/v1/", "send/email"),
                headers={"Authorization": f"Bearer {APP_KEY}"},
                content=json.dumps(payload),
            )
            """,
            ["send.py:7:54: CIO101"],
            id="httpx-urljoin-json-dumps-send-at",
        ),
        pytest.param(
            "identify.py",
            """
            from datetime import datetime, timezone
            import requests

            requests.put(
                "https://track.customer.io/api/v1/customers/%s" % uid,
                auth=(SITE_ID, KEY),
                json={"trial_ends_at": datetime.now(timezone.utc).isoformat()},
            )
            """,
            ["identify.py:7:28: CIO102"],
            id="requests-identify-iso-string",
        ),
        pytest.param(
            "anonymous.ts",
            """
            const url = new URL("events", "https://track.customer.io/api/v1/");
            const p = `${SITE}:${KEY}`;
            const now = new Date();
            await fetch(url, {
              method: "POST",
              headers: { Authorization: "Basic " + Buffer.from(p).toString("base64") },
              body: JSON.stringify({ name: "seen", anonymous_id: a, timestamp: now }),
            });
            """,
            ["anonymous.ts:7:68: CIO102"],
            id="fetch-new-url-anonymous-event",
        ),
        pytest.param(
            "entity.js",
            """
            const axios = require("axios");
            axios({
              method: "post",
              url: "https://track.customer.io/api/v2/entity",
              auth: { username: SITE_ID, password: KEY },
              data: {
                type: "person",
                action: "identify",
                identifiers: { id: 1 },
                attributes: { created_at: Date.now() },
              },
            });
            """,
            ["entity.js:10:31: CIO101"],
            id="axios-config-v2-entity-identify",
        ),
        pytest.param(
            "pipelines.js",
            """
            fetch("https://cdp.customer.io/v1/track", {
              method: "POST",
              headers: { Authorization: `Basic ${btoa(`${WRITE_KEY}:`)}` },
              body: JSON.stringify({ userId: "1", event: "x", timestamp: Date.now() }),
            });
            """,
            [],
            id="pipelines-timestamp-is-not-unix-seconds",
        ),
    ],
)
def test_timestamps_in_raw_bodies(
    name: str,
    source: str,
    expected: list[str],
    write_tree: WriteTree,
    cio_lint: RunCioLint,
) -> None:
    write_tree({name: source})

    result = cio_lint("--select", "CIO101,CIO102", name)

    assert _locations(result.stdout) == expected
