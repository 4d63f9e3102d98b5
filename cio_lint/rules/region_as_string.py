"""CIO302 region-as-string: `region="eu"` where a Region object belongs."""

from __future__ import annotations

from collections.abc import Iterator

from cio_lint.binding import lookup
from cio_lint.credentials import describe
from cio_lint.edits import Applicability, Edit, Fix, ImportNeed
from cio_lint.findings import Violation
from cio_lint.model import ClientOrigin, FileModel, Value, ValueKind
from cio_lint.rules.base import Rule
from cio_lint.rules.credential_slots import constructor
from cio_lint.sdk import python
from cio_lint.sdk.credentials import REGION_SPELLING, settings_of

_RAISES = {
    python.TRACK_SDK: "raises CustomerIOException('invalid region provided')",
}
_THROWS = "throws Error('region must be one of Regions.US or Regions.EU')"


class RegionAsString(Rule):
    code = "CIO302"
    name = "region-as-string"
    summary = (
        'The region is given as a string such as "eu"; the SDK constructor '
        "accepts only its Region objects and throws."
    )

    def check(self, model: FileModel) -> Iterator[Violation]:
        for client in model.clients:
            settings = settings_of(client.sdk, client.class_name)
            if settings is None or settings.region is None:
                continue
            if client.origin is not ClientOrigin.CONSTRUCTED:
                continue
            value = lookup(client.arguments, settings.region)
            if value is None or value.kind not in (ValueKind.STRING, ValueKind.ENV_VAR):
                continue
            outcome = _RAISES.get(client.sdk, _THROWS)
            yield Violation.at(
                value.span,
                f"region is {_what(value)}, but {constructor(client)} accepts only "
                f"a Region object and {outcome}: pass "
                f"{_suggestion(client.sdk, value)}",
                fix=_fix(client.sdk, value),
            )


def _what(value: Value) -> str:
    if value.kind is ValueKind.ENV_VAR:
        return f"a string read from {describe(value)}"
    if isinstance(value.literal, str):
        return f"the string {value.literal!r}"
    return "a string"


def _suggestion(sdk: str, value: Value) -> str:
    name = _region_name(sdk, value)
    if name is not None:
        return name
    return (
        " or ".join(REGION_SPELLING.get(sdk, {}).values()) + ", chosen from the setting"
    )


def _region_name(sdk: str, value: Value) -> str | None:
    """Return the SDK's name for the region a string literal spells, if any."""
    text = value.literal.strip().upper() if isinstance(value.literal, str) else ""
    for region, name in REGION_SPELLING.get(sdk, {}).items():
        if text == region.value:
            return name
    return None


def _fix(sdk: str, value: Value) -> Fix | None:
    """Replace the string with the SDK's Region object and import it.

    Safe for a literal written in the call, because the constructor throws on
    every string. A string that comes through a variable gets no fix: the
    variable may be set per deployment, and in `{ region }` the use is also
    the key, which a replacement would rename. Nor does an environment
    variable.
    """
    name = _region_name(sdk, value)
    if name is None or value.kind is not ValueKind.STRING:
        return None
    if value.origin is not None or value.defined_in is not None:
        return None
    # NOTE: the imported name is not checked against other bindings in the
    # file, so a module that already binds `Regions` to something else breaks.
    need = ImportNeed(sdk, name.split(".")[0])
    return Fix(
        Applicability.SAFE, f"Use {name}", (Edit.replacing(value.span, name),), (need,)
    )
