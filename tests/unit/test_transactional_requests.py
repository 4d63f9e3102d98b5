"""Front-ends and the request builder turn transactional requests into records."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from cio_lint.languages.javascript import JavascriptFrontend
from cio_lint.languages.python import PythonFrontend
from cio_lint.model import RequestSource, TransactionalRequest
from cio_lint.transactional import requests_of

PY_HEADER = """\
import requests
from customerio import APIClient, SendEmailRequest, SendPushRequest

api = APIClient(KEY)
"""
TS_HEADER = """\
import { APIClient, SendEmailRequest } from "customerio-node";

const api = new APIClient(KEY);
"""


def python_requests(body: str) -> list[TransactionalRequest]:
    text = PY_HEADER + textwrap.dedent(body).lstrip("\n")
    return requests_of(PythonFrontend().analyze(text, Path("x.py")))


def ts_requests(body: str) -> list[TransactionalRequest]:
    text = TS_HEADER + textwrap.dedent(body).lstrip("\n")
    return requests_of(JavascriptFrontend().analyze(text, Path("x.ts")))


def only(found: list[TransactionalRequest]) -> TransactionalRequest:
    assert len(found) == 1, found
    return found[0]


def keys(request: TransactionalRequest) -> list[str]:
    return [item.key for item in request.fields]


def test_python_inline_request_is_whole() -> None:
    request = only(
        python_requests(
            """
            def send(u):
                api.send_email(SendEmailRequest(to=u.email, transactional_message_id=9))
            """
        )
    )

    assert request.whole
    assert request.source is RequestSource.REQUEST_CLASS
    assert request.channel == "email"
    assert request.sdk == "customerio"
    assert request.class_name == "SendEmailRequest"
    assert keys(request) == ["to", "transactional_message_id"]
    assert request.send is not None
    assert (request.span.start.line, request.span.start.column) == (6, 20)


def test_python_later_stores_are_merged() -> None:
    request = only(
        python_requests(
            """
            def send(user):
                request = SendEmailRequest(to=user.email)
                request.identifiers = {"id": user.id}
                request["transactional_message_id"] = 3
                request.attach("a.pdf", b"x")
                api.send_email(request)
            """
        )
    )

    assert request.whole
    assert keys(request) == ["to", "identifiers", "transactional_message_id"]
    assert [item.key for item in request.written_fields()] == ["to"]


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(
            """
            def send(user):
                request = SendEmailRequest(to=user.email)
                complete(request)
                api.send_email(request)
            """,
            id="passed-to-helper",
        ),
        pytest.param(
            """
            def send(user, **options):
                api.send_email(SendEmailRequest(to=user.email, **options))
            """,
            id="kwargs",
        ),
        pytest.param(
            """
            def send(user, base):
                api.send_email({**base, "to": user.email})
            """,
            id="unknown-spread",
        ),
        pytest.param(
            """
            def send(user, message_id):
                api.send_email(SendEmailRequest(message_id, user.email))
            """,
            id="positional",
        ),
        pytest.param(
            """
            REQUEST = SendEmailRequest(to="a@example.com")

            def send():
                api.send_email(REQUEST)
            """,
            id="module-level",
        ),
        pytest.param(
            """
            def send(user):
                payload = {"to": user.email}
                def fill():
                    payload["identifiers"] = {"id": 1}
                fill()
                requests.post("https://api.customer.io/v1/send/email", json=payload)
            """,
            id="store-in-nested-function",
        ),
    ],
)
def test_python_hidden_fields_make_request_partial(body: str) -> None:
    found = python_requests(body)

    assert found
    assert not any(item.whole for item in found)


def test_python_unsent_constructor_is_recorded() -> None:
    request = only(
        python_requests(
            """
            def build(user):
                return SendPushRequest(identifiers={"id": user.id})
            """
        )
    )

    assert not request.whole
    assert request.send is None
    assert request.channel == "push"


def test_python_dict_and_http_body_sources() -> None:
    found = python_requests(
        """
        def send(user):
            api.send_sms({"to": "+1", "identifiers": {"id": 1}})
            requests.post(
                "https://api.customer.io/v1/send/inbox_message",
                json={"identifiers": {"id": 1}},
            )
        """
    )

    assert [(item.source, item.channel, item.whole) for item in found] == [
        (RequestSource.SDK_OBJECT, "sms", True),
        (RequestSource.HTTP_BODY, "inbox_message", True),
    ]
    assert found[1].sdk is None


def test_typescript_variable_request_is_whole() -> None:
    request = only(
        ts_requests(
            """
            export async function send(user: any) {
              const request = new SendEmailRequest({ to: user.email });
              request.identifiers = { id: user.id };
              await api.sendEmail(request);
            }
            """
        )
    )

    assert request.whole
    assert keys(request) == ["to", "identifiers"]
    assert request.sdk == "customerio-node"


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(
            """
            export async function send(user: any, base: any) {
              await api.sendEmail(new SendEmailRequest({ ...base, to: user.email }));
            }
            """,
            id="unknown-spread",
        ),
        pytest.param(
            """
            export async function send(options: any) {
              await api.sendEmail(new SendEmailRequest(options));
            }
            """,
            id="options-parameter",
        ),
        pytest.param(
            """
            export async function send(user: any) {
              const request = new SendEmailRequest({ to: user.email });
              complete(request);
              await api.sendEmail(request);
            }
            """,
            id="passed-to-helper",
        ),
        pytest.param(
            """
            export async function send(user: any) {
              const body = { to: user.email };
              audit(body);
              await fetch("https://api.customer.io/v1/send/email", {
                method: "POST",
                body: JSON.stringify(body),
              });
            }
            """,
            id="fetch-body-variable-passed-elsewhere",
        ),
    ],
)
def test_typescript_hidden_fields_make_request_partial(body: str) -> None:
    found = ts_requests(body)

    assert found
    assert not any(item.whole for item in found)


def test_typescript_known_spread_is_whole() -> None:
    request = only(
        ts_requests(
            """
            export async function send(user: any) {
              const base = { transactional_message_id: 4 };
              await api.sendEmail({ ...base, to: user.email });
            }
            """
        )
    )

    assert request.whole
    assert request.source is RequestSource.SDK_OBJECT
    assert keys(request) == ["transactional_message_id", "to"]
