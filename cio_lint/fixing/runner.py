"""Fix files in passes: lint, apply fixes, lint the fixed text again.

A pass applies the fixes that do not overlap. The next pass lints the fixed
text, which may offer the fixes that waited or new ones, until a pass changes
nothing or `MAX_PASSES` passes have run. Nothing is written here: the caller
writes the changed files, or prints their diff.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Mapping
from pathlib import Path

from msgspec import Struct, field

from cio_lint import languages
from cio_lint.cache import Cache
from cio_lint.config import Settings
from cio_lint.discovery import Discovery
from cio_lint.engine import LintReport, lint_files
from cio_lint.findings import Finding
from cio_lint.fixing.apply import apply_fixes
from cio_lint.fixing.policy import FixPolicy
from cio_lint.fixing.source_bytes import decode
from cio_lint.selection import RuleSelection

LOG = logging.getLogger(__name__)

MAX_PASSES = 10


class ChangedFile(Struct, frozen=True):
    """A file whose fixes changed it: its path as shown, and both contents."""

    path: Path
    before: bytes
    after: bytes


class FixRun(Struct):
    """The report of the fixed text, the changed files and the fixes applied."""

    report: LintReport
    changed: dict[Path, ChangedFile] = field(default_factory=dict)
    applied: list[Finding] = field(default_factory=list)


def fix_files(
    found: Discovery,
    settings: Settings,
    selection: RuleSelection,
    policy: FixPolicy,
    *,
    contents: Mapping[Path, bytes] | None = None,
    jobs: int = 1,
    cache: Cache | None = None,
) -> FixRun:
    """Lint and fix in passes; return the last report and the changes.

    `contents` maps resolved paths to bytes linted in place of the files on
    disk, as in `engine.lint_files`.
    """
    current = dict(contents or {})
    originals: dict[Path, bytes] = {}
    by_display_path = {str(source.path): source for source in found.files}
    run = FixRun(
        lint_files(found, settings, selection, contents=current, jobs=jobs, cache=cache)
    )
    for number in range(1, MAX_PASSES + 1):
        by_file: dict[Path, list[Finding]] = defaultdict(list)
        for finding in run.report.findings:
            if policy.applies(finding) and finding.path in by_display_path:
                by_file[by_display_path[finding.path].resolved].append(finding)
        changed = False
        for resolved, findings in by_file.items():
            raw = current.get(resolved)
            if raw is None:
                raw = resolved.read_bytes()
            fixed = _fix_file(
                by_display_path[findings[0].path].path, raw, findings, run
            )
            if fixed is not None and fixed != raw:
                originals.setdefault(resolved, raw)
                current[resolved] = fixed
                changed = True
        if not changed:
            break
        LOG.debug("fix pass %d changed %d files", number, len(by_file))
        run.report = lint_files(
            found, settings, selection, contents=current, jobs=jobs, cache=cache
        )

    for resolved, before in originals.items():
        if current[resolved] == before:
            continue
        source = shown_source(found, resolved)
        run.changed[resolved] = ChangedFile(source, before, current[resolved])
    return run


def shown_source(found: Discovery, resolved: Path) -> Path:
    """Return the path of a resolved file as the user named it."""
    return next(source.path for source in found.files if source.resolved == resolved)


def _fix_file(
    path: Path, raw: bytes, findings: list[Finding], run: FixRun
) -> bytes | None:
    """Return the bytes of one file with its fixes, or None when it cannot change."""
    frontend = languages.frontend_for(path)
    if frontend is None:
        return None
    try:
        source = decode(frontend, raw)
    except (languages.DecodeError, SyntaxError):
        return None
    result = apply_fixes(source.text, path, frontend, findings)
    if not result.applied:
        return None
    data = source.encode(result.text)
    if data is None:
        LOG.info("%s: fixed text cannot be written in %s", path, source.encoding)
        return None
    run.applied.extend(result.applied)
    return data
