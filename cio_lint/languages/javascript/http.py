"""Recognise JavaScript HTTP client calls and what they send.

Covered: `fetch` (global, `node-fetch`, `undici`, `cross-fetch`),
`undici.request`, axios (`axios(config)`, `axios(url, config)`, the method
helpers and `axios.create({ baseURL, headers, auth })` instances), got (with
`got.extend({ prefixUrl, headers, username, password })`) and ky (with
`ky.create` / `ky.extend`). Each call becomes an `HttpCallSite`, which
`http_binding` keeps when its URL names a Customer.io host.
"""

from __future__ import annotations

from msgspec import Struct, field
from tree_sitter import Node

from cio_lint import templates
from cio_lint.http_binding import (
    AuthOption,
    HeaderValue,
    HttpCallSite,
    bind_http_sites,
)
from cio_lint.languages.javascript.clients import ClientResolver
from cio_lint.languages.javascript.http_instances import instance_wrappers
from cio_lint.languages.javascript.parsing import (
    Source,
    arguments_of,
    field_node,
    key_text,
    unwrap,
)
from cio_lint.languages.javascript.scopes import ModuleIndex, Scope
from cio_lint.languages.javascript.strings import StringEvaluator
from cio_lint.languages.javascript.values import Evaluator
from cio_lint.languages.javascript.wrappers import WrapperFinder
from cio_lint.model import (
    ApiCall,
    AuthScheme,
    Field,
    PendingHttpCall,
    Value,
    ValueKind,
)

VERBS = ("get", "post", "put", "patch", "delete", "head", "options")

_FETCH = {
    "fetch": "fetch",
    "node-fetch": "node-fetch",
    "undici.fetch": "undici.fetch",
    "cross-fetch": "cross-fetch",
    "undici.request": "undici.request",
}
_LIBRARIES = ("axios", "got", "ky")
# Words one of the HTTP clients above is written with, in a file that calls it.
_HTTP_WORDS = ("fetch", "axios", "got", "ky", "undici")
# Factories that return an instance carrying default options.
_FACTORIES = frozenset({"create", "extend"})
# axios methods that take the body before the config.
_AXIOS_WITH_DATA = frozenset({"post", "put", "patch"})
_BASE_URL = {"axios": "baseURL", "got": "prefixUrl", "ky": "prefixUrl"}
_JSON_STRINGIFY = "JSON.stringify"
_HEADERS = frozenset({"Headers"})


def api_calls(
    index: ModuleIndex, resolver: ClientResolver, wrappers: WrapperFinder
) -> tuple[list[ApiCall], list[PendingHttpCall]]:
    """Return the plain HTTP calls of a file that reach Customer.io.

    A call inside a function whose parameters reach it is given to `wrappers`.
    The calls whose URL starts with an imported name come second, to be bound
    when the project is linked.
    NOTE: headers set on an axios instance after it is built
    (`instance.defaults.headers`) are not read.
    """
    text = resolver.source.text
    # Without a Customer.io host written in the file no URL can resolve to one,
    # but a helper that takes the whole URL may still be called with one.
    names_host = "customer.io" in text.lower()
    if not names_host and not any(word in text for word in _HTTP_WORDS):
        return [], []
    reader = _Reader(resolver)
    sites = (
        (record.scope, found)
        for record in index.calls
        if (found := reader.site(record.node, record.scope)) is not None
    )
    calls, pending = bind_http_sites(sites, names_host, wrappers.http_call)
    if names_host:
        wrappers.wrappers.extend(instance_wrappers(index, reader))
    return calls, pending


class _Options(Struct):
    """The options objects a request merges, the defaults first."""

    library: str
    objects: list[tuple[Node, Scope]] = field(default_factory=list)


