"""CIO106 created-at-reset: `created_at` set to now in a repeated identify."""

from __future__ import annotations

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
                if _is_now(item):
                    yield Violation.at(item.value.span, _message(repeated))


def _repeated_by(call: ApiCall) -> str | None:
    """Return why the call runs again and again, or None if nothing shows it."""
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
