"""CIO106 created-at-reset: `created_at` set to now in a repeated identify."""

from __future__ import annotations

import re
from collections.abc import Iterator

from cio_lint.findings import Violation
from cio_lint.model import ApiCall, EntryKind, FileModel, PayloadField
from cio_lint.rules.base import Rule

_CREATED_AT = "created_at"
# Words in a function's name, lowercased with `_` removed, that mark it as run
# on every login, visit or update rather than once at signup.
_REPEATED = (
    "login",
    "loggedin",
    "signin",
    "authenticat",
    "update",
    "sync",
    "save",
    "refresh",
    "session",
    "visit",
    "heartbeat",
    "seen",
)


# Conditions that hold only when the record is being created: a flag such as
# Django's `created` signal argument, `is_new` or `isNew`, `self._state.adding`,
# or a primary key that is not set yet.
_CREATING = re.compile(
    r"\b(?:was_?)?created\b|\bwasCreated\b|\bis_?new\w*|\bisNew\w*|"
    r"\b_state\.adding\b|\b(?:pk|id)\s+is\s+None\b|\b(?:pk|id)\s*===?\s*"
    r"(?:null|undefined)\b|\bfirst_?time\b|\bfirstTime\b"
)
# A negated primary key means the same: `not self.pk`, `!user.id`.
_UNSAVED_KEY = re.compile(r"^[\w.]*\b(?:pk|id)$")
# An alternative lets the call run without the record being created, and a
# comparison with False reverses the flag.
_ALTERNATIVE = re.compile(r"\bor\b|\|\||\?\?")
_FALSE = re.compile(r"(?:\bis\s+False|={2,3}\s*(?:False|false))\s*$")
_NEGATION = re.compile(r"^(?:not\s+|!)\s*")


class CreatedAtReset(Rule):
    code = "CIO106"
    name = "created-at-reset"
    summary = (
        "created_at set to the current time in an identify that runs on every "
        "login or update, overwriting the signup date."
    )

    def check(self, model: FileModel) -> Iterator[Violation]:
        for call in model.calls:
            if call.operation != "identify":
                continue
            repeated = _repeated_by(call)
            if repeated is None:
                continue
            for item in call.fields:
                if _is_now(item) and not _sent_only_when_creating(item):
                    yield Violation.at(item.value.span, _message(repeated))


def _repeated_by(call: ApiCall) -> str | None:
    """Return why the call runs again and again, or None if nothing shows it."""
    if any(_only_when_creating(item) for item in call.context.conditions):
        return None
    entry = call.context.entry_point
    if entry is not None and entry.kind is EntryKind.MODEL_SAVE:
        return f"runs on every save ({entry.source})"
    function = call.context.function
    if function is None:
        return None
    plain = function.lower().replace("_", "")
    if any(word in plain for word in _REPEATED):
        return f"runs in {function}()"
    return None


def _only_when_creating(condition: str) -> bool:
    """Tell whether a condition holds only while the record is being created.

    `not`/`!` wrappers are counted: `not (not created)` holds on creation.
    """
    negated = False
    text = _unwrapped(condition)
    while (found := _NEGATION.match(text)) is not None:
        negated = not negated
        text = _unwrapped(text[found.end() :])
    if (flag := _FALSE.search(text)) is not None:
        negated = not negated
        text = text[: flag.start()].strip()
    if _ALTERNATIVE.search(text):
        return False
    if negated:
        return _UNSAVED_KEY.match(text) is not None
    return _CREATING.search(text) is not None


# `now if created else None` and `isNew ? now : undefined`: a value sent only
# when the condition holds, since None and undefined leave the field unsent.
_PYTHON_CHOICE = re.compile(r"\bif\s+(?P<test>.+?)\s+else\s+None\s*$", re.DOTALL)
_JAVASCRIPT_CHOICE = re.compile(
    r"^(?P<test>[^?]+?)\s*\?[^:]+:\s*(?:undefined|null)\s*$", re.DOTALL
)


def _sent_only_when_creating(item: PayloadField) -> bool:
    """Tell whether the value is a choice that sends the time only on creation."""
    text = item.value.text
    found = _PYTHON_CHOICE.search(text) or _JAVASCRIPT_CHOICE.match(text)
    return found is not None and _only_when_creating(found.group("test"))


def _unwrapped(text: str) -> str:
    """Return `text` without parentheses that enclose all of it."""
    text = text.strip()
    while text.startswith("(") and _closing(text) == len(text) - 1:
        text = text[1:-1].strip()
    return text


def _closing(text: str) -> int:
    """Return the index of the parenthesis that closes the one at index 0."""
    depth = 0
    for index, character in enumerate(text):
        depth += {"(": 1, ")": -1}.get(character, 0)
        if depth == 0:
            return index
    return -1


def _is_now(item: PayloadField) -> bool:
    time = item.value.time
    return item.path[-1] == _CREATED_AT and time is not None and time.current


def _message(repeated: str) -> str:
    return (
        f"created_at is set to the current time in an identify that {repeated}, "
        "so every call moves the profile's signup date to now and breaks "
        "segments and campaigns that use it: send created_at once, at signup, "
        "or send the stored signup time"
    )
