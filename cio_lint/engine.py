"""Run the pipeline: discover, prefilter, analyse, link, check, filter, sort."""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Protocol

from msgspec import Struct, field
from msgspec.structs import replace

from cio_lint import languages, parallel, prefilter
from cio_lint.cache import Cache
from cio_lint.config import Settings
from cio_lint.discovery import Discovery, SourceFile, discover
from cio_lint.findings import Finding, Violation
from cio_lint.following import ANY_NAME, Following
from cio_lint.http_binding import starts_with_customerio_host
from cio_lint.manifests import VersionLookup
from cio_lint.model import FileModel
from cio_lint.project import AnalyzedFile, link, referenced_modules
from cio_lint.rules import ALL_RULES
from cio_lint.rules.base import ProjectRule, Rule
from cio_lint.selection import RuleSelection
from cio_lint.suppressions import is_suppressed

LOG = logging.getLogger(__name__)


class LintReport(Struct):
    """The outcome of one run: findings for stdout, problems for stderr.

    `warnings` name files that could not be checked. `errors` make the run fail
    with exit code 2, such as a path that does not exist or an internal error.
    """

    findings: list[Finding] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    files_checked: int = 0
    files_analysed: int = 0
    """Files parsed in this run; files whose model came from the cache are not."""

    files_from_cache: int = 0
    reads_clock: bool = False
    """Whether a rule compared a file with the current time (see `Rule.reads_clock`)."""
    directories: list[Path] = field(default_factory=list)
    """The directories the walk listed, those holding the files it found and
    those holding requirements files that manifests include."""


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
    paths: Sequence[Path],
    settings: Settings,
    selection: RuleSelection,
    *,
    jobs: int = 1,
    cache: Cache | None = None,
) -> LintReport:
    """Lint every source file under `paths` with the enabled rules."""
    found = find_files(paths, settings)
    return lint_files(found, settings, selection, jobs=jobs, cache=cache)


def lint_files(
    found: Discovery,
    settings: Settings,
    selection: RuleSelection,
    *,
    contents: Mapping[Path, bytes] | None = None,
    jobs: int = 1,
    cache: Cache | None = None,
) -> LintReport:
    """Lint the files of a walk with the enabled rules.

    `contents` maps resolved paths to bytes that are linted in place of the
    file on disk, such as standard input or an editor's buffer. Such a file
    need not exist. `jobs` worker processes parse the files; `cache`, when
    given, supplies the models of files analysed before and keeps new ones.
    """
    # A file reached through a link has its manifests beside its target.
    targets = dict.fromkeys(source.resolved.parent for source in found.files)
    directories = list(dict.fromkeys([*found.directories, *targets]))
    report = LintReport(warnings=list(found.warnings), directories=directories)
    report.errors.extend(f"{path}: no such file or directory" for path in found.missing)
    sources = {source.resolved: source for source in found.files}
    analyzer = _Analyzer(report, contents or {}, jobs, cache)
    analyzed = _analyze(found.files, sources, analyzer)
    LOG.debug(
        "%d files parsed, %d models read from the cache",
        report.files_analysed,
        report.files_from_cache,
    )

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
            report.reads_clock = report.reads_clock or any(
                rule.reads_clock(model) for model in models.values()
            )
    report.findings = checker.findings()

    # The rules read versions from requirements files that may include files
    # in folders the walk never listed, and a changed include must not replay.
    included = VersionLookup.from_settings(settings).included
    report.directories.extend(dict.fromkeys(path.parent for path in included))
    if cache is not None:
        cache.save_verdicts()
    return report


