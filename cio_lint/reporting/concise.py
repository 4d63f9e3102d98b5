"""The default format: one flake8-style line per finding."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from cio_lint.findings import Finding
from cio_lint.reporting.base import ReportContext, Reporter


def concise_line(finding: Finding, fixable: bool = False) -> str:
    """Return `path:line:col: CODE message`, with 1-based line and column.

    `fixable` adds `[*]` after the code, for a fix that `--fix` applies.
    """
    mark = " [*]" if fixable else ""
    return (
        f"{finding.path}:{finding.start.line}:{finding.start.column}: "
        f"{finding.code}{mark} {finding.message}"
    )


class ConciseReporter(Reporter):
    name = "concise"
    description = "one `path:line:col: CODE message` line per finding"

    def write(
        self, findings: Sequence[Finding], stream: TextIO, context: ReportContext
    ) -> None:
        policy = context.fix_policy
        for finding in findings:
            fixable = policy is not None and policy.applies(finding)
            stream.write(concise_line(finding, fixable) + "\n")
