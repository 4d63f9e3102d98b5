"""The actions of `cio-lint` once its options are read: lint, fix, or show.

The command imports this module only when it cannot replay an earlier run (see
`replay`), because it loads the rules, the engine and the output formats.
"""

from __future__ import annotations

import io
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import click

from cio_lint import languages, parallel
from cio_lint.cache import Cache, cache_directory
from cio_lint.config import Settings
from cio_lint.engine import LintReport, find_files, lint_paths
from cio_lint.errors import CioLintError
from cio_lint.exits import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, fail
from cio_lint.findings import Finding
from cio_lint.fixing.policy import FixPolicy
from cio_lint.invocation import Invocation
from cio_lint.replay import Outcome, Replay
from cio_lint.reporting import OutputOptions, summary, write_report
from cio_lint.rules import known_rules
from cio_lint.selection import RuleSelection
from cio_lint.settings_view import render_settings
from cio_lint.stdin import lint_text
from cio_lint.threads import run_with_deep_stack

if TYPE_CHECKING:
    # Imported where a run fixes: a lint run does not load the fixing code.
    from cio_lint.fixing.command import FixMode, FixRequest

LOG = logging.getLogger(__name__)


def run(run: Invocation, settings: Settings, replay: Replay | None) -> int:
    """Do what the options ask; return the exit code.

    With `replay`, the output of a plain lint run is also kept for the next
    identical run.
    """
    selection = _selection(settings)
    if run.show_settings:
        start = _manifest_directory(run.targets[0])
        click.echo(render_settings(settings, selection, start), nl=False)
        return EXIT_CLEAN
    if run.show_files:
        return _show_files(run.targets, settings)

    policy = FixPolicy.build(settings, known_rules(), unsafe=run.unsafe_fixes)
    options = OutputOptions(
        output_format=run.output_format,
        output_file=run.output_file,
        color=run.color,
        statistics=run.statistics,
        enabled=tuple(sorted(selection.enabled)),
        fix_policy=policy,
    )
    cache = None
    if not run.no_cache and run.stdin_name is None:
        cache = Cache.for_settings(cache_directory(settings, run.cache_dir), settings)
    jobs = run.jobs or parallel.cpu_count()
    if run.fix or run.fix_only or run.diff:
        from cio_lint.fixing.command import FixMode, FixRequest

        mode = FixMode(
            run.diff,
            run.fix_only,
            run.show_fixes,
            run.exit_non_zero_on_fix,
            run.exit_zero,
        )
        request = FixRequest(run.targets, run.stdin_name, jobs, cache)
        return _run_fixes(request, settings, selection, policy, options, mode)
    if run.stdin_name is not None:
        report = _lint_stdin(run.stdin_name, settings, selection, options)
    else:
        report = run_with_deep_stack(
            lambda: lint_paths(run.targets, settings, selection, jobs=jobs, cache=cache)
        )
        if replay is not None:
            return _write_and_keep(report, options, run, replay)
        _write(report, options)
    if run.show_fixes:
        _show_fixes(report.findings, policy, applied=False)
    return _finish(report, exit_zero=run.exit_zero)


def _write_and_keep(
    report: LintReport, options: OutputOptions, run: Invocation, replay: Replay
) -> int:
    """Write the findings and the summary, and keep them for the next run."""
    stdout, stderr = io.StringIO(), io.StringIO()
    _write(report, options, stream=stdout)
    exit_code = _finish(report, exit_zero=run.exit_zero, stream=stderr)
    outcome = Outcome(stdout.getvalue(), stderr.getvalue(), exit_code)
    outcome.write()
    if report.reads_clock:
        LOG.debug("a finding depends on today's date, so this run is not kept")
    elif not report.errors:
        replay.keep(report.directories, run.targets, outcome)
    return exit_code


def _finish(
    report: LintReport, *, exit_zero: bool, stream: TextIO | None = None
) -> int:
    """Write the warnings and the summary to standard error; return the exit code.

    `stream` replaces standard error.
    """
    _write_problems(report, stream)
    unchecked = len(report.warnings) + len(report.errors)
    click.echo(summary(len(report.findings), unchecked), file=stream, err=True)
    if report.errors:
        return EXIT_ERROR
    if report.findings and not exit_zero:
        return EXIT_FINDINGS
    return EXIT_CLEAN


