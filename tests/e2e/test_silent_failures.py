"""The silent-failure and burst rules CIO506 to CIO509 through the installed command."""

from __future__ import annotations

from tests.conftest import RunCioLint, WriteTree


def _dropped(api: str, callee: str, line: int) -> str:
    return (
        f"CIO507 This handler drops the error of the {api} call {callee} at line "
        f"{line} without logging, counting or re-raising it, so a rejected or "
        "failed request goes unnoticed: log the error with the customer id, "
        "count it, or re-raise it"
    )


SWALLOWING_PY = """
from customerio import CustomerIO
from app.tracking import tracker

cio = CustomerIO(SITE, KEY)


def on_signup(user):
    try:
        cio.track(user.id, "signed_up")
        cio.track(user.id, "welcomed")
    except:
        return
    try:
        tracker.event(user.id, "onboarded")
    except Exception:
        pass
    for item in user.items:
        try:
            cio.track(user.id, "bought", sku=item.sku)
        except (KeyError, CustomerIOException):
            continue


def rethrown(user):
    try:
        try:
            cio.track(user.id, "b")
        except Exception:
            raise
    except Exception:
        ...


def quiet(user):
    try:
        cio.track(user.id, "a", plan=user.plan["name"])
    except KeyError:
        pass
    try:
        cio.track(user.id, "c")
    except Exception as error:
        sentry_sdk.capture_exception(error)
"""
TRACKING_PY = """
from customerio import CustomerIO

cio = CustomerIO(SITE, KEY)


class Tracker:
    def event(self, user_id, name):
        cio.track(user_id, name)


tracker = Tracker()
"""
SWALLOWING_TS = """
import { TrackClient } from "customerio-node";
const cio = new TrackClient(site, key);
export async function onSignup(user) {
  try {
    await cio.track(user.id, { name: "x" });
  } catch {}
  await cio.track(user.id, { name: "y" }).catch(() => {});
  cio.track(user.id, { name: "z" }).then(() => 1).catch(() => undefined);
  try { await cio.track(user.id, { name: "v" }); } catch (e) { /* ignore */ }
  await fetch("https://track.customer.io/api/v1/customers/1", { method: "PUT" })
    .catch(noop);
}
export async function quiet(user) {
  await cio.track(user.id, { name: "w" }).catch((e) => console.error(e));
  try { await cio.track(user.id, { name: "u" }); } catch (e) { metrics.increment("x"); }
  try { await cio.track(user.id, { name: "t" }); } catch (e) { throw new Wrapped(e); }
  try { cio.track(user.id, { name: "s" }); } catch {}
}
"""