class _Reader:
    def __init__(self, resolver: ClientResolver) -> None:
        self.evaluator = Evaluator(resolver.source)
        self.strings = StringEvaluator(self.evaluator, resolver)
        self.source: Source = resolver.source

    def site(self, node: Node, scope: Scope) -> HttpCallSite | None:
        """Return what an HTTP client call sends, or None for other calls."""
        function = field_node(node, "function")
        if function is None:
            return None
        function = unwrap(function)
        arguments = arguments_of(node)
        qualified = _library_name(self.evaluator.qualified_name(function, scope))
        if qualified in _FETCH:
            if not arguments:
                return None
            options = _Options(qualified)
            options.objects.extend(self._object(arguments[1:2], scope))
            return self._request(qualified, node, scope, arguments[0], options, None)
        if qualified in _LIBRARIES:
            return self._library_call(qualified, qualified, None, node, scope)
        if qualified is not None and "." in qualified:
            library, verb = qualified.rsplit(".", 1)
            if library in _LIBRARIES:
                return self._library_call(qualified, library, verb, node, scope)

        instance = self._instance(function, scope)
        if instance is not None:
            return self._instance_call(instance, None, node, scope)
        if function.type == "member_expression":
            prop = field_node(function, "property")
            receiver = field_node(function, "object")
            if prop is None or receiver is None:
                return None
            instance = self._instance(receiver, scope)
            if instance is not None:
                return self._instance_call(instance, self.source.raw(prop), node, scope)
        return None

    # Libraries ---------------------------------------------------------------

    def _library_call(
        self, name: str, library: str, verb: str | None, node: Node, scope: Scope
    ) -> HttpCallSite | None:
        return self._instance_call(_Options(library), verb, node, scope, name)

    def _instance_call(
        self,
        defaults: _Options,
        verb: str | None,
        node: Node,
        scope: Scope,
        name: str | None = None,
    ) -> HttpCallSite | None:
        library = defaults.library
        if verb is not None and verb not in (*VERBS, "request"):
            return None
        arguments = arguments_of(node)
        if not arguments:
            return None
        options = _Options(library, list(defaults.objects))
        url: Node | None = None
        data: Node | None = None
        rest = arguments
        first = self.strings.origin(arguments[0], scope)[0]
        if first.type != "object":
            url, rest = arguments[0], arguments[1:]
        if library == "axios" and verb in _AXIOS_WITH_DATA and rest:
            data, rest = rest[0], rest[1:]
        options.objects.extend(self._object(rest[:1], scope))
        method = verb.upper() if verb in VERBS else None
        label = name or f"{library} instance" + (f".{verb}" if verb else "")
        return self._request(label, node, scope, url, options, method, data)

    def _instance(self, node: Node, scope: Scope, depth: int = 0) -> _Options | None:
        """Return the defaults of the axios, got or ky instance a name refers to."""
        origin, where = self.strings.origin(node, scope)
        if origin.type != "call_expression" or depth > 4:
            return None
        function = field_node(origin, "function")
        if function is None:
            return None
        function = unwrap(function)
        qualified = _library_name(self.evaluator.qualified_name(function, where))
        base: _Options | None = None
        if qualified is not None and "." in qualified:
            library, factory = qualified.rsplit(".", 1)
            if library in _LIBRARIES and factory in _FACTORIES:
                base = _Options(library)
        elif function.type == "member_expression":
            prop = field_node(function, "property")
            receiver = field_node(function, "object")
            if prop is not None and receiver is not None:
                if self.source.raw(prop) in _FACTORIES:
                    base = self._instance(receiver, where, depth + 1)
        if base is None:
            return None
        objects = [*base.objects, *self._object(arguments_of(origin)[:1], where)]
        return _Options(base.library, objects)

    def instance_request(
        self, node: Node, scope: Scope, verb: str, url: Value, data: Value | None
    ) -> HttpCallSite | None:
        """Return what `instance.verb(url, data)` sends, for an axios instance."""
        options = self._instance(node, scope)
        if options is None or options.library != "axios":
            return None
        members = self._merged(options)
        if "baseURL" not in members:
            return None
        base = self.strings.template(*members["baseURL"])
        span = self.source.span(node)
        return HttpCallSite(
            library=f"axios instance.{verb}",
            span=span,
            method=verb.upper(),
            url=templates.concat(templates.rstrip(base, "/"), (templates.Hole(url),)),
            url_span=span,
            authorization=self._authorization(options),
            auth=self._auth_option(members),
            body=data,
        )

    # Requests ----------------------------------------------------------------

    def _request(
        self,
        label: str,
        node: Node,
        scope: Scope,
        url_node: Node | None,
        options: _Options,
        method: str | None,
        data: Node | None = None,
    ) -> HttpCallSite | None:
        members = self._merged(options)
        if url_node is None and "url" in members:
            url_node = members["url"][0]
        if url_node is None:
            return None
        url = self.strings.template(url_node, scope)
        base_key = _BASE_URL.get(options.library)
        if base_key is not None and base_key in members:
            base = self.strings.template(*members[base_key])
            url = templates.prefix_url(base, url)
        method_parameter = None
        if "method" in members:
            method = self._method(*members["method"])
            if method is None:
                method_parameter = self.evaluator.value(*members["method"]).parameter
        elif method is None:
            method = "GET"
        body = self._body(members, data, scope)
        arguments = [Field("url", self.evaluator.value(url_node, scope))]
        if body is not None:
            arguments.append(Field("body", body))
        return HttpCallSite(
            library=label,
            span=self.source.span(node),
            method=method,
            url=url,
            url_span=self.source.span(unwrap(url_node)),
            authorization=self._authorization(options),
            auth=self._auth_option(members),
            body=body,
            arguments=tuple(arguments),
            method_parameter=method_parameter,
        )

    def _method(self, node: Node, scope: Scope) -> str | None:
        template = self.strings.template(node, scope)
        if template and templates.is_literal(template):
            return templates.render(template).upper()
        return None

    def _body(
        self, members: dict[str, tuple[Node, Scope]], data: Node | None, scope: Scope
    ) -> Value | None:
        """Return the JSON body: axios `data`, got and ky `json`, or a `body` string."""
        found: tuple[Node, Scope] | None = (data, scope) if data is not None else None
        for key in ("data", "json", "body"):
            if found is None and key in members:
                found = members[key]
        if found is None:
            return None
        origin, where = self.strings.origin(*found)
        if origin.type == "call_expression":
            function = field_node(origin, "function")
            arguments = arguments_of(origin)
            if function is None or not arguments:
                return None
            if self.evaluator.qualified_name(function, where) != _JSON_STRINGIFY:
                return None
            origin, where = arguments[0], where
        value = self.evaluator.value(origin, where)
        if value.kind is ValueKind.OBJECT or value.parameter is not None:
            return value
        return None

    # Options -----------------------------------------------------------------

    def _object(self, nodes: list[Node], scope: Scope) -> list[tuple[Node, Scope]]:
        found = []
        for node in nodes:
            origin, where = self.strings.origin(node, scope)
            if origin.type == "object":
                found.append((origin, where))
        return found

    def _merged(self, options: _Options) -> dict[str, tuple[Node, Scope]]:
        merged: dict[str, tuple[Node, Scope]] = {}
        for node, scope in options.objects:
            merged.update(self._members(node, scope))
        return merged

    def _members(
        self, node: Node, scope: Scope, depth: int = 0
    ) -> dict[str, tuple[Node, Scope]]:
        """Return an object literal's members, with spread objects merged in."""
        members: dict[str, tuple[Node, Scope]] = {}
        for member in node.named_children:
            if member.type == "spread_element" and member.named_children and depth < 4:
                origin, where = self.strings.origin(member.named_children[0], scope)
                if origin.type == "object":
                    members.update(self._members(origin, where, depth + 1))
            elif member.type == "shorthand_property_identifier":
                members[self.source.raw(member)] = (member, scope)
            elif member.type == "pair":
                key = field_node(member, "key")
                value = field_node(member, "value")
                text = key_text(key, self.source) if key is not None else None
                if text is not None and value is not None:
                    members[text] = (value, scope)
        return members

    def _authorization(self, options: _Options) -> HeaderValue | None:
        """Return the last `Authorization` header the options set."""
        found: tuple[Node, Scope] | None = None
        for node, scope in options.objects:
            headers = self._members(node, scope).get("headers")
            if headers is None:
                continue
            origin, where = self.strings.origin(*headers)
            origin, where = self._headers_object(origin, where)
            if origin.type != "object":
                continue
            for key, value in self._members(origin, where).items():
                if key.lower() == "authorization":
                    found = value
        if found is None:
            return None
        origin, where = self.strings.origin(*found)
        return HeaderValue(
            self.strings.template(origin, where), self.source.span(origin)
        )

    def _headers_object(self, node: Node, scope: Scope) -> tuple[Node, Scope]:
        """Look through `new Headers({...})` to its object."""
        if node.type != "new_expression":
            return node, scope
        constructor = field_node(node, "constructor")
        arguments = arguments_of(node)
        if constructor is None or not arguments:
            return node, scope
        if self.evaluator.qualified_name(constructor, scope) not in _HEADERS:
            return node, scope
        return self.strings.origin(arguments[0], scope)

    def _auth_option(self, members: dict[str, tuple[Node, Scope]]) -> AuthOption | None:
        """Read axios `auth: { username, password }` and got `username`/`password`."""
        if "auth" in members:
            origin, where = self.strings.origin(*members["auth"])
            if origin.type != "object":
                return None
            fields = self._members(origin, where)
            span = self.source.span(origin)
        elif "username" in members or "password" in members:
            fields = members
            first = members.get("username") or members["password"]
            span = self.source.span(first[0])
        else:
            return None
        user = fields.get("username")
        password = fields.get("password")
        return AuthOption(
            AuthScheme.BASIC,
            "Basic",
            span,
            "auth option",
            self.evaluator.value(*user) if user else None,
            self.evaluator.value(*password) if password else None,
        )


def _library_name(qualified: str | None) -> str | None:
    """Drop the `.default` of a CommonJS interop import: `axios.default.get`."""
    if qualified is None:
        return None
    parts = [part for part in qualified.split(".") if part != "default"]
    return ".".join(parts)
