"""Definitions left out of the parse never change what a run reports."""

from __future__ import annotations

from tests.conftest import RunCioLint, WriteTree

SIGNING = """
    import hashlib
    import hmac

    SIGNATURE_HEADER = "X-CIO-Signature"


    def verify(secret: bytes, timestamp: str, body: bytes, signature: str) -> bool:
        signed = b"v0:" + timestamp.encode() + b":" + body
        expected = hmac.new(secret, signed, hashlib.sha256).hexdigest()
        return expected == signature
"""
SETTINGS = """
    import time

    START_MS = int(time.time() * 1000)


    class Launch:
        STARTS_AT = 1717171717000
        BOOT = START_MS

        def label(self):
            return "launch"
"""
SENDER = """
    from customerio import CustomerIO
    from settings import Launch

    cio = CustomerIO("site", "key")
    cio.track(customer_id="1", name="launch_seen", timestamp=Launch.STARTS_AT)
    cio.track(customer_id="1", name="booted", timestamp=Launch.BOOT)
"""
RESILIENCE = """
    import threading

    _stop = threading.Event()


    def retry(send, attempts=3):
        for attempt in range(attempts):
            try:
                return send()
            except Exception:
                _stop.wait(2 ** attempt)
        return send()
"""
JOBS = """
    from customerio import CustomerIO
    from resilience import retry

    cio = CustomerIO("site", "key")


    def sync(user):
        retry(lambda: cio.identify(id=user.id, email=user.email))
"""


def _codes(lines: list[str]) -> list[str]:
    return [line.split(" ", 2)[0] + " " + line.split(" ", 2)[1] for line in lines]


def test_webhook_verifier_without_a_marker_is_checked(
    cio_lint: RunCioLint, write_tree: WriteTree
) -> None:
    write_tree({"signing.py": SIGNING})

    run = cio_lint("--no-cache", "signing.py")

    assert _codes(run.lines) == ["signing.py:9:16: CIO802", "signing.py:10:12: CIO801"]


def test_class_constants_sent_from_another_file_are_read(
    cio_lint: RunCioLint, write_tree: WriteTree
) -> None:
    write_tree({"settings.py": SETTINGS, "app.py": SENDER})

    run = cio_lint("--no-cache", "--select", "CIO101", ".")

    assert _codes(run.lines) == ["app.py:5:58: CIO101", "app.py:6:53: CIO101"]


def test_retry_helper_that_waits_is_recognised(
    cio_lint: RunCioLint, write_tree: WriteTree
) -> None:
    write_tree(
        {
            "requirements.txt": "customerio==1.6.0\n",
            "resilience.py": RESILIENCE,
            "jobs.py": JOBS,
        }
    )

    run = cio_lint("--no-cache", "--select", "CIO501", ".")

    assert run.stdout == ""
    assert run.exit_code == 0


HTTP_UTIL = """
    import json
    import urllib.request


    class JsonClient:
        def post(self, url, body):
            request = urllib.request.Request(url, data=json.dumps(body).encode())
            with urllib.request.urlopen(request) as response:
                return response.status


    http = JsonClient()
"""
ORDERS = """
    import time
    from http_util import http

    TRACK = "https://track.customer.io/api/v1"


    def order(user_id):
        body = {"name": "order_placed", "timestamp": int(time.time() * 1000)}
        return http.post(TRACK + f"/customers/{user_id}/events", body)
"""


def test_http_helper_class_in_another_file_is_followed(
    cio_lint: RunCioLint, write_tree: WriteTree
) -> None:
    write_tree({"http_util.py": HTTP_UTIL, "orders.py": ORDERS})

    run = cio_lint("--no-cache", "--select", "CIO101", ".")

    assert _codes(run.lines) == ["orders.py:8:50: CIO101"]
