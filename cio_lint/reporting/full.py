"""Each finding with a code frame: the lines around it and the span underlined.

The output is coloured only when the caller asks (a terminal, or `--color`).
Tabs are expanded to tab stops of 4 columns and wide characters count as two
cells, so the carets stay under the code they mark.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TextIO

from msgspec import Struct
from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from cio_lint.credentials import mask_key_like
from cio_lint.findings import Finding
from cio_lint.reporting.base import ReportContext, Reporter, doc_for

TAB_SIZE = 4
CONTEXT_LINES = 1
# A span over more lines than this shows its first and last lines only.
MAX_SPAN_LINES = 6
HEAD_LINES = 3
TAIL_LINES = 2


class _FrameLine(Struct, frozen=True):
    number: int | None
    """The 1-based line number, or None for the `...` of elided lines."""

    text: str
    underline: tuple[int, int] | None = None
    """Start and end cell of the carets under this line, if any."""


def _cells(text: str) -> int:
    return cell_len(text.expandtabs(TAB_SIZE))


def _underline(text: str, start: int, end: int) -> tuple[int, int]:
    """Return the cells under characters `start`..`end` (0-based, end excluded)."""
    first = _cells(text[:start])
    last = _cells(text[:end])
    return first, max(last, first + 1)


def _span_line(finding: Finding, number: int, text: str) -> _FrameLine:
    if number == finding.start.line:
        start = finding.start.column - 1
    else:
        start = len(text) - len(text.lstrip())
    end = finding.end.column - 1 if number == finding.end.line else len(text)
    return _FrameLine(number, text, _underline(text, start, max(start, end)))


def frame_lines(finding: Finding, context: ReportContext) -> list[_FrameLine]:
    """Return the lines of the code frame, or none if the file is unreadable."""
    start, end = finding.start.line, max(finding.end.line, finding.start.line)
    if context.sources.line(finding.path, start) is None:
        return []

    numbers = list(range(start, end + 1))
    elided = len(numbers) > MAX_SPAN_LINES
    if elided:
        numbers = numbers[:HEAD_LINES] + numbers[-TAIL_LINES:]

    lines: list[_FrameLine] = []
    for number in range(start - CONTEXT_LINES, start):
        text = context.sources.line(finding.path, number)
        if text is not None:
            lines.append(_FrameLine(number, text))
    for position, number in enumerate(numbers):
        if elided and position == HEAD_LINES:
            lines.append(_FrameLine(None, "..."))
        text = context.sources.line(finding.path, number) or ""
        lines.append(_span_line(finding, number, text))
    for number in range(end + 1, end + 1 + CONTEXT_LINES):
        text = context.sources.line(finding.path, number)
        if text is not None:
            lines.append(_FrameLine(number, text))
    return lines


def render(finding: Finding, context: ReportContext) -> Iterator[Text]:
    """Yield the styled lines of one finding."""
    yield Text.assemble(
        (f"{finding.path}:{finding.start.line}:{finding.start.column}:", "bold"),
        " ",
        (finding.code, "bold red"),
        " ",
        finding.message,
    )
    lines = frame_lines(finding, context)
    width = max((len(str(line.number or "")) for line in lines), default=1)
    gutter = " " * width + " |"
    if lines:
        yield Text(gutter, style="blue")
        last_underlined = max(
            index for index, line in enumerate(lines) if line.underline is not None
        )
        for index, line in enumerate(lines):
            number = "" if line.number is None else str(line.number)
            code = line.text.expandtabs(TAB_SIZE)
            yield Text.assemble(
                (f"{number:>{width}} |", "blue"), f" {code}" if code else ""
            )
            if line.underline is not None:
                first, last = line.underline
                label = f" {finding.code}" if index == last_underlined else ""
                yield Text.assemble(
                    (gutter, "blue"),
                    " " + " " * first,
                    ("^" * (last - first) + label, "bold red"),
                )
        yield Text(gutter, style="blue")
    if finding.fix is not None:
        # The title names the change, never the source it replaces, and is
        # masked like the code frame in case a rule puts a value in it.
        title = mask_key_like(finding.fix.title)
        applicability = finding.fix.applicability.value
        yield Text.assemble(
            (" " * width + " = fix: ", "blue"), f"{title} ({applicability})"
        )
    yield Text.assemble((" " * width + " = docs: ", "blue"), doc_for(finding.code).docs)
    yield Text("")


class FullReporter(Reporter):
    name = "full"
    description = "each finding with a code frame of the lines around it"

    def write(
        self, findings: Sequence[Finding], stream: TextIO, context: ReportContext
    ) -> None:
        console = Console(
            file=stream,
            force_terminal=context.color,
            no_color=not context.color,
            color_system="standard" if context.color else None,
            highlight=False,
            markup=False,
            emoji=False,
            soft_wrap=True,
            width=10_000,
        )
        for finding in findings:
            for line in render(finding, context):
                console.print(line)
