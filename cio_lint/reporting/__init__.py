"""Output formats, chosen by name, and the closing summary line."""

from __future__ import annotations

from cio_lint.reporting.base import ReportContext, Reporter, SourceTexts
from cio_lint.reporting.output import OutputOptions, write_report
from cio_lint.reporting.registry import DEFAULT_FORMAT, OUTPUT_FORMATS, reporter_for

__all__ = [
    "DEFAULT_FORMAT",
    "OUTPUT_FORMATS",
    "OutputOptions",
    "ReportContext",
    "Reporter",
    "SourceTexts",
    "reporter_for",
    "summary",
    "write_report",
]


def summary(findings: int, unchecked: int) -> str:
    """Return the closing line for standard error."""
    if unchecked:
        files = "file" if unchecked == 1 else "files"
        checked = f"{unchecked} {files} could not be checked (see above)"
        if findings == 0:
            return f"No findings, but {checked}."
        return f"Found {_count(findings)}; {checked}."
    if findings == 0:
        return "All checks passed."
    return f"Found {_count(findings)}."


def _count(findings: int) -> str:
    return f"{findings} finding" if findings == 1 else f"{findings} findings"
