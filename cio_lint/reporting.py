"""Write findings in the flake8-style concise format."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from cio_lint.findings import Finding


def write_concise(findings: Sequence[Finding], stream: TextIO) -> None:
    """Write one `path:line:col: CODE message` line per finding."""
    for finding in findings:
        stream.write(
            f"{finding.path}:{finding.start.line}:{finding.start.column}: "
            f"{finding.code} {finding.message}\n"
        )


def summary(count: int) -> str:
    if count == 0:
        return "All checks passed."
    noun = "finding" if count == 1 else "findings"
    return f"Found {count} {noun}."
