"""Templates join base URLs and paths as HTTP libraries do."""

from __future__ import annotations

import pytest

from cio_lint import templates
from cio_lint.model import Position, Span, Value, ValueKind
from cio_lint.templates import Hole, Template, Text

SPAN = Span(Position(1, 1), Position(1, 2), 0, 1)
ID = Hole(Value(ValueKind.NAME, SPAN, "uid", name="uid"))


def text(value: str) -> Template:
    return (Text(value, SPAN),)


def shown(template: Template) -> str:
    return templates.render(template, "{}")


@pytest.mark.parametrize(
    ("base", "reference", "expected"),
    [
        ("https://h.io/api/v1/", "customers/1", "https://h.io/api/v1/customers/1"),
        ("https://h.io/api/v1", "customers/1", "https://h.io/api/customers/1"),
        ("https://h.io/api/v1", "/customers/1", "https://h.io/customers/1"),
        ("https://h.io", "customers", "https://h.io/customers"),
        ("https://h.io/a", "//other.io/x", "https://other.io/x"),
        ("https://h.io/a", "http://other.io/x", "http://other.io/x"),
    ],
)
def test_join_url_follows_rfc_3986(base: str, reference: str, expected: str) -> None:
    assert shown(templates.join_url(text(base), text(reference))) == expected


def test_join_url_with_unknown_reference_is_unknown() -> None:
    joined = templates.join_url(text("https://h.io/"), (ID, *text("/events")))

    assert joined == (ID,)


def test_join_url_keeps_holes_in_path() -> None:
    joined = templates.join_url(text("https://h.io/v1/"), (*text("customers/"), ID))

    assert shown(joined) == "https://h.io/v1/customers/{}"


@pytest.mark.parametrize(
    ("base", "path", "expected"),
    [
        ("https://h.io/api/v1", "/customers", "https://h.io/api/v1/customers"),
        ("https://h.io/api/v1/", "/customers", "https://h.io/api/v1/customers"),
        ("https://h.io/api/v1", "customers", "https://h.io/api/v1/customers"),
        ("https://h.io/api/v1", "https://x.io/y", "https://x.io/y"),
    ],
)
def test_prefix_url_joins_with_one_slash(base: str, path: str, expected: str) -> None:
    assert shown(templates.prefix_url(text(base), text(path))) == expected


def test_prefix_url_with_unknown_path_is_unknown() -> None:
    assert templates.prefix_url(text("https://h.io"), (ID,)) == (ID,)


def test_concat_merges_texts_and_drops_empty_ones() -> None:
    joined = templates.concat(text("a"), text(""), (ID,), text("b"), text("c"))

    assert [type(part).__name__ for part in joined] == ["Text", "Hole", "Text"]
    assert shown(joined) == "a{}bc"


def test_split_at_first_literal_separator() -> None:
    pair = templates.split_at((ID, *text(":key:x")), ":")

    assert pair is not None
    assert pair[0] == (ID,)
    assert shown(pair[1]) == "key:x"


def test_split_at_without_separator() -> None:
    assert templates.split_at((ID, *text("x")), ":") is None
