"""Correct integrations that used to be reported stay quiet through the command,
while the wrong code next to them is still reported."""

from __future__ import annotations

from tests.conftest import RunCioLint, WriteTree

EVENTS_PY = """
import logging

from customerio import CustomerIO, CustomerIOException
from flask import Flask, abort, request

log = logging.getLogger(__name__)
app = Flask(__name__)
cio = CustomerIO(SITE_ID, TRACK_API_KEY)
ALLOWED_EVENTS = frozenset({"viewed_pricing", "started_checkout"})


@app.post("/events/<user_id>")
def events(user_id):
    name = request.json.get("event")
    if name not in ALLOWED_EVENTS:
        abort(400)
    try:
        cio.track(customer_id=user_id, name=name)
    except CustomerIOException:
        log.warning("track failed for %s", user_id)
    return "", 204


@app.post("/any/<user_id>")
def any_event(user_id):
    name = request.json.get("event")
    try:
        cio.track(customer_id=user_id, name=name)
    except CustomerIOException:
        log.warning("track failed for %s", user_id)
    return "", 204
"""


def test_allowlisted_event_name_quiet(
    cio_lint: RunCioLint, write_tree: WriteTree
) -> None:
    write_tree({"events.py": EVENTS_PY})

    result = cio_lint("--select", "CIO207", "events.py")

    assert result.lines == [
        "events.py:28:45: CIO207 The event name comes from the request input "
        "request.json, so any caller can send any event and trigger the campaigns "
        "it starts: map the input to a fixed set of event names"
    ]
    assert result.exit_code == 1


RETRY_TS = """
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function withRetry<T>(fn: () => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (err) {
      if (i >= attempts) throw err;
      await sleep(2 ** i * 250);
    }
  }
}

const TRACK = "https://track.customer.io/api/v1";

export async function identify(id: string): Promise<void> {
  await withRetry(async () => {
    const res = await fetch(`${TRACK}/customers/${id}`, { method: "PUT" });
    if (!res.ok) throw new Error(`customer.io ${res.status}`);
  });
  const res = await fetch(`${TRACK}/customers/${id}`, { method: "PUT" });
  if (!res.ok) throw new Error(`customer.io ${res.status}`);
}
"""


def test_javascript_retry_helper_quiet(
    cio_lint: RunCioLint, write_tree: WriteTree
) -> None:
    write_tree({"identify.ts": RETRY_TS})

    result = cio_lint("--select", "CIO501", ".")

    assert result.lines == [
        "identify.ts:21:21: CIO501 Nothing retries this Track API call: a plain "
        "HTTP call with fetch is never retried, so a 429 or 5xx response loses "
        "it: wrap the call in a retry such as p-retry or async-retry"
    ]
    assert result.exit_code == 1


APP_PY = """
import logging

from customerio import CustomerIO, CustomerIOException
from flask import Flask, jsonify, request

log = logging.getLogger(__name__)
app = Flask(__name__)
cio = CustomerIO(SITE_ID, TRACK_API_KEY)


@app.errorhandler(CustomerIOException)
def customerio_failed(exc):
    log.warning("customer.io call failed: %s", str(exc).split(":", 1)[0])
    return jsonify(ok=False, retry=True), 503


@app.post("/newsletter")
def newsletter():
    cio.identify(id=request.json["id"], newsletter=True)
    return jsonify(ok=True)
"""
TASKS_PY = """
from celery import shared_task
from customerio import CustomerIO

cio = CustomerIO(SITE_ID, TRACK_API_KEY)


@shared_task
def sync(user_id):
    cio.identify(id=user_id, synced=True)
"""


def test_flask_error_handler_quiet(cio_lint: RunCioLint, write_tree: WriteTree) -> None:
    write_tree({"app.py": APP_PY, "tasks.py": TASKS_PY})

    result = cio_lint("--select", "CIO506", ".")

    assert result.lines == [
        "tasks.py:9:5: CIO506 An error from this Track API call identify() escapes "
        "sync(), a queue consumer (@shared_task), with no handler on the way, so a "
        "Customer.io outage or a rejected request fails the task and skips the "
        "work after the call: catch the error and log it, or send the call from a "
        "background job that retries"
    ]
    assert result.exit_code == 1


