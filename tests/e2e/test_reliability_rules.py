"""The reliability rules CIO501 to CIO505 through the installed command."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import RunCioLint, WriteTree

REPOSITORY = Path(__file__).resolve().parents[2]
LOGIN = """
import { TrackClient } from "customerio-node";
const cio = new TrackClient(site, key);
export function onLogin(user) {
  try {
    cio.track(user.id, { name: "logged_in" });
  } catch (e) { log(e); }
}
"""
FLOATING = (
    "CIO502 The promise from customerio-node track() is neither awaited nor "
    "returned and has no rejection handler: a failed request becomes an unhandled "
    "rejection, which ends the process in Node.js 15 and later; the surrounding "
    "try does not catch it, because the call returns before the request fails: "
    "return it, or chain .catch() to handle the failure"
)
NODE_4 = (
    "CIO501 Nothing retries this Track API call: customerio-node 4.4.0 "
    "(package.json: ^4.4.0) never retries a failed request, so a 429 or 5xx "
    "response loses it: upgrade to customerio-node 5, which retries by itself, "
    "or wrap the call in a retry such as p-retry or async-retry"
)


def _manifest(version: str) -> str:
    return json.dumps({"dependencies": {"customerio-node": version}})


def test_node_4_login_without_retry_or_await(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree(
        {
            "v4/package.json": _manifest("^4.4.0"),
            "v4/login.js": LOGIN,
            "v5/package.json": _manifest("^5.2.0"),
            "v5/login.js": LOGIN,
        }
    )

    result = cio_lint("v4", "v5")

    assert result.lines == [
        f"v4/login.js:5:5: {NODE_4}",
        f"v4/login.js:5:5: {FLOATING}",
        f"v5/login.js:5:5: {FLOATING}",
    ]
    assert result.exit_code == 1


def test_version_change_in_manifest_reaches_cached_files(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    root = write_tree({"package.json": _manifest("^5.2.0"), "login.js": LOGIN})

    before = cio_lint("--select", "CIO501", ".")
    (root / "package.json").write_text(_manifest("^4.4.0"), encoding="utf-8")
    after = cio_lint("-v", "--select", "CIO501", ".")

    assert before.lines == []
    assert after.lines == [f"login.js:5:5: {NODE_4}"]
    assert "0 files parsed, 1 models read from the cache" in after.stderr


def test_sdk_versions_setting_overrides_manifest(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree(
        {
            "package.json": _manifest("^5.2.0"),
            "cio-lint.toml": 'sdk-versions = { "customerio-node" = "4.5" }\n',
            "login.js": LOGIN,
        }
    )

    result = cio_lint("--select", "CIO501", ".")

    assert [line.split(" ", 2)[:2] for line in result.lines] == [
        ["login.js:5:5:", "CIO501"]
    ]
    assert "customerio-node 4.5 (sdk-versions setting: 4.5) never retries" in (
        result.stdout
    )


def test_show_settings_lists_versions(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    root = write_tree(
        {
            "package.json": _manifest("^4.4.0"),
            "requirements.txt": "customerio==2.4\n",
            "cio-lint.toml": 'retry-wrappers = ["with_retries"]\n',
        }
    )

    lines = cio_lint("--show-settings", ".").lines

    assert 'retry-wrappers = ["with_retries"]' in lines
    assert "sdk-versions = {}" in lines
    assert (
        f'found-sdk-versions."customerio-node" = "4.4.0"  # '
        f"{root / 'package.json'}: ^4.4.0" in lines
    )
    assert (
        f'found-sdk-versions."customerio" = "2.4"  # '
        f"{root / 'requirements.txt'}: ==2.4" in lines
    )
    assert (
        'found-sdk-versions."customerio-cdp-analytics" = "1.1.0"  # assumed, the '
        "newest release: no manifest names it" in lines
    )


def test_bad_reliability_settings_exit_2(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    root = write_tree({"x.py": "import customerio\n"})
    config = root / "cio-lint.toml"

    config.write_text('sdk-versions = { "customerio-nod" = "4" }\n', encoding="utf-8")
    unknown = cio_lint("x.py")
    config.write_text('sdk-versions = { "customerio" = "new" }\n', encoding="utf-8")
    invalid = cio_lint("x.py")
    config.write_text('retry-wrappers = ["with retries"]\n', encoding="utf-8")
    bad_name = cio_lint("x.py")

    assert unknown.exit_code == 2
    assert unknown.stderr.startswith(
        f"cio-lint: error: {config}: 'sdk-versions' names an unknown package "
        "'customerio-nod'; known packages: "
    )
    assert invalid.exit_code == 2
    assert invalid.stderr == (
        f"cio-lint: error: {config}: 'sdk-versions' entry 'customerio' must be a "
        "version such as \"4.5\", got 'new'\n"
    )
    assert bad_name.exit_code == 2
    assert bad_name.stderr == (
        f"cio-lint: error: {config}: 'retry-wrappers' has an invalid name "
        "'with retries': expected a function name such as 'with_retries' or "
        "'utils.retry'\n"
    )


PYTHON_SYNC = """
import requests
from customerio import CustomerIO
from tenacity import retry, stop_after_attempt

