"""Correct code that used to be reported stays quiet, and the wrong code next
to it is still reported. Files are linted in process with every rule enabled."""

from __future__ import annotations

import textwrap
from pathlib import Path

from cio_lint.config import Settings
from cio_lint.discovery import Discovery, SourceFile
from cio_lint.engine import lint_files
from cio_lint.rules import known_rules
from cio_lint.selection import RuleSelection

ROOT = Path("/nonexistent/cio-lint-quiet-shapes")
SETTINGS = Settings(root=ROOT, config_path=None)
SELECTION = RuleSelection.build(SETTINGS, known_rules())


def findings(name: str, source: str, code: str) -> list[tuple[str, int, int]]:
    """Return (code, line, column) of the findings of rule `code` in one file."""
    path = ROOT / name
    text = textwrap.dedent(source).lstrip("\n")
    found = Discovery(files=[SourceFile(path=path, resolved=path, explicit=True)])
    report = lint_files(found, SETTINGS, SELECTION, contents={path: text.encode()})
    return [
        (item.code, item.start.line, item.start.column)
        for item in sorted(report.findings, key=lambda item: item.sort_key)
        if item.code == code
    ]


# CIO207: an event name checked against a fixed collection ---------------------

EVENTS_PY = """
import enum

from customerio import CustomerIO
from flask import abort, request

cio = CustomerIO(SITE, KEY)
ALLOWED = frozenset({"viewed_pricing", "started_checkout"})
EVENTS = {"pricing": "viewed_pricing"}


class Event(enum.Enum):
    PRICING = "viewed_pricing"


def rejected_first(user_id):
    name = request.json.get("event")
    if name not in ALLOWED:
        abort(400)
    cio.track(user_id, name)


def guarded(user_id):
    name = request.json["event"]
    if name in ("viewed_pricing", "started_checkout"):
        cio.track(user_id, name)


def looked_up(user_id):
    name = request.json["event"]
    cio.track(user_id, EVENTS[name])


def enum_members(user_id):
    name = request.json["event"]
    if name not in Event.__members__:
        raise ValueError(name)
    cio.track(user_id, name)


def enum_class(user_id):
    name = request.json["event"]
    assert name in Event
    cio.track(user_id, name)


def computed_collection(user_id):
    name = request.json["event"]
    if name not in allowed_events():
        abort(400)
    cio.track(user_id, name)


def unchecked(user_id):
    name = request.json["event"]
    cio.track(user_id, name)


def other_name_checked(user_id):
    name = request.json["event"]
    kind = request.json["kind"]
    if kind not in ALLOWED:
        abort(400)
    cio.track(user_id, name)
"""


def test_allowlisted_event_names_quiet() -> None:
    assert findings("events.py", EVENTS_PY, "CIO207") == [
        ("CIO207", 50, 24),
        ("CIO207", 55, 24),
        ("CIO207", 63, 24),
    ]


# CIO501: a JavaScript retry helper recognised by its shape -----------------------

RETRY_TS = """
const TRACK = "https://track.customer.io/api/v1";
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

const retrying = async (send: () => Promise<Response>) => {
  let attempt = 0;
  while (true) {
    try {
      return await send();
    } catch (err) {
      if (++attempt > 3) throw err;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
};

async function once<T>(fn: () => Promise<T>): Promise<T> {
  for (let i = 1; i < 3; i++) {
    try {
      return await fn();
    } catch (err) {
      console.warn("attempt failed", err);
    }
  }
  return fn();
}

export async function identify(id: string): Promise<void> {
  await withRetry(() => fetch(`${TRACK}/customers/${id}`, { method: "PUT" }));
  await retrying(() => fetch(`${TRACK}/customers/${id}`, { method: "PUT" }));
  await once(() => fetch(`${TRACK}/customers/${id}`, { method: "PUT" }));
  await fetch(`${TRACK}/customers/${id}`, { method: "PUT" });
}
"""


def test_javascript_retry_helper_shape_quiet() -> None:
    assert findings("r.ts", RETRY_TS, "CIO501") == [
        ("CIO501", 41, 20),
        ("CIO501", 42, 9),
    ]
