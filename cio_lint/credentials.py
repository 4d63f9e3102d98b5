"""Tell which Customer.io credential a value holds, from the names it comes through.

The names are the environment variable read (`CUSTOMERIO_APP_API_KEY`), the
variable, attribute or key the value is read from (`track_api_key`,
`settings.CUSTOMERIO["API_KEY"]`, `config.app.key`). Nothing is guessed from a
literal's text. A name that says "API key" without saying which API
(`CUSTOMERIO_API_KEY`) is `AMBIGUOUS`: it proves nothing about the slot it
fills. Messages never show a literal in full: `redacted` keeps a short prefix.
"""

from __future__ import annotations

import re

from cio_lint.model import Value, ValueKind
from cio_lint.sdk.credentials import Credential

_WORD = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+")
_COMPONENT = re.compile(r"[.\[\]'\"]+")
# Words written together that name two words.
_COMPOUNDS = {
    "apikey": ("api", "key"),
    "appkey": ("app", "key"),
    "siteid": ("site", "id"),
    "writekey": ("write", "key"),
    "trackkey": ("track", "key"),
    "customerio": ("customerio",),
}
_KEY_WORDS = frozenset({"key", "token", "secret"})
_NOT_CREDENTIALS = frozenset({"url", "host", "endpoint", "base", "region", "uri"})
_QUALIFIERS: dict[str, Credential] = {
    "app": Credential.APP_KEY,
    "application": Credential.APP_KEY,
    "track": Credential.TRACK_KEY,
    "tracking": Credential.TRACK_KEY,
    "write": Credential.WRITE_KEY,
    "cdp": Credential.WRITE_KEY,
    "pipeline": Credential.WRITE_KEY,
    "pipelines": Credential.WRITE_KEY,
}
# NOTE: an estimate. Customer.io generates its keys as long random strings;
# a shorter literal, such as "abc123" in a test, is a stand-in for one.
MIN_SECRET_LENGTH = 8
_PLACEHOLDER = re.compile(
    r"your|xxx|<|\{|changeme|example|placeholder|dummy|redacted|test|fake|sample|mock"
    r"|invalid|replace|not.?a.?real|_here\b|\bhere_|\s",
    re.IGNORECASE,
)


def words(identifier: str) -> tuple[str, ...]:
    """Split `CIO_APP_KEY`, `trackApiKey` or `siteid` into lower-case words."""
    found: list[str] = []
    for word in _WORD.findall(identifier):
        lowered = word.lower()
        found.extend(_COMPOUNDS.get(lowered, (lowered,)))
    return tuple(found)


def classify_name(name: str) -> Credential | None:
    """Classify one identifier, such as an environment variable name."""
    return _classify_words(words(name))


def _classify_words(found: tuple[str, ...]) -> Credential | None:
    present = set(found)
    if present & _NOT_CREDENTIALS:
        return None
    if "site" in present and not present & _KEY_WORDS:
        return Credential.SITE_ID
    if not present & _KEY_WORDS:
        return None
    kinds = {_QUALIFIERS[word] for word in present if word in _QUALIFIERS}
    if len(kinds) == 1:
        return kinds.pop()
    if kinds:
        return None
    return Credential.AMBIGUOUS


def classify_path(name: str) -> Credential | None:
    """Classify a dotted or subscripted name by its last part.

    When the last part is only "key", a qualifier in a part before it
    (`config.app.key`, `CUSTOMERIO["TRACK"]["API_KEY"]`) decides. The first
    part is the object it is read from (`app.config[...]`, `settings`) and is
    not classified.
    """
    parts = [part for part in _COMPONENT.split(name) if part]
    if not parts:
        return None
    found = _classify_words(words(parts[-1]))
    if found is not Credential.AMBIGUOUS:
        return found
    for part in reversed(parts[1:-1]):
        kinds = {_QUALIFIERS[word] for word in words(part) if word in _QUALIFIERS}
        if len(kinds) == 1:
            return kinds.pop()
    return found


