"""A JSON array with every field of every finding."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, TextIO

from cio_lint.edits import Fix
from cio_lint.findings import Finding
from cio_lint.model import Position
from cio_lint.reporting.base import ReportContext, Reporter, doc_for


def _location(position: Position) -> dict[str, int]:
    return {"line": position.line, "column": position.column}


def _fix_record(fix: Fix | None) -> dict[str, Any] | None:
    if fix is None:
        return None
    return {
        "applicability": fix.applicability.value,
        "message": fix.title,
        "edits": [
            {
                "content": edit.replacement,
                "location": _location(edit.start),
                "end_location": _location(edit.end),
            }
            for edit in fix.edits
        ],
        "imports": [{"module": need.module, "name": need.name} for need in fix.imports],
    }


def finding_record(finding: Finding) -> dict[str, Any]:
    """Return the JSON object of one finding; lines and columns start at 1."""
    doc = doc_for(finding.code)
    return {
        "code": finding.code,
        "name": doc.name,
        "severity": doc.severity,
        "message": finding.message,
        "path": finding.path,
        "location": _location(finding.start),
        "end_location": _location(finding.end),
        "fix": _fix_record(finding.fix),
        "docs": doc.docs,
    }


class JsonReporter(Reporter):
    name = "json"
    description = "a JSON array of findings with every field"

    def write(
        self, findings: Sequence[Finding], stream: TextIO, context: ReportContext
    ) -> None:
        records = [finding_record(finding) for finding in findings]
        json.dump(records, stream, indent=2, ensure_ascii=False)
        stream.write("\n")