def _analyze(
    files: Sequence[SourceFile],
    sources: Mapping[Path, SourceFile],
    analyzer: _Analyzer,
) -> dict[Path, AnalyzedFile]:
    """Analyse the files that can reach Customer.io and the files they depend on."""
    analyzed, passed_over = analyzer.run(files, prefilter.CUSTOMERIO_MARKERS)

    # A file with no Customer.io marker may still call a client that another
    # file exports, so files that mention an exporting module are analysed too.
    # A wrapper may itself reach its client through an import, so each round
    # of importers may export wrappers that other files import in turn. A file
    # analysed before one of its imports was found to export may have left out
    # the code that uses it, so such a file is analysed again.
    # NOTE: each round reads the files it passed over again, about 25 ms for
    # the 1,800 files of the standard library (2 CPUs, Python 3.11). Keeping
    # their bytes instead would cost their whole size in memory.
    exporting = list(analyzed.values())
    for _ in range(MAX_IMPORT_ROUNDS):
        analyzer.following.update(_exports_by_module(analyzed.values()))
        again = [
            sources[path]
            for path, item in analyzed.items()
            if analyzer.following.needs_again(path, item.model)
        ]
        importers = _importer_markers(exporting)
        if not again and (importers is None or not passed_over):
            break
        newly = analyzer.run(again, _ANYTHING)[0]
        if importers is not None and passed_over:
            importing, passed_over = analyzer.run(passed_over, importers)
            newly.update(importing)
        analyzed.update(newly)
        exporting = list(newly.values())

    # Event names and times often come from constants in files that never
    # mention Customer.io, such as an enum of event names.
    referenced = _referenced_files(analyzed, sources) - analyzed.keys()
    if referenced:
        chosen = [source for source in files if source.resolved in referenced]
        analyzed.update(analyzer.run(chosen, _ANYTHING)[0])
    return analyzed


_ANYTHING = re.compile(rb"")
# Larger files are not parsed, because they are generated or minified bundles.
# A 3 MB bundle took 15 s and 700 MB of memory to analyse (measured on 2 CPUs
# with Python 3.11). Memory grows with size, so a 10 MB bundle would exceed a
# worker's 2 GiB cap (an estimate).
MAX_FILE_BYTES = 1_000_000
# Less source than this is analysed in this process: starting workers and
# sending their models back costs more than it saves.
# NOTE: an estimate. LibCST parses about 1 MB of Python a second on one core
# (the standard library, Python 3.11) and two workers take a few tens of
# milliseconds to start.
POOL_BYTES = 64_000
# Files reached through this many imports of clients and wrappers are analysed.
MAX_IMPORT_ROUNDS = 4


def _referenced_files(
    analyzed: Mapping[Path, AnalyzedFile], sources: Mapping[Path, SourceFile]
) -> set[Path]:
    """Return the linted files whose constants analysed files send."""
    targets = set()
    for path, item in analyzed.items():
        for specifier in referenced_modules(item, analyzed):
            target = item.frontend.resolve_import(path, specifier, sources.keys())
            if target is not None:
                targets.add(target)
    return targets


class _Marker(Protocol):
    def search(self, raw: bytes, /) -> object: ...


def _importer_markers(files: Iterable[AnalyzedFile]) -> _Marker | None:
    """Return a marker for files that may import a client or wrapper from another."""
    by_module = _exports_by_module(files)
    if not by_module:
        return None
    exports = {name for names in by_module.values() for name in names}
    return prefilter.ImportMarker(
        by_module.keys(), None if ANY_NAME in exports else exports
    )


def _exports_by_module(files: Iterable[AnalyzedFile]) -> dict[str, set[str]]:
    """Return the exported names of the files that export some, by module name.

    The module names are those under which other files import the files.
    """
    by_module: dict[str, set[str]] = {}
    for analyzed in files:
        names = _exported_names(analyzed.model)
        if names:
            for module in prefilter.module_names(analyzed.path):
                by_module.setdefault(module, set()).update(names)
    return by_module


