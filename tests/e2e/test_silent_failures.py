"""The silent-failure rules CIO506 to CIO508 through the installed command."""

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
