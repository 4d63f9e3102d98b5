"""CIO401 event-name-style: an event name that does not follow the configured style."""

from __future__ import annotations

from collections.abc import Iterator

from msgspec.structs import replace

from cio_lint.config import Settings
from cio_lint.edits import Applicability, Edit, Fix
from cio_lint.findings import Violation
from cio_lint.model import FileModel
from cio_lint.rules.base import Rule
from cio_lint.rules.event_names import EventName, EventNameStyles, event_names
from cio_lint.rules.malformed_event_name import SEMANTIC_EVENTS


class EventNameStyleRule(Rule):
    code = "CIO401"
    name = "event-name-style"
    summary = "An event name does not follow the project's event-name style."

    def __init__(self, styles: EventNameStyles | None = None) -> None:
        self._styles = styles or EventNameStyles()

    def configured(self, settings: Settings) -> Rule:
        return EventNameStyleRule(EventNameStyles.from_settings(settings))

    def check(self, model: FileModel) -> Iterator[Violation]:
        for event in event_names(model):
            style, key = self._styles.for_api(event.is_pipelines)
            # Surrounding whitespace is malformed-event-name's finding.
            name = event.name.strip()
            if not name or style.matches(name):
                continue
            if event.is_pipelines and name in SEMANTIC_EVENTS:
                continue
            wanted = style.label if style.is_named else f"the pattern '{style.label}'"
            suggestion = style.suggest(name)
            fix = f"rename it to {suggestion!r}" if suggestion else "rename it"
            violation = event.violation(
                f"Event name {event.name!r} does not follow {wanted} ({key}); "
                "campaign triggers and segments match the exact name, so code and "
                f"dashboard must spell it alike: {fix} in both"
            )
            if suggestion:
                violation = replace(violation, fix=_rename(event, suggestion))
            yield violation


def _rename(event: EventName, suggestion: str) -> Fix | None:
    """Rewrite the string literal that spells the name; unsafe by nature.

    The dashboard's campaign triggers and segments keep the old name until
    someone changes them too. The literal keeps its quote character when the
    model has its source, and uses double quotes otherwise.
    """
    if any(character in suggestion for character in "\\\"'`"):
        return None
    text = event.value.text if event.value.origin is None else ""
    quote = text[0] if text[:1] in ("'", '"', "`") and text[-1:] == text[:1] else '"'
    edit = Edit.replacing(event.spelled_at, f"{quote}{suggestion}{quote}")
    return Fix(Applicability.UNSAFE, f"Rename the event to {suggestion!r}", (edit,))