def _exported_names(model: FileModel) -> set[str]:
    """Return the names other files import to reach a client or a wrapper.

    A constant that contains a Customer.io URL counts too, and so does an HTTP
    client object: a file that imports one may send plain HTTP requests with
    it.
    """
    names = {item.name for item in model.exports}
    names.update(item.name for item in model.http_clients)
    names.update(wrapper.name.split(".")[0] for wrapper in model.wrappers)
    names.update(
        item.name.split(".")[0]
        for item in model.constants
        if isinstance(item.value.literal, str)
        and starts_with_customerio_host(item.value.literal)
    )
    # `make_client()` names what calling the function returns.
    return {name.removesuffix("()") for name in names}


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
                if violation.path is None:
                    violation = self._name_wrapper(model, violation)
                self._add(
                    rule.code,
                    Path(violation.path) if violation.path else path,
                    violation,
                )
        if isinstance(rule, ProjectRule):
            for path, violation in rule.check_project(self._models):
                self._add(rule.code, path, violation)

    def _name_wrapper(self, model: FileModel, violation: Violation) -> Violation:
        """Say which wrapper a value at a wrapper's call site goes through."""
        for call in model.calls:
            use = call.wrapper
            if use is None or not call.span.contains(violation.start):
                continue
            source = self._sources.get(Path(use.path))
            where = f"{source.path if source else use.path} line {use.line}"
            message = (
                f"{violation.message} (sent through the wrapper {use.callee}(), "
                f"{where})"
            )
            return replace(violation, message=message)
        return violation

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
            str(source.path),
            violation.start,
            violation.end,
            code,
            violation.message,
            violation.fix,
        )
        key = finding.sort_key
        # Two calls sending one dict or constant give one finding per place;
        # the message that sorts first is kept, so output is stable.
        known = self._found.get(key)
        if known is None or finding.message < known.message:
            self._found[key] = finding

    def findings(self) -> list[Finding]:
        return sorted(self._found.values(), key=lambda finding: finding.sort_key)


class _Task(Struct, frozen=True):
    """A file to analyse in a worker: its path as shown, and its bytes."""

    path: Path
    raw: bytes
    follow: frozenset[str] = frozenset()


class _Outcome(Struct, frozen=True):
    """The result of analysing one file: a model, or the reason there is none."""

    model: FileModel | None = None
    warning: str | None = None
    error: str | None = None
    cached: bool = False


