"""The Python front-end turns HTTP client calls to Customer.io into `ApiCall`s."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from cio_lint.languages.python import PythonFrontend
from cio_lint.model import (
    Api,
    ApiCall,
    AuthScheme,
    CredentialForm,
    HttpRequest,
    Region,
)


def calls(source: str) -> list[ApiCall]:
    text = textwrap.dedent(source).lstrip("\n")
    return list(PythonFrontend().analyze(text, Path("x.py")).calls)


def only_request(source: str) -> tuple[ApiCall, HttpRequest]:
    found = calls(source)
    assert len(found) == 1
    assert found[0].http is not None
    return found[0], found[0].http


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ('"https://track.customer.io/api/v1/customers/1"', "/api/v1/customers/1"),
        ('f"{TRACK}/customers/{uid}"', "/api/v1/customers/{…}"),
        ('TRACK + "/customers/" + str(uid)', "/api/v1/customers/{…}"),
        ('"%s/customers/%s" % (TRACK, uid)', "/api/v1/customers/{…}"),
        (
            '"%(base)s/customers/%(id)s" % {"base": TRACK, "id": uid}',
            "/api/v1/customers/{…}",
        ),
        ('"{}/customers/{}".format(TRACK, uid)', "/api/v1/customers/{…}"),
        ('"{base}/customers/{id}".format(base=TRACK, id=uid)', "/api/v1/customers/{…}"),
        ('urljoin(TRACK + "/", f"customers/{uid}")', "/api/v1/customers/{…}"),
        ('Config.URL + f"/customers/{uid}"', "/api/v1/customers/{…}"),
    ],
)
def test_url_forms_resolve(url: str, expected: str) -> None:
    call, request = only_request(
        f"""
        import requests
        from urllib.parse import urljoin
        TRACK = "https://track.customer.io/api/v1"
        class Config:
            URL = TRACK
        requests.put({url}, json={{}})
        """
    )

    assert request.path == expected
    assert request.endpoint == "/api/v1/customers/{id}"
    assert request.url_resolved
    assert call.operation == "identify"
    assert call.api is Api.TRACK
    assert request.region is Region.US


def test_unresolvable_url_makes_no_call() -> None:
    source = """
    import requests
    requests.put(settings.CIO_URL + "/customers/1", json={"created_at": 1})
    requests.put(f"https://{host}.customer.io/api/v1/customers/1", json={})
    """
    assert calls(source) == []


def test_other_hosts_make_no_call() -> None:
    source = """
    import requests
    requests.post("https://example.com/customer.io/v1/send/email", json={})
    """
    assert calls(source) == []


def test_unknown_path_keeps_api_and_auth() -> None:
    _, request = only_request(
        """
        import requests
        def send(path):
            requests.post("https://track-eu.customer.io/api/v1" + path, auth=(S, K))
        """
    )

    assert request.endpoint is None
    assert not request.url_resolved
    assert request.region is Region.EU
    assert request.auth is not None
    assert request.auth.form is CredentialForm.PAIR


@pytest.mark.parametrize(
    ("call_source", "operation", "method"),
    [
        ('requests.post(f"{T}/customers/{u}/events", json={})', "event", "POST"),
        ('requests.post(f"{T}/events", json={})', "anonymous event", "POST"),
        ('requests.delete(f"{T}/customers/{u}")', "delete person", "DELETE"),
        ('requests.request("put", f"{T}/customers/{u}")', "identify", "PUT"),
        ('requests.post(f"{A}/send/email", json={})', "transactional email", "POST"),
        ('requests.post(f"{A}/campaigns/7/triggers")', "trigger broadcast", "POST"),
        ('requests.post(f"{C}/identify", json={})', "identify", "POST"),
        ('requests.post(f"{C}/batch", json={})', "batch", "POST"),
        ('requests.post("https://track.customer.io/api/v2/batch")', "batch", "POST"),
        ('requests.get(f"{T}/customers/{u}")', "request", "GET"),
    ],
)
def test_operations(call_source: str, operation: str, method: str) -> None:
    call, request = only_request(
        f"""
        import requests
        T = "https://track.customer.io/api/v1"
        A = "https://api.customer.io/v1"
        C = "https://cdp-eu.customer.io/v1"
        {call_source}
        """
    )

    assert call.operation == operation
    assert request.method == method


def test_event_body_fields() -> None:
    call, _ = only_request(
        """
        import time, requests
        body = {"name": "paid", "timestamp": time.time_ns(), "data": {"x_at": 1}}
        requests.post("https://track.customer.io/api/v1/customers/1/events", json=body)
        """
    )

    assert [item.dotted_path for item in call.fields] == ["timestamp"]
    assert call.event_name is not None
    assert call.event_name.literal == "paid"


def test_json_dumps_body() -> None:
    call, _ = only_request(
        """
        import json, requests
        requests.put(
            "https://track.customer.io/api/v1/customers/1",
            data=json.dumps({"email": "e", "created_at": 1}).encode("utf-8"),
        )
        """
    )

    assert [item.dotted_path for item in call.fields] == ["email", "created_at"]


@pytest.mark.parametrize(
    ("auth", "scheme", "form"),
    [
        ("auth=(SITE, KEY)", AuthScheme.BASIC, CredentialForm.PAIR),
        ("auth=HTTPBasicAuth(SITE, KEY)", AuthScheme.BASIC, CredentialForm.PAIR),
        ("auth=(SITE, '')", AuthScheme.BASIC, CredentialForm.MISSING_PASSWORD),
        ("auth=HTTPDigestAuth(SITE, KEY)", AuthScheme.OTHER, CredentialForm.UNKNOWN),
        (
            'headers={"Authorization": "Bearer " + KEY}',
            AuthScheme.BEARER,
            CredentialForm.UNKNOWN,
        ),
        (
            'headers={"authorization": "Basic " + b64(f"{S}:{K}".encode()).decode()}',
            AuthScheme.BASIC,
            CredentialForm.PAIR,
        ),
        (
            'headers={"Authorization": f"Basic {b64(SITE_ID.encode()).decode()}"}',
            AuthScheme.BASIC,
            CredentialForm.MISSING_PASSWORD,
        ),
        (
            'headers={"Authorization": f"Basic {SITE_ID}:{API_KEY}"}',
            AuthScheme.BASIC,
            CredentialForm.NOT_ENCODED,
        ),
        (
            'headers={"Authorization": f"Basic {credentials}"}',
            AuthScheme.BASIC,
            CredentialForm.UNKNOWN,
        ),
        (
            'headers={"Authorization": "Basic c2l0ZTprZXk="}',
            AuthScheme.BASIC,
            CredentialForm.PAIR,
        ),
        (
            'headers={"Authorization": "Token abc"}',
            AuthScheme.OTHER,
            CredentialForm.UNKNOWN,
        ),
        (
            'headers={"Authorization": "Bearer x"}, auth=(SITE, KEY)',
            AuthScheme.BASIC,
            CredentialForm.PAIR,
        ),
    ],
)
def test_auth_forms(auth: str, scheme: AuthScheme, form: CredentialForm) -> None:
    _, request = only_request(
        f"""
        import requests
        from base64 import b64encode as b64
        from requests.auth import HTTPBasicAuth, HTTPDigestAuth
        requests.put("https://track.customer.io/api/v1/customers/1", {auth})
        """
    )

    assert request.auth is not None
    assert request.auth.scheme is scheme
    assert request.auth.form is form


def test_header_without_literal_scheme_is_not_read() -> None:
    _, request = only_request(
        """
        import requests
        requests.put("https://track.customer.io/api/v1/customers/1", headers=HEADERS)
        """
    )

    assert request.auth is None


def test_session_defaults_apply_to_calls() -> None:
    call, request = only_request(
        """
        import requests

        class Tracker:
            def __init__(self):
                self.session = requests.Session()
                self.session.headers["Authorization"] = "Bearer " + APP_KEY

            def identify(self, uid):
                self.session.put(f"https://track.customer.io/api/v1/customers/{uid}")
        """
    )

    assert call.method == "requests.Session.put"
    assert request.auth is not None
    assert request.auth.scheme is AuthScheme.BEARER
    assert request.auth.span.start.line == 6


def test_httpx_async_client_base_url() -> None:
    call, request = only_request(
        """
        import httpx

        async def send(uid):
            async with httpx.AsyncClient(base_url="https://api.customer.io/v1/") as app:
                await app.post("/send/sms", json={"send_at": 1})
        """
    )

    assert call.operation == "transactional SMS"
    assert request.url == "https://api.customer.io/v1/send/sms"


def test_urlopen_of_request_counts_once() -> None:
    found = calls(
        """
        import urllib.request
        url = "https://track.customer.io/api/v1/events"
        req = urllib.request.Request(url, data=b"{}")
        urllib.request.urlopen(req)
        urllib.request.urlopen("https://track.customer.io/api/v1/accounts/region")
        """
    )

    assert [(call.operation, call.method) for call in found] == [
        ("anonymous event", "urllib.request.Request"),
        ("account region", "urllib.request.urlopen"),
    ]
