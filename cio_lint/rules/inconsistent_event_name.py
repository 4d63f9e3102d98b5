"""CIO403 inconsistent-event-name: one event spelled two ways in the project."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping
from pathlib import Path

from cio_lint.findings import Violation
from cio_lint.model import FileModel
from cio_lint.rules.base import ProjectRule
from cio_lint.rules.event_names import EventName, event_names


class InconsistentEventName(ProjectRule):
    code = "CIO403"
    name = "inconsistent-event-name"
    summary = (
        "The same event name is spelled in different ways across the project "
        "(signed_up, SignedUp, signed-up)."
    )

    def check(self, model: FileModel) -> Iterator[Violation]:
        return iter(())

    def check_project(
        self, models: Mapping[Path, FileModel]
    ) -> Iterator[tuple[Path, Violation]]:
        groups: dict[tuple[bool, str], list[tuple[Path, EventName]]] = defaultdict(list)
        for path, model in sorted(models.items()):
            for event in event_names(model):
                key = re.sub(r"[^a-z0-9]", "", event.name.lower())
                if key:
                    groups[(event.is_pipelines, key)].append((path, event))

        for uses in groups.values():
            counts = Counter(event.name for _, event in uses)
            if len(counts) < 2:
                continue
            # The most used spelling is taken as the intended one; a tie goes to
            # the spelling met first in path order.
            usual = max(counts, key=lambda name: counts[name])
            example = next(event for _, event in uses if event.name == usual)
            for path, event in uses:
                if event.name == usual:
                    continue
                violation = event.violation(
                    f"Event name {event.name!r} is also spelled {usual!r} "
                    f"({counts[usual]} use{'s' if counts[usual] > 1 else ''}, "
                    f"{example.model.path} line {example.spelled_at.start.line}); "
                    "Customer.io treats them as two events, so campaigns and "
                    f"segments on one never see the other: use {usual!r}"
                )
                landing = Path(event.spelled_in) if event.spelled_in else path
                yield landing, violation
