"""Helpers whose whole URL is a parameter: recognised, and their files found."""

from __future__ import annotations

from pathlib import Path

from cio_lint import languages
from cio_lint.http_binding import HttpCallSite, names_customerio_host, url_is_parameter
from cio_lint.model import (
    CallArguments,
    FileModel,
    Language,
    Position,
    Span,
    Value,
    ValueKind,
)
from cio_lint.project import AnalyzedFile, referenced_modules
from cio_lint.templates import Hole, Template, Text
from cio_lint.wrappers import WrapperCall

SPAN = Span(Position(1, 1), Position(1, 10), 0, 9)


def _text(text: str) -> Template:
    return (Text(text, SPAN),)


def _parameter(name: str) -> Value:
    return Value(ValueKind.NAME, SPAN, name, name=name, parameter=name)


def _site(url: Template) -> HttpCallSite:
    return HttpCallSite("fetch", SPAN, "POST", url, SPAN)


def test_customerio_host_is_recognised() -> None:
    assert names_customerio_host(_text("https://track.customer.io/api/v1/x"))
    assert names_customerio_host(_text("https://API-EU.customer.io/v1/send"))
    assert not names_customerio_host(_text("https://api.example.com/x"))
    assert not names_customerio_host(_text("/customers/1"))
    assert not names_customerio_host((Hole(_parameter("base")), *_text("/x")))


def test_url_parameter_is_recognised() -> None:
    assert url_is_parameter(_site((Hole(_parameter("url")),)))
    assert url_is_parameter(_site((Hole(_parameter("base")), *_text("/x"))))
    name = Value(ValueKind.NAME, SPAN, "BASE", name="BASE")
    assert not url_is_parameter(_site((Hole(name), *_text("/x"))))
    assert not url_is_parameter(_site(_text("https://track.customer.io/x")))


def _call(url: Template, targets: tuple[tuple[str, str], ...]) -> WrapperCall:
    return WrapperCall(
        targets=targets,
        callee="post_json",
        arguments=CallArguments(),
        span=SPAN,
        templates=((0, url),),
    )


def test_helper_called_with_customerio_url_is_referenced() -> None:
    targets = (("app.http", "post_json"), ("app", "http.post_json"))
    model = FileModel(
        Language.PYTHON,
        wrapper_calls=(
            _call(_text("https://track.customer.io/api/v1/x"), targets),
            _call(_text("https://api.example.com/x"), (("app.other", "post"),)),
            _call(_text("https://track.customer.io/api/v1/y"), (("", "local"),)),
        ),
    )

    path = Path("/project/app/views.py")
    frontend = languages.frontend_for(path)
    assert frontend is not None
    analyzed = AnalyzedFile(path, frontend, model)

    assert referenced_modules(analyzed, {path: analyzed}) == {"app.http", "app"}
