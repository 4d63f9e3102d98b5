"""An axios instance for Customer.io, called from anywhere, as a wrapper.

`const cio = axios.create({ baseURL: "https://track.customer.io/api/v1" })`
at module level sends `cio.post(path, data)` to Customer.io. Each verb method
of such an instance is recorded as a `Wrapper` named `cio.post`, with the path
and the data as its parameters. The project pass then checks what callers in
this file and in files that import `cio` send. The instance's own options
(base URL, auth) are reported once, where it is created.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from tree_sitter import Node

from cio_lint.http_binding import names_customerio_host
from cio_lint.languages.javascript.parsing import unwrap
from cio_lint.languages.javascript.scopes import ModuleIndex, Scope
from cio_lint.model import Span, Value, ValueKind
from cio_lint.wrappers import ParameterKind, Wrapper, WrapperParameter

if TYPE_CHECKING:
    from cio_lint.languages.javascript.http import _Reader

# axios verb methods, and whether each takes the body before the config.
_VERBS = {
    "get": False,
    "delete": False,
    "head": False,
    "options": False,
    "post": True,
    "put": True,
    "patch": True,
}


def instance_wrappers(index: ModuleIndex, reader: _Reader) -> Iterator[Wrapper]:
    """Yield `name.verb` wrappers for module-level Customer.io axios instances.

    An instance exported without a name (`export default axios.create(…)`,
    `module.exports = axios.create(…)`) is named by its export.
    """
    module = index.scope
    found: dict[str, Node] = {
        name: unwrap(bindings[0])
        for name, bindings in module.bindings.items()
        if len(bindings) == 1 and isinstance(bindings[0], Node)
    }
    seen = {node.id for node in found.values()}
    for record in index.exports:
        node = unwrap(record.node)
        if node.id not in seen:
            found.setdefault(record.name, node)
    for name, node in found.items():
        if node.type == "call_expression":
            yield from _verb_wrappers(name, node, module, reader)


def _verb_wrappers(
    name: str, node: Node, module: Scope, reader: _Reader
) -> Iterator[Wrapper]:
    span = reader.source.span(node)
    for verb, with_data in _VERBS.items():
        url = _parameter("url", span)
        data = _parameter("data", span) if with_data else None
        site = reader.instance_request(node, module, verb, url, data)
        # The URL is the base URL followed by the `url` parameter.
        if site is None or not names_customerio_host(site.url[:-1]):
            return
        names = ("url", "data", "config") if with_data else ("url", "config")
        parameters = tuple(
            WrapperParameter(item, ParameterKind.POSITIONAL) for item in names
        )
        yield Wrapper(f"{name}.{verb}", parameters, span, http_site=site)


def _parameter(name: str, span: Span) -> Value:
    return Value(ValueKind.NAME, span, name, name=name, parameter=name)
