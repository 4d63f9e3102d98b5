"""Event-name styles: the named ones, regular expressions, and conversions.

Named styles accept letters of any script (`café_visited` is snake_case), so
they are checked with `str` methods rather than ASCII character classes.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from msgspec import Struct

ANY = "any"
DEFAULT_STYLE = "snake_case"
DEFAULT_PIPELINES_STYLE = ANY

# Characters that make a configured value a regular expression, not a style name.
_REGEX_SYNTAX = re.compile(r"[\\^$.|?*+()\[\]{}]")


def _is_word(text: str) -> bool:
    """Tell whether `text` is letters and digits only, starting with a letter."""
    return text.isalnum() and text[0].isalpha()


def _separated(name: str, separator: str) -> bool:
    """Tell whether `name` is lower-case words and numbers joined by `separator`.

    A name may start with a number, as in `2fa_enabled`: an event name is a
    string, not an identifier.
    """
    parts = name.split(separator)
    return name == name.lower() and all(part and part.isalnum() for part in parts)


def _camel(name: str) -> bool:
    return _is_word(name) and name[0].islower()


def _pascal(name: str) -> bool:
    return _is_word(name) and name[0].isupper()


def _title(name: str) -> bool:
    words = name.split(" ")
    return all(word.isalnum() and not word[0].islower() for word in words if word) and (
        "" not in words
    )


_NAMED_STYLES: dict[str, Callable[[str], bool]] = {
    "snake_case": lambda name: _separated(name, "_"),
    "kebab-case": lambda name: _separated(name, "-"),
    "camelCase": _camel,
    "PascalCase": _pascal,
    "Title Case": _title,
}


class EventNameStyle(Struct, frozen=True):
    """A style event names must follow: a named style or a regular expression."""

    label: str
    pattern: re.Pattern[str] | None = None

    @property
    def is_named(self) -> bool:
        return self.label in _NAMED_STYLES

    def matches(self, name: str) -> bool:
        if self.label == ANY:
            return True
        if self.pattern is not None:
            return self.pattern.fullmatch(name) is not None
        return _NAMED_STYLES[self.label](name)

    def suggest(self, name: str) -> str | None:
        """Return `name` converted to this style, when the style is a named one."""
        words = [word.lower() for word in split_words(name)]
        if not words or not self.is_named:
            return None
        converted = {
            "snake_case": "_".join(words),
            "kebab-case": "-".join(words),
            "camelCase": words[0] + "".join(_capitalized(word) for word in words[1:]),
            "PascalCase": "".join(_capitalized(word) for word in words),
            "Title Case": " ".join(_capitalized(word) for word in words),
        }[self.label]
        return converted if self.matches(converted) else None


def _capitalized(word: str) -> str:
    return word[:1].upper() + word[1:]


def split_words(name: str) -> list[str]:
    """Split `SignedUp`, `signed_up`, `HTTPRequest sent` into their words."""
    words: list[str] = []
    current = ""
    for index, char in enumerate(name):
        if not char.isalnum():
            if current:
                words.append(current)
            current = ""
            continue
        following = name[index + 1] if index + 1 < len(name) else ""
        previous = current[-1] if current else ""
        starts_word = char.isupper() and (
            previous.islower()
            or previous.isdigit()
            or (previous.isupper() and following.islower())
        )
        if starts_word and current:
            words.append(current)
            current = ""
        current += char
    if current:
        words.append(current)
    return words


def parse_style(text: str) -> EventNameStyle:
    """Return the style that a configuration value names.

    Raises ValueError for a regular expression that does not compile, and for
    a value that looks like a misspelled style name (`camelcase`).
    """
    if text == ANY or text in _NAMED_STYLES:
        return EventNameStyle(text)
    if not _REGEX_SYNTAX.search(text):
        names = ", ".join(repr(name) for name in (*_NAMED_STYLES, ANY))
        raise ValueError(
            f"unknown style; use one of {names}, or a regular expression such as "
            "'^[a-z_]+$'"
        )
    try:
        return EventNameStyle(text, re.compile(text))
    except re.error as error:
        raise ValueError(f"invalid regular expression: {error}") from None
