"""Event-name styles: the named ones, regular expressions, and conversions."""

from __future__ import annotations

import re
from dataclasses import dataclass

_NAMED_STYLES = {
    "snake_case": r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*",
    "camelCase": r"[a-z][a-z0-9]*(?:[A-Z][a-z0-9]*)*",
    "PascalCase": r"(?:[A-Z][a-z0-9]*)+",
    "kebab-case": r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*",
    "Title Case": r"[A-Z][a-z0-9]*(?: [A-Z][a-z0-9]*)*",
}
ANY = "any"
_WORDS = re.compile(r"[A-Z]+(?=[A-Z][a-z0-9])|[A-Z]?[a-z0-9]+|[A-Z]+|[0-9]+")


@dataclass(frozen=True)
class EventNameStyle:
    """A style event names must follow: a named style or a regular expression."""

    label: str
    pattern: re.Pattern[str] | None

    @property
    def is_named(self) -> bool:
        return self.label in _NAMED_STYLES

    def matches(self, name: str) -> bool:
        return self.pattern is None or self.pattern.fullmatch(name) is not None

    def suggest(self, name: str) -> str | None:
        """Return `name` converted to this style, when the style is a named one."""
        words = [word.lower() for word in _WORDS.findall(name)]
        if not words or not self.is_named:
            return None
        converted = {
            "snake_case": "_".join(words),
            "kebab-case": "-".join(words),
            "camelCase": words[0] + "".join(word.title() for word in words[1:]),
            "PascalCase": "".join(word.title() for word in words),
            "Title Case": " ".join(word.title() for word in words),
        }[self.label]
        return converted if self.matches(converted) else None


def parse_style(text: str) -> EventNameStyle:
    """Return the style that a configuration value names.

    Raises ValueError for a regular expression that does not compile.
    """
    if text == ANY:
        return EventNameStyle(ANY, None)
    if text in _NAMED_STYLES:
        return EventNameStyle(text, re.compile(_NAMED_STYLES[text]))
    try:
        return EventNameStyle(text, re.compile(text))
    except re.error as error:
        raise ValueError(f"invalid regular expression: {error}") from None


DEFAULT_STYLE = "snake_case"
DEFAULT_PIPELINES_STYLE = ANY
