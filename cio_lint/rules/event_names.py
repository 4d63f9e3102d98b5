"""Helpers the event-name rules share: the names calls send, and where to report.

A name is reported where its string is spelled: at the call for a literal, at
the constant or enum member for a name defined elsewhere, in whatever file
that is.
"""

from __future__ import annotations

from collections.abc import Iterator

from msgspec import Struct, field

from cio_lint import naming
from cio_lint.config import Settings
from cio_lint.findings import Violation
from cio_lint.model import Api, ApiCall, FileModel, Span, Value, ValueKind
from cio_lint.naming import EventNameStyle


class EventName(Struct, frozen=True):
    """A literal event name and the call that sends it."""

    name: str
    value: Value
    call: ApiCall
    model: FileModel

    @property
    def is_pipelines(self) -> bool:
        return self.call.api is Api.PIPELINES

    @property
    def spelled_at(self) -> Span:
        return self.value.origin or self.value.span

    @property
    def spelled_in(self) -> str | None:
        """The resolved path of the file that spells the name, if not the call's."""
        return self.value.defined_in

    @property
    def sent_by(self) -> str:
        """Describe the call, with its file when the name is spelled elsewhere."""
        where = f"line {self.call.span.start.line}"
        if self.spelled_in is not None or self.value.origin is not None:
            if self.spelled_in is not None:
                where += f" of {self.model.path}"
            callee = self.call.wrapper.callee if self.call.wrapper else self.call.method
            return f", sent by {callee}() on {where}"
        return ""

    def violation(self, message: str) -> Violation:
        return Violation.at(self.spelled_at, message + self.sent_by, self.spelled_in)


def event_names(model: FileModel) -> Iterator[EventName]:
    """Yield each call's event name that is a known string."""
    for call in model.calls:
        value = call.event_name
        if value is None or value.kind is not ValueKind.STRING:
            continue
        if isinstance(value.literal, str):
            yield EventName(value.literal, value, call, model)


class EventNameStyles(Struct, frozen=True):
    """The configured styles of Track API and of Data Pipelines event names."""

    track: EventNameStyle = field(
        default_factory=lambda: naming.parse_style(naming.DEFAULT_STYLE)
    )
    pipelines: EventNameStyle = field(
        default_factory=lambda: naming.parse_style(naming.DEFAULT_PIPELINES_STYLE)
    )

    @classmethod
    def from_settings(cls, settings: Settings) -> EventNameStyles:
        return cls(
            naming.parse_style(settings.event_name_style),
            naming.parse_style(settings.pipelines_event_name_style),
        )

    def for_api(self, pipelines: bool) -> tuple[EventNameStyle, str]:
        """Return the style for Track or Pipelines names, and its config key."""
        if pipelines:
            return self.pipelines, "pipelines-event-name-style"
        return self.track, "event-name-style"
