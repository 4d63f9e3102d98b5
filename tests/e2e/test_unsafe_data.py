"""The unsafe-data rules through the installed command."""

from __future__ import annotations

from tests.conftest import RunCioLint, WriteTree


def _whole(source: str, api: str, operation: str) -> str:
    return (
        f"CIO207 The request input {source} goes whole into this {api} "
        f"{operation} payload, so any caller can set any attribute or event data, "
        "including the ones that drive segments and campaigns: copy only the "
        "fields you expect, after validating them"
    )


def _event(source: str) -> str:
    return (
        f"CIO207 The event name comes from the request input {source}, so any "
        "caller can send any event and trigger the campaigns it starts: map the "
        "input to a fixed set of event names"
    )


VIEWS_PY = """
from customerio import CustomerIO
from django.http import JsonResponse

from app.tracking import tracker

cio = CustomerIO(SITE, KEY)


def profile(request):
    data = request.POST.dict()
    cio.identify(id=request.user.id, **data)
    cio.track(request.user.id, "profile_updated", data={"all": request.POST})
    tracker.event(request.user.id, request.POST["event"])
    cio.identify(id=request.user.id, email=request.POST["email"])
    cio.identify(id=request.user.id, **form.cleaned_data)
    return JsonResponse({"ok": True})
"""
TRACKING_PY = """
from customerio import CustomerIO

cio = CustomerIO(SITE, KEY)


class Tracker:
    def event(self, user_id, name):
        cio.track(user_id, name)


tracker = Tracker()
"""
ROUTE_TS = """
export async function POST(req: Request) {
  const body = await req.json();
  await fetch(`https://track.customer.io/api/v1/customers/${body.id}`, {
    method: "PUT", headers: { Authorization: auth }, body: JSON.stringify({ ...body }),
  });
  return Response.json({ ok: true });
}
"""
EXPRESS_JS = """
const { TrackClient } = require("customerio-node");
const cio = new TrackClient(SITE, KEY);
app.post("/events", async (req, res) => {
  await cio.track(req.user.id, { name: req.query.event, data: req.body });
  await cio.identify(req.user.id, { email: req.body.email, plan: "free" });
  res.sendStatus(204);
});
"""


def test_untrusted_payloads_in_both_languages(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree(
        {
            "app/__init__.py": "",
            "app/views.py": VIEWS_PY,
            "app/tracking.py": TRACKING_PY,
            "web/app/profile/route.ts": ROUTE_TS,
            "web/server.js": EXPRESS_JS,
        }
    )

    result = cio_lint("--select", "CIO207", ".")

    track, identify = "Track API", "identify"
    assert result.lines == [
        f"app/views.py:11:40: {_whole('request.POST', track, identify)}",
        f"app/views.py:12:64: {_whole('request.POST', track, 'event')}",
        f"app/views.py:13:36: {_event('request.POST')} (sent through the wrapper "
        "tracker.event(), app/tracking.py line 7)",
        f"web/app/profile/route.ts:4:75: {_whole('...req.json()', track, identify)}",
        f"web/server.js:4:40: {_event('req.query')}",
        f"web/server.js:4:63: {_whole('req.body', track, 'event')}",
    ]
    assert result.exit_code == 1


LOGGING_PY = """
import logging

from customerio import CustomerIO, CustomerIOException

LOG = logging.getLogger(__name__)
cio = CustomerIO(SITE, KEY)


def sync(user):
    try:
        cio.identify(id=user.id, email=user.email)
    except CustomerIOException as error:
        LOG.warning("identify failed: %s", error)
        LOG.warning("identify failed", exc_info=True)
        LOG.debug("identify failed: %s", error)
        LOG.warning("identify failed for %s: %s", user.id, status_of(error))
    try:
        try:
            cio.track(user.id, "synced")
        except Exception as error:
            LOG.info(f"track failed: {error}")
            raise
    except Exception as outer:
        logging.exception("sync failed")
    try:
        user.save()
    except Exception as error:
        LOG.warning("save failed: %s", error)
"""
LOGGED = (
    "CIO208 This log line writes the CustomerIOException text, which contains "
    "the whole request payload (attributes, email addresses, message data) next to "
    "the status and URL, so personal data ends up in the logs: log the "
    "operation, the customer id and the status code (the text before the first "
    "colon) instead"
)
TRACEBACK_LOGGED = (
    "CIO208 This log line writes the traceback of the CustomerIOException, and "
    "the traceback's last line is the exception text, which contains the whole "
    "request payload (attributes, email addresses, message data) next to the "
    "status and URL, so personal data ends up in the logs: log the operation, "
    "the customer id and the status code (the text before the first colon) "
    "without the traceback"
)


def test_exception_text_in_logs(write_tree: WriteTree, cio_lint: RunCioLint) -> None:
    write_tree({"sync.py": LOGGING_PY})

    result = cio_lint("--select", "CIO208", ".")

    assert result.lines == [
        f"sync.py:13:9: {LOGGED}",
        f"sync.py:14:9: {TRACEBACK_LOGGED}",
        f"sync.py:21:13: {LOGGED}",
        f"sync.py:24:9: {TRACEBACK_LOGGED}",
    ]
    assert result.exit_code == 1
