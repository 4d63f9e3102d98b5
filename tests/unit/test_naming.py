"""Event-name styles: matching and suggested renames."""

from __future__ import annotations

import pytest

from cio_lint.naming import parse_style


@pytest.mark.parametrize(
    ("style", "name", "matches"),
    [
        ("snake_case", "signed_up", True),
        ("snake_case", "signed_up_2", True),
        ("snake_case", "SignedUp", False),
        ("snake_case", "signed-up", False),
        ("snake_case", "_signed", False),
        ("snake_case", "2fa_enabled", True),
        ("snake_case", "2FA_enabled", False),
        ("kebab-case", "2fa-enabled", True),
        ("camelCase", "signedUp", True),
        ("camelCase", "SignedUp", False),
        ("PascalCase", "SignedUp", True),
        ("kebab-case", "signed-up", True),
        ("Title Case", "Order Completed", True),
        ("Title Case", "Order completed", False),
        ("any", "whatever You Like", True),
        ("^[a-z]+(\\.[a-z]+)*$", "user.signed", True),
        ("^[a-z]+(\\.[a-z]+)*$", "user_signed", False),
    ],
)
def test_style_matches(style: str, name: str, matches: bool) -> None:
    assert parse_style(style).matches(name) is matches


@pytest.mark.parametrize(
    ("style", "name", "suggestion"),
    [
        ("snake_case", "SignedUp", "signed_up"),
        ("snake_case", "Sign Up", "sign_up"),
        ("snake_case", "HTTPRequestSent", "http_request_sent"),
        ("snake_case", "plan-upgraded", "plan_upgraded"),
        ("camelCase", "signed_up", "signedUp"),
        ("PascalCase", "signed_up", "SignedUp"),
        ("kebab-case", "SignedUp", "signed-up"),
        ("Title Case", "order_completed", "Order Completed"),
        ("^[a-z]+$", "SignedUp", None),
    ],
)
def test_style_suggestion(style: str, name: str, suggestion: str | None) -> None:
    assert parse_style(style).suggest(name) == suggestion


def test_invalid_regex_raises() -> None:
    with pytest.raises(ValueError, match="invalid regular expression"):
        parse_style("([")


@pytest.mark.parametrize(
    ("style", "name", "matches"),
    [
        ("snake_case", "café_visited", True),
        ("snake_case", "заказ_оформлен", True),
        ("snake_case", "Ünïcode_event", False),
        ("Title Case", "User ID Changed", True),
        ("Title Case", "Order  Completed", False),
    ],
)
def test_styles_accept_any_script(style: str, name: str, matches: bool) -> None:
    assert parse_style(style).matches(name) is matches


def test_suggestion_keeps_non_ascii_letters() -> None:
    assert parse_style("snake_case").suggest("ÜnïcodeEvent") == "ünïcode_event"


@pytest.mark.parametrize("value", ["camelcase", "snake case", "SNAKE_CASE", ""])
def test_misspelled_style_name_raises(value: str) -> None:
    with pytest.raises(ValueError, match="unknown style"):
        parse_style(value)
