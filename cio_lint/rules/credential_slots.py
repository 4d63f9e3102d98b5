"""Helpers the credential rules share: each place that takes a credential.

A slot is a constructor argument of a client (`CustomerIO(site_id, api_key)`)
or a credential of a plain HTTP call's auth (the user and password of Basic
auth, the Bearer token), with the credential Customer.io expects there.
"""

from __future__ import annotations

from collections.abc import Iterator

from msgspec import Struct

from cio_lint.binding import lookup
from cio_lint.model import (
    ApiCall,
    AuthScheme,
    Client,
    ClientOrigin,
    CredentialForm,
    FileModel,
    HttpAuth,
    Value,
)
from cio_lint.sdk import http as catalogue
from cio_lint.sdk.credentials import API_CREDENTIALS, Credential, settings_of

_BASIC_PARTS = ("user name", "password")


class Slot(Struct, frozen=True):
    """One credential a client or request takes, and the value given to it.

    `expects` is None when the request's auth scheme is one its API rejects
    (wrong-auth-scheme reports that), so the credential's role is unknown.
    """

    expects: Credential | None
    value: Value
    parameter: str
    owner: str
    client: Client | None = None
    call: ApiCall | None = None
    public: bool = False

    @property
    def place(self) -> str:
        return f"{self.parameter} of {self.owner}"


def client_slots(client: Client) -> list[Slot]:
    """Return the credential slots of a constructed client, in parameter order."""
    settings = settings_of(client.sdk, client.class_name)
    if settings is None or client.origin is not ClientOrigin.CONSTRUCTED:
        return []
    slots = []
    for path, credential in settings.credentials:
        value = lookup(client.arguments, path)
        if value is not None:
            slots.append(
                Slot(
                    credential,
                    value,
                    f"the {path[-1]} argument",
                    constructor(client),
                    client=client,
                    public=settings.public,
                )
            )
    return slots


def http_slots(call: ApiCall) -> list[Slot]:
    """Return the credentials a plain HTTP call sends, with their expected role."""
    if call.http is None or call.http.auth is None:
        return []
    auth = call.http.auth
    owner = f"the {call.api.value} request ({call.http.host})"
    expected: tuple[Credential | None, ...] = API_CREDENTIALS[call.api]
    if not auth_accepted(call, auth):
        expected = ()
    slots = []
    for index, value in enumerate(auth.credentials):
        role = expected[index] if index < len(expected) else None
        slots.append(Slot(role, value, _part(auth, index), owner, call=call))
    return slots


def slots(model: FileModel) -> Iterator[Slot]:
    """Yield every credential slot of a file: clients first, then HTTP calls."""
    for client in model.clients:
        yield from client_slots(client)
    for call in model.calls:
        yield from http_slots(call)


def auth_accepted(call: ApiCall, auth: HttpAuth) -> bool:
    """Tell whether the auth's scheme and form are ones the call's API accepts."""
    requirement = catalogue.AUTH[call.api]
    if auth.scheme not in requirement.schemes:
        return False
    if auth.scheme is AuthScheme.BASIC:
        if auth.form is CredentialForm.NOT_ENCODED:
            return False
        if auth.form is CredentialForm.MISSING_PASSWORD:
            return not requirement.basic_needs_password
    return True


def constructor(client: Client) -> str:
    if client.sdk.startswith("customerio-node") or client.sdk.startswith("@"):
        if client.class_name == "AnalyticsBrowser":
            return "AnalyticsBrowser.load(...)"
        return f"new {client.class_name}(...)"
    return f"{client.class_name}(...)"


def _part(auth: HttpAuth, index: int) -> str:
    if auth.scheme is AuthScheme.BASIC and index < len(_BASIC_PARTS):
        return f"the Basic auth {_BASIC_PARTS[index]}"
    return "the Bearer token"
