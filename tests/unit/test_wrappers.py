"""Expanding a call through a wrapper into the Customer.io call it makes."""

from __future__ import annotations

from cio_lint.model import (
    CallArguments,
    Client,
    ClientKind,
    ClientOrigin,
    Field,
    Position,
    Span,
    Value,
    ValueKind,
)
from cio_lint.wrappers import (
    ParameterKind,
    WrappedSdkCall,
    Wrapper,
    WrapperCall,
    WrapperParameter,
    expand,
)


def _span(line: int) -> Span:
    return Span(Position(line, 1), Position(line, 10), line * 100, line * 100 + 9)


def _name(text: str, line: int, parameter: str | None = None) -> Value:
    return Value(ValueKind.NAME, _span(line), text, name=text, parameter=parameter)


def _string(text: str, line: int) -> Value:
    return Value(ValueKind.STRING, _span(line), repr(text), literal=text)


CLIENT = Client(
    ClientKind.TRACK, "customerio", "CustomerIO", _span(1), ClientOrigin.CONSTRUCTED
)

# def event(self, user_id, name, **properties):
#     self.client.track(user_id, name, source="web", **properties)
EVENT = Wrapper(
    "Tracker.event",
    (
        WrapperParameter("user_id", ParameterKind.POSITIONAL),
        WrapperParameter("name", ParameterKind.POSITIONAL),
        WrapperParameter("properties", ParameterKind.VAR_KEYWORD),
    ),
    _span(2),
    sdk_call=WrappedSdkCall(
        "track",
        CallArguments(
            positional=(_name("user_id", 3, "user_id"), _name("name", 3, "name")),
            keywords=(Field("source", _string("web", 3)),),
            spreads=(_name("properties", 3, "properties"),),
        ),
        client=CLIENT,
    ),
)


def _call(*positional: Value, keywords: tuple[Field, ...] = ()) -> WrapperCall:
    return WrapperCall(
        targets=(("", "Tracker.event"),),
        callee="tracker.event",
        arguments=CallArguments(positional=positional, keywords=keywords),
        span=_span(20),
    )


def test_expand_puts_caller_values_in_the_wrapper_call() -> None:
    name = _string("Signed Up", 20)
    plan = _string("pro", 21)
    call = _call(_name("user.id", 20), name, keywords=(Field("plan", plan),))

    expanded = expand(EVENT, call, "tracking.py")

    assert expanded is not None
    assert expanded.event_name is name
    assert expanded.span == _span(20)
    assert expanded.wrapper is not None
    assert (expanded.wrapper.callee, expanded.wrapper.line) == ("tracker.event", 2)


def test_expand_drops_values_written_inside_the_wrapper() -> None:
    call = _call(_name("user.id", 20), _name("event", 20))

    expanded = expand(EVENT, call, "tracking.py")

    assert expanded is not None
    assert expanded.event_name is not None
    assert expanded.event_name.text == "event"
    assert all(item.value.text != "'web'" for item in expanded.arguments)


def test_expand_without_caller_values_gives_nothing() -> None:
    call = _call()

    assert expand(EVENT, call, "tracking.py") is None
