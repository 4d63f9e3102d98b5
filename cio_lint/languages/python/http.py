"""Recognise Python HTTP client calls and what they send.

Covered: the `requests` and `httpx` functions (`requests.post(...)`,
`httpx.request("PUT", ...)`), calls on `requests.Session`, `httpx.Client`,
`httpx.AsyncClient` and `aiohttp.ClientSession` objects (with their
`base_url`, `headers` and `auth`, and `session.auth = ...` or
`session.headers.update(...)` later in the same function or module), and
`urllib.request.Request` / `urlopen`. Each call becomes an `HttpCallSite`,
which `http_binding` keeps when its URL names a Customer.io host.
"""

from __future__ import annotations

from collections.abc import Iterator

import libcst as cst
from msgspec.structs import replace

from cio_lint import templates
from cio_lint.http_binding import (
    AuthOption,
    HeaderValue,
    HttpCallSite,
    HttpClientExport,
    bind_http_sites,
)
from cio_lint.languages.python.http_sessions import (
    RFC_JOIN,
    Arguments,
    Headers,
    Session,
    SessionReader,
    call_arguments,
    header_key,
    is_dict_call,
    mapping,
    mounts_retrying_adapter,
)
from cio_lint.languages.python.scopes import ModuleIndex, Scope
from cio_lint.languages.python.strings import StringEvaluator
from cio_lint.languages.python.values import Evaluator
from cio_lint.languages.python.wrapper_shapes import factory_names, imported_object
from cio_lint.languages.python.wrappers import WrapperFinder
from cio_lint.model import (
    ApiCall,
    AuthScheme,
    Field,
    PendingHttpCall,
    Value,
    ValueKind,
)
from cio_lint.templates import Template

VERBS = ("get", "post", "put", "patch", "delete", "head", "options")

# Module functions: qualified name -> HTTP method (None: the first argument).
_FUNCTIONS: dict[str, str | None] = {
    **{
        f"{library}.{verb}": verb.upper()
        for library in ("requests", "httpx")
        for verb in VERBS
    },
    "requests.request": None,
    "httpx.request": None,
}
_SESSION_METHODS = frozenset({*VERBS, "request"})
# Module names of the HTTP clients above, which a file that calls one imports.
_HTTP_WORDS = ("requests", "httpx", "aiohttp", "urllib")
# requests takes `data` (and `json` after it) positionally in these functions.
_POSITIONAL_DATA = frozenset({"post", "put", "patch"})
_BASIC_AUTH = frozenset(
    {
        "requests.auth.HTTPBasicAuth",
        "httpx.BasicAuth",
        "aiohttp.BasicAuth",
        "aiohttp.helpers.BasicAuth",
    }
)
_DIGEST_AUTH = frozenset({"requests.auth.HTTPDigestAuth", "httpx.DigestAuth"})
_JSON_DUMPS = frozenset({"json.dumps", "simplejson.dumps", "orjson.dumps"})
_URLOPEN = "urllib.request.urlopen"
_REQUEST = "urllib.request.Request"


def api_calls(
    index: ModuleIndex, evaluator: Evaluator, text: str, wrappers: WrapperFinder
) -> tuple[list[ApiCall], list[PendingHttpCall]]:
    """Return the plain HTTP calls of a module that reach Customer.io.

    A call inside a function whose parameters reach it is given to `wrappers`.
    The calls whose URL starts with an imported name come second, to be bound
    when the project is linked.

    NOTE: headers added to a `urllib.request.Request` with `add_header`,
    form-encoded bodies (`data={...}`) and custom `auth` classes are not read.
    """
    # Without a Customer.io host written in the file no URL can resolve to one,
    # but a helper that takes the whole URL may still be called with one.
    names_host = "customer.io" in text.lower()
    if not names_host and not any(word in text for word in _HTTP_WORDS):
        return [], []
    reader = _Reader(evaluator)
    sites = [
        (record.scope, site)
        for record in index.calls
        if (site := reader.site(record.node, record.scope)) is not None
    ]
    calls, pending = bind_http_sites(sites, names_host, wrappers.http_call)
    for scope, call in reader.on_imported_clients:
        wrappers.http_call(scope, call.site, call.receiver)
    return calls, [*pending, *(call for _, call in reader.on_imported_clients)]


def client_exports(
    module_scope: Scope, evaluator: Evaluator, text: str
) -> Iterator[HttpClientExport]:
    """Yield the HTTP client objects of a module that other files can import.

    They are module-level names bound to one, and functions of the module
    that return one (`make_client()`). A function's object retries when that
    function mounts a retrying adapter; a module-level one, when the module
    does.
    """
    if not any(word in text for word in _HTTP_WORDS):
        return
    reader = _Reader(evaluator)
    candidates: list[tuple[str, cst.BaseExpression, str]] = [
        (name, cst.Name(name), text)
        for name, bindings in module_scope.bindings.items()
        if len(bindings) == 1 and not name.startswith("__")
    ]
    candidates.extend(
        (
            f"{name}()",
            cst.Call(cst.Name(name)),
            evaluator.code_for(module_scope.functions[name].node),
        )
        for name in factory_names(module_scope)
    )
    for name, node, code in candidates:
        session = reader.sessions.session(node, module_scope)
        if session is not None:
            yield reader.client_export(name, session, mounts_retrying_adapter(code))