# NOTE: only names are read. A literal's text is never used to tell a key's
# kind, although some write keys carry a `pk_`/`sk_` prefix.
def classify(value: Value) -> Credential | None:
    """Return the credential in `value`, or None when its names do not tell.

    The environment variable wins over the variable it is stored in, because
    it names the secret itself; a variable name decides when the environment
    variable's name is ambiguous.
    """
    from_env = classify_name(value.env_var) if value.env_var else None
    if from_env is not None and from_env is not Credential.AMBIGUOUS:
        return from_env
    names = [value.name] if value.name else []
    if value.kind in (ValueKind.NAME, ValueKind.UNKNOWN, ValueKind.ENV_VAR):
        names.append(value.text)
    for name in names:
        from_name = classify_path(name)
        if from_name is not None and from_name is not Credential.AMBIGUOUS:
            return from_name
    if from_env is not None:
        return from_env
    for name in names:
        if classify_path(name) is Credential.AMBIGUOUS:
            return Credential.AMBIGUOUS
    return None


def secret_literal(value: Value) -> str | None:
    """Return the string literal `value` holds when it looks like a real secret.

    Empty strings and placeholders such as `"YOUR_API_KEY"` or `"xxx"` are not
    secrets.
    """
    literal = value.literal
    if value.kind is not ValueKind.STRING or not isinstance(literal, str):
        return None
    stripped = literal.strip()
    if len(stripped) < MIN_SECRET_LENGTH or _PLACEHOLDER.search(stripped):
        return None
    if len(set(stripped)) == 1:
        return None
    return stripped


def redacted(secret: str) -> str:
    """Return a short prefix of `secret` that cannot stand in for it: `"3f9a…"`."""
    shown = secret[: min(4, len(secret) // 4)]
    return f'"{shown}…"'


def describe(value: Value) -> str:
    """Name a value for a message without printing a string literal in full."""
    if value.kind is ValueKind.STRING:
        secret = value.literal if isinstance(value.literal, str) else None
        if value.name:
            return f"{value.name} (a string literal)"
        if secret:
            return f"the string literal {redacted(secret)}"
        return "a string"
    if value.kind is ValueKind.ENV_VAR and value.env_var:
        if value.name and value.name != value.env_var:
            return f"{value.name} (environment variable {value.env_var})"
        return f"environment variable {value.env_var}"
    return mask_literals(value.text)


_QUOTED = re.compile(r"([\"'`])((?:(?!\1).)*)\1")


# The text before a quoted key or variable name: a subscript bracket, or the
# first argument of a lookup (`os.getenv("X")`, `config.get("X")`).
_NAME_BEFORE = re.compile(r"(?:\[|\b(?:get|getenv)\()\s*$")


def mask_literals(text: str) -> str:
    """Redact every quoted string in source text that could be a secret.

    A string used as a key or a variable name (`settings.CIO["APP_API_KEY"]`,
    `os.getenv("CIO_APP_KEY")`) names a secret instead of holding one and is
    shown in full.
    """

    def mask(match: re.Match[str]) -> str:
        quote, inner = match.group(1), match.group(2)
        if len(inner) < 8 or _NAME_BEFORE.search(text, 0, match.start()):
            return match.group(0)
        return quote + inner[: min(4, len(inner) // 4)] + "…" + quote

    return _QUOTED.sub(mask, text)


_KEY_LIKE = re.compile(
    r"(?:(?<=[\"'`])|(?<=Bearer )|(?<=Basic ))"
    r"(?=[A-Za-z_-]*[0-9])(?=[0-9_-]*[A-Za-z])[A-Za-z0-9_-]{16,}"
)


def mask_key_like(line: str) -> str:
    """Hide key-like tokens in a line of source shown to the user.

    A run of 16 or more letters, digits, `_` or `-` that mixes letters
    and digits, right after a quote or an auth scheme word, keeps its first
    four characters; the rest become `*`, so that
    columns and underlines stay in place.
    """

    def mask(match: re.Match[str]) -> str:
        token = match.group(0)
        return token[:4] + "*" * (len(token) - 4)

    return _KEY_LIKE.sub(mask, line)