def _write_problems(report: LintReport, stream: TextIO | None = None) -> None:
    for warning in report.warnings:
        click.echo(f"cio-lint: warning: {warning}", file=stream, err=True)
    for error_message in report.errors:
        click.echo(f"cio-lint: error: {error_message}", file=stream, err=True)


def _run_fixes(
    request: FixRequest,
    settings: Settings,
    selection: RuleSelection,
    policy: FixPolicy,
    options: OutputOptions,
    mode: FixMode,
) -> int:
    """Fix files or standard input, write or print the result; return the exit code."""
    from cio_lint.fixing.command import (
        fixed_input,
        run_fix_request,
        unified_diff,
        write_changes,
    )

    name = request.stdin_name
    content = sys.stdin.buffer.read() if name is not None else b""
    try:
        run = run_with_deep_stack(
            lambda: run_fix_request(request, settings, selection, policy, content)
        )
    except CioLintError as error:
        fail(str(error))
    stdin = (name, content) if name is not None else None
    report = run.report
    if mode.diff:
        sys.stdout.write(unified_diff(run))
    elif stdin is not None:
        sys.stdout.buffer.write(fixed_input(run, content))
    else:
        report.errors.extend(write_changes(run))
    sys.stdout.flush()
    if not mode.diff and not mode.only:
        _write(report, options, stdin=stdin, to_stderr=stdin is not None)
    if mode.show_fixes:
        _show_fixes(run.applied, policy, applied=True)
    return _finish_fixes(report, len(run.applied), mode)


def _show_fixes(findings: list[Finding], policy: FixPolicy, *, applied: bool) -> None:
    from cio_lint.fixing.command import fix_list

    for line in fix_list(findings, policy, applied=applied):
        click.echo(line, err=True)


def _finish_fixes(report: LintReport, fixed: int, mode: FixMode) -> int:
    """Write problems and the fix summary; return the exit code of a fix run."""
    from cio_lint.fixing.command import fix_summary

    _write_problems(report)
    remaining = 0 if mode.only else len(report.findings)
    click.echo(fix_summary(fixed, remaining, diff=mode.diff), err=True)
    if report.errors:
        return EXIT_ERROR
    if mode.diff:
        return EXIT_FINDINGS if fixed else EXIT_CLEAN
    if remaining and not mode.exit_zero:
        return EXIT_FINDINGS
    if fixed and mode.exit_on_fix:
        return EXIT_FINDINGS
    return EXIT_CLEAN


def _selection(settings: Settings) -> RuleSelection:
    try:
        return RuleSelection.build(settings, known_rules())
    except CioLintError as error:
        fail(str(error))


def _manifest_directory(target: Path) -> Path:
    """Return the directory whose manifests `--show-settings` reports."""
    resolved = target.resolve()
    return resolved if resolved.is_dir() else resolved.parent


def _show_files(targets: list[Path], settings: Settings) -> int:
    try:
        found = find_files(targets, settings)
    except CioLintError as error:
        fail(str(error))
    for source in found.files:
        # The walk goes by extension; front-ends pass over some files (`.d.ts`).
        if languages.frontend_for(source.path) is not None:
            click.echo(str(source.path))
    for warning in found.warnings:
        click.echo(f"cio-lint: warning: {warning}", err=True)
    for missing in found.missing:
        click.echo(f"cio-lint: error: {missing}: no such file or directory", err=True)
    return EXIT_ERROR if found.missing else EXIT_CLEAN


def _lint_stdin(
    name: Path,
    settings: Settings,
    selection: RuleSelection,
    options: OutputOptions,
) -> LintReport:
    """Check standard input as `name` and write its findings."""
    content = sys.stdin.buffer.read()
    try:
        report = run_with_deep_stack(
            lambda: lint_text(name, content, settings, selection)
        )
    except CioLintError as error:
        fail(str(error))
    _write(report, options, stdin=(name, content))
    return report


def _write(
    report: LintReport,
    options: OutputOptions,
    *,
    stdin: tuple[Path, bytes] | None = None,
    to_stderr: bool = False,
    stream: TextIO | None = None,
) -> None:
    if stream is None:
        stream = sys.stderr if to_stderr else sys.stdout
    try:
        write_report(report.findings, options, default_stream=stream, stdin=stdin)
    except BrokenPipeError:
        raise
    except OSError as error:
        if options.output_file is None:
            raise
        fail(f"cannot write {options.output_file}: {error.strerror or error}")
