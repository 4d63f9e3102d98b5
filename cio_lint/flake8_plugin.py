"""The flake8 plugin: `flake8 --select CIO` reports cio-lint's Python findings.

flake8 hands a plugin one file at a time, but cio-lint follows clients across
the files of a run. So the plugin lints the paths flake8 was given, once per
process and as `cio-lint PATHS` would, and reports each file's part of that run.
A file outside that run is linted alone, as `cio-lint --stdin-filename FILE -`
would: standard input, a file whose text differs from the file on disk, or a
file that cio-lint's excludes skip.

Positions and messages are cio-lint's. flake8 adds 1 to the 0-based column
that the plugin reports. cio-lint applies its own `# noqa` comments, which cover
every line of the statement, before flake8 applies its own to each line.
flake8 reports a file that Python cannot parse as E999 and does not run
plugins on it, so CIO001 appears only for files that Python parses and LibCST
does not.
"""

from __future__ import annotations

import argparse
import ast
import io
import logging
import tokenize
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import ClassVar

from msgspec import Struct

from cio_lint import __version__, languages
from cio_lint.config import load_settings
from cio_lint.engine import LintReport, find_files, lint_files
from cio_lint.findings import Finding
from cio_lint.rules import known_rules
from cio_lint.selection import RuleSelection
from cio_lint.stdin import lint_text
from cio_lint.threads import run_with_deep_stack

LOG = logging.getLogger(__name__)

STDIN_PATH = "-"

Result = tuple[int, int, str, type["CioLintChecker"]]


class _ProjectRun(Struct, frozen=True):
    """The findings of one cio-lint run over flake8's paths, by resolved file."""

    files: frozenset[Path]
    findings: dict[Path, list[Finding]]


_RUNS: dict[tuple[Path, tuple[str, ...]], _ProjectRun] = {}


def _log_problems(report: LintReport) -> None:
    for message in (*report.warnings, *report.errors):
        LOG.warning("cio-lint: %s", message)


def _project_run(paths: tuple[str, ...]) -> _ProjectRun:
    """Lint `paths` as `cio-lint PATHS` does, once per directory and paths."""
    key = (Path.cwd(), paths)
    cached = _RUNS.get(key)
    if cached is not None:
        return cached

    targets = [Path(path) for path in paths]
    settings = load_settings(targets, cwd=Path.cwd())
    selection = RuleSelection.build(settings, known_rules())
    found = find_files(targets, settings)
    report = run_with_deep_stack(lambda: lint_files(found, settings, selection))
    _log_problems(report)

    resolved = {str(source.path): source.resolved for source in found.files}
    by_file: dict[Path, list[Finding]] = {}
    for finding in report.findings:
        path = resolved.get(finding.path, Path(finding.path).resolve())
        by_file.setdefault(path, []).append(finding)
    run = _ProjectRun(frozenset(resolved.values()), by_file)
    _RUNS[key] = run
    return run


def _encode(text: str) -> bytes:
    """Encode text in the encoding its coding cookie names, UTF-8 by default."""
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(text.encode()).readline)
    except SyntaxError:
        encoding = "utf-8"
    try:
        return text.encode(encoding)
    except (LookupError, UnicodeEncodeError):
        return text.encode()


def _same_as_disk(path: Path, text: str) -> bool:
    """Tell whether `text` is the content of `path`, line endings aside."""
    frontend = languages.frontend_for(path)
    if frontend is None:
        return False
    try:
        on_disk = frontend.decode(path.read_bytes())
    except (OSError, languages.DecodeError):
        return False
    return on_disk.splitlines() == text.splitlines()


def _lint_alone(path: Path, text: str) -> list[Finding]:
    settings = load_settings([path], cwd=Path.cwd())
    selection = RuleSelection.build(settings, known_rules())
    content = _encode(text)
    report = run_with_deep_stack(lambda: lint_text(path, content, settings, selection))
    _log_problems(report)
    return report.findings


def findings_for(path: Path, text: str, paths: Sequence[str]) -> list[Finding]:
    """Return cio-lint's findings in the file `path` whose text is `text`.

    `paths` are the paths flake8 was given. Raises CioLintError for an invalid
    configuration.
    """
    project_paths = tuple(item for item in paths if item != STDIN_PATH)
    if project_paths and _same_as_disk(path, text):
        run = _project_run(project_paths)
        resolved = path.resolve()
        if resolved in run.files:
            return run.findings.get(resolved, [])
    return _lint_alone(path, text)


class CioLintChecker:
    """A flake8 tree plugin that reports cio-lint's findings, code prefix CIO."""

    name = "cio-lint"
    version = __version__

    paths: ClassVar[tuple[str, ...]] = (".",)
    """The paths flake8 was given, `.` when none."""

    def __init__(self, tree: ast.AST, filename: str, lines: Sequence[str]) -> None:
        # flake8 has already parsed `tree`, but cio-lint parses the text with
        # LibCST. Linting here rather than in run() lets flake8 turn an
        # invalid configuration into its one-paragraph plugin failure message.
        text = "".join(lines)
        self.findings = findings_for(Path(filename), text, self.paths)

    @classmethod
    def parse_options(cls, options: argparse.Namespace) -> None:
        """Keep the paths flake8 checks, which the project run lints together."""
        # NOTE: flake8's --disable-noqa does not reach cio-lint, so cio-lint
        # still drops the findings that its noqa comments cover.
        cls.paths = tuple(options.filenames or (".",))

    def run(self) -> Iterator[Result]:
        for finding in self.findings:
            message = f"{finding.code} {finding.message}"
            yield finding.start.line, finding.start.column - 1, message, type(self)