POOL_PY = """
import os
from concurrent.futures import ThreadPoolExecutor

from customerio import CustomerIO

cio = CustomerIO(SITE_ID, TRACK_API_KEY)


def backfill(users: list[dict]) -> None:
    with ThreadPoolExecutor(max_workers=min(8, len(users) or 1)) as pool:
        list(pool.map(lambda u: cio.identify(id=u["id"], plan=u["plan"]), users))


def backfill_fast(users: list[dict]) -> None:
    with ThreadPoolExecutor(max_workers=min(64, len(users) or 1)) as pool:
        list(pool.map(lambda u: cio.identify(id=u["id"], plan=u["plan"]), users))
"""


def test_pool_bounded_by_min_quiet(cio_lint: RunCioLint, write_tree: WriteTree) -> None:
    write_tree({"pool.py": POOL_PY})

    result = cio_lint("--select", "CIO509", "pool.py")

    assert result.lines == [
        "pool.py:16:33: CIO509 identify() runs once per item of users, all started "
        "together by ThreadPoolExecutor.map of 64 workers, so a large collection "
        "sends a burst above the Track API's rate limit (documented as 100 to "
        "1000 requests per second) and gets 429 responses: limit how many run at "
        "once (p-limit, an asyncio.Semaphore, or a pool of a few workers), or "
        "send the items in batch calls"
    ]
    assert result.exit_code == 1


POOL_CONSTANTS_PY = """
from concurrent.futures import ThreadPoolExecutor

from customerio import CustomerIO

cio = CustomerIO(SITE_ID, TRACK_API_KEY)
MAX_WORKERS = 4
POOL_SIZE: int = 8
BIG_POOL = 64
REBOUND = 4
REBOUND = 40


def backfill(users):
    with ThreadPoolExecutor(max_workers=MAX_WORKERS) as pool:
        list(pool.map(lambda u: cio.identify(u.id, plan=u.plan), users))


def backfill_min(users):
    with ThreadPoolExecutor(max_workers=min(POOL_SIZE, len(users))) as pool:
        list(pool.map(lambda u: cio.identify(u.id, plan=u.plan), users))


def backfill_big(users):
    with ThreadPoolExecutor(BIG_POOL) as pool:
        list(pool.map(lambda u: cio.identify(u.id, plan=u.plan), users))


def backfill_rebound(users):
    with ThreadPoolExecutor(max_workers=REBOUND) as pool:
        list(pool.map(lambda u: cio.identify(u.id, plan=u.plan), users))

"""


def _pool_burst(line: int, pool: str) -> str:
    return (
        f"pool.py:{line}:33: CIO509 identify() runs once per item of users, all "
        f"started together by ThreadPoolExecutor.map{pool}, so a large collection "
        "sends a burst above the Track API's rate limit (documented as 100 to "
        "1000 requests per second) and gets 429 responses: limit how many run at "
        "once (p-limit, an asyncio.Semaphore, or a pool of a few workers), or "
        "send the items in batch calls"
    )


def test_pool_size_from_module_constant(
    cio_lint: RunCioLint, write_tree: WriteTree
) -> None:
    write_tree({"pool.py": POOL_CONSTANTS_PY})

    result = cio_lint("--select", "CIO509", "pool.py")

    assert result.lines == [
        _pool_burst(25, " of 64 workers"),
        _pool_burst(30, ""),
    ]
    assert result.exit_code == 1


def test_hexadecimal_pool_size(cio_lint: RunCioLint, write_tree: WriteTree) -> None:
    source = POOL_CONSTANTS_PY.replace("max_workers=MAX_WORKERS", "max_workers=0x10")
    write_tree({"pool.py": source})

    result = cio_lint("--select", "CIO509", "pool.py")

    assert result.lines == [
        _pool_burst(15, " of 16 workers"),
        _pool_burst(25, " of 64 workers"),
        _pool_burst(30, ""),
    ]
    assert result.stderr == "Found 3 findings.\n"


