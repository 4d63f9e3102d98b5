"""CIO801 and CIO802: how Customer.io webhook signatures are verified."""

from __future__ import annotations

from tests.conftest import RunCioLint, WriteTree

HOOKS_PY = """
    import hashlib
    import hmac
    import time

    from flask import request


    def plain(secret):
        timestamp = request.headers["X-CIO-Timestamp"]
        signature = request.headers["X-CIO-Signature"]
        body = f"v0:{timestamp}:".encode() + request.get_data()
        expected = hmac.new(secret, body, hashlib.sha256).hexdigest()
        return expected == signature


    def safe(secret):
        timestamp = int(request.headers["X-CIO-Timestamp"])
        now = time.time()
        if now - timestamp > 300:
            return False
        body = f"v0:{timestamp}:".encode() + request.get_data()
        expected = hmac.new(secret, body, hashlib.sha256).hexdigest()
        return hmac.compare_digest(expected, request.headers["X-CIO-Signature"])


    def other_hmac(key, payload):
        return hmac.new(key, payload, hashlib.sha256).hexdigest()
"""

HOOKS_TS = """
    import crypto from "crypto";
    import { verifyRequestSignature } from "customerio-node";

    export function plain(req: any, secret: string) {
      const ts = req.header("X-CIO-Timestamp");
      const digest = crypto.createHmac("sha256", secret).update(`v0:${ts}:`).digest();
      return digest === req.header("X-CIO-Signature");
    }

    export function viaSdk(req: any, secret: string) {
      return verifyRequestSignature({ signingSecret: secret, signature: req.sig });
    }

    export function fresh(req: any, secret: string) {
      const ts = Number(req.header("X-CIO-Timestamp"));
      if (Math.abs(Date.now() / 1000 - ts) > 300) return false;
      return verifyRequestSignature({ signingSecret: secret, timestamp: ts });
    }
"""


def test_python_webhook_checks(cio_lint: RunCioLint, write_tree: WriteTree) -> None:
    write_tree({"hooks.py": HOOKS_PY})

    result = cio_lint("--select", "CIO8", "hooks.py")

    assert [line.split(" ", 2)[:2] for line in result.lines] == [
        ["hooks.py:12:16:", "CIO802"],
        ["hooks.py:13:12:", "CIO801"],
    ]
    assert result.lines[1].endswith(
        "CIO801 The Customer.io webhook signature is compared with ==, which stops "
        "at the first differing character, so response times tell an attacker how "
        "much of a forged signature is right: compare with "
        "hmac.compare_digest(expected, received)"
    )
    assert result.lines[0].endswith(
        "CIO802 plain() verifies the Customer.io webhook signature but never "
        "compares X-CIO-Timestamp with the current time; the signature covers the "
        "timestamp, not its age, so a captured request can be replayed later and "
        "still verify: reject requests whose timestamp is more than a few minutes "
        "old"
    )


def test_typescript_webhook_checks(cio_lint: RunCioLint, write_tree: WriteTree) -> None:
    write_tree({"hooks.ts": HOOKS_TS})

    result = cio_lint("--select", "CIO8", "hooks.ts")

    assert [line.split(" ", 2)[:2] for line in result.lines] == [
        ["hooks.ts:6:18:", "CIO802"],
        ["hooks.ts:7:10:", "CIO801"],
        ["hooks.ts:11:10:", "CIO802"],
    ]
    assert (
        "CIO801 The Customer.io webhook signature is compared with ==="
        in (result.lines[1])
    )
    assert "crypto.timingSafeEqual" in result.lines[1]