def test_swallowed_errors_in_both_languages(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree(
        {
            "app/signup.py": SWALLOWING_PY,
            "app/tracking.py": TRACKING_PY,
            "web/signup.ts": SWALLOWING_TS,
        }
    )

    result = cio_lint("--select", "CIO507", ".")

    assert result.lines == [
        f"app/signup.py:11:5: {_dropped('Track API', 'track()', 9)}",
        f"app/signup.py:15:12: {_dropped('Track API', 'tracker.event()', 14)}",
        f"app/signup.py:20:17: {_dropped('Track API', 'track()', 19)}",
        f"app/signup.py:30:12: {_dropped('Track API', 'track()', 27)}",
        f"web/signup.ts:6:5: {_dropped('Track API', 'track()', 5)}",
        f"web/signup.ts:7:49: {_dropped('Track API', 'track()', 7)}",
        f"web/signup.ts:8:57: {_dropped('Track API', 'track()', 8)}",
        f"web/signup.ts:9:52: {_dropped('Track API', 'track()', 9)}",
        f"web/signup.ts:11:12: {_dropped('Track API', 'fetch()', 10)}",
    ]
    assert result.exit_code == 1


def _unchecked(library: str, package: str, remedy: str) -> str:
    return (
        f"CIO508 The status of this {library}() response from the Track API is "
        f"never read: {package} returns a 401, 429 or 5xx response without "
        f"raising, so a rejected request passes as success: {remedy}"
    )


PY_REMEDY = "call response.raise_for_status() or read response.status_code"
JS_REMEDY = "read response.ok or response.status and handle a failure"
RESPONSES_PY = """
import httpx
import requests

URL = "https://track.customer.io/api/v1/customers/1"
session = requests.Session()


def update(body):
    requests.put(URL, json=body, auth=(SITE, KEY))
    plan = session.put(URL, json=body, auth=(SITE, KEY)).json()["plan"]


async def update_async(body):
    async with httpx.AsyncClient() as client:
        response = await client.put(URL, json=body)
        LOG.info("updated %s", response.text)


def quiet(body):
    checked = requests.put(URL, json=body, auth=(SITE, KEY))
    checked.raise_for_status()
    requests.put(URL, json=body, auth=(SITE, KEY)).raise_for_status()
    return requests.put(URL, json=body, auth=(SITE, KEY))
"""
SIGNUP_TS = """
export async function POST(req: Request) {
  const body = await req.json();
  await fetch(`https://track.customer.io/api/v1/customers/${body.id}`, {
    method: "PUT", headers: { Authorization: auth }, body: JSON.stringify({ ...body }),
  });
  return Response.json({ ok: true });
}
"""
QUIET_TS = """
import axios from "axios";
import ky from "ky";
const URL = "https://track.customer.io/api/v1/customers/1";
export async function quiet(body) {
  const res = await fetch(URL, { method: "PUT" });
  if (!res.ok) throw new Error(String(res.status));
  fetch(URL, { method: "PUT" }).then((r) => { if (!r.ok) log(r.status); });
  await axios.put(URL, body);
  await ky.put(URL, { json: body });
  return fetch(URL, { method: "PUT" });
}
"""


def test_unchecked_responses_in_both_languages(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree(
        {
            "app/responses.py": RESPONSES_PY,
            "web/app/signup/route.ts": SIGNUP_TS,
            "web/quiet.ts": QUIET_TS,
        }
    )

    result = cio_lint("--select", "CIO508", ".")

    assert result.lines == [
        f"app/responses.py:9:5: {_unchecked('requests.put', 'requests', PY_REMEDY)}",
        "app/responses.py:10:12: "
        + _unchecked("requests.Session.put", "requests", PY_REMEDY),
        "app/responses.py:15:26: "
        + _unchecked("httpx.AsyncClient.put", "httpx", PY_REMEDY),
        f"web/app/signup/route.ts:3:9: {_unchecked('fetch', 'fetch', JS_REMEDY)}",
    ]
    assert result.exit_code == 1


HOOKED_PY = """
import httpx

TRACK = "https://track.customer.io/api/v1"


async def raise_on_error(response):
    response.raise_for_status()


def log_response(response):
    LOG.info("status %s", response.status_code)


RAISING = {"response": [raise_on_error]}
hooked = httpx.AsyncClient(base_url=TRACK, event_hooks={"response": [raise_on_error]})
shared = httpx.AsyncClient(base_url=TRACK, event_hooks=RAISING)
inline = httpx.Client(
    base_url=TRACK, event_hooks={"response": [lambda r: r.raise_for_status()]}
)
logged = httpx.Client(base_url=TRACK, event_hooks={"response": [log_response]})
on_request = httpx.Client(base_url=TRACK, event_hooks={"request": [raise_on_error]})


class Tracker:
    def __init__(self):
        self.client = httpx.Client(
            base_url=TRACK, event_hooks={"response": [lambda r: r.raise_for_status()]}
        )

    def identify(self, customer_id, body):
        self.client.put(f"/customers/{customer_id}", json=body)


async def identify(customer_id, body):
    await hooked.put(f"/customers/{customer_id}", json=body)
    await shared.put(f"/customers/{customer_id}", json=body)
    inline.put(f"/customers/{customer_id}", json=body)
    logged.put(f"/customers/{customer_id}", json=body)
    on_request.put(f"/customers/{customer_id}", json=body)
"""


def test_httpx_response_hook_checks_status(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree({"hooked.py": HOOKED_PY})

    result = cio_lint("--select", "CIO508", ".")

    unchecked = _unchecked("httpx.Client.put", "httpx", PY_REMEDY)
    assert result.lines == [
        f"hooked.py:38:5: {unchecked}",
        f"hooked.py:39:5: {unchecked}",
    ]
    assert result.exit_code == 1


SIGNUP_PY = """
import logging

from celery import shared_task
from customerio import CustomerIO
from flask import Flask, request

from app.tracking import tracker

LOG = logging.getLogger(__name__)
app = Flask(__name__)
cio = CustomerIO(SITE, KEY)


@app.post("/signup")
def signup():
    user = create_user(request.json)
    cio.identify(id=user.id, email=user.email, password=request.json["password"])
    try:
        cio.track(user.id, "signed_up")
    except Exception:
        pass
    return {"ok": True}


def safe_cio(op, fn):
    try:
        return fn()
    except Exception:
        LOG.warning("Customer.io %s failed", op, exc_info=True)
        return None


@app.post("/login")
def login():
    safe_cio("track", lambda: cio.track(request.json["id"], "logged_in"))
    tracker.event(request.json["id"], "logged_in")
    tracker.profile(request.json["id"], last_login=now())
    return {"ok": True}


@shared_task
def sync_plan(user_id, plan):
    tracker.profile(user_id, plan=plan)


@shared_task(autoretry_for=(Exception,), retry_backoff=True)
def sync_plan_retrying(user_id, plan):
    tracker.profile(user_id, plan=plan)
"""
TRACKER_PY = """
import logging

from customerio import CustomerIO, CustomerIOException

LOG = logging.getLogger(__name__)
cio = CustomerIO(SITE, KEY)


class Tracker:
    def event(self, user_id, name):
        try:
            cio.track(user_id, name)
        except CustomerIOException:
            LOG.warning("Customer.io %s failed for %s", name, user_id, exc_info=True)

    def profile(self, user_id, **attributes):
        cio.identify(id=user_id, **attributes)


tracker = Tracker()
"""
SERVER_JS = """
const express = require("express");
const { TrackClient } = require("customerio-node");
const { track, trackLoud } = require("./tracking");
const cio = new TrackClient(SITE, KEY);
const app = express();
app.post("/signup", async (req, res) => {
  await cio.identify(req.body.id, { email: req.body.email });
  try {
    await cio.track(req.body.id, { name: "signed_up" });
  } catch (error) {
    console.error("Customer.io track failed", error);
  }
  await track(req.body.id, "guarded");
  await trackLoud(req.body.id, "loud");
  res.json({ ok: true });
});
"""
TRACKING_JS = """
const { TrackClient } = require("customerio-node");
const cio = new TrackClient(SITE, KEY);
async function track(id, name) {
  try {
    await cio.track(id, { name });
  } catch (error) {
    console.warn("Customer.io track failed", error);
  }
}
async function trackLoud(id, name) {
  await cio.track(id, { name });
}
module.exports = { track, trackLoud };
"""


REQUEST_HARM = "fails the whole request, usually with a 500"
TASK_HARM = "fails the task and skips the work after the call"


def _escapes(api: str, callee: str, where: str, harm: str = REQUEST_HARM) -> str:
    return (
        f"CIO506 An error from this {api} call {callee} escapes {where}, with no "
        "handler on the way, so a Customer.io outage or a rejected request "
        f"{harm}: catch the error and log it, or send the call from a background "
        "job that retries"
    )


def test_unguarded_calls_and_central_wrappers(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree(
        {
            "app/signup.py": SIGNUP_PY,
            "app/tracking.py": TRACKER_PY,
            "app/__init__.py": "",
            "web/server.js": SERVER_JS,
            "web/tracking.js": TRACKING_JS,
            "web/app/signup/route.ts": SIGNUP_TS,
        }
    )

    result = cio_lint("--select", "CIO506,CIO507", ".")

    track = "Track API"
    login = "login(), a request handler (@app.post)"
    task = "sync_plan(), a queue consumer (@shared_task)"
    route = "a request handler (route app.post)"
    next_route = "POST(), a request handler (Next.js route handler POST)"
    profile = " (sent through the wrapper tracker.profile(), app/tracking.py line 16)"
    loud = " (sent through the wrapper trackLoud(), web/tracking.js line 10)"
    assert result.lines == [
        "app/signup.py:17:5: "
        + _escapes(track, "identify()", "signup(), a request handler (@app.post)"),
        f"app/signup.py:20:12: {_dropped(track, 'track()', 19)}",
        f"app/signup.py:37:5: {_escapes(track, 'identify()', login)}{profile}",
        "app/signup.py:43:5: "
        + _escapes(track, "identify()", task, TASK_HARM)
        + profile,
        f"web/app/signup/route.ts:3:9: {_escapes(track, 'fetch()', next_route)}",
        f"web/server.js:7:9: {_escapes(track, 'identify()', route)}",
        f"web/server.js:14:9: {_escapes(track, 'track()', route)}{loud}",
    ]
    assert result.exit_code == 1


BURST_PY = """
import asyncio
from concurrent.futures import ThreadPoolExecutor

import httpx
from customerio import CustomerIO

cio = CustomerIO(SITE, KEY)
URL = "https://track.customer.io/api/v1/customers/1/events"


def backfill(users):
    with ThreadPoolExecutor(max_workers=50) as pool:
        pool.map(lambda user: cio.track(user.id, "migrated"), users)
    with ThreadPoolExecutor(4) as small:
        small.map(lambda user: cio.track(user.id, "migrated"), users)
    for user in users:
        cio.identify(id=user.id)


async def notify(users):
    async with httpx.AsyncClient() as client:
        sent = await asyncio.gather(*(client.post(URL, json={"n": u}) for u in users))
    for response in sent:
        response.raise_for_status()
"""
BURST_TS = """
import { TrackClient } from "customerio-node";
import pLimit from "p-limit";
const cio = new TrackClient(SITE, KEY);
const limit = pLimit(5);
export async function backfill(users) {
  await Promise.all(users.map((u) => cio.track(u.id, { name: "migrated" })));
  await Promise.allSettled([...users.map(async (u) => {
    await cio.identify(u.id, {});
  })]);
  await Promise.all(users.map((u) => limit(() => cio.track(u.id, { name: "ok" }))));
}
"""


def _burst(name: str, together: str) -> str:
    return (
        f"CIO509 {name} runs once per item of users, all started together by "
        f"{together}, so a large collection sends a burst above the Track API's "
        "rate limit (documented as 100 to 1000 requests per second) and gets 429 "
        "responses: limit how many run at once (p-limit, an asyncio.Semaphore, or "
        "a pool of a few workers), or send the items in batch calls"
    )


def test_bursts_and_loops_are_told_apart(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree({"burst.py": BURST_PY, "burst.ts": BURST_TS})

    result = cio_lint("--select", "CIO503,CIO509", ".")

    assert [line.split(" ")[:2] for line in result.lines] == [
        ["burst.py:13:31:", "CIO509"],
        ["burst.py:17:9:", "CIO503"],
        ["burst.py:22:39:", "CIO509"],
        ["burst.ts:6:38:", "CIO509"],
        ["burst.ts:8:11:", "CIO509"],
    ]
    assert result.lines[0].endswith(
        _burst("track()", "ThreadPoolExecutor.map of 50 workers")
    )
    assert result.lines[2].endswith(
        _burst("httpx.AsyncClient.post()", "asyncio.gather")
    )
    assert result.lines[4].endswith(_burst("identify()", "Promise.allSettled"))


RETRY_PY = """
import time

from customerio import CustomerIO, CustomerIOException

cio = CustomerIO(SITE, KEY)


def once(user):
    for attempt in range(3):
        try:
            cio.track(user.id, "a")
            break
        except CustomerIOException:
            LOG.warning("failed for %s", user.id)
            raise


def retries(user):
    for attempt in range(3):
        try:
            return cio.track(user.id, "b")
        except CustomerIOException:
            if attempt == 2:
                raise
            time.sleep(2**attempt)
"""
RETRY_JS = """
const { TrackClient } = require("customerio-node");
const cio = new TrackClient(SITE, KEY);
async function once(id) {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await cio.track(id, { name: "a" });
    } catch (error) {
      console.warn("failed", id);
      throw error;
    }
  }
}
"""


def _never_loops(line: int) -> str:
    return (
        f"CIO507 The retry loop on line {line} never runs the Track API call "
        "track() again: this handler leaves the loop on the first failure, so "
        "the call is tried once: wait and let the loop continue, and re-raise "
        "only after the last attempt"
    )


def test_retry_loops_that_never_loop(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree({"retry.py": RETRY_PY, "retry.js": RETRY_JS})

    result = cio_lint("--select", "CIO507", ".")

    assert result.lines == [
        f"retry.js:7:7: {_never_loops(4)}",
        f"retry.py:13:16: {_never_loops(9)}",
    ]


def test_suppress_swallows_instead_of_escaping(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    """`with suppress(E):` is a `try` whose `except E:` does nothing."""
    write_tree(
        {
            "app.py": """
                from contextlib import suppress

                from customerio import CustomerIO, CustomerIOException
                from flask import Flask

                app = Flask(__name__)
                cio = CustomerIO(SITE, KEY)


                @app.post("/signup")
                def signup():
                    with suppress(CustomerIOException):
                        cio.track("1", "signed_up")
                    return {}
            """,
        }
    )

    result = cio_lint("--select", "CIO506,CIO507", ".")

    assert result.lines == [
        "app.py:12:10: CIO507 This handler drops the error of the Track API call "
        "track() at line 13 without logging, counting or re-raising it, so a "
        "rejected or failed request goes unnoticed: log the error with the "
        "customer id, count it, or re-raise it"
    ]