cio = CustomerIO(SITE_ID, TRACK_API_KEY)


def sync_plans():
    for user in User.objects.filter(active=True):
        cio.identify(user.id, plan=user.plan)


@retry(stop=stop_after_attempt(3))
def signed_up(user):
    requests.post(
        f"https://track.customer.io/api/v1/customers/{user.id}/events",
        auth=(SITE_ID, TRACK_API_KEY),
        json={"name": "signed_up"},
        timeout=10,
    ).raise_for_status()


def logged_in(user):
    requests.post(
        f"https://track.customer.io/api/v1/customers/{user.id}/events",
        auth=(SITE_ID, TRACK_API_KEY),
        json={"name": "logged_in"},
        timeout=10,
    )
"""


def test_python_loop_and_plain_http(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree({"sync.py": PYTHON_SYNC})

    result = cio_lint("sync.py")

    assert result.lines == [
        "sync.py:10:9: CIO503 identify() sends one Track API request per item of "
        "User.objects.filter(active=True) with nothing between them, so when "
        "User.objects.filter(active=True) holds many items the loop exceeds the "
        "Track API's rate limit (documented as 100 to 1000 requests per second) "
        "and its later requests get 429 responses: send the items in v2 batch "
        "calls (batch() or POST /api/v2/batch, up to 500 KB each), or throttle "
        "the loop",
        "sync.py:24:5: CIO501 Nothing retries this Track API call: a plain HTTP "
        "call with requests.post is never retried, so a 429 or 5xx response loses "
        "it: wrap the call in a retry such as tenacity's @retry or "
        "backoff.on_exception",
        "sync.py:24:5: CIO508 The status of this requests.post() response from "
        "the Track API is never read: requests returns a 401, 429 or 5xx response "
        "without raising, so a rejected request passes as success: call "
        "response.raise_for_status() or read response.status_code",
    ]


def test_python_2_and_retries_off(write_tree: WriteTree, cio_lint: RunCioLint) -> None:
    write_tree(
        {
            "old/requirements.txt": "customerio>=2.0,<3\n",
            "old/tracking.py": (
                "from customerio import CustomerIO\n"
                "cio = CustomerIO(SITE_ID, KEY)\n"
                "cio.track(1, 'signed_up')\n"
            ),
            "new/tracking.py": (
                "from customerio import CustomerIO\n"
                "cio = CustomerIO(SITE_ID, KEY, retries=0)\n"
                "cio.track(1, 'signed_up')\n"
            ),
        }
    )

    result = cio_lint("--select", "CIO501", ".")

    assert result.lines == [
        "new/tracking.py:3:1: CIO501 Nothing retries this Track API call: the "
        "CustomerIO client is built with its retries set to 0, so a 429 or 5xx "
        "response loses it: drop the retry count of 0 so that the SDK retries, "
        "or wrap the call in a retry such as tenacity's @retry or "
        "backoff.on_exception",
        "old/tracking.py:3:1: CIO501 Nothing retries this Track API call: "
        "customerio 2.0 (requirements.txt: >=2.0,<3) retries connection errors "
        "only, never a 429 or 5xx response, so a 429 or 5xx response loses it: "
        "upgrade to customerio 3, which retries 5xx responses, or wrap the call "
        "in a retry such as tenacity's @retry or backoff.on_exception",
    ]


def test_project_retry_helper_and_setting(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree(
        {
            "requirements.txt": "customerio==2.4\n",
            "cio-lint.toml": 'retry-wrappers = ["Retryable.run"]\n',
            "app/retrying.py": (
                "import time\n\n\n"
                "def with_retries(send, attempts=3):\n"
                "    for attempt in range(attempts):\n"
                "        try:\n"
                "            return send()\n"
                "        except Exception:\n"
                "            time.sleep(2 ** attempt)\n"
            ),
            "app/tracking.py": (
                "from customerio import CustomerIO\n"
                "from app.retrying import with_retries\n"
                "cio = CustomerIO(SITE_ID, KEY)\n"
                "with_retries(lambda: cio.track(1, 'a'))\n"
                "Retryable.run(lambda: cio.track(1, 'b'))\n"
                "cio.track(1, 'c')\n"
            ),
        }
    )

    result = cio_lint("--select", "CIO501", ".")

    assert [line.split(" ")[:2] for line in result.lines] == [
        ["app/tracking.py:6:1:", "CIO501"]
    ]


def test_nested_retry_is_reported(write_tree: WriteTree, cio_lint: RunCioLint) -> None:
    write_tree(
        {
            "send.ts": (
                'import { TrackClient } from "customerio-node";\n'
                'import pRetry from "p-retry";\n'
                "const cio = new TrackClient(SITE, KEY);\n"
                "export async function go(id: string) {\n"
                '  await pRetry(() => cio.track(id, { name: "a" }));\n'
                "}\n"
            ),
        }
    )

    result = cio_lint("send.ts")

    assert result.lines == [
        "send.ts:5:22: CIO505 customerio-node 5.2.0 (assumed: the newest release) "
        "retries 408, 429 and 5xx responses and network errors up to 3 times, and "
        "p-retry retries the call again: the attempts multiply, and a send that "
        "reached Customer.io before a timeout may go out twice: keep one retry, "
        "such as the SDK's with retry: { maxRetries } set"
    ]


def test_dead_error_handling(write_tree: WriteTree, cio_lint: RunCioLint) -> None:
    write_tree(
        {
            "signup.py": (
                "import requests\n"
                "from customerio import CustomerIO, CustomerIOException\n"
                "cio = CustomerIO(SITE_ID, KEY)\n"
                "try:\n"
                "    cio.track(1, 'signed_up')\n"
                "except requests.exceptions.HTTPError:\n"
                "    pass\n"
                "except CustomerIOException as error:\n"
                "    print(error.status_code)\n"
                "try:\n"
                "    requests.get('https://example.com').raise_for_status()\n"
                "    cio.track(1, 'checked')\n"
                "except requests.RequestException:\n"
                "    pass\n"
            ),
            "cdp.js": (
                'const { Analytics } = require("@customerio/cdp-analytics-node");\n'
                "const analytics = new Analytics({ writeKey: KEY });\n"
                "async function go() {\n"
                '  await analytics.track({ userId: "1", event: "Signed Up" });\n'
                "  await analytics.closeAndFlush();\n"
                "}\n"
            ),
        }
    )

    result = cio_lint("--select", "CIO504", ".")

    assert [line.split(" ")[:2] for line in result.lines] == [
        ["cdp.js:4:9:", "CIO504"],
        ["signup.py:6:8:", "CIO504"],
        ["signup.py:9:11:", "CIO504"],
    ]
    assert result.lines[1].endswith(
        "except requests.exceptions.HTTPError never catches errors of the "
        "customerio SDK: it wraps every failure, connection errors and timeouts "
        "included, in CustomerIOException, so this handler cannot fire and the "
        "error goes up the stack: catch customerio.CustomerIOException"
    )
    assert result.lines[2].endswith(
        "CIO504 CustomerIOException has no status_code attribute: reading it "
        "raises AttributeError inside the handler; the status is only in the "
        "exception's message text"
    )


def test_throttled_and_batched_loops_stay_quiet(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree(
        {
            "sync.js": (
                'const { TrackClient } = require("customerio-node");\n'
                'const pLimit = require("p-limit");\n'
                "const cio = new TrackClient(SITE, KEY);\n"
                "const limit = pLimit(5);\n"
                "async function sync(users, chunks) {\n"
                "  await Promise.all(\n"
                "    users.map((u) => limit(() => cio.identify(u.id))),\n"
                "  );\n"
                "  for (const chunk of chunks) { await cio.batch(chunk); }\n"
                "}\n"
            ),
        }
    )

    result = cio_lint("sync.js")

    assert result.stdout == ""
    assert result.exit_code == 0


def test_client_imported_from_another_file(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree(
        {
            "cio.js": (
                'const { TrackClient } = require("customerio-node");\n'
                "const cio = new TrackClient(SITE, KEY);\n"
                "module.exports = { cio };\n"
            ),
            "routes.js": (
                'const { cio } = require("./cio");\n'
                "function logout(user) {\n"
                '  cio.track(user.id, { name: "logged_out" });\n'
                "}\n"
                "async function sync(users) {\n"
                "  for (const user of users) { await cio.identify(user.id, {}); }\n"
                "}\n"
            ),
        }
    )

    result = cio_lint("--select", "CIO5", ".")

    assert [line.split(" ")[:2] for line in result.lines] == [
        ["routes.js:3:3:", "CIO502"],
        ["routes.js:6:37:", "CIO503"],
    ]


def test_reliability_findings_in_examples(cio_lint: RunCioLint) -> None:
    result = cio_lint("--select", "CIO5", "examples", cwd=REPOSITORY)

    assert [line.split(" ")[:2] for line in result.lines] == [
        ["examples/node-service/src/routes/users.js:10:9:", "CIO506"],
        ["examples/node-service/src/routes/users.js:22:9:", "CIO506"],
        ["examples/node-service/src/routes/users.js:31:9:", "CIO506"],
        ["examples/node-service/src/routes/users.js:38:3:", "CIO502"],
        ["examples/shop/orders.py:24:9:", "CIO503"],
        ["examples/shop/refunds.py:11:12:", "CIO501"],
    ]


def test_inline_retry_loops_count_as_retries(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree(
        {
            "send.py": (
                "import time\n"
                "import requests\n"
                "def send(user):\n"
                "    for attempt in range(3):\n"
                "        try:\n"
                "            return requests.post(\n"
                '                "https://track.customer.io/api/v1/customers/1/events",\n'
                "                timeout=5,\n"
                "            )\n"
                "        except requests.RequestException:\n"
                "            time.sleep(2 ** attempt)\n"
            ),
            "send.js": (
                'const { TrackClient } = require("customerio-node");\n'
                "const cio = new TrackClient(SITE, KEY);\n"
                "async function send(id) {\n"
                "  for (let attempt = 0; attempt < 3; attempt++) {\n"
                "    try {\n"
                '      return await cio.track(id, { name: "a" });\n'
                "    } catch (error) {\n"
                "      await sleep(100);\n"
                "    }\n"
                "  }\n"
                "}\n"
            ),
        }
    )

    result = cio_lint("--select", "CIO5", ".")

    assert [line.split(" ")[:2] for line in result.lines] == [
        ["send.js:6:20:", "CIO505"]
    ]
    assert "and the retry loop on line 4 retries the call again" in result.stdout


def test_calls_through_project_wrappers(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree(
        {
            "requirements.txt": "customerio==2.4\n",
            "tracking.py": (
                "from customerio import CustomerIO\n"
                "cio = CustomerIO(SITE_ID, KEY)\n"
                "def track(user, name, **data):\n"
                "    cio.track(user.id, name, data=data)\n"
            ),
            "views.py": (
                "from tracking import track\n"
                "def signup(user):\n"
                '    track(user, "signed_up", plan=user.plan)\n'
                "def bulk(users):\n"
                "    for user in users:\n"
                '        track(user, "imported")\n'
            ),
        }
    )

    result = cio_lint("--select", "CIO5", ".")

    assert [line.split(" ")[:3] for line in result.lines] == [
        ["tracking.py:4:5:", "CIO501", "Nothing"],
        ["views.py:6:9:", "CIO503", "track()"],
    ]


def test_pipelines_client_in_sync_mode(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree(
        {
            "events.py": (
                "from customerio.analytics import Client\n"
                "sync = Client(write_key=KEY, sync_mode=True)\n"
                "queued = Client(write_key=KEY)\n"
                'sync.track(user_id="1", event="Signed Up")\n'
                'queued.track(user_id="1", event="Signed Up")\n'
            ),
        }
    )

    result = cio_lint("--select", "CIO5", ".")

    assert result.lines == [
        "events.py:4:1: CIO501 Nothing retries this Data Pipelines API call: the "
        "customerio-cdp-analytics Client is built with sync_mode=True, which sends "
        "each call at once and never retries it, so a 429 or 5xx response loses "
        "it: drop sync_mode=True so that the SDK retries, or wrap the call in a "
        "retry such as tenacity's @retry or backoff.on_exception"
    ]


def test_floating_promise_fix_inserts_await(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    root = write_tree(
        {
            "login.js": (
                'const { TrackClient } = require("customerio-node");\n'
                "const cio = new TrackClient(SITE, KEY);\n"
                "async function onLogin(user) {\n"
                '  cio.track(user.id, { name: "logged_in" }).then(() => log(1));\n'
                "}\n"
                "function onLogout(user) {\n"
                '  cio.track(user.id, { name: "logged_out" });\n'
                "}\n"
            ),
        }
    )

    safe_only = cio_lint("--fix", "--select", "CIO502", "login.js")
    unchanged = (root / "login.js").read_text(encoding="utf-8")
    unsafe = cio_lint("--fix", "--unsafe-fixes", "--select", "CIO502", "login.js")
    fixed = (root / "login.js").read_text(encoding="utf-8")

    assert safe_only.exit_code == 1
    assert "await" not in unchanged
    assert unsafe.exit_code == 1
    assert [line.split(" ")[:2] for line in unsafe.lines] == [
        ["login.js:7:3:", "CIO502"]
    ]
    assert (
        '  await cio.track(user.id, { name: "logged_in" }).then(() => log(1));\n'
        in fixed
    )
    assert '  cio.track(user.id, { name: "logged_out" });\n' in fixed


def test_floating_browser_promise_names_invalid_calls(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree(
        {
            "page.ts": (
                "import { AnalyticsBrowser } from "
                '"@customerio/cdp-analytics-browser";\n'
                'const cioanalytics = AnalyticsBrowser.load({ writeKey: "wk" });\n'
                "export function onRouteChange() {\n"
                "  cioanalytics.page();\n"
                "}\n"
            ),
        }
    )

    result = cio_lint("--select", "CIO502", "page.ts")

    assert result.lines == [
        "page.ts:4:3: CIO502 The promise from @customerio/cdp-analytics-browser "
        "page() is neither awaited nor returned and has no rejection handler: a "
        "call the library rejects, such as a track without an event name, becomes "
        "an unhandled rejection, and the error is lost: return it, or chain "
        ".catch() to handle the failure"
    ]


def test_undici_request_status_code(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    """undici's `request` resolves to `{ statusCode, headers, body }`."""
    request = (
        "  const {0} = await request(`https://track.customer.io/api/v1/customers/"
        "${{id}}`, {{\n"
        '    method: "PUT",\n'
        "    body: JSON.stringify(attrs),\n"
        "  }});\n"
    )
    write_tree(
        {
            "checked.mjs": (
                'import { request } from "undici";\n'
                "export async function identify(id, attrs) {\n"
                + request.format("{ statusCode, body }")
                + "  await body.dump();\n"
                + "  if (statusCode >= 400) throw new Error(String(statusCode));\n"
                + "}\n"
            ),
            "unchecked.mjs": (
                'import { request } from "undici";\n'
                "export async function identify(id, attrs) {\n"
                + request.format("result")
                + "  await result.body.dump();\n"
                + "}\n"
            ),
            "renamed.mjs": (
                'import { request } from "undici";\n'
                "export async function identify(id, attrs) {\n"
                + request.format("{ statusCode: code, body }")
                + "  await body.dump();\n"
                + "  if (code >= 400) throw new Error(String(code));\n"
                + "}\n"
            ),
        }
    )

    result = cio_lint("--select", "CIO508", ".")

    assert result.lines == [
        "unchecked.mjs:3:24: CIO508 The status of this undici.request() response "
        "from the Track API is never read: undici returns a 401, 429 or 5xx "
        "response without raising, so a rejected request passes as success: read "
        "statusCode from the result and handle a failure"
    ]