SMALL_PY = """
import logging
import time

from customerio import CustomerIO, CustomerIOException

log = logging.getLogger(__name__)
cio = CustomerIO(SITE_ID, TRACK_API_KEY)


def on_trial_start(user_id: str) -> None:
    for name in ("trial_started", "onboarding_started"):
        try:
            cio.track(customer_id=user_id, name=name)
        except CustomerIOException:
            log.warning("track %s failed for %s", name, user_id)


def remove_devices(user_id: str, device_tokens: list[str]) -> None:
    for token in device_tokens[:10]:
        try:
            cio.delete_device(user_id, token)
        except CustomerIOException:
            log.warning("delete_device failed for %s", user_id)


def backfill(users):
    for chunk in chunks(users, 100):
        for user in chunk:
            cio.identify(id=user["id"], plan=user["plan"])
        time.sleep(2)


def remove_all_devices(user_id: str, device_tokens: list[str]) -> None:
    for token in device_tokens:
        cio.delete_device(user_id, token)
"""
SYNC_TS = """
import { TrackClient } from "customerio-node";

const cio = new TrackClient(process.env.CIO_SITE_ID!, process.env.CIO_TRACK_API_KEY!);

export async function syncFirstFive(ids: string[]): Promise<number> {
  const pending: Promise<unknown>[] = [];
  for (const id of ids.slice(0, 5)) {
    pending.push(cio.identify(id, { synced: true }));
  }
  const results = await Promise.allSettled(pending);
  return results.filter((r) => r.status === "rejected").length;
}

export async function syncAll(ids: string[]): Promise<void> {
  const pending: Promise<unknown>[] = [];
  for (const id of ids) {
    pending.push(cio.identify(id, { synced: true }));
  }
  await Promise.allSettled(pending);
}
"""


def test_bounded_loops_quiet(cio_lint: RunCioLint, write_tree: WriteTree) -> None:
    write_tree({"small.py": SMALL_PY, "sync.ts": SYNC_TS})

    result = cio_lint("--select", "CIO503,CIO509", ".")

    assert result.lines == [
        "small.py:35:9: CIO503 delete_device() sends one Track API request per "
        "item of device_tokens with nothing between them, so when device_tokens "
        "holds many items the loop exceeds the Track API's rate limit (documented "
        "as 100 to 1000 requests per second) and its later requests get 429 "
        "responses: send the items in v2 batch calls (batch() or POST "
        "/api/v2/batch, up to 500 KB each), or throttle the loop",
        "sync.ts:17:18: CIO509 identify() runs once per item of ids, all started "
        "together by Promise.allSettled, so a large collection sends a burst "
        "above the Track API's rate limit (documented as 100 to 1000 requests per "
        "second) and gets 429 responses: limit how many run at once (p-limit, an "
        "asyncio.Semaphore, or a pool of a few workers), or send the items in "
        "batch calls",
    ]
    assert result.exit_code == 1


RETRY_PY = """
import logging
import time

from customerio import CustomerIO, CustomerIOException

log = logging.getLogger(__name__)
cio = CustomerIO(SITE_ID, TRACK_API_KEY, retries=0)


def track_renewed(user_id: str) -> None:
    for attempt in range(3):
        if attempt:
            time.sleep(2**attempt)
        try:
            cio.track(customer_id=user_id, name="renewed")
            break
        except CustomerIOException:
            continue
    else:
        log.error("customer.io track failed 3 times for %s", user_id)


def track_cancelled(user_id: str) -> None:
    for attempt in range(3):
        if attempt:
            time.sleep(2**attempt)
        try:
            cio.track(customer_id=user_id, name="cancelled")
            break
        except CustomerIOException:
            continue
"""
HELPER_PY = """
import hashlib
import hmac
import os
import time

from flask import request

SIGNING_KEY = os.environ["CIO_WEBHOOK_SIGNING_KEY"].encode()


def is_fresh(timestamp: str, max_age: int = 300) -> bool:
    return timestamp.isdigit() and abs(time.time() - int(timestamp)) <= max_age


def verified() -> bool:
    timestamp = request.headers.get("X-CIO-Timestamp", "")
    signature = request.headers.get("X-CIO-Signature", "")
    if not is_fresh(timestamp):
        return False
    message = f"v0:{timestamp}:".encode() + request.get_data()
    expected = hmac.new(SIGNING_KEY, message, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, signature)
"""


