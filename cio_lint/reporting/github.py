"""GitHub Actions workflow commands, which show findings as annotations.

Each finding becomes one `::error` command with the file, the 1-based start and
end line and column, and a title. Values are escaped as the `@actions/core`
toolkit escapes them: `%`, CR and LF in the message; also `:` and `,` in the
properties.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from cio_lint.findings import Finding
from cio_lint.reporting.base import ReportContext, Reporter, doc_for
from cio_lint.reporting.concise import concise_line


def escape_data(value: str) -> str:
    """Escape the message part of a workflow command."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """Escape a `key=value` property of a workflow command."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


# GitHub's workflow commands for cio-lint's severities.
_COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def annotation(finding: Finding) -> str:
    """Return the `::error` (or `::warning`, `::notice`) command for one finding."""
    properties = {
        "title": f"cio-lint ({finding.code})",
        "file": finding.path,
        "line": str(finding.start.line),
        "col": str(finding.start.column),
        "endLine": str(finding.end.line),
        "endColumn": str(finding.end.column),
    }
    joined = ",".join(
        f"{key}={escape_property(value)}" for key, value in properties.items()
    )
    # The message repeats the location, so the raw log stays readable where
    # GitHub cannot place the annotation (a path outside the checkout).
    command = _COMMANDS[doc_for(finding.code).severity]
    return f"::{command} {joined}::{escape_data(concise_line(finding))}"


class GithubReporter(Reporter):
    name = "github"
    description = "GitHub Actions `::error` annotations"

    def write(
        self, findings: Sequence[Finding], stream: TextIO, context: ReportContext
    ) -> None:
        for finding in findings:
            stream.write(annotation(finding) + "\n")
