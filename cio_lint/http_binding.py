"""Turn a plain HTTP call, as a front-end read it, into an `ApiCall`.

Front-ends find calls to HTTP clients (fetch, axios, requests, httpx, …) and
report what each sends: the method, the URL as a template, the
`Authorization` header or auth option, and the JSON body. This module, which
does not depend on syntax, keeps the calls whose URL names a Customer.io host and gives
them the operation, payload expectations and auth facts that rules read. A
call whose host is not known is dropped without a finding.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Callable, Iterable
from typing import TypeVar

from msgspec import Struct
from msgspec.structs import replace

from cio_lint.model import (
    Api,
    ApiCall,
    AuthScheme,
    CredentialForm,
    Expectation,
    Field,
    HttpAuth,
    HttpRequest,
    PayloadField,
    PendingHttpCall,
    Span,
    Value,
    ValueKind,
)
from cio_lint.sdk import http as catalogue
from cio_lint.sdk.specs import FieldPath, is_timestamp_attribute, names_a_view
from cio_lint.templates import (
    HOLE,
    Hole,
    Template,
    Text,
    holes,
    is_literal,
    join_url,
    lstrip,
    prefix_url,
    render,
    split_at,
)

_URL = re.compile(r"^(?P<scheme>https?)://(?P<host>[^/?#]*)(?P<rest>.*)$", re.I | re.S)
# Names of values that contain one credential, not a `user:password` pair.
_ONE_CREDENTIAL = re.compile(r"site|key|secret|password", re.I)
_COMBINED = re.compile(r"cred|auth|basic|token|header|pair", re.I)
_PRINTABLE = re.compile(r"^[\x20-\x7e]+$")
Scope = TypeVar("Scope")
"""A front-end's own scope record, handed back unchanged."""
SHOWN_HOLE = "{…}"
UNLISTED_OPERATION = "request"


class HeaderValue(Struct, frozen=True):
    """The value of an `Authorization` header and where it is written."""

    template: Template
    span: Span


class AuthOption(Struct, frozen=True):
    """Auth given as a library option, such as `auth=(user, password)`.

    A missing `password` means the option sends none; an empty string literal
    is a password too, and counts as missing.
    """

    scheme: AuthScheme
    scheme_text: str
    span: Span
    source: str
    user: Value | None = None
    password: Value | None = None


class HttpCallSite(Struct, frozen=True):
    """The parts of one HTTP client call that a front-end read.

    `authorization` is the `Authorization` header that reaches the request;
    `auth` is an auth option, which every supported library applies over the
    header. `body` is the JSON body as an object value.
    """

    library: str
    span: Span
    method: str | None
    url: Template
    url_span: Span
    authorization: HeaderValue | None = None
    auth: AuthOption | None = None
    body: Value | None = None
    arguments: tuple[Field, ...] = ()
    method_parameter: str | None = None
    """The function parameter that gives the method, when the method is one."""
    client_configured_by: str | None = None
    """The code out of view that may set up the client object's retries: a
    function it was handed to (`add_retries(session)`), or the caller that
    passes it in as a parameter."""


class HttpClientExport(Struct, frozen=True):
    """An HTTP client object that other files import, with the defaults it sets.

    `name` is a module-level name bound to the object, or `make_client()` for a
    function that returns one. `retrying` is set when that function, or the
    module of a module-level object, mounts a retrying adapter, which every
    call on the object inherits.
    """

    name: str
    library: str
    base_url: Template | None = None
    rfc_join: bool = False
    """Set for aiohttp, which resolves a path against `base_url` as RFC 3986 does."""
    authorization: HeaderValue | None = None
    auth: AuthOption | None = None
    retrying: bool = False


def bind_imported_client(site: HttpCallSite, client: HttpClientExport) -> HttpCallSite:
    """Return a call on an imported client object with the client's defaults.

    The site's `library` is the method called (`put`); its own URL, auth and
    `Authorization` header come before the client's.
    """
    url = site.url
    if client.base_url is not None:
        join = join_url if client.rfc_join else prefix_url
        url = join(client.base_url, url)
    return replace(
        site,
        library=f"{client.library}.{site.library}",
        url=url,
        authorization=site.authorization or client.authorization,
        auth=site.auth or client.auth,
    )


