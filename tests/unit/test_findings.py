"""Tests for cio_lint.findings: the start of a message."""

from __future__ import annotations

import pytest

from cio_lint.findings import capitalize_prose


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("environment variable CIO_KEY", "Environment variable CIO_KEY"),
        ('the string literal "3f9a…"', 'The string literal "3f9a…"'),
        ("host track-eu.customer.io", "Host track-eu.customer.io"),
        ('settings.CUSTOMERIO["APP_API_KEY"]', 'settings.CUSTOMERIO["APP_API_KEY"]'),
        ("new TrackClient(...) with no region", "new TrackClient(...) with no region"),
        ("customerio.Regions.EU", "customerio.Regions.EU"),
        ("key (a string literal)", "key (a string literal)"),
        ("apiKey", "apiKey"),
        ("", ""),
    ],
)
def test_capitalize_prose(text: str, expected: str) -> None:
    assert capitalize_prose(text) == expected
