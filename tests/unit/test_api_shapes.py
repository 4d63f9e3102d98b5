"""The API-shape catalogue and the records the API-shape rules read."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from cio_lint.languages.javascript import JavascriptFrontend
from cio_lint.languages.python import PythonFrontend
from cio_lint.manifests import VersionLookup
from cio_lint.model import FileModel, Language
from cio_lint.rules.signature_mismatch import SignatureMismatch
from cio_lint.rules.unknown_endpoint import UnknownEndpoint
from cio_lint.rules.unknown_method import UnknownMethod
from cio_lint.sdk import absences, paths, removed_imports, signatures
from cio_lint.sdk import http as catalogue
from cio_lint.sdk import javascript as js
from cio_lint.sdk import python as py


def python_model(source: str) -> FileModel:
    text = textwrap.dedent(source).lstrip("\n")
    return PythonFrontend().analyze(text, Path("x.py"))


def javascript_model(source: str) -> FileModel:
    text = textwrap.dedent(source).lstrip("\n")
    return JavascriptFrontend().analyze(text, Path("x.js"))


def problem(host: str, method: str, path: str) -> str | None:
    found = catalogue.host(host)
    assert found is not None
    result = paths.problem(found, method, paths.segments_of(path, "{…}"))
    if result is None:
        return None
    return f"{result.reason} | {result.meant}"


@pytest.mark.parametrize(
    ("host", "method", "path", "expected"),
    [
        (
            "api.customer.io",
            "POST",
            "/v1/api/send/email",
            "the transactional email endpoint is /v1/send/email | "
            "POST https://api.customer.io/v1/send/email",
        ),
        (
            "api-eu.customer.io",
            "POST",
            "/api/v1/send/sms",
            "the transactional SMS endpoint is /v1/send/sms | "
            "POST https://api-eu.customer.io/v1/send/sms",
        ),
        (
            "api.customer.io",
            "PUT",
            "/v1/customers/{…}",
            "it is the Track API's identify request | "
            "PUT https://track.customer.io/api/v1/customers/{id}",
        ),
        (
            "api-eu.customer.io",
            "POST",
            "/api/v1/customers/{…}/events",
            "it is the Track API's event request | "
            "POST https://track-eu.customer.io/api/v1/customers/{id}/events",
        ),
        (
            "track.customer.io",
            "POST",
            "/v1/send/email",
            "it is the App API's transactional email request | "
            "POST https://api.customer.io/v1/send/email",
        ),
        (
            "track.customer.io",
            "GET",
            "/api/v1/customers/{…}/messages",
            "the Track API has no such endpoint | None",
        ),
        (
            "track.customer.io",
            "GET",
            "/api/v1/customers/{…}",
            "/api/v1/customers/{id} takes DELETE or PUT, not GET | None",
        ),
        (
            "track.customer.io",
            "PUT",
            "/customers/{…}",
            "Track API paths begin with /api/v1/ or /api/v2/ | None",
        ),
        (
            "cdp.customer.io",
            "GET",
            "/v1/track",
            "/v1/track takes POST, not GET | None",
        ),
        (
            "cdp-eu.customer.io",
            "PUT",
            "/api/v1/customers/{…}",
            "it is the Track API's identify request | "
            "PUT https://track-eu.customer.io/api/v1/customers/{id}",
        ),
        (
            "api.customer.io",
            "GET",
            "/api/campaigns",
            "App API paths begin with /v1/ | None",
        ),
    ],
)
def test_path_problem(host: str, method: str, path: str, expected: str) -> None:
    assert problem(host, method, path) == expected


@pytest.mark.parametrize(
    ("host", "method", "path"),
    [
        # App API endpoints that the catalogue does not list.
        ("api.customer.io", "GET", "/v1/customers/{…}/messages"),
        ("api.customer.io", "GET", "/v1/segments"),
        ("api.customer.io", "DELETE", "/v1/customers/{…}"),
        ("api.customer.io", "GET", "/v1/accounts/region"),
        # The legacy broadcast path and a listed endpoint.
        ("api.customer.io", "POST", "/v1/api/campaigns/{…}/triggers"),
        ("track.customer.io", "POST", "/api/v1/customers/{…}/events"),
        # Unknown parts where the endpoint is decided.
        ("api.customer.io", "POST", "/v1/send/{…}"),
        ("track.customer.io", "POST", "/api/v1/{…}"),
        ("track.customer.io", "POST", "/unsubscribe/{…}"),
        ("track.customer.io", "POST", "/api/{…}/events"),
        ("track.customer.io", "GET", "/"),
        ("cdp.customer.io", "POST", "/v1/projects/{…}/settings"),
    ],
)
def test_path_without_problem(host: str, method: str, path: str) -> None:
    assert problem(host, method, path) is None


def test_absence_ranges() -> None:
    removed = absences.absence(py.TRACK_SDK, "CustomerIO", "add_to_segment")
    added = absences.absence(py.TRACK_SDK, "CustomerIO", "batch")
    flush = absences.absence(js.CDP_NODE_SDK, "Analytics", "flush")

    assert removed is not None
    assert added is not None
    assert flush is not None
    assert removed.applies((3, 2, 0))
    assert not removed.applies((0, 9))
    assert added.applies((2, 4))
    assert not added.applies((3, 0, 0))
    assert not added.applies((3,))
    assert removed.applies((1,))
    assert flush.applies((0, 5, 9))
    assert not flush.applies((0, 6))


def test_absent_names_reach_pending_calls() -> None:
    from cio_lint import sdk

    assert sdk.is_client_method(Language.PYTHON, "add_to_segment")
    assert sdk.is_client_method(Language.JAVASCRIPT, "addToSegment")


def test_signature_follows_version() -> None:
    old = signatures.signature(py.CUSTOMERIO, "track", (2, 4))
    new = signatures.signature(py.CUSTOMERIO, "track", (3, 2, 0))
    browser = signatures.signature(js.CDP_BROWSER_ANALYTICS, "track", (0, 5, 11))

    assert old is not None and new is not None
    assert [param.name for param in old.params] == ["customer_id", "name", "data"]
    assert [param.name for param in new.params] == [
        "customer_id",
        "name",
        "data",
        "id",
        "timestamp",
    ]
    assert (old.required, new.required) == (2, 2)
    assert signatures.signature(py.CUSTOMERIO, "track", (3,)) == new
    assert browser is None


@pytest.mark.parametrize(
    ("module", "name", "version", "expected"),
    [
        ("customerio", "ID", (3, 2, 0), "customerio does not export ID"),
        ("customerio", "CustomerIO", (3, 2, 0), None),
        ("customerio.constants", "ID", (3, 2, 0), None),
        (
            "customerio",
            "SendWhatsAppRequest",
            (3, 1, 0),
            "SendWhatsAppRequest was added in customerio 3.2.0",
        ),
        ("customerio", "SendWhatsAppRequest", (3, 2, 0), None),
        (
            "customerio-node/api",
            None,
            (3, 5, 1),
            "customerio-node 3.0.0 has a single entry point, so "
            "customerio-node/api is gone",
        ),
        ("customerio-node/api", None, (2, 1, 1), None),
        ("customerio-node/regions", None, (2,), None),
        (
            "customerio",
            "SendWhatsAppRequest",
            (3,),
            "SendWhatsAppRequest was added in customerio 3.2.0",
        ),
        ("customerio-node/lib/track", None, (4, 5, 1), None),
        (
            "customerio-node/dist/lib/track",
            None,
            (5, 2, 0),
            "the package's exports map allows only 'customerio-node' itself "
            "since 5.0.0",
        ),
        ("customerio-node", "TrackClient", (5, 2, 0), None),
    ],
)
def test_removed_import(
    module: str, name: str | None, version: tuple[int, ...], expected: str | None
) -> None:
    entry = removed_imports.removed_import(module, name, version)

    assert (entry.fact if entry else None) == expected


def test_python_import_records() -> None:
    model = python_model(
        """
        import os
        import customerio.constants
        from customerio import CustomerIO, ID as IDENTIFIER
        from customerio.constants import *
        from .customerio import helper
        """
    )

    records = [
        (item.module, item.name, item.span.start.line, item.span.start.column)
        for item in model.sdk_imports
    ]
    assert records == [
        ("customerio.constants", None, 2, 8),
        ("customerio", "CustomerIO", 3, 24),
        ("customerio", "ID", 3, 36),
        ("customerio.constants", None, 4, 6),
    ]


def test_javascript_import_records() -> None:
    model = javascript_model(
        """
        import CIO, { APIClient as Api } from "customerio-node/api";
        import * as regions from "customerio-node/regions";
        export { TrackClient } from "customerio-node";
        const legacy = require("customerio-node/api");
        const later = await import("@customerio/cdp-analytics-node");
        const other = require("lodash");
        """
    )

    records = [
        (item.module, item.name, item.span.start.line, item.span.start.column)
        for item in model.sdk_imports
    ]
    assert records == [
        ("customerio-node/api", "APIClient", 1, 39),
        ("customerio-node/regions", None, 2, 26),
        ("customerio-node", None, 3, 29),
        ("customerio-node/api", None, 4, 24),
        ("@customerio/cdp-analytics-node", None, 5, 28),
    ]


def test_type_only_import_not_recorded() -> None:
    text = 'import type { TrackClient } from "customerio-node/dist/lib/track";\n'
    model = JavascriptFrontend().analyze(text, Path("x.ts"))

    assert model.sdk_imports == ()


def test_unknown_methods_kept_apart_from_calls() -> None:
    model = python_model(
        """
        from customerio import CustomerIO
        cio = CustomerIO(SITE_ID, KEY)
        cio.identify(1)
        cio.add_to_segment(2, [1])
        cio.close()
        """
    )

    assert [call.method for call in model.calls] == ["identify"]
    assert [(call.method, call.span.start.line) for call in model.unknown_methods] == [
        ("add_to_segment", 4),
        ("close", 5),
    ]


def test_written_arguments_kept_on_sdk_calls() -> None:
    model = javascript_model(
        """
        const { TrackClient } = require("customerio-node");
        const cio = new TrackClient(site, key);
        cio.track(id, "signed_up", { plan });
        """
    )

    (call,) = model.calls
    assert call.written is not None
    assert [value.text for value in call.written.positional] == [
        "id",
        '"signed_up"',
        "{ plan }",
    ]


def test_rules_ask_the_version_of_the_file(tmp_path: Path) -> None:
    (tmp_path / "requirements.txt").write_text("customerio==2.4\n")
    source = """
    from customerio import CustomerIO
    cio = CustomerIO(SITE_ID, KEY)
    cio.batch([])
    cio.track(1, "order_placed", total=3)
    """
    model = python_model(source)
    model = FileModel(
        model.language,
        calls=model.calls,
        unknown_methods=model.unknown_methods,
        path=str(tmp_path / "x.py"),
    )
    versions = VersionLookup()

    unknown = list(UnknownMethod(versions).check(model))
    mismatched = list(SignatureMismatch(versions).check(model))

    assert [item.start.line for item in unknown] == [3]
    assert unknown[0].message.startswith(
        "CustomerIO has no method batch in customerio 2.4 (requirements.txt: ==2.4)"
    )
    assert mismatched == []


def test_messages_name_client_and_version(tmp_path: Path) -> None:
    (tmp_path / "requirements.txt").write_text(
        "customerio==3.2.0\ncustomerio-cdp-analytics==1.1.0\n"
    )
    source = """
    from customerio import CustomerIO, analytics
    cio = CustomerIO(SITE_ID, KEY)
    cio.send_email(request)
    analytics.page(user.id, "Pricing")
    """
    parsed = python_model(source)
    model = FileModel(
        parsed.language,
        calls=parsed.calls,
        unknown_methods=parsed.unknown_methods,
        path=str(tmp_path / "x.py"),
    )
    versions = VersionLookup()

    (unknown,) = UnknownMethod(versions).check(model)
    (mismatched,) = SignatureMismatch(versions).check(model)

    assert (unknown.start.line, unknown.start.column) == (3, 1)
    assert unknown.message == (
        "CustomerIO (Track API) has no method send_email in customerio 3.2.0 "
        "(requirements.txt: ==3.2.0): send_email belongs to APIClient of "
        "customerio (App API); call APIClient.send_email instead"
    )
    assert (mismatched.start.line, mismatched.start.column) == (4, 25)
    assert mismatched.message == (
        "The second positional argument of page is the category, not the name: "
        "customerio-cdp-analytics 1.1.0 (requirements.txt: ==1.1.0) has "
        'page(user_id, category, name, ...); pass name="Pricing"'
    )


def _linked(source: str, tmp_path: Path) -> FileModel:
    parsed = python_model(source)
    return FileModel(
        parsed.language,
        calls=parsed.calls,
        unknown_methods=parsed.unknown_methods,
        path=str(tmp_path / "x.py"),
    )


@pytest.mark.xfail(strict=True, reason="a method name no client has is not reported")
def test_misspelt_method_reported(tmp_path: Path) -> None:
    model = _linked(
        """
        from customerio import CustomerIO
        cio = CustomerIO(SITE_ID, KEY)
        cio.trak(1, "signed_up")
        """,
        tmp_path,
    )

    assert [item.start.line for item in UnknownMethod().check(model)] == [3]


@pytest.mark.xfail(
    strict=True, reason="only a body written as a literal at the call is read"
)
def test_anonymous_event_body_from_variable(tmp_path: Path) -> None:
    model = _linked(
        """
        import requests
        payload = {"name": "page_viewed", "data": {"path": "/"}}
        requests.post("https://track.customer.io/api/v1/events", json=payload)
        """,
        tmp_path,
    )

    assert [item.start.line for item in UnknownEndpoint().check(model)] == [3]
