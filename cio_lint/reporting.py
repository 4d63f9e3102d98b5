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
