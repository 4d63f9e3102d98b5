"""Send a run's findings to the chosen stream in the chosen format."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TextIO

from msgspec import Struct

from cio_lint import languages
from cio_lint.findings import Finding
from cio_lint.fixing.policy import FixPolicy
from cio_lint.reporting import statistics
from cio_lint.reporting.base import ReportContext, SourceTexts
from cio_lint.reporting.registry import reporter_for


class OutputOptions(Struct, frozen=True):
    """The command-line options that shape the findings output."""

    output_format: str
    output_file: Path | None = None
    color: bool | None = None
    """True or False when given, or None to colour only a terminal."""

    statistics: bool = False
    enabled: tuple[str, ...] = ()
    """Codes of the rules that ran."""

    fix_policy: FixPolicy | None = None
    """The fixes `--fix` applies, so that fixable findings can be marked."""


def wants_color(stream: TextIO, choice: bool | None) -> bool:
    """Colour when asked to, else on a terminal unless NO_COLOR is set."""
    if choice is not None:
        return choice
    if os.environ.get("NO_COLOR"):
        return False
    return stream.isatty()


@contextlib.contextmanager
def _open(output_file: Path | None, default: TextIO) -> Iterator[TextIO]:
    if output_file is None:
        yield default
        default.flush()
        return
    output_file.parent.mkdir(parents=True, exist_ok=True)
    with output_file.open("w", encoding="utf-8", newline="\n") as stream:
        yield stream


def _stdin_texts(stdin: tuple[Path, bytes] | None) -> SourceTexts:
    if stdin is None:
        return SourceTexts()
    name, content = stdin
    frontend = languages.frontend_for(name)
    try:
        text = None if frontend is None else frontend.decode(content)
    except languages.DecodeError:
        text = None
    return SourceTexts({str(name): text} if text is not None else {})


def write_report(
    findings: Sequence[Finding],
    options: OutputOptions,
    *,
    default_stream: TextIO,
    stdin: tuple[Path, bytes] | None = None,
) -> None:
    """Write findings, or their statistics, to the output file or `default_stream`.

    `stdin` is the name and content of standard input, for code frames. Raises
    OSError when the output file cannot be written.
    """
    with _open(options.output_file, default_stream) as stream:
        if options.statistics:
            rows = statistics.count_by_code(findings, options.fix_policy)
            if options.output_format == "json":
                statistics.write_json(rows, stream)
            else:
                statistics.write_text(rows, stream)
            return
        context = ReportContext(
            enabled=options.enabled,
            sources=_stdin_texts(stdin),
            color=wants_color(stream, options.color),
            base_directory=Path.cwd(),
            fix_policy=options.fix_policy,
        )
        reporter_for(options.output_format).write(findings, stream, context)