def bind_http(site: HttpCallSite) -> ApiCall | None:
    """Return the `ApiCall` of a call to a Customer.io host, or None."""
    match = _URL.match(render(site.url))
    if match is None or HOLE in match.group("host"):
        return None
    host = catalogue.host(match.group("host"))
    if host is None:
        return None
    path = re.split(r"[?#]", match.group("rest"), maxsplit=1)[0] or "/"
    method = site.method.upper() if site.method else None
    endpoint = catalogue.endpoint(host.api, method, path) if method else None
    body = site.body
    request = HttpRequest(
        library=site.library,
        method=method,
        url=render(site.url, SHOWN_HOLE),
        host=host.name,
        path=path.replace(HOLE, SHOWN_HOLE),
        endpoint=endpoint.path if endpoint else None,
        region=host.region,
        url_resolved=endpoint is not None or HOLE not in path,
        url_span=site.url_span,
        auth=_auth(site),
        host_span=_host_span(site.url),
        body=site.body,
        client_configured_by=site.client_configured_by,
    )
    fields: list[PayloadField] = []
    event_name = event_data = None
    if endpoint is not None and body is not None:
        fields = _payload_fields(endpoint, body)
        event_name = _event_name(body, endpoint.event_name)
        event_data = _lookup(body, endpoint.event_data)
    return ApiCall(
        api=host.api,
        operation=endpoint.operation if endpoint else UNLISTED_OPERATION,
        method=site.library,
        client=None,
        span=site.span,
        arguments=site.arguments,
        fields=tuple(fields),
        event_name=event_name,
        event_data=event_data,
        http=request,
    )


def names_customerio_host(url: Template) -> bool:
    """Tell whether a URL template starts with a Customer.io host."""
    return starts_with_customerio_host(render(url))


def starts_with_customerio_host(url: str) -> bool:
    """Tell whether a URL, rendered or literal, starts with a Customer.io host."""
    match = _URL.match(url)
    if match is None or HOLE in match.group("host"):
        return False
    return catalogue.host(match.group("host")) is not None


def bind_http_sites(
    sites: Iterable[tuple[Scope, HttpCallSite]],
    names_host: bool,
    keep: Callable[[Scope, HttpCallSite], None],
) -> tuple[list[ApiCall], list[PendingHttpCall]]:
    """Return the calls to Customer.io among the HTTP calls of one file.

    `keep` receives each site that reaches or may reach Customer.io, or whose
    whole URL is a parameter that a caller fills in, with the scope it sits
    in, so that the front-end can record wrappers. Without a Customer.io host
    written in the file (`names_host`), only the last two are kept.

    The calls whose URL starts with an imported name are returned apart, to be
    bound when the project is linked (see `with_url_start`).
    """
    calls = []
    pending = []
    for scope, site in sites:
        call = bind_http(site) if names_host else None
        if call is not None:
            calls.append(call)
            keep(scope, site)
        elif url_is_parameter(site):
            # `post(url, body)`: the caller's URL decides where it goes.
            keep(scope, site)
        elif imported_url_start(site.url) is not None:
            pending.append(PendingHttpCall(site, site.span))
            keep(scope, site)
    return calls, pending


def with_url_start(url: Template, start: Value) -> Template:
    """Replace the imported name `url` starts with by the constant's text.

    A base URL and a path were joined with one slash while the base was
    unknown, so a base that ends with `/` does not double it.
    """
    assert isinstance(start.literal, str)
    base = start.literal
    rest = url[1:]
    if base.endswith("/") and rest and isinstance(rest[0], Text):
        rest = lstrip(rest, "/")
    return (Text(base, start.span), *rest)


def imported_url_start(url: Template) -> Value | None:
    """Return the name imported from another file that `url` starts with, or None."""
    first = url[0] if url else None
    if isinstance(first, Hole) and first.value.reference is not None:
        return first.value
    return None


def url_is_parameter(site: HttpCallSite) -> bool:
    """Tell whether the URL starts with a parameter, as in `post(url, body)`."""
    first = site.url[0] if site.url else None
    return isinstance(first, Hole) and first.value.parameter is not None


def _host_span(url: Template) -> Span | None:
    """Return the literal that spells the host: the text the URL starts with."""
    first = url[0] if url else None
    return first.span if isinstance(first, Text) else None


# Payload ------------------------------------------------------------------


def _payload_fields(endpoint: catalogue.Endpoint, body: Value) -> list[PayloadField]:
    expectation = (
        Expectation.PIPELINES_TIME
        if endpoint.api is Api.PIPELINES
        else Expectation.UNIX_SECONDS
    )
    fields: dict[FieldPath, PayloadField] = {}
    for path in endpoint.timestamp_fields:
        value = _lookup(body, path)
        if value is not None:
            fields[path] = PayloadField(path, value, expectation)
    container = endpoint.attributes
    if container is not None and _applies(endpoint, body):
        holder = _lookup(body, container) if container else body
        for item in (holder.fields if holder else None) or ():
            path = (*container, item.key)
            expects = (
                Expectation.UNIX_SECONDS if is_timestamp_attribute(item.key) else None
            )
            fields.setdefault(path, PayloadField(path, item.value, expects))
    return list(fields.values())


def _applies(endpoint: catalogue.Endpoint, body: Value) -> bool:
    if endpoint.attributes_when is None:
        return True
    path, expected = endpoint.attributes_when
    found = _lookup(body, path)
    return found is not None and found.literal == expected


def _event_name(body: Value, path: FieldPath | None) -> Value | None:
    """Return the event name at `path`, unless the event is a page or screen view.

    The v1 events request names the kind of event `type`; the v2 entity and
    batch requests name it `action`.
    """
    if path is None:
        return None
    for key in ("type", "action"):
        kind = _lookup(body, (*path[:-1], key))
        if kind is not None and names_a_view(kind.literal):
            return None
    return _lookup(body, path)


