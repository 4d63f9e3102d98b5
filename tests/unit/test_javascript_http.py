"""The JavaScript front-end turns HTTP client calls to Customer.io into `ApiCall`s."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from cio_lint.languages.javascript.analysis import analyze
from cio_lint.model import (
    Api,
    ApiCall,
    AuthScheme,
    CredentialForm,
    Expectation,
    HttpRequest,
    Region,
)


def calls(source: str, name: str = "x.ts") -> list[ApiCall]:
    text = textwrap.dedent(source).lstrip("\n")
    return list(analyze(text, Path(name)).calls)


def only_request(source: str, name: str = "x.ts") -> tuple[ApiCall, HttpRequest]:
    found = calls(source, name)
    assert len(found) == 1
    assert found[0].http is not None
    return found[0], found[0].http


@pytest.mark.parametrize(
    "url",
    [
        '"https://track.customer.io/api/v1/customers/1"',
        "`${TRACK}/customers/${id}`",
        'TRACK + "/customers/" + id',
        "new URL(`customers/${id}`, TRACK + '/')",
        "new URL(`customers/${id}`, TRACK + '/').href",
        "new URL(`customers/${id}`, TRACK + '/').toString()",
        "CONFIG.track + `/customers/${id}`",
        "String(`${TRACK}/customers/${id}`)",
    ],
)
def test_url_forms_resolve(url: str) -> None:
    call, request = only_request(
        f"""
        const TRACK = "https://track.customer.io/api/v1";
        const CONFIG = {{ track: TRACK }};
        fetch({url}, {{ method: "PUT" }});
        """
    )

    assert request.endpoint == "/api/v1/customers/{id}"
    assert request.url_resolved
    assert call.operation == "identify"
    assert call.api is Api.TRACK


def test_new_url_drops_last_segment_of_base() -> None:
    _, request = only_request(
        'fetch(new URL("customers/1", "https://track.customer.io/api/v1"), '
        '{ method: "PUT" });'
    )

    assert request.path == "/api/customers/1"
    assert request.endpoint is None
    assert request.url_resolved


def test_unresolvable_url_makes_no_call() -> None:
    source = """
    fetch(process.env.CIO_URL + "/customers/1", { method: "PUT" });
    fetch(`https://${host}.customer.io/api/v1/customers/1`, { method: "PUT" });
    axios.put(url, { created_at: Date.now() });
    """
    assert calls(source) == []


def test_default_method_is_get() -> None:
    call, request = only_request(
        'fetch("https://track.customer.io/api/v1/accounts/region");'
    )

    assert request.method == "GET"
    assert call.operation == "account region"


@pytest.mark.parametrize(
    ("source", "library", "operation"),
    [
        (
            'import fetch from "node-fetch";\n'
            'fetch(`${T}/customers/${id}/events`, { method: "POST" });',
            "node-fetch",
            "event",
        ),
        (
            'const { fetch } = require("undici");\n'
            'fetch(`${T}/events`, { method: "POST" });',
            "undici.fetch",
            "anonymous event",
        ),
        (
            'import { request } from "undici";\n'
            'request(`${T}/customers/1`, { method: "DELETE" });',
            "undici.request",
            "delete person",
        ),
        (
            'import axios from "axios";\naxios.put(`${T}/customers/1`, {});',
            "axios.put",
            "identify",
        ),
        (
            'const axios = require("axios").default;\n'
            'axios({ method: "put", url: `${T}/customers/1`, data: {} });',
            "axios",
            "identify",
        ),
        (
            'import axios from "axios";\n'
            'axios(`${T}/customers/1/suppress`, { method: "POST" });',
            "axios",
            "suppress",
        ),
        (
            'import got from "got";\ngot.post(`${T}/metrics`, { json: {} });',
            "got.post",
            "metric",
        ),
        (
            'import got from "got";\n'
            "const cio = got.extend({ prefixUrl: T });\n"
            'cio.post("merge_customers", { json: {} });',
            "got instance.post",
            "merge people",
        ),
        (
            'import ky from "ky";\nky.put(`${T}/customers/1`, { json: {} });',
            "ky.put",
            "identify",
        ),
        (
            'import ky from "ky";\n'
            "const base = ky.create({ prefixUrl: 'https://track.customer.io' });\n"
            "const cio = base.extend({ prefixUrl: T });\n"
            "cio('customers/1', { method: 'put', json: {} });",
            "ky instance",
            "identify",
        ),
    ],
)
def test_libraries(source: str, library: str, operation: str) -> None:
    call, _ = only_request('const T = "https://track.customer.io/api/v1";\n' + source)

    assert call.method == library
    assert call.operation == operation


def test_axios_instance_in_class_field() -> None:
    call, request = only_request(
        """
        import axios from "axios";

        export class Mailer {
          private http = axios.create({
            baseURL: "https://api-eu.customer.io/v1",
            headers: { Authorization: `Bearer ${process.env.CIO_APP_KEY}` },
          });

          send(to: string) {
            return this.http.post("/send/email", { to, send_at: Date.now() });
          }
        }
        """
    )

    assert call.operation == "transactional email"
    assert request.region is Region.EU
    assert request.auth is not None
    assert request.auth.scheme is AuthScheme.BEARER
    assert [item.dotted_path for item in call.fields] == ["send_at"]


def test_pipelines_track_fields() -> None:
    call, _ = only_request(
        """
        fetch("https://cdp.customer.io/v1/track", {
          method: "POST",
          body: JSON.stringify({ userId: "1", event: "Signed Up", timestamp: t }),
        });
        """
    )

    assert call.api is Api.PIPELINES
    assert call.event_name is not None
    assert call.event_name.literal == "Signed Up"
    assert [item.dotted_path for item in call.fields] == ["timestamp"]
    assert call.fields[0].expects is Expectation.PIPELINES_TIME


@pytest.mark.parametrize(
    ("header", "scheme", "form"),
    [
        ("`Bearer ${KEY}`", AuthScheme.BEARER, CredentialForm.UNKNOWN),
        (
            "`Basic ${btoa(`${SITE_ID}:${API_KEY}`)}`",
            AuthScheme.BASIC,
            CredentialForm.PAIR,
        ),
        (
            '"Basic " + Buffer.from(SITE_ID + ":" + API_KEY).toString("base64")',
            AuthScheme.BASIC,
            CredentialForm.PAIR,
        ),
        ("`Basic ${btoa(siteId)}`", AuthScheme.BASIC, CredentialForm.MISSING_PASSWORD),
        ("`Basic ${siteId}:${apiKey}`", AuthScheme.BASIC, CredentialForm.NOT_ENCODED),
        (
            "`Basic ${process.env.CIO_SITE_ID}`",
            AuthScheme.BASIC,
            CredentialForm.NOT_ENCODED,
        ),
        ("`Basic ${token}`", AuthScheme.BASIC, CredentialForm.UNKNOWN),
        ("`Basic ${encoded}`", AuthScheme.BASIC, CredentialForm.PAIR),
        ("`Token ${KEY}`", AuthScheme.OTHER, CredentialForm.UNKNOWN),
    ],
)
def test_authorization_header(
    header: str, scheme: AuthScheme, form: CredentialForm
) -> None:
    _, request = only_request(
        f"""
        const buffer = Buffer.from(`${{SITE_ID}}:${{API_KEY}}`);
        const encoded = buffer.toString("base64");
        fetch("https://track.customer.io/api/v1/customers/1", {{
          method: "PUT",
          headers: new Headers({{ Authorization: {header} }}),
        }});
        """
    )

    assert request.auth is not None
    assert request.auth.scheme is scheme
    assert request.auth.form is form


def test_auth_option_wins_over_header() -> None:
    _, request = only_request(
        """
        import axios from "axios";
        axios.put("https://track.customer.io/api/v1/customers/1", {}, {
          headers: { Authorization: "Bearer x" },
          auth: { username: SITE_ID, password: API_KEY },
        });
        """
    )

    assert request.auth is not None
    assert request.auth.scheme is AuthScheme.BASIC
    assert request.auth.form is CredentialForm.PAIR
    assert [value.text for value in request.auth.credentials] == ["SITE_ID", "API_KEY"]


def test_header_object_spread() -> None:
    _, request = only_request(
        """
        const base = { Authorization: `Bearer ${KEY}` };
        fetch("https://track.customer.io/api/v1/customers/1", {
          method: "PUT",
          headers: { ...base, "Content-Type": "application/json" },
        });
        """
    )

    assert request.auth is not None
    assert request.auth.span.start.line == 1
