"""SARIF 2.1.0, the format that GitHub code scanning and other tools import.

The log has one run. Its driver lists every rule that ran, with the rule's page
as help text, and each result points at its rule by id and index. Columns count
Unicode code points (`columnKind`), as cio-lint's columns do; SARIF's default
would be UTF-16 code units. Relative paths are relative to `%SRCROOT%`, the
directory the run started in.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path, PurePath
from typing import Any, TextIO
from urllib.parse import quote

from cio_lint import __version__
from cio_lint.edits import Applicability
from cio_lint.errors import UsageError
from cio_lint.findings import Finding
from cio_lint.reporting.base import ReportContext, Reporter, doc_for

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"
    "sarif-schema-2.1.0.json"
)
SOURCE_ROOT = "%SRCROOT%"
# SARIF's levels for cio-lint's severities.
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def artifact_location(path: str) -> dict[str, str]:
    """Return the SARIF location of a displayed path.

    A relative path inside the base directory stays relative to `%SRCROOT%`;
    any other path becomes an absolute `file:` URI.
    """
    pure = PurePath(path)
    if pure.is_absolute():
        return {"uri": Path(path).as_uri()}
    if ".." in pure.parts:
        return {"uri": Path(path).resolve().as_uri()}
    return {"uri": quote(pure.as_posix()), "uriBaseId": SOURCE_ROOT}


def rule_descriptor(code: str) -> dict[str, Any]:
    """Return the SARIF `reportingDescriptor` of a rule, with its page as help."""
    doc = doc_for(code)
    descriptor: dict[str, Any] = {"id": code}
    if doc.name:
        descriptor["name"] = doc.name
    if doc.summary:
        descriptor["shortDescription"] = {"text": doc.summary}
    try:
        page = doc.page()
    except UsageError:
        page = None
    if page is not None:
        descriptor["help"] = {"text": page, "markdown": page}
    descriptor["defaultConfiguration"] = {"level": LEVELS[doc.severity]}
    return descriptor


def _result(finding: Finding, rule_index: int) -> dict[str, Any]:
    region = {
        "startLine": finding.start.line,
        "startColumn": finding.start.column,
        "endLine": finding.end.line,
        "endColumn": finding.end.column,
    }
    location = {
        "physicalLocation": {
            "artifactLocation": artifact_location(finding.path),
            "region": region,
        }
    }
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": rule_index,
        "level": LEVELS[doc_for(finding.code).severity],
        "message": {"text": finding.message},
        "locations": [location],
    }
    fix = _fix(finding)
    if fix is not None:
        result["fixes"] = [fix]
    return result


def _fix(finding: Finding) -> dict[str, Any] | None:
    """Return the SARIF `fix` of a finding's safe or unsafe fix.

    A fix that adds an import has no SARIF form here, because the import's
    place is chosen only when the fix is applied, so it is left out.
    """
    fix = finding.fix
    if fix is None or fix.imports or fix.applicability is Applicability.DISPLAY:
        return None
    replacements = [
        {
            "deletedRegion": {
                "startLine": edit.start.line,
                "startColumn": edit.start.column,
                "endLine": edit.end.line,
                "endColumn": edit.end.column,
            },
            "insertedContent": {"text": edit.replacement},
        }
        for edit in fix.edits
    ]
    return {
        "description": {"text": f"{fix.title} ({fix.applicability.value})"},
        "artifactChanges": [
            {
                "artifactLocation": artifact_location(finding.path),
                "replacements": replacements,
            }
        ],
    }


def sarif_log(findings: Sequence[Finding], context: ReportContext) -> dict[str, Any]:
    """Build the SARIF log of one run."""
    codes = sorted({*context.enabled, *(finding.code for finding in findings)})
    index = {code: position for position, code in enumerate(codes)}
    driver = {
        "name": "cio-lint",
        "version": __version__,
        "semanticVersion": __version__,
        "rules": [rule_descriptor(code) for code in codes],
    }
    base_uri = context.base_directory.resolve().as_uri().rstrip("/") + "/"
    run = {
        "tool": {"driver": driver},
        "originalUriBaseIds": {SOURCE_ROOT: {"uri": base_uri}},
        "columnKind": "unicodeCodePoints",
        "results": [_result(finding, index[finding.code]) for finding in findings],
    }
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


class SarifReporter(Reporter):
    name = "sarif"
    description = "a SARIF 2.1.0 log, for GitHub code scanning"

    def write(
        self, findings: Sequence[Finding], stream: TextIO, context: ReportContext
    ) -> None:
        json.dump(sarif_log(findings, context), stream, indent=2, ensure_ascii=False)
        stream.write("\n")