def _lookup(value: Value | None, path: FieldPath | None) -> Value | None:
    if path is None:
        return None
    for key in path:
        if value is None:
            return None
        value = value.field(key)
    return value


# Auth ---------------------------------------------------------------------


def _auth(site: HttpCallSite) -> HttpAuth | None:
    if site.auth is not None:
        return _option_auth(site.auth)
    if site.authorization is not None:
        return header_auth(site.authorization)
    return None


def _option_auth(option: AuthOption) -> HttpAuth:
    credentials = tuple(item for item in (option.user, option.password) if item)
    form = CredentialForm.UNKNOWN
    if option.scheme is AuthScheme.BASIC:
        form = (
            CredentialForm.MISSING_PASSWORD
            if _is_empty(option.password)
            else CredentialForm.PAIR
        )
    return HttpAuth(
        option.scheme, option.scheme_text, option.span, option.source, credentials, form
    )


def _is_empty(value: Value | None) -> bool:
    return value is None or value.kind is ValueKind.NONE or value.literal == ""


def header_auth(header: HeaderValue) -> HttpAuth | None:
    """Read the scheme and credentials of an `Authorization` header value.

    Returns None when the scheme is not written in the source.
    """
    template = lstrip(header.template, " ")
    if not template or not isinstance(template[0], Text):
        return None
    word, space, rest = template[0].text.partition(" ")
    if not space and len(template) > 1:
        return None
    remainder = lstrip((Text(rest, template[0].span), *template[1:]), " ")
    source = "Authorization header"
    if not space:
        return HttpAuth(AuthScheme.OTHER, "", header.span, source)
    scheme = _scheme(word)
    if scheme is AuthScheme.BASIC:
        form, credentials = _basic(remainder)
        return HttpAuth(scheme, word, header.span, source, credentials, form)
    token = _single_value(remainder)
    credentials = (token,) if token is not None else ()
    return HttpAuth(scheme, word, header.span, source, credentials)


def _scheme(word: str) -> AuthScheme:
    if word.lower() == "basic":
        return AuthScheme.BASIC
    if word.lower() == "bearer":
        return AuthScheme.BEARER
    return AuthScheme.OTHER


def _basic(credential: Template) -> tuple[CredentialForm, tuple[Value, ...]]:
    """Classify what follows `Basic `: encoded pair, one value, or plain text."""
    if len(credential) == 1 and isinstance(credential[0], Hole):
        part = credential[0]
        if part.base64_of is not None:
            return _encoded(part.base64_of)
        if _names_one_credential(part.value):
            return CredentialForm.NOT_ENCODED, (part.value,)
        return CredentialForm.UNKNOWN, ()
    if is_literal(credential):
        return _literal_basic(credential)
    pair = split_at(credential, ":")
    if pair is not None:
        return CredentialForm.NOT_ENCODED, _values(pair)
    return CredentialForm.UNKNOWN, ()


def _encoded(encoded: Template) -> tuple[CredentialForm, tuple[Value, ...]]:
    pair = split_at(encoded, ":")
    if pair is not None:
        user, password = pair
        if not password:
            return CredentialForm.MISSING_PASSWORD, _values((user,))
        return CredentialForm.PAIR, _values(pair)
    found = holes(encoded)
    if all(_names_one_credential(item.value) for item in found):
        return CredentialForm.MISSING_PASSWORD, _values((encoded,))
    return CredentialForm.UNKNOWN, ()


def _literal_basic(credential: Template) -> tuple[CredentialForm, tuple[Value, ...]]:
    """Decode a credential written out in the source."""
    text = render(credential)
    try:
        decoded = base64.b64decode(text, validate=True).decode("ascii")
    except (binascii.Error, UnicodeDecodeError):
        decoded = None
    if decoded is None or not _PRINTABLE.match(decoded):
        return CredentialForm.NOT_ENCODED, ()
    _user, colon, password = decoded.partition(":")
    if not colon or not password:
        return CredentialForm.MISSING_PASSWORD, ()
    return CredentialForm.PAIR, ()


def _names_one_credential(value: Value) -> bool:
    """Tell whether a value's name says it is a site ID or a key on its own."""
    if value.kind not in (ValueKind.ENV_VAR, ValueKind.NAME):
        return False
    name = value.env_var or value.name or ""
    return bool(_ONE_CREDENTIAL.search(name)) and not _COMBINED.search(name)


def _values(templates: Iterable[Template]) -> tuple[Value, ...]:
    return tuple(value for template in templates if (value := _single_value(template)))


def _single_value(template: Template) -> Value | None:
    """Return the one expression a template consists of, or its literal text."""
    if len(template) == 1 and isinstance(template[0], Hole):
        return template[0].value
    if template and is_literal(template):
        span = template[0].span if isinstance(template[0], Text) else None
        if span is not None:
            text = render(template)
            return Value(ValueKind.STRING, span, repr(text), literal=text)
    return None
