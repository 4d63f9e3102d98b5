"""The catalogue of Customer.io SDKs: clients, methods and request classes.

Rules and front-ends ask the catalogue; no rule hard-codes a method name.
"""

from __future__ import annotations

from cio_lint.model import Client, Language
from cio_lint.sdk import absences as _absences
from cio_lint.sdk import javascript as _javascript
from cio_lint.sdk import python as _python
from cio_lint.sdk.specs import ClientSpec, MethodSpec, RequestSpec

__all__ = [
    "ClientSpec",
    "MethodSpec",
    "RequestSpec",
    "client_spec",
    "clients_with_method",
    "is_client_method",
    "module_client_spec",
    "request_spec",
    "spec_of",
]

_CLIENTS: dict[Language, dict[str, ClientSpec]] = {
    Language.PYTHON: {
        name: spec for spec in _python.CLIENTS for name in spec.qualified_names
    },
    Language.JAVASCRIPT: {
        name: spec for spec in _javascript.CLIENTS for name in spec.qualified_names
    },
}
_MODULE_CLIENTS: dict[Language, dict[str, ClientSpec]] = {
    Language.PYTHON: {
        name: spec for spec in _python.MODULE_CLIENTS for name in spec.qualified_names
    },
    Language.JAVASCRIPT: {
        name: spec
        for spec in _javascript.MODULE_CLIENTS
        for name in spec.qualified_names
    },
}
_REQUESTS: dict[Language, dict[str, RequestSpec]] = {
    Language.PYTHON: {
        name: spec for spec in _python.REQUESTS for name in spec.qualified_names
    },
    Language.JAVASCRIPT: {
        name: spec for spec in _javascript.REQUESTS for name in spec.qualified_names
    },
}


def client_spec(language: Language, qualified_name: str) -> ClientSpec | None:
    """Return the client class whose constructor is `qualified_name`."""
    return _CLIENTS.get(language, {}).get(qualified_name)


def module_client_spec(language: Language, qualified_name: str) -> ClientSpec | None:
    """Return the module that acts as a client, such as `customerio.analytics`."""
    return _MODULE_CLIENTS.get(language, {}).get(qualified_name)


def request_spec(language: Language, qualified_name: str) -> RequestSpec | None:
    """Return the request class whose constructor is `qualified_name`."""
    return _REQUESTS.get(language, {}).get(qualified_name)


_BY_CLASS: dict[tuple[str, str], ClientSpec] = {
    (spec.sdk, spec.class_name): spec
    for table in (_CLIENTS, _MODULE_CLIENTS)
    for specs in table.values()
    for spec in specs.values()
}
_METHOD_NAMES: dict[Language, frozenset[str]] = {
    language: frozenset(
        method
        for table in (_CLIENTS, _MODULE_CLIENTS)
        for spec in table.get(language, {}).values()
        for method in spec.methods
    )
    for language in Language
}
_ABSENT_NAMES = _absences.absent_method_names()


def spec_of(client: Client) -> ClientSpec:
    """Return the catalogue entry a client record was built from."""
    return _BY_CLASS[(client.sdk, client.class_name)]


def clients_with_method(language: Language, name: str) -> list[ClientSpec]:
    """Return the clients of `language` that have a method called `name`."""
    specs = {
        id(spec): spec
        for table in (_CLIENTS, _MODULE_CLIENTS)
        for spec in table.get(language, {}).values()
        if name in spec.methods
    }
    return list(specs.values())


def is_client_method(language: Language, name: str) -> bool:
    """Tell whether any client of `language` has, or once had, a method `name`."""
    return name in _METHOD_NAMES[language] or name in _ABSENT_NAMES
