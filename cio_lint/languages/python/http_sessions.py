"""Python HTTP client objects and the defaults their calls inherit.

`requests.Session`, `httpx.Client`, `httpx.AsyncClient` and
`aiohttp.ClientSession` objects carry a base URL, headers and auth into every
call made on them. Besides the constructor's arguments, `session.auth = ...`,
`session.headers = {...}`, `session.headers["Authorization"] = ...` and
`session.headers.update({...})` are read when they are written in the function
or module that binds the object (or, for `self.session`, in any method of its
class), in any order relative to the calls.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

import libcst as cst
from msgspec import Struct, field

from cio_lint.languages.python.clients import unwrap_optional
from cio_lint.languages.python.scopes import Scope
from cio_lint.languages.python.strings import StringEvaluator, owner_class
from cio_lint.languages.python.values import Evaluator
from cio_lint.templates import Template

# Client classes: constructor -> the name calls on them are reported under.
SESSIONS = {
    "requests.Session": "requests.Session",
    "requests.session": "requests.Session",
    "requests.sessions.Session": "requests.Session",
    "httpx.Client": "httpx.Client",
    "httpx.AsyncClient": "httpx.AsyncClient",
    "aiohttp.ClientSession": "aiohttp.ClientSession",
    "aiohttp.client.ClientSession": "aiohttp.ClientSession",
}
# Words in the name of a function that mark it as one that may mount a
# retrying adapter on a client handed to it.
_RETRY_SETUP_WORDS = ("retr", "mount", "adapter")
# `.mount("https://", ADAPTER)` with an adapter not built in the call.
_MOUNTED_ELSEWHERE = re.compile(
    r"\.mount\(\s*[\"']https?://[\"']\s*,\s*(?!HTTPAdapter\b)[\w.]+\s*\)"
)
# Factories that return another factory's client are followed this deep.
MAX_FACTORY_DEPTH = 3
# aiohttp resolves a path against `base_url` as RFC 3986 does; httpx appends it.
RFC_JOIN = frozenset({"aiohttp.ClientSession"})


class Headers(Struct, frozen=True):
    """A headers mapping, or with `single` the value of an `Authorization` header."""

    node: cst.BaseExpression
    scope: Scope
    single: bool = False


class Session(Struct):
    """A client object and the defaults its calls inherit."""

    library: str
    base_url: Template | None = None
    headers: list[Headers] = field(default_factory=list)
    auth: tuple[cst.BaseExpression, Scope] | None = None
    configured_by: str | None = None
    """The code out of view that may set up the object's retries: a function
    it is handed to where it is bound, named for that (`add_retries(session)`),
    or, for a parameter, the caller that passes it in."""


class Arguments(Struct, frozen=True):
    """The arguments written at a call, by position and by keyword."""

    positional: Sequence[cst.BaseExpression]
    keywords: dict[str, cst.BaseExpression]

    def get(self, name: str, position: int | None = None) -> cst.BaseExpression | None:
        if name in self.keywords:
            return self.keywords[name]
        if position is not None and position < len(self.positional):
            return self.positional[position]
        return None


class SessionReader:
    """Find the client object a receiver refers to and read its defaults."""

    def __init__(self, evaluator: Evaluator, strings: StringEvaluator) -> None:
        self.evaluator = evaluator
        self.strings = strings

    def session(
        self, node: cst.BaseExpression, scope: Scope, depth: int = 0
    ) -> Session | None:
        """Return the client object a receiver refers to, with its defaults.

        The object may be built where the receiver is bound, returned by a
        function of the same file (`session = make_session()`), or given as a
        parameter annotated with its class (`session: requests.Session`).
        """
        origin, where = self.strings.origin(node, scope)
        if isinstance(origin, cst.Name):
            return self._annotated(origin, where)
        if not isinstance(origin, cst.Call):
            return None
        library = SESSIONS.get(self.evaluator.qualified_name(origin.func, where) or "")
        if library is None:
            returned = self._factory_result(origin, where)
            if returned is None or depth >= MAX_FACTORY_DEPTH:
                return None
            return self.session(*returned, depth + 1)
        arguments = call_arguments(origin)
        session = Session(library)
        # Only aiohttp takes `base_url` as its first positional parameter.
        base = arguments.get("base_url", 0 if library in RFC_JOIN else None)
        if base is not None:
            session.base_url = self.strings.template(base, where)
        session.headers.extend(mapping(arguments.get("headers"), where))
        auth = arguments.get("auth")
        if auth is not None:
            session.auth = (auth, where)
        self._configure(session, node, scope)
        return session

    def _annotated(self, node: cst.Name, scope: Scope) -> Session | None:
        """Return a session for a parameter annotated with a client class."""
        found = self.evaluator.lookup(node.value, scope)
        if found is None or found.parameter is None:
            return None
        annotation = found.parameter.annotation
        target = unwrap_optional(annotation) if annotation is not None else None
        if target is None:
            return None
        library = SESSIONS.get(self.evaluator.qualified_name(target, found.scope) or "")
        if library is None:
            return None
        return Session(library, configured_by=f"the caller passing {node.value}")

    def _factory_result(
        self, call: cst.Call, scope: Scope
    ) -> tuple[cst.BaseExpression, Scope] | None:
        """Return what a function of this file returns, when it returns one thing."""
        if not isinstance(call.func, cst.Name):
            return None
        found = self.evaluator.lookup(call.func.value, scope)
        if (
            found is None
            or found.qualified_name is not None
            or len(found.bindings) != 1
        ):
            return None
        function = found.scope.functions.get(call.func.value)
        if function is None or len(function.returns) != 1:
            return None
        return function.returns[0], function

    def _configure(
        self, session: Session, receiver: cst.BaseExpression, scope: Scope
    ) -> None:
        """Apply `receiver.auth = ...` and header changes made where it is bound."""
        text = self.evaluator.text(receiver)
        for statement, where in self._home_statements(receiver, scope):
            if isinstance(statement, cst.Assign) and len(statement.targets) == 1:
                target = statement.targets[0].target
                setting = _setting(target, text, self.evaluator)
                if setting == "auth":
                    session.auth = (statement.value, where)
                elif setting == "headers":
                    session.headers = [Headers(statement.value, where)]
                elif setting == "authorization":
                    session.headers.append(Headers(statement.value, where, single=True))
            elif isinstance(statement, cst.Expr) and isinstance(
                statement.value, cst.Call
            ):
                call = statement.value
                func = call.func
                if (
                    isinstance(func, cst.Attribute)
                    and func.attr.value == "update"
                    and _setting(func.value, text, self.evaluator) == "headers"
                    and call.args
                ):
                    session.headers.append(Headers(call.args[0].value, where))
                elif _configures_retries(call, text, self.evaluator):
                    session.configured_by = self.evaluator.text(func)

    def _home_statements(
        self, receiver: cst.BaseExpression, scope: Scope
    ) -> Iterator[tuple[cst.BaseSmallStatement, Scope]]:
        """Yield the statements of the scopes where `receiver` is bound."""
        homes: list[Scope] = []
        if isinstance(receiver, cst.Name):
            found = self.evaluator.lookup(receiver.value, scope)
            if found is not None:
                homes.append(found.scope)
        elif isinstance(receiver, cst.Attribute) and isinstance(
            receiver.value, cst.Name
        ):
            owner = owner_class(receiver.value, scope, self.evaluator)
            if owner is not None:
                homes.extend(owner.functions.values())
        for home in homes:
            for statement in small_statements(home.node):
                yield statement, home


def _configures_retries(call: cst.Call, receiver: str, evaluator: Evaluator) -> bool:
    """Tell whether `call` hands the client to a function that may add retries.

    Its name mentions retries, a mount or an adapter (`add_retries(session)`,
    `mount_adapter(session)`). What it does is not read, because it is often
    in another file.
    """
    name = evaluator.text(call.func).rsplit(".", 1)[-1].lower()
    if not any(word in name for word in _RETRY_SETUP_WORDS):
        return False
    return any(evaluator.text(argument.value) == receiver for argument in call.args)


def mounts_retrying_adapter(text: str) -> bool:
    """Tell whether a module mounts an adapter that may retry on its sessions.

    An `HTTPAdapter(max_retries=...)` built in the module counts, and so does
    an adapter built elsewhere and mounted here (`session.mount("https://",
    RETRYING_ADAPTER)`), whose retries are not read.
    """
    if "HTTPAdapter(" in text and "max_retries" in text:
        return True
    return _MOUNTED_ELSEWHERE.search(text) is not None


def small_statements(node: cst.CSTNode) -> Iterator[cst.BaseSmallStatement]:
    """Yield the simple statements of a body, in nested blocks but not functions."""
    for child in node.children:
        if isinstance(child, cst.SimpleStatementLine):
            yield from child.body
        elif isinstance(child, cst.BaseSmallStatement):
            yield child
        elif isinstance(child, (cst.FunctionDef, cst.ClassDef)):
            continue
        elif isinstance(
            child,
            (
                cst.BaseCompoundStatement,
                cst.BaseSuite,
                cst.Else,
                cst.ExceptHandler,
                cst.ExceptStarHandler,
                cst.Finally,
            ),
        ):
            yield from small_statements(child)


def _setting(
    target: cst.BaseExpression, receiver: str, evaluator: Evaluator
) -> str | None:
    """Name what a target on `receiver` sets: auth, headers or one header."""
    if isinstance(target, cst.Attribute) and evaluator.text(target.value) == receiver:
        if target.attr.value in ("auth", "headers"):
            return target.attr.value
    if isinstance(target, cst.Subscript) and len(target.slice) == 1:
        index = target.slice[0].slice
        if (
            isinstance(index, cst.Index)
            and header_key(index.value) == "authorization"
            and _setting(target.value, receiver, evaluator) == "headers"
        ):
            return "authorization"
    return None


def mapping(node: cst.BaseExpression | None, scope: Scope) -> list[Headers]:
    return [Headers(node, scope)] if node is not None else []


def call_arguments(node: cst.Call) -> Arguments:
    positional: list[cst.BaseExpression] = []
    keywords: dict[str, cst.BaseExpression] = {}
    for argument in node.args:
        if argument.star:
            continue
        if argument.keyword is not None:
            keywords[argument.keyword.value] = argument.value
        else:
            positional.append(argument.value)
    return Arguments(positional, keywords)


def header_key(node: cst.BaseExpression | None) -> str | None:
    if isinstance(node, cst.SimpleString):
        value = node.evaluated_value
        return value.lower() if isinstance(value, str) else None
    return None


def is_dict_call(node: cst.Call) -> bool:
    return isinstance(node.func, cst.Name) and node.func.value == "dict"