class _Reader:
    def __init__(self, evaluator: Evaluator) -> None:
        self.evaluator = evaluator
        self.strings = StringEvaluator(evaluator)
        self.sessions = SessionReader(evaluator, self.strings)
        self.on_imported_clients: list[tuple[Scope, PendingHttpCall]] = []
        """Calls on client objects imported from other files, bound later,
        with the scopes they are made in."""

    def client_export(
        self, name: str, session: Session, retrying: bool
    ) -> HttpClientExport:
        """Return what other files need to know of a client object."""
        return HttpClientExport(
            name,
            session.library,
            session.base_url,
            rfc_join=session.library in RFC_JOIN,
            authorization=self._authorization(session.headers),
            auth=self._auth_option(*session.auth) if session.auth else None,
            retrying=retrying,
        )

    def site(self, node: cst.Call, scope: Scope) -> HttpCallSite | None:
        """Return what an HTTP client call sends, or None for other calls."""
        qualified = self.evaluator.qualified_name(node.func, scope)
        arguments = call_arguments(node)
        if qualified in _FUNCTIONS:
            method = _FUNCTIONS[qualified]
            verb = qualified.rsplit(".", 1)[1]
            return self._request(qualified, method, verb, arguments, node, scope, None)
        if qualified == _REQUEST:
            return self._urllib(qualified, arguments, node, scope)
        if qualified == _URLOPEN:
            target = arguments.get("url", 0)
            if target is None or self._is_request_object(target, scope):
                return None
            return self._urllib(qualified, arguments, node, scope)
        if isinstance(node.func, cst.Attribute):
            verb = node.func.attr.value
            if verb not in _SESSION_METHODS:
                return None
            session = self.sessions.session(node.func.value, scope)
            if session is None:
                self._on_imported_client(node, verb, arguments, scope)
                return None
            method = None if verb == "request" else verb.upper()
            library = f"{session.library}.{verb}"
            return self._request(library, method, verb, arguments, node, scope, session)
        return None

    def _on_imported_client(
        self, node: cst.Call, verb: str, arguments: Arguments, scope: Scope
    ) -> None:
        """Keep a call on an object imported from another file, to bind later."""
        assert isinstance(node.func, cst.Attribute)
        receiver = imported_object(node.func.value, scope, self.evaluator)
        if receiver is None:
            return
        method = None if verb == "request" else verb.upper()
        site = self._request(verb, method, verb, arguments, node, scope, None)
        if site is not None:
            pending = PendingHttpCall(site, site.span, receiver=receiver)
            self.on_imported_clients.append((scope, pending))

    # Calls -----------------------------------------------------------------

    def _request(
        self,
        library: str,
        method: str | None,
        verb: str,
        arguments: Arguments,
        node: cst.Call,
        scope: Scope,
        session: Session | None,
    ) -> HttpCallSite | None:
        offset = 0
        method_parameter = None
        if verb == "request":
            method_node = arguments.get("method", 0)
            method = self._method(method_node, scope)
            if method is None and method_node is not None:
                method_parameter = self.evaluator.value(method_node, scope).parameter
            offset = 1
        url_node = arguments.get("url", offset)
        if url_node is None:
            return None

        url = self.strings.template(url_node, scope)
        if session is not None and session.base_url is not None:
            if session.library in RFC_JOIN:
                url = templates.join_url(session.base_url, url)
            else:
                url = templates.prefix_url(session.base_url, url)

        data_position = (
            1 if verb in _POSITIONAL_DATA and library.startswith("requests") else None
        )
        body = self._body(
            arguments.get("json", 2 if data_position else None),
            arguments.get("data", data_position) or arguments.get("content"),
            scope,
        )

        headers = [
            *(session.headers if session else ()),
            *mapping(arguments.get("headers"), scope),
        ]
        auth_node = arguments.get("auth")
        auth = (auth_node, scope) if auth_node is not None else None
        if auth is None and session is not None:
            auth = session.auth
        site = self._site(
            library, method, url, url_node, node, scope, headers, auth, body
        )
        configured_by = session.configured_by if session else None
        return replace(
            site, method_parameter=method_parameter, client_configured_by=configured_by
        )

    def _urllib(
        self, library: str, arguments: Arguments, node: cst.Call, scope: Scope
    ) -> HttpCallSite | None:
        url_node = arguments.get("url", 0)
        if url_node is None:
            return None
        data = arguments.get("data", 1)
        method = self._method(arguments.get("method", 5), scope)
        if method is None and "method" not in arguments.keywords:
            method = "GET" if data is None else "POST"
        headers = mapping(arguments.get("headers", 2), scope)
        url = self.strings.template(url_node, scope)
        body = self._body(None, data, scope)
        return self._site(
            library, method, url, url_node, node, scope, headers, None, body
        )

    def _site(
        self,
        library: str,
        method: str | None,
        url: Template,
        url_node: cst.BaseExpression,
        node: cst.Call,
        scope: Scope,
        headers: list[Headers],
        auth: tuple[cst.BaseExpression, Scope] | None,
        body: Value | None,
    ) -> HttpCallSite:
        arguments = [Field("url", self.evaluator.value(url_node, scope))]
        if body is not None:
            arguments.append(Field("body", body))
        return HttpCallSite(
            library=library,
            span=self.evaluator.span_of(node),
            method=method,
            url=url,
            url_span=self.evaluator.span_of(url_node),
            authorization=self._authorization(headers),
            auth=self._auth_option(*auth) if auth else None,
            body=body,
            arguments=tuple(arguments),
        )

    def _method(self, node: cst.BaseExpression | None, scope: Scope) -> str | None:
        if node is None:
            return None
        template = self.strings.template(node, scope)
        if template and templates.is_literal(template):
            return templates.render(template).upper()
        return None

    def _is_request_object(self, node: cst.BaseExpression, scope: Scope) -> bool:
        origin, where = self.strings.origin(node, scope)
        return isinstance(origin, cst.Call) and (
            self.evaluator.qualified_name(origin.func, where) == _REQUEST
        )

    # Payload and headers ------------------------------------------------------

    def _body(
        self,
        json_node: cst.BaseExpression | None,
        data_node: cst.BaseExpression | None,
        scope: Scope,
    ) -> Value | None:
        """Return the JSON body: `json=` or a `json.dumps(...)` sent as data."""
        if json_node is not None:
            return _object_or_parameter(self.evaluator.value(json_node, scope))
        if data_node is None:
            return None
        origin, where = self.strings.origin(data_node, scope)
        while (
            isinstance(origin, cst.Call)
            and isinstance(origin.func, cst.Attribute)
            and origin.func.attr.value == "encode"
        ):
            origin, where = self.strings.origin(origin.func.value, where)
        if not isinstance(origin, cst.Call) or not origin.args:
            return None
        if self.evaluator.qualified_name(origin.func, where) not in _JSON_DUMPS:
            return None
        return _object_or_parameter(self.evaluator.value(origin.args[0].value, where))

    def _authorization(self, headers: list[Headers]) -> HeaderValue | None:
        """Return the `Authorization` header of the last headers that set one."""
        found = None
        for item in headers:
            if item.single:
                found = (item.node, item.scope)
                continue
            value = self._header(item.node, item.scope, "authorization")
            if value is not None:
                found = value
        if found is None:
            return None
        origin, where = self.strings.origin(*found)
        template = self.strings.template(origin, where)
        return HeaderValue(template, self.evaluator.span_of(origin))

    def _header(
        self, node: cst.BaseExpression, scope: Scope, name: str
    ) -> tuple[cst.BaseExpression, Scope] | None:
        origin, where = self.strings.origin(node, scope)
        found = None
        if isinstance(origin, cst.Dict):
            for element in origin.elements:
                if isinstance(element, cst.StarredDictElement):
                    found = self._header(element.value, where, name) or found
                elif (
                    isinstance(element, cst.DictElement)
                    and header_key(element.key) == name
                ):
                    found = (element.value, where)
        elif isinstance(origin, cst.Call) and is_dict_call(origin):
            for argument in origin.args:
                if argument.keyword and argument.keyword.value.lower() == name:
                    found = (argument.value, where)
        return found

    # Auth ---------------------------------------------------------------------

    def _auth_option(self, node: cst.BaseExpression, scope: Scope) -> AuthOption | None:
        origin, where = self.strings.origin(node, scope)
        span = self.evaluator.span_of(origin)
        if isinstance(origin, cst.Tuple) and 1 <= len(origin.elements) <= 2:
            values = [
                self.evaluator.value(item.value, where) for item in origin.elements
            ]
            second = values[1] if len(values) == 2 else None
            return AuthOption(
                AuthScheme.BASIC, "Basic", span, "auth option", values[0], second
            )
        if not isinstance(origin, cst.Call):
            return None
        qualified = self.evaluator.qualified_name(origin.func, where)
        if qualified in _DIGEST_AUTH:
            return AuthOption(AuthScheme.OTHER, "Digest", span, "auth option")
        if qualified not in _BASIC_AUTH:
            return None
        arguments = call_arguments(origin)
        user = arguments.get("username", 0) or arguments.get("login")
        password = arguments.get("password", 1)
        return AuthOption(
            AuthScheme.BASIC,
            "Basic",
            span,
            "auth option",
            self.evaluator.value(user, where) if user is not None else None,
            self.evaluator.value(password, where) if password is not None else None,
        )


def _object_or_parameter(value: Value) -> Value | None:
    """Keep an object body, or a parameter that a wrapper's callers fill in."""
    if value.kind is ValueKind.OBJECT or value.parameter is not None:
        return value
    return None
