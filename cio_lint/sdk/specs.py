"""The shapes in which the catalogue describes Customer.io clients and methods."""

from __future__ import annotations

import enum
from collections.abc import Mapping

from msgspec import Struct, field

from cio_lint.model import (
    Api,
    Client,
    ClientKind,
    ClientOrigin,
    Expectation,
    Field,
    Span,
)
from cio_lint.sdk.retries import retry_setting

FieldPath = tuple[str, ...]


class ParamKind(enum.Enum):
    POSITIONAL_OR_KEYWORD = "positional or keyword"
    KEYWORD_ONLY = "keyword only"
    VAR_KEYWORD = "**kwargs"


class Param(Struct, frozen=True):
    name: str
    kind: ParamKind = ParamKind.POSITIONAL_OR_KEYWORD


def params(*names: str) -> tuple[Param, ...]:
    """Build a parameter list; a name written `**data` is a var-keyword parameter."""
    result = []
    for name in names:
        if name.startswith("**"):
            result.append(Param(name[2:], ParamKind.VAR_KEYWORD))
        else:
            result.append(Param(name))
    return tuple(result)


class MethodSpec(Struct, frozen=True):
    """One client method: its parameters and which of them Customer.io reads how.

    Paths name a bound parameter and then keys inside it; a var-keyword
    parameter's extra keywords are bound by their own names, so `("last_used",)`
    reaches `add_device(..., last_used=...)`.
    """

    name: str
    operation: str
    params: tuple[Param, ...]
    event_name: FieldPath | None = None
    event_data: FieldPath | None = None
    timestamp_fields: tuple[FieldPath, ...] = ()
    attributes: FieldPath | None = None


class ClientSpec(Struct, frozen=True):
    """A client class (or module acting as one) of a Customer.io SDK."""

    sdk: str
    class_name: str
    qualified_names: tuple[str, ...]
    kind: ClientKind
    api: Api
    constructor: tuple[Param, ...]
    methods: Mapping[str, MethodSpec] = field(default_factory=dict)

    def client(
        self, span: Span, origin: ClientOrigin, arguments: tuple[Field, ...] = ()
    ) -> Client:
        """Return the record of a client of this class found at `span`."""
        return Client(
            kind=self.kind,
            sdk=self.sdk,
            class_name=self.class_name,
            span=span,
            origin=origin,
            arguments=arguments,
            retries=retry_setting(self.sdk, self.class_name, arguments),
        )

    @property
    def timestamp_expectation(self) -> Expectation:
        if self.api is Api.PIPELINES:
            return Expectation.PIPELINES_TIME
        return Expectation.UNIX_SECONDS


class RequestSpec(Struct, frozen=True):
    """A request class whose constructor arguments become the request payload."""

    sdk: str
    class_name: str
    qualified_names: tuple[str, ...]
    params: tuple[Param, ...]


def methods(*specs: MethodSpec) -> dict[str, MethodSpec]:
    return {spec.name: spec for spec in specs}


# Track API event types whose `name` is a page's URL or path, or a screen's
# name, not an event name (the events request's `type`: event, page, screen).
VIEW_EVENT_TYPES = frozenset({"page", "screen"})


def names_a_view(type_value: object) -> bool:
    """Tell whether an event's `type` literal makes its `name` a page or screen."""
    return isinstance(type_value, str) and type_value in VIEW_EVENT_TYPES


def is_timestamp_attribute(key: str) -> bool:
    """Tell whether a person attribute named `key` is read as a Unix timestamp.

    Customer.io reads `created_at`, `_timestamp` and by convention every `*_at`
    attribute as Unix seconds in segment conditions.
    """
    return key in ("created_at", "_timestamp") or key.endswith("_at")