class _Analyzer:
    """Read, prefilter and analyse files, through the cache and the pool."""

    def __init__(
        self,
        report: LintReport,
        contents: Mapping[Path, bytes],
        jobs: int,
        cache: Cache | None,
    ) -> None:
        self._report = report
        self._contents = contents
        self._jobs = jobs
        self._cache = cache
        self.following = Following()
        """The exporting modules each file's analysis follows."""

    def run(
        self, sources: Sequence[SourceFile], marker: _Marker
    ) -> tuple[dict[Path, AnalyzedFile], list[SourceFile]]:
        """Analyse the files `marker` matches; return them and the files passed over.

        Models, warnings and errors are taken in the order of `sources`.
        """
        outcomes: dict[Path, _Outcome] = {}
        tasks: list[_Task] = []
        waiting: list[tuple[SourceFile, str | None]] = []
        passed_over: list[SourceFile] = []
        for source in sources:
            if languages.frontend_for(source.path) is None:
                continue
            stat = self._stat(source)
            marker_key = getattr(marker, "key", None)
            if stat is not None and marker_key is not None and self._cache:
                if self._cache.verdict(source.resolved, stat, marker_key) is False:
                    LOG.debug("%s: unchanged since the last run, not read", source.path)
                    passed_over.append(source)
                    continue
            try:
                raw = self._read(source)
            except OSError as error:
                outcomes[source.resolved] = _Outcome(
                    warning=f"{source.path}: cannot read file: {error.strerror}"
                )
                continue
            matched = marker.search(raw) is not None
            if stat is not None and marker_key is not None and self._cache:
                self._cache.remember(source.resolved, stat, marker_key, matched)
            if not matched:
                LOG.debug("%s: %s", source.path, getattr(marker, "miss", "no match"))
                passed_over.append(source)
                continue
            if len(raw) > MAX_FILE_BYTES:
                outcomes[source.resolved] = _Outcome(warning=_too_large(source, raw))
                continue
            follow = self.following.modules_for(source.resolved, raw)
            if not self.following.record(source.resolved, follow):
                LOG.debug(
                    "%s: analysed already, following the same modules", source.path
                )
                continue
            key = self._cache.key(source.resolved, raw, follow) if self._cache else None
            model = self._cache.load(key) if self._cache and key else None
            if model is not None:
                LOG.debug("%s: model read from the cache", source.path)
                outcomes[source.resolved] = _Outcome(model, cached=True)
                continue
            tasks.append(_Task(source.path, raw, follow))
            waiting.append((source, key))

        jobs = self._jobs if sum(len(task.raw) for task in tasks) >= POOL_BYTES else 1
        if jobs > 1 and len(tasks) > 1:
            # Forked workers inherit the parsers instead of each importing them.
            for frontend in {languages.frontend_for(task.path) for task in tasks}:
                if frontend is not None:
                    frontend.load()
        if tasks:
            parallel.collect_less()
        results = parallel.run_all(
            _analyze_task, tasks, jobs, _crashed, cost=lambda task: len(task.raw)
        )
        for (source, key), outcome in zip(waiting, results, strict=True):
            if self._cache is not None and key and outcome.model is not None:
                self._cache.store(key, outcome.model)
            outcomes[source.resolved] = outcome
        return self._collect(sources, outcomes), passed_over

    def _stat(self, source: SourceFile) -> os.stat_result | None:
        """Return the file's status for the verdict cache, or None not to use it."""
        if self._cache is None or source.resolved in self._contents:
            return None
        try:
            return os.stat(source.resolved)
        except OSError:
            return None

    def _read(self, source: SourceFile) -> bytes:
        raw = self._contents.get(source.resolved)
        return source.resolved.read_bytes() if raw is None else raw

    def _collect(
        self, sources: Sequence[SourceFile], outcomes: Mapping[Path, _Outcome]
    ) -> dict[Path, AnalyzedFile]:
        analyzed: dict[Path, AnalyzedFile] = {}
        for source in sources:
            outcome = outcomes.get(source.resolved)
            if outcome is None:
                continue
            if outcome.warning is not None:
                self._report.warnings.append(outcome.warning)
            if outcome.error is not None:
                self._report.errors.append(outcome.error)
            if outcome.model is None:
                continue
            if outcome.cached:
                self._report.files_from_cache += 1
            else:
                LOG.debug("%s: parsed", source.path)
                self._report.files_analysed += 1
            frontend = languages.frontend_for(source.path)
            assert frontend is not None  # files without one were skipped
            analyzed[source.resolved] = AnalyzedFile(
                source.resolved, frontend, outcome.model
            )
        return analyzed


def _too_large(source: SourceFile, raw: bytes) -> str:
    return (
        f"{source.path}: {len(raw):,} bytes, larger than the {MAX_FILE_BYTES:,}-byte "
        "limit (a generated or minified file?), file not checked"
    )


def _crashed(task: _Task) -> _Outcome:
    return _Outcome(
        warning=f"{task.path}: the process analysing it stopped (out of memory "
        "or a crash in the parser), file not checked"
    )


def _analyze_task(task: _Task) -> _Outcome:
    """Decode and parse one file; runs in a worker process or in this one."""
    path = task.path
    frontend = languages.frontend_for(path)
    if frontend is None:
        return _Outcome()
    try:
        text = frontend.decode(task.raw)
    except languages.DecodeError as error:
        return _Outcome(warning=f"{path}: cannot decode file: {error}")
    try:
        model = frontend.analyze(text, path, task.follow)
    except RecursionError:
        return _Outcome(
            warning=f"{path}: too deeply nested to analyse, file not checked"
        )
    except MemoryError:
        return _Outcome(
            warning=f"{path}: needs more memory than a worker may use, file not checked"
        )
    except languages.AnalysisError as error:
        return _Outcome(warning=f"{path}: {error}")
    except Exception as error:
        LOG.debug("analysis of %s failed", path, exc_info=True)
        return _Outcome(
            error=f"{path}: internal error while analysing: "
            f"{type(error).__name__}: {error}"
        )
    return _Outcome(model)
