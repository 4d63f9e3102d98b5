"""Run the pipeline: discover, prefilter, analyse, link, check, filter, sort."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from cio_lint import languages, prefilter
from cio_lint.config import Settings
from cio_lint.discovery import SourceFile, discover
from cio_lint.findings import Finding
from cio_lint.model import FileModel
from cio_lint.project import AnalyzedFile, link
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

    analyzed: dict[Path, AnalyzedFile] = {}
    sources: dict[Path, SourceFile] = {}
    passed_over: list[SourceFile] = []
    for source in found.files:
        sources[source.resolved] = source
        result = _analyze(source, report, marker=prefilter.CUSTOMERIO_MARKERS)
        if result is None:
            passed_over.append(source)
        elif isinstance(result, AnalyzedFile):
            analyzed[source.resolved] = result

    # A file with no Customer.io marker may still call a client that another
    # file exports, so files that mention an exporting module are analysed too.
    importers = _importer_markers(analyzed.values())
    if importers is not None:
        for source in passed_over:
            result = _analyze(source, report, marker=importers)
            if isinstance(result, AnalyzedFile):
                analyzed[source.resolved] = result

    findings: set[Finding] = set()
    for path, model in link(analyzed).items():
        report.files_checked += 1
        findings.update(_check(sources[path], model, selection))
    # One dict literal sent by two calls gives the same finding twice.
    report.findings = sorted(findings, key=lambda finding: finding.sort_key)
    return report


def _importer_markers(files: Iterable[AnalyzedFile]) -> re.Pattern[bytes] | None:
    """Return a byte pattern naming every module that exports a client."""
    names = {
        module_name
        for analyzed in files
        if analyzed.model.exports
        for module_name in prefilter.module_names(analyzed.path)
    }
    if not names:
        return None
    return prefilter.any_of(sorted(names))


def _check(
    source: SourceFile, model: FileModel, selection: RuleSelection
) -> list[Finding]:
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


class _Failed:
    """The file was read but could not be analysed; a message was reported."""


_FAILED = _Failed()


def _analyze(
    source: SourceFile, report: LintReport, *, marker: re.Pattern[bytes]
) -> AnalyzedFile | _Failed | None:
    """Read, prefilter and parse one file.

    Returns None when the prefilter passes the file over, `_FAILED` when it
    could not be read, decoded or analysed (the report says why).
    """
    frontend = languages.frontend_for(source.path)
    if frontend is None:
        return _FAILED
    try:
        raw = source.resolved.read_bytes()
    except OSError as error:
        report.warnings.append(f"{source.path}: cannot read file: {error.strerror}")
        return _FAILED
    if marker.search(raw) is None:
        LOG.debug("%s: no Customer.io marker, skipped", source.path)
        return None
    try:
        text = frontend.decode(raw)
    except languages.DecodeError as error:
        report.warnings.append(f"{source.path}: cannot decode file: {error}")
        return _FAILED
    try:
        model = frontend.analyze(text, source.path)
    except RecursionError:
        report.warnings.append(
            f"{source.path}: too deeply nested to analyse, file not checked"
        )
        return _FAILED
    except languages.AnalysisError as error:
        report.warnings.append(f"{source.path}: {error}")
        return _FAILED
    except Exception as error:
        LOG.debug("analysis of %s failed", source.path, exc_info=True)
        report.errors.append(
            f"{source.path}: internal error while analysing: "
            f"{type(error).__name__}: {error}"
        )
        return _FAILED
    return AnalyzedFile(source.resolved, frontend, model)
