"""CIO601-CIO604 through the installed command: exact findings and quiet code."""

from __future__ import annotations

import pytest

from tests.conftest import RunCioLint, WriteTree, without_reliability_rules


@pytest.fixture
def cio_lint(cio_lint: RunCioLint) -> RunCioLint:
    """Lint without the reliability rules, which these inputs do not address."""
    return without_reliability_rules(cio_lint)


WELCOME_TS = """
import { APIClient, SendEmailRequest } from "customerio-node";

const api = new APIClient(process.env.CIO_APP_API_KEY!);

export async function welcome(user: { email: string }, u: { id: string }) {
  await api.sendEmail({ to: user.email, transactional_message_id: 12 });
  const req = new SendEmailRequest({ to: "ops@", transactional_message_id: 3,
    identifiers: { id: u.id }, cc: ["boss@example.com"] });
  return req;
}
"""
WELCOME_PY = """
from customerio import APIClient, SendEmailRequest

api = APIClient(APP_API_KEY)


def welcome(user):
    api.send_email(SendEmailRequest(to=user.email, transactional_message_id="welcome"))
"""


def test_examples_report_exact_findings(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree({"welcome.ts": WELCOME_TS, "welcome.py": WELCOME_PY})

    result = cio_lint("--no-cache", ".")

    assert result.exit_code == 1, result.stderr
    assert result.lines == [
        "welcome.py:7:20: CIO602 this transactional email request has no "
        "'identifiers', so Customer.io rejects it with 400 Bad Request: add it",
        "welcome.ts:6:23: CIO601 customerio-node 5.2.0 (assumed: the newest "
        'release) throws \'"request" must be '
        "an instance of SendEmailRequest' synchronously when it gets a plain "
        "object, so nothing is sent and a .catch() on the call never sees the "
        "error: wrap the object in new SendEmailRequest(...)",
        "welcome.ts:7:42: CIO604 'to' is 'ops@', which is not an email address, "
        "so Customer.io rejects the request with 400: use 'name@example.com' or "
        "'Name <name@example.com>'",
        "welcome.ts:8:32: CIO603 customerio-node 5.2.0 (assumed: the newest "
        "release) drops 'cc' given to the "
        "SendEmailRequest constructor, so it never reaches Customer.io: send such "
        "emails with a plain HTTP request to /v1/send/email, whose body keeps 'cc'",
    ]


def test_client_imported_from_another_module(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree(
        {
            "app/__init__.py": "",
            "app/cio.py": """
                from customerio import APIClient

                api = APIClient(APP_API_KEY)
            """,
            "app/mail.py": """
                from customerio import SendSMSRequest

                from app.cio import api


                def remind(user):
                    request = SendSMSRequest(identifiers={"id": user.id})
                    api.send_sms(request)
            """,
        }
    )

    result = cio_lint("--no-cache", "--select", "CIO6", ".")

    assert result.lines == [
        "app/mail.py:7:15: CIO602 this transactional SMS request has no "
        "'transactional_message_id', so Customer.io rejects it with 400 Bad "
        "Request: add it"
    ]


def test_plain_http_bodies(write_tree: WriteTree, cio_lint: RunCioLint) -> None:
    write_tree(
        {
            "send.js": """
                async function send(user) {
                  await fetch("https://api.customer.io/v1/send/email", {
                    method: "POST",
                    headers: { Authorization: `Bearer ${process.env.CIO_APP_KEY}` },
                    body: JSON.stringify({
                      transactional_message_id: 2,
                      identifiers: { id: user.id, email: user.email },
                      to: user.email,
                      _from: "Shop <shop@example.com>",
                    }),
                  });
                }
            """,
        }
    )

    result = cio_lint("--no-cache", "send.js")

    assert result.lines == [
        "send.js:7:20: CIO602 'identifiers' sets 'id' and 'email'; Customer.io "
        "takes exactly one of 'id', 'email' or 'cio_id' and rejects the request "
        "with 400: keep one",
        "send.js:9:7: CIO603 the body is sent as written and the API reads the "
        "sender from 'from', so '_from' is not used: rename it to 'from'",
    ]


def test_complete_and_unseen_requests_stay_quiet(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree(
        {
            "mailer.py": """
                import os

                import requests
                from customerio import APIClient, SendEmailRequest


                class Mailer:
                    def __init__(self):
                        self.api = APIClient(os.environ["CIO_APP_API_KEY"])

                    def build(self, user):
                        return SendEmailRequest(
                            to=user.email, transactional_message_id=7
                        )

                    def send(self, user):
                        request = self.build(user)
                        request.identifiers = {"id": user.id}
                        self.api.send_email(request)

                    def send_with(self, user, **options):
                        self.api.send_email(SendEmailRequest(to=user.email, **options))

                    def send_dict(self, base, user):
                        self.api.send_email({**base, "to": user.email})

                    def send_helper(self, user):
                        request = SendEmailRequest(to=user.email)
                        add_template(request)
                        self.api.send_email(request)


                def add_template(request):
                    request.transactional_message_id = 3
                    request.identifiers = {"email": "a@example.com"}


                def send_raw(user, extra):
                    body = {"to": user.email, **extra}
                    key = os.environ["CIO_APP_API_KEY"]
                    return requests.post(
                        "https://api.customer.io/v1/send/email",
                        headers={"Authorization": f"Bearer {key}"},
                        json=body,
                        timeout=10,
                    )
            """,
            "mailer.ts": """
                import { APIClient, SendEmailRequest } from "customerio-node";

                export class Mailer {
                  private api = new APIClient(process.env.CIO_APP_API_KEY!);

                  async send(user: { id: string; email: string }, base: object) {
                    const options = { ...base, to: user.email } as any;
                    await this.api.sendEmail(new SendEmailRequest(options));
                  }

                  async sendBuilt(request: SendEmailRequest) {
                    await this.api.sendEmail(request);
                  }

                  async sendLater(user: { id: string; email: string }) {
                    const request = new SendEmailRequest({ to: user.email } as any);
                    request.identifiers = { id: user.id };
                    request.transactional_message_id = 5;
                    request.attach("terms.pdf", "JVBERi0=", { encode: false });
                    await this.api.sendEmail(request);
                  }
                }
            """,
        }
    )

    result = cio_lint("--no-cache", ".")

    assert result.stdout == ""
    assert result.exit_code == 0, result.stderr


def test_dropped_field_follows_the_pinned_node_version(
    cio_lint: RunCioLint, write_tree: WriteTree
) -> None:
    request = """
        import { SendEmailRequest } from "customerio-node";

        export const request = new SendEmailRequest({
          to: "ops@example.com",
          transactional_message_id: 3,
          identifiers: { id: "1" },
          cc: ["boss@example.com"],
        });
    """
    write_tree(
        {
            "v4/package.json": '{"dependencies": {"customerio-node": "^4.4.0"}}',
            "v4/send.ts": request,
            "v5/package.json": '{"dependencies": {"customerio-node": "^5.2.0"}}',
            "v5/send.ts": request,
        }
    )

    result = cio_lint("--select", "CIO603", ".")

    assert [line.split(" ", 3)[:3] for line in result.lines] == [
        ["v5/send.ts:7:3:", "CIO603", "customerio-node"]
    ]
    assert "customerio-node 5.2.0 (package.json: ^5.2.0) drops 'cc'" in result.stdout
