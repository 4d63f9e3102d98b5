"""CIO205 wrong-auth-scheme: a plain HTTP call authenticates as its API rejects."""

from __future__ import annotations

from collections.abc import Iterator

from cio_lint.findings import Violation
from cio_lint.model import (
    ApiCall,
    AuthScheme,
    CredentialForm,
    FileModel,
    HttpAuth,
    Value,
)
from cio_lint.rules.base import Rule
from cio_lint.rules.unknown_endpoint import endpoint_problem
from cio_lint.sdk import http as catalogue


class WrongAuthScheme(Rule):
    code = "CIO205"
    name = "wrong-auth-scheme"
    summary = (
        "A plain HTTP call sends an auth scheme or Basic credential that its "
        "Customer.io API rejects."
    )

    def check(self, model: FileModel) -> Iterator[Violation]:
        for call in model.calls:
            if call.http is None or call.http.auth is None:
                continue
            message = _problem(call, call.http.auth)
            if message is not None:
                yield Violation.at(call.http.auth.span, message)


def _problem(call: ApiCall, auth: HttpAuth) -> str | None:
    """Return what is wrong with the auth of `call`, or None if it may be right.

    A request whose path is another API's endpoint went to the wrong host.
    CIO704 reports the host, and auth that fits the endpoint's API is right.
    """
    meant = endpoint_problem(call.http) if call.http is not None else None
    if meant is not None and meant.api is not None:
        if auth.scheme in catalogue.AUTH[meant.api].schemes:
            return None
    requirement = catalogue.AUTH[call.api]
    api = f"the {call.api.value} ({call.http.host if call.http else ''})"
    outcome = f"rejects it with 401 Unauthorized: send {requirement.needs}"
    rejected = f"{api} {outcome}"
    if auth.scheme not in requirement.schemes:
        return f"{_scheme(auth)} is sent to {api}, which {outcome}"
    if auth.scheme is not AuthScheme.BASIC:
        return None
    if auth.form is CredentialForm.NOT_ENCODED:
        built = f" built from {_names(auth.credentials)}" if auth.credentials else ""
        return f"the Basic credential{built} is not base64-encoded, so {rejected}"
    if auth.form is CredentialForm.MISSING_PASSWORD and (
        requirement.basic_needs_password
    ):
        encoded = _names(auth.credentials) if auth.credentials else "one value"
        return (
            f"the Basic credential encodes {encoded} alone, with no API key as "
            f"its password, so {rejected}"
        )
    return None


def _scheme(auth: HttpAuth) -> str:
    if auth.scheme is AuthScheme.BASIC:
        credentials = f" with {_names(auth.credentials)}" if auth.credentials else ""
        return f"Basic auth{credentials} ({auth.source})"
    if auth.scheme is AuthScheme.BEARER:
        return f"Bearer auth ({auth.source})"
    if not auth.scheme_text:
        return f"an {auth.source} without a scheme"
    return f"'{auth.scheme_text}' auth ({auth.source})"


def _names(values: tuple[Value, ...]) -> str:
    """Name credential values by their source text; literals stay unprinted."""
    names = [
        "a string literal" if value.literal is not None else value.text
        for value in values
    ]
    return " and ".join(names)
