"""Tests for cio_lint.credentials: naming credentials and hiding literals."""

from __future__ import annotations

import pytest

from cio_lint.credentials import (
    classify,
    classify_name,
    classify_path,
    mask_key_like,
    mask_literals,
    redacted,
    secret_literal,
)
from cio_lint.model import Position, Span, Value, ValueKind
from cio_lint.sdk.credentials import Credential

SPAN = Span(Position(1, 1), Position(1, 2), 0, 1)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("CUSTOMERIO_APP_API_KEY", Credential.APP_KEY),
        ("CIO_APP_KEY", Credential.APP_KEY),
        ("customerio_track_api_key", Credential.TRACK_KEY),
        ("trackApiKey", Credential.TRACK_KEY),
        ("CUSTOMERIO_SITE_ID", Credential.SITE_ID),
        ("siteId", Credential.SITE_ID),
        ("CIO_WRITE_KEY", Credential.WRITE_KEY),
        ("cdpApiKey", Credential.WRITE_KEY),
        ("CUSTOMERIO_API_KEY", Credential.AMBIGUOUS),
        ("apiKey", Credential.AMBIGUOUS),
        ("CIO_REGION", None),
        ("CUSTOMERIO_API_URL", None),
        ("password", None),
    ],
)
def test_classify_name(name: str, expected: Credential | None) -> None:
    assert classify_name(name) is expected


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ('settings.CUSTOMERIO["API_KEY"]', Credential.AMBIGUOUS),
        ('settings.CUSTOMERIO["APP_API_KEY"]', Credential.APP_KEY),
        ("config.track.apiKey", Credential.TRACK_KEY),
        ("config.app.key", Credential.APP_KEY),
        # The object read from is not a qualifier: Flask's `app.config`.
        ('app.config["CUSTOMERIO_API_KEY"]', Credential.AMBIGUOUS),
        ("self.site_id", Credential.SITE_ID),
    ],
)
def test_classify_path(path: str, expected: Credential | None) -> None:
    assert classify_path(path) is expected


def test_environment_variable_wins_over_the_variable_name() -> None:
    value = Value(
        ValueKind.ENV_VAR, SPAN, "track_key", env_var="CIO_APP_KEY", name="track_key"
    )
    assert classify(value) is Credential.APP_KEY


def test_variable_name_decides_for_an_ambiguous_environment_variable() -> None:
    value = Value(
        ValueKind.ENV_VAR,
        SPAN,
        "track_key",
        env_var="CUSTOMERIO_API_KEY",
        name="track_key",
    )
    assert classify(value) is Credential.TRACK_KEY


@pytest.mark.parametrize(
    "literal",
    ["", "xxx", "YOUR_API_KEY", "<app key>", "aaaaaaa", "test-api-key", "fake_site"],
)
def test_placeholders_are_not_secrets(literal: str) -> None:
    value = Value(ValueKind.STRING, SPAN, repr(literal), literal=literal)
    assert secret_literal(value) is None


def test_redacted_keeps_a_short_prefix() -> None:
    assert redacted("3f9a8b7c6d5e4f3a2b1c") == '"3f9a…"'
    assert redacted("abcdefgh") == '"ab…"'


def test_mask_key_like_keeps_columns() -> None:
    line = 'api = APIClient("3f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c")  # noqa'
    masked = mask_key_like(line)
    assert masked == 'api = APIClient("3f9a****************************")  # noqa'
    assert len(masked) == len(line)
    assert mask_key_like('x = "transactional_message_id"') == (
        'x = "transactional_message_id"'
    )


def test_mask_literals_keeps_key_names_and_hides_values() -> None:
    assert mask_literals('settings.CUSTOMERIO["APP_API_KEY"]') == (
        'settings.CUSTOMERIO["APP_API_KEY"]'
    )
    assert mask_literals('os.getenv("CIO_APP_KEY")') == 'os.getenv("CIO_APP_KEY")'
    assert mask_literals('config.get( "CIO_APP_KEY", "3f9a8b7c6d5e4f3a")') == (
        'config.get( "CIO_APP_KEY", "3f9a…")'
    )
    assert mask_literals('key or "3f9a8b7c6d5e4f3a"') == 'key or "3f9a…"'
    assert mask_literals('target("3f9a8b7c6d5e4f3a")') == 'target("3f9a…")'


@pytest.mark.parametrize(
    "literal",
    [
        "abc123",
        "def456",
        "k3y9x2",
        "invalid-key",
        "REPLACE_ME",
        "not-a-real-key",
        "TOKEN_HERE",
    ],
)
def test_short_literals_are_stand_ins(literal: str) -> None:
    value = Value(ValueKind.STRING, SPAN, repr(literal), literal=literal)
    assert secret_literal(value) is None


def test_long_random_literal_is_a_secret() -> None:
    value = Value(ValueKind.STRING, SPAN, "'3f9a8b7c'", literal="3f9a8b7c")
    assert secret_literal(value) == "3f9a8b7c"
