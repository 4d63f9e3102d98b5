"""The registry of rules, in code order."""

from __future__ import annotations

from cio_lint.rules.base import Rule
from cio_lint.rules.date_object_timestamp import DateObjectTimestamp
from cio_lint.rules.event_name_style import EventNameStyleRule
from cio_lint.rules.event_time_in_attributes import EventTimeInAttributes
from cio_lint.rules.inconsistent_event_name import InconsistentEventName
from cio_lint.rules.malformed_event_name import MalformedEventName
from cio_lint.rules.millisecond_timestamp import MillisecondTimestamp
from cio_lint.rules.naive_local_datetime import NaiveLocalDatetime
from cio_lint.rules.pipelines_timestamp_type import PipelinesTimestampType
from cio_lint.rules.syntax_error import SyntaxErrorRule
from cio_lint.rules.wrong_auth_scheme import WrongAuthScheme

ALL_RULES: tuple[Rule, ...] = (
    SyntaxErrorRule(),
    MillisecondTimestamp(),
    DateObjectTimestamp(),
    NaiveLocalDatetime(),
    PipelinesTimestampType(),
    EventTimeInAttributes(),
    WrongAuthScheme(),
    EventNameStyleRule(),
    MalformedEventName(),
    InconsistentEventName(),
)


def known_rules() -> dict[str, str]:
    """Return every rule's code mapped to its name."""
    return {rule.code: rule.name for rule in ALL_RULES}


def rule_by_code(code: str) -> Rule | None:
    return next((rule for rule in ALL_RULES if rule.code == code), None)
