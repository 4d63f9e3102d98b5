"""The fix modes of the command line: `--fix`, `--fix-only` and `--diff`."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from pathlib import Path

from msgspec import Struct

from cio_lint import languages
from cio_lint.cache import Cache
from cio_lint.config import Settings
from cio_lint.credentials import mask_key_like
from cio_lint.engine import find_files
from cio_lint.findings import Finding
from cio_lint.fixing.policy import FixPolicy
from cio_lint.fixing.runner import ChangedFile, FixRun, fix_files
from cio_lint.fixing.source_bytes import write_atomically
from cio_lint.selection import RuleSelection
from cio_lint.stdin import stdin_discovery


class FixMode(Struct, frozen=True):
    """The reporting options of a fix run: diff, fix only, fix list, exit codes."""

    diff: bool
    only: bool
    show_fixes: bool
    exit_on_fix: bool
    exit_zero: bool


class FixRequest(Struct, frozen=True):
    """The input of a fix run: paths, or standard input as a file name."""

    targets: Sequence[Path]
    stdin_name: Path | None
    jobs: int
    cache: Cache | None


def fix_paths(
    targets: Sequence[Path],
    settings: Settings,
    selection: RuleSelection,
    policy: FixPolicy,
    *,
    jobs: int,
    cache: Cache | None,
) -> FixRun:
    """Fix the files under `targets` in memory; nothing is written yet."""
    found = find_files(targets, settings)
    return fix_files(found, settings, selection, policy, jobs=jobs, cache=cache)


def fix_stdin(
    name: Path,
    content: bytes,
    settings: Settings,
    selection: RuleSelection,
    policy: FixPolicy,
) -> FixRun:
    """Fix standard input as the file `name`; raises UsageError for a directory."""
    found = stdin_discovery(name, settings)
    return fix_files(
        found, settings, selection, policy, contents={name.resolve(): content}
    )


def write_changes(run: FixRun) -> list[str]:
    """Write every changed file atomically; return an error line per failure.

    The fixes of a file that cannot be written leave `run.applied`, so that
    they are not counted as fixed.
    """
    errors = []
    for resolved, changed in sorted(run.changed.items()):
        try:
            write_atomically(resolved, changed.after)
        except OSError as error:
            reason = error.strerror or str(error)
            errors.append(f"{changed.path}: cannot write the fixed file: {reason}")
            # TODO: the unwritten file's findings are not counted as remaining
            # either, because the report describes its fixed text.
            unwritten = str(changed.path)
            run.applied = [item for item in run.applied if item.path != unwritten]
    return errors


def unified_diff(run: FixRun) -> str:
    """Return a unified diff of every changed file, with key-like text masked.

    Masking keeps secrets out of the output, so a diff line that shows one
    does not apply with `patch`.
    """
    parts = []
    for changed in sorted(run.changed.values(), key=lambda item: str(item.path)):
        before, after = _texts(changed)
        lines = difflib.unified_diff(
            before.splitlines(keepends=True),
            after.splitlines(keepends=True),
            fromfile=str(changed.path),
            tofile=str(changed.path),
        )
        for line in lines:
            ending = "" if line.endswith(("\n", "\r")) else "\n"
            parts.append(mask_key_like(line) + ending)
    return "".join(parts)


def _texts(changed: ChangedFile) -> tuple[str, str]:
    frontend = languages.frontend_for(changed.path)
    assert frontend is not None  # only files of a front-end are fixed
    return frontend.decode(changed.before), frontend.decode(changed.after)


def run_fix_request(
    request: FixRequest,
    settings: Settings,
    selection: RuleSelection,
    policy: FixPolicy,
    stdin_content: bytes,
) -> FixRun:
    """Fix the request's paths, or `stdin_content` when it names standard input."""
    if request.stdin_name is not None:
        return fix_stdin(request.stdin_name, stdin_content, settings, selection, policy)
    return fix_paths(
        request.targets,
        settings,
        selection,
        policy,
        jobs=request.jobs,
        cache=request.cache,
    )


def fixed_input(run: FixRun, content: bytes) -> bytes:
    """Return standard input with its fixes, or unchanged when none applied."""
    changed = next(iter(run.changed.values()), None)
    return changed.after if changed is not None else content


def fix_list(
    findings: Sequence[Finding], policy: FixPolicy, *, applied: bool
) -> list[str]:
    """Return the `--show-fixes` lines: a heading, then one line per fix.

    With `applied`, `findings` are the fixes applied; otherwise they are all
    findings, of which those whose fix `--fix` would apply are listed.
    """
    if not applied:
        findings = [finding for finding in findings if policy.applies(finding)]
    if not findings:
        return ["No fixes applied." if applied else "No fixes available."]
    heading = "Fixed:" if applied else "Fixes available with --fix:"
    lines = [heading]
    for finding in sorted(findings, key=lambda item: item.sort_key):
        title = finding.fix.title if finding.fix else ""
        lines.append(
            f"  {finding.path}:{finding.start.line}:{finding.start.column}: "
            f"{finding.code} {title}"
        )
    return lines


def fix_summary(fixed: int, remaining: int, *, diff: bool) -> str:
    """Return the closing line of a fix run for standard error."""
    if diff:
        return f"Would fix {_count(fixed)}." if fixed else "No fixes available."
    if remaining == 0 and fixed == 0:
        return "All checks passed."
    return f"Found {_count(fixed + remaining)} ({fixed} fixed, {remaining} remaining)."


def _count(findings: int) -> str:
    return f"{findings} finding" if findings == 1 else f"{findings} findings"
