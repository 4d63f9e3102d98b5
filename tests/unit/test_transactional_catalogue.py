"""The catalogue's facts about transactional requests."""

from __future__ import annotations

import pytest

from cio_lint.model import Language, RequestSource
from cio_lint.sdk import transactional as catalogue


@pytest.mark.parametrize(
    ("class_name", "key", "dropped"),
    [
        ("SendEmailRequest", "cc", True),
        ("SendEmailRequest", "attachments", True),
        ("SendEmailRequest", "_from", True),
        ("SendEmailRequest", "from", False),
        ("SendEmailRequest", "bcc", False),
        ("SendEmailRequest", "send_at", False),
        ("SendPushRequest", "custom_device", True),
        ("SendPushRequest", "device", False),
        ("SendPushRequest", "anything_else", False),
        ("SendSMSRequest", "cc", False),
    ],
)
def test_node_dropped_keys(class_name: str, key: str, dropped: bool) -> None:
    fact = catalogue.dropped_key("customerio-node", 5, class_name, key)

    assert (fact is not None) is dropped


def test_dropped_key_names_the_remedy() -> None:
    fact = catalogue.dropped_key("customerio-node", 5, "SendEmailRequest", "_from")

    assert fact is not None
    assert fact.instead == "pass it as 'from'"
    assert fact.majors == frozenset({5})


def test_python_sdk_drops_nothing() -> None:
    assert catalogue.dropped_key("customerio", 3, "SendEmailRequest", "cc") is None


def test_node_four_keeps_cc() -> None:
    assert catalogue.dropped_key("customerio-node", 4, "SendEmailRequest", "cc") is None


@pytest.mark.parametrize(
    ("language", "source", "sender"),
    [
        (Language.PYTHON, RequestSource.REQUEST_CLASS, "_from"),
        (Language.PYTHON, RequestSource.SDK_OBJECT, "from"),
        (Language.PYTHON, RequestSource.HTTP_BODY, "from"),
        (Language.JAVASCRIPT, RequestSource.REQUEST_CLASS, "from"),
    ],
)
def test_sender_spelling(
    language: Language, source: RequestSource, sender: str
) -> None:
    assert catalogue.sender_key(language, source) == sender


def test_channels_map_both_ways() -> None:
    for channel in catalogue.CHANNELS:
        class_name = catalogue.class_of_channel(channel)
        assert catalogue.channel_of_class(class_name) == channel
    assert catalogue.channel_of_operation("transactional in-app message") == "in_app"
    assert catalogue.channel_of_operation("event") is None