def test_retry_else_and_age_helper_quiet(
    cio_lint: RunCioLint, write_tree: WriteTree
) -> None:
    write_tree({"retry.py": RETRY_PY, "helper.py": HELPER_PY})

    result = cio_lint("--select", "CIO507,CIO802", ".")

    assert result.lines == [
        "retry.py:30:16: CIO507 This handler drops the error of the Track API call "
        "track() at line 28 without logging, counting or re-raising it, so a "
        "rejected or failed request goes unnoticed: log the error with the "
        "customer id, count it, or re-raise it"
    ]
    assert result.exit_code == 1


ANSWERED_PY = """
import requests
from fastapi import FastAPI, HTTPException

app = FastAPI()
TRACK = "https://track.customer.io/api/v1"


@app.post("/signup/{cid}")
def signup(cid: str):
    try:
        requests.put(f"{TRACK}/customers/{cid}", json={"plan": "free"}, timeout=5)
    except requests.RequestException:
        raise HTTPException(status_code=502, detail="upstream error")
    return {"ok": True}


@app.post("/upgrade/{cid}")
def upgrade(cid: str):
    try:
        requests.put(f"{TRACK}/customers/{cid}", json={"plan": "pro"}, timeout=5)
    except requests.RequestException:
        raise
    return {"ok": True}
"""


def test_handler_answering_with_http_error_quiet(
    cio_lint: RunCioLint, write_tree: WriteTree
) -> None:
    write_tree({"app.py": ANSWERED_PY})

    result = cio_lint("--select", "CIO506", "app.py")

    assert [line.split(" An error")[0] for line in result.lines] == [
        "app.py:20:9: CIO506"
    ]


QUEUED_PY = """
import os

from celery import shared_task
from customerio import CustomerIO, CustomerIOException

cio = CustomerIO(os.environ["CIO_SITE_ID"], os.environ["CIO_TRACK_API_KEY"])


@shared_task(autoretry_for=(CustomerIOException,), rate_limit="50/s")
def track_one(user_id, name):
    cio.track(user_id, name)


def fan_out(users):
    for user in users:
        track_one.delay(user.id, "weekly_digest_ready")


def send_now(users):
    for user in users:
        track_one(user.id, "weekly_digest_ready")
"""


def test_loop_that_queues_tasks_quiet(
    cio_lint: RunCioLint, write_tree: WriteTree
) -> None:
    write_tree({"tasks.py": QUEUED_PY, "requirements.txt": "customerio==3.2.0\n"})

    result = cio_lint("--select", "CIO503", "tasks.py")

    assert [line.split(" track_one")[0] for line in result.lines] == [
        "tasks.py:21:9: CIO503"
    ]


SIBLING_AGE_PY = """
import hashlib
import hmac
import os
import time

from flask import Flask, abort, request

app = Flask(__name__)


def _is_fresh(ts):
    return abs(time.time() - int(ts)) <= 300


def _verify(ts, body, sig):
    key = os.environ["CIO_WEBHOOK_SECRET"].encode()
    mac = hmac.new(key, f"v0:{ts}:".encode() + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(mac, sig)


def _verify_only(ts, body, sig):
    key = os.environ["CIO_WEBHOOK_SECRET"].encode()
    mac = hmac.new(key, f"v0:{ts}:".encode() + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(mac, sig)


@app.post("/webhooks/customerio")
def cio_webhook():
    ts = request.headers.get("X-CIO-Timestamp", "")
    sig = request.headers.get("X-CIO-Signature", "")
    if not _is_fresh(ts) or not _verify(ts, request.get_data(), sig):
        abort(401)
    return "", 204


@app.post("/webhooks/other")
def other_webhook():
    ts = request.headers.get("X-CIO-Timestamp", "")
    sig = request.headers.get("X-CIO-Signature", "")
    if not _verify_only(ts, request.get_data(), sig):
        abort(401)
    return "", 204
"""


def test_age_check_in_a_sibling_helper_quiet(
    cio_lint: RunCioLint, write_tree: WriteTree
) -> None:
    write_tree({"webhook.py": SIBLING_AGE_PY})

    result = cio_lint("--select", "CIO802", "webhook.py")

    assert [line.split(" _verify")[0] for line in result.lines] == [
        "webhook.py:23:11: CIO802"
    ]
