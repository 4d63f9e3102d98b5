"""Run the pipeline: discover, prefilter, analyse, link, check, filter, sort."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from cio_lint import languages, prefilter
from cio_lint.config import Settings
from cio_lint.discovery import Discovery, SourceFile, discover
from cio_lint.findings import Finding, Violation
from cio_lint.model import FileModel
from cio_lint.project import AnalyzedFile, link, referenced_modules
from cio_lint.rules import ALL_RULES
from cio_lint.rules.base import ProjectRule, Rule
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


def find_files(paths: Sequence[Path], settings: Settings) -> Discovery:
    """Walk `paths` with the configured excludes and return the files to lint."""
    return discover(
        paths,
        extensions=languages.supported_extensions(),
        root=settings.root,
        exclude=settings.exclude,
        extend_exclude=settings.extend_exclude,
        respect_gitignore=settings.respect_gitignore,
        force_exclude=settings.force_exclude,
    )


def lint_paths(
    paths: Sequence[Path], settings: Settings, selection: RuleSelection
) -> LintReport:
    """Lint every source file under `paths` with the enabled rules."""
    return lint_files(find_files(paths, settings), settings, selection)


def lint_files(
    found: Discovery,
    settings: Settings,
    selection: RuleSelection,
    *,
    contents: Mapping[Path, bytes] | None = None,
) -> LintReport:
    """Lint the files of a walk with the enabled rules.

    `contents` maps resolved paths to bytes that are linted in place of the
    file on disk, such as standard input or an editor's buffer. Such a file
    need not exist.
    """
    contents = contents or {}
    report = LintReport(warnings=list(found.warnings))
    report.errors.extend(f"{path}: no such file or directory" for path in found.missing)

    analyzed: dict[Path, AnalyzedFile] = {}
    sources: dict[Path, SourceFile] = {}
    passed_over: list[SourceFile] = []
    for source in found.files:
        sources[source.resolved] = source
        result = _analyze(
            source, report, marker=prefilter.CUSTOMERIO_MARKERS, contents=contents
        )
        if result is None:
            passed_over.append(source)
        elif isinstance(result, AnalyzedFile):
            analyzed[source.resolved] = result

    # A file with no Customer.io marker may still call a client that another
    # file exports, so files that mention an exporting module are analysed too.
    importers = _importer_markers(analyzed.values())
    if importers is not None:
        for source in passed_over:
            result = _analyze(source, report, marker=importers, contents=contents)
            if isinstance(result, AnalyzedFile):
                analyzed[source.resolved] = result

    # Event names and times often come from constants in files that never
    # mention Customer.io, such as an enum of event names.
    for path in _referenced_files(analyzed, sources):
        if path not in analyzed:
            result = _analyze(
                sources[path], report, marker=_ANYTHING, contents=contents
            )
            if isinstance(result, AnalyzedFile):
                analyzed[path] = result

    models = {
        path: replace(model, path=str(sources[path].path))
        for path, model in link(analyzed).items()
    }
    report.files_checked = len(models)
    rules = [rule.configured(settings) for rule in ALL_RULES]
    checker = _Checker(sources, models, selection)
    for rule in rules:
        if rule.code in selection.enabled:
            checker.run(rule)
    report.findings = checker.findings()
    return report


_ANYTHING = re.compile(rb"")


def _referenced_files(
    analyzed: Mapping[Path, AnalyzedFile], sources: Mapping[Path, SourceFile]
) -> set[Path]:
    """Return the linted files whose constants analysed files send."""
    targets = set()
    for path, item in analyzed.items():
        for specifier in referenced_modules(item.model):
            target = item.frontend.resolve_import(path, specifier, sources.keys())
            if target is not None:
                targets.add(target)
    return targets


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


class _Checker:
    """Run rules over the linked models and collect their findings.

    A violation may land in another file than the one checked (a constant
    defined elsewhere); that file's suppressions and per-file ignores apply.
    """

    def __init__(
        self,
        sources: Mapping[Path, SourceFile],
        models: Mapping[Path, FileModel],
        selection: RuleSelection,
    ) -> None:
        self._sources = sources
        self._models = models
        self._selection = selection
        self._found: dict[tuple[str, int, int, str], Finding] = {}

    def run(self, rule: Rule) -> None:
        for path, model in self._models.items():
            for violation in rule.check(model):
                self._add(
                    rule.code,
                    Path(violation.path) if violation.path else path,
                    violation,
                )
        if isinstance(rule, ProjectRule):
            for path, violation in rule.check_project(self._models):
                self._add(rule.code, path, violation)

    def _add(self, code: str, path: Path, violation: Violation) -> None:
        source = self._sources.get(path)
        model = self._models.get(path)
        if source is None or model is None:
            return
        if self._selection.is_ignored_for(code, source.resolved):
            return
        if is_suppressed(code, violation.start.line, model.suppressions):
            return
        finding = Finding(
            str(source.path), violation.start, violation.end, code, violation.message
        )
        key = finding.sort_key
        # Two calls sending one dict or constant give one finding per place;
        # the message that sorts first is kept, so output is stable.
        known = self._found.get(key)
        if known is None or finding.message < known.message:
            self._found[key] = finding

    def findings(self) -> list[Finding]:
        return sorted(self._found.values(), key=lambda finding: finding.sort_key)


class _Failed:
    """The file was read but could not be analysed; a message was reported."""


_FAILED = _Failed()


def _analyze(
    source: SourceFile,
    report: LintReport,
    *,
    marker: re.Pattern[bytes],
    contents: Mapping[Path, bytes],
) -> AnalyzedFile | _Failed | None:
    """Read, prefilter and parse one file.

    Returns None when the prefilter passes the file over, `_FAILED` when it
    could not be read, decoded or analysed (the report says why).
    """
    frontend = languages.frontend_for(source.path)
    if frontend is None:
        return _FAILED
    try:
        raw = contents.get(source.resolved)
        if raw is None:
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
