"""The catalogue of Customer.io SDKs: clients, methods and request classes.

Rules and front-ends ask the catalogue; no rule hard-codes a method name.
"""

from __future__ import annotations

from cio_lint.model import Language
from cio_lint.sdk import python as _python
from cio_lint.sdk.specs import ClientSpec, MethodSpec, RequestSpec

__all__ = [
    "ClientSpec",
    "MethodSpec",
    "RequestSpec",
    "client_spec",
    "module_client_spec",
    "request_spec",
]

_CLIENTS: dict[Language, dict[str, ClientSpec]] = {
    Language.PYTHON: {
        name: spec for spec in _python.CLIENTS for name in spec.qualified_names
    },
}
_MODULE_CLIENTS: dict[Language, dict[str, ClientSpec]] = {
    Language.PYTHON: {
        name: spec for spec in _python.MODULE_CLIENTS for name in spec.qualified_names
    },
}
_REQUESTS: dict[Language, dict[str, RequestSpec]] = {
    Language.PYTHON: {
        name: spec for spec in _python.REQUESTS for name in spec.qualified_names
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
