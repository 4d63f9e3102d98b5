"""The registry of rules, in code order."""

from __future__ import annotations

from cio_lint.rules.base import Rule
from cio_lint.rules.date_object_timestamp import DateObjectTimestamp
from cio_lint.rules.millisecond_timestamp import MillisecondTimestamp
from cio_lint.rules.syntax_error import SyntaxErrorRule

ALL_RULES: tuple[Rule, ...] = (
    SyntaxErrorRule(),
    MillisecondTimestamp(),
    DateObjectTimestamp(),
)


def known_rules() -> dict[str, str]:
    """Return every rule's code mapped to its name."""
    return {rule.code: rule.name for rule in ALL_RULES}


def rule_by_code(code: str) -> Rule | None:
    return next((rule for rule in ALL_RULES if rule.code == code), None)
