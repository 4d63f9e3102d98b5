"""CIO704 unknown-endpoint: a plain HTTP request no Customer.io endpoint serves."""

from __future__ import annotations

from collections.abc import Iterator

from cio_lint.findings import Violation
from cio_lint.http_binding import SHOWN_HOLE
from cio_lint.model import FileModel, HttpRequest, Value
from cio_lint.rules.base import Rule
from cio_lint.sdk import http as catalogue
from cio_lint.sdk import paths

_ANONYMOUS_EVENTS = "/api/v1/events"


class UnknownEndpoint(Rule):
    code = "CIO704"
    name = "unknown-endpoint"
    summary = (
        "A plain HTTP request whose method and path are not an endpoint of the "
        "Customer.io host it goes to, or an anonymous event with no anonymous_id."
    )

    def check(self, model: FileModel) -> Iterator[Violation]:
        for call in model.calls:
            request = call.http
            if request is None or request.method is None:
                continue
            message = _path_problem(request) or _anonymous_problem(request)
            if message is not None:
                yield Violation.at(request.url_span, message)


def endpoint_problem(request: HttpRequest) -> paths.PathProblem | None:
    """Return why the request's method and path are not an endpoint of its host."""
    if request.endpoint is not None or request.method is None:
        return None
    host = catalogue.host(request.host)
    if host is None:
        return None
    segments = paths.segments_of(request.path, SHOWN_HOLE)
    return paths.problem(host, request.method, segments)


def _path_problem(request: HttpRequest) -> str | None:
    found = endpoint_problem(request)
    host = catalogue.host(request.host)
    if found is None or host is None:
        return None
    message = (
        f"{request.method} {request.path} is not an endpoint of the "
        f"{host.api.value} at {host.name}: {found.reason}"
    )
    return f"{message}; send {found.meant}" if found.meant else message


def _anonymous_problem(request: HttpRequest) -> str | None:
    """Report an anonymous event whose literal body has no anonymous_id."""
    body = request.body
    if request.endpoint != _ANONYMOUS_EVENTS or not _whole_literal(body):
        return None
    assert body is not None
    if body.field("anonymous_id") is not None:
        return None
    data = body.field("data")
    if data is not None and (data.fields is None or data.field("recipient")):
        return None
    return (
        "An anonymous event needs anonymous_id in its body: without it, POST "
        "/api/v1/events is an invite event, which needs data.recipient"
    )


def _whole_literal(body: Value | None) -> bool:
    """Tell whether the body is an object literal written whole at the call."""
    if body is None or body.fields is None:
        return False
    text = body.text.lstrip()
    if "..." in text or "**" in text:
        return False
    return text.startswith("{")
