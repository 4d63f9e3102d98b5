"""CIO403 inconsistent-event-name: one event spelled two ways in the project."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping
from pathlib import Path

from cio_lint.config import Settings
from cio_lint.findings import Violation
from cio_lint.model import FileModel
from cio_lint.naming import EventNameStyle
from cio_lint.rules.base import ProjectRule, Rule
from cio_lint.rules.event_names import EventName, EventNameStyles, event_names


class InconsistentEventName(ProjectRule):
    code = "CIO403"
    name = "inconsistent-event-name"
    summary = (
        "The same event name is spelled in different ways across the project "
        "(signed_up, SignedUp, signed-up)."
    )

    def __init__(self, styles: EventNameStyles | None = None) -> None:
        self._styles = styles or EventNameStyles()

    def configured(self, settings: Settings) -> Rule:
        return InconsistentEventName(EventNameStyles.from_settings(settings))

    def check(self, model: FileModel) -> Iterator[Violation]:
        return iter(())

    def check_project(
        self, models: Mapping[Path, FileModel]
    ) -> Iterator[tuple[Path, Violation]]:
        groups: dict[tuple[bool, str], list[tuple[Path, EventName]]] = defaultdict(list)
        for path, model in sorted(models.items()):
            for event in event_names(model):
                key = "".join(char for char in event.name.lower() if char.isalnum())
                if key:
                    groups[(event.is_pipelines, key)].append((path, event))

        for (pipelines, _), uses in groups.items():
            # Surrounding whitespace is malformed-event-name's finding.
            counts = Counter(event.name.strip() for _, event in uses)
            if len(counts) < 2:
                continue
            style, key = self._styles.for_api(pipelines)
            usual = _usual_spelling(counts, style)
            # A spelling in the style wins over a more used one that breaks it,
            # so that the finding never lands on the spelling to keep.
            styled = None if style.matches(usual) else style.suggest(usual)
            if styled is not None and styled in counts:
                usual = styled
            example = next(event for _, event in uses if event.name.strip() == usual)
            advice = _advice(usual, style, key)
            for path, event in uses:
                if event.name.strip() == usual:
                    continue
                violation = event.violation(
                    f"Event name {event.name!r} is also spelled {usual!r} "
                    f"({counts[usual]} use{'s' if counts[usual] > 1 else ''}, "
                    f"{example.model.path} line {example.spelled_at.start.line}); "
                    "Customer.io treats them as two events, so campaigns and "
                    f"segments on one never see the other: {advice}"
                )
                landing = Path(event.spelled_in) if event.spelled_in else path
                yield landing, violation


def _advice(usual: str, style: EventNameStyle, key: str) -> str:
    """Return the advice on which spelling to use: the usual one, or its style form.

    When the usual spelling breaks the style too, the style's form is the one
    the style rule suggests, so both findings name the same spelling.
    """
    suggestion = None if style.matches(usual) else style.suggest(usual)
    if suggestion is None:
        return f"use {usual!r}"
    return f"use {suggestion!r} for all of them, the spelling {key} asks for"


def _usual_spelling(counts: Counter[str], style: EventNameStyle) -> str:
    """Return the most used spelling; a tie goes to one that follows the style.

    Among equals that all follow it, or all do not, the first met in path order
    wins.
    """
    most = max(counts.values())
    tied = [name for name, count in counts.items() if count == most]
    return next((name for name in tied if style.matches(name)), tied[0])
