"""The default format: one flake8-style line per finding."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from cio_lint.findings import Finding
from cio_lint.reporting.base import ReportContext, Reporter


def concise_line(finding: Finding) -> str:
    """Return `path:line:col: CODE message`, with 1-based line and column."""
    return (
        f"{finding.path}:{finding.start.line}:{finding.start.column}: "
        f"{finding.code} {finding.message}"
    )


class ConciseReporter(Reporter):
    name = "concise"
    description = "one `path:line:col: CODE message` line per finding"

    def write(
        self, findings: Sequence[Finding], stream: TextIO, context: ReportContext
    ) -> None:
        for finding in findings:
            stream.write(concise_line(finding) + "\n")
