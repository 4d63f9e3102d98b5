"""Run the pipeline: discover, prefilter, analyse, check, filter, sort."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from cio_lint import languages, prefilter
from cio_lint.config import Settings
from cio_lint.discovery import SourceFile, discover
from cio_lint.findings import Finding
from cio_lint.model import FileModel
from cio_lint.rules import ALL_RULES
from cio_lint.selection import RuleSelection
from cio_lint.suppressions import is_suppressed

LOG = logging.getLogger(__name__)


@dataclass
class LintReport:
    """Everything one run found: findings for stdout, problems for stderr.

    `warnings` are files that could not be checked; `errors` make the run fail
    with exit code 2 (a path that does not exist, an internal error).
    """

    findings: list[Finding] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    files_checked: int = 0


def lint_paths(
    paths: Sequence[Path], settings: Settings, selection: RuleSelection
) -> LintReport:
    """Lint every source file under `paths` with the enabled rules."""
    found = discover(
        paths,
        extensions=languages.supported_extensions(),
        root=settings.root,
        exclude=settings.exclude,
        extend_exclude=settings.extend_exclude,
        respect_gitignore=settings.respect_gitignore,
        force_exclude=settings.force_exclude,
    )
    report = LintReport(warnings=list(found.warnings))
    report.errors.extend(f"{path}: no such file or directory" for path in found.missing)

    for source in found.files:
        report.findings.extend(_lint_file(source, selection, report))
    report.findings.sort(key=lambda finding: finding.sort_key)
    return report


def _lint_file(
    source: SourceFile, selection: RuleSelection, report: LintReport
) -> list[Finding]:
    model = _analyze(source, report)
    if model is None:
        return []
    report.files_checked += 1
    display = str(source.path)
    findings = []
    for rule in ALL_RULES:
        if rule.code not in selection.enabled:
            continue
        if selection.is_ignored_for(rule.code, source.resolved):
            continue
        for violation in rule.check(model):
            if is_suppressed(rule.code, violation.start.line, model.suppressions):
                continue
            findings.append(
                Finding(
                    display,
                    violation.start,
                    violation.end,
                    rule.code,
                    violation.message,
                )
            )
    return findings


def _analyze(source: SourceFile, report: LintReport) -> FileModel | None:
    """Read, prefilter and parse one file; problems become report entries."""
    frontend = languages.frontend_for(source.path)
    if frontend is None:
        return None
    try:
        raw = source.resolved.read_bytes()
    except OSError as error:
        report.warnings.append(f"{source.path}: cannot read file: {error.strerror}")
        return None
    if not prefilter.may_use_customerio(raw):
        LOG.debug("%s: no Customer.io marker, skipped", source.path)
        return None
    try:
        text = frontend.decode(raw)
    except languages.DecodeError as error:
        report.warnings.append(f"{source.path}: cannot decode file: {error}")
        return None
    try:
        return frontend.analyze(text)
    except RecursionError:
        report.warnings.append(
            f"{source.path}: too deeply nested to analyse, file not checked"
        )
    except Exception as error:
        LOG.debug("analysis of %s failed", source.path, exc_info=True)
        report.errors.append(
            f"{source.path}: internal error while analysing: "
            f"{type(error).__name__}: {error}"
        )
    return None
