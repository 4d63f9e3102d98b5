"""Apply the fixes of one file's findings to its text, keeping it parseable.

Fixes whose edits overlap an earlier fix wait for the next pass. The result is
parsed again: when it no longer parses, each fix is tried on its own and the
ones that break the file are dropped.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from msgspec import Struct, field

from cio_lint import languages
from cio_lint.edits import Edit, ImportNeed
from cio_lint.findings import Finding
from cio_lint.model import Language

LOG = logging.getLogger(__name__)


class FileFixes(Struct):
    """The fixed text of one file and the findings whose fixes it contains."""

    text: str
    applied: list[Finding] = field(default_factory=list)
    dropped: list[Finding] = field(default_factory=list)


def apply_fixes(
    text: str, path: Path, frontend: languages.Frontend, findings: Sequence[Finding]
) -> FileFixes:
    """Apply the fixes of `findings` that do not overlap and keep `text` parseable."""
    chosen = _non_overlapping(findings)
    if not chosen:
        return FileFixes(text)
    fixed = _fixed_text(text, path, frontend, chosen)
    if fixed is not None:
        return FileFixes(fixed, chosen)

    parseable = [
        finding
        for finding in chosen
        if _fixed_text(text, path, frontend, [finding]) is not None
    ]
    dropped = [finding for finding in chosen if finding not in parseable]
    fixed = _fixed_text(text, path, frontend, parseable) if parseable else None
    if fixed is None:
        dropped, parseable, fixed = chosen, [], text
    for finding in dropped:
        LOG.info(
            "%s:%d:%d: %s fix dropped: the fixed file would not parse",
            finding.path,
            finding.start.line,
            finding.start.column,
            finding.code,
        )
    return FileFixes(fixed, parseable, dropped)


def _non_overlapping(findings: Sequence[Finding]) -> list[Finding]:
    """Return, in file order, the fixes whose edits overlap no earlier one."""
    selected: list[Finding] = []
    edits: list[Edit] = []
    ordered = sorted(
        (finding for finding in findings if finding.fix and finding.fix.edits),
        key=_extent,
    )
    for finding in ordered:
        assert finding.fix is not None
        if any(new.overlaps(old) for new in finding.fix.edits for old in edits):
            continue
        selected.append(finding)
        edits.extend(finding.fix.edits)
    return selected


def _extent(finding: Finding) -> tuple[int, int]:
    """Return where a fix's edits start and end, so shorter fixes go first."""
    assert finding.fix is not None
    edits = finding.fix.edits
    return min(edit.start_offset for edit in edits), max(e.end_offset for e in edits)


def _fixed_text(
    text: str, path: Path, frontend: languages.Frontend, findings: Sequence[Finding]
) -> str | None:
    """Return `text` with the fixes applied, or None if the result breaks."""
    edits = sorted(
        (edit for finding in findings if finding.fix for edit in finding.fix.edits),
        key=lambda edit: edit.start_offset,
        reverse=True,
    )
    fixed = text
    for edit in edits:
        fixed = fixed[: edit.start_offset] + edit.replacement + fixed[edit.end_offset :]
    needs = list(
        dict.fromkeys(
            need for finding in findings if finding.fix for need in finding.fix.imports
        )
    )
    if needs:
        with_imports = add_imports(frontend.language, fixed, path, needs)
        if with_imports is None:
            return None
        fixed = with_imports
    if _breaks_parsing(fixed, text, path, frontend):
        return None
    return fixed


def add_imports(
    language: Language, text: str, path: Path, needs: Sequence[ImportNeed]
) -> str | None:
    """Import what replacement code uses, the way the file's language does it."""
    if language is Language.PYTHON:
        from cio_lint.languages.python import import_edits as python_imports

        return python_imports.add_imports(text, needs)
    from cio_lint.languages.javascript import import_edits as javascript_imports

    return javascript_imports.add_imports(text, path, needs)


def _breaks_parsing(
    fixed: str, original: str, path: Path, frontend: languages.Frontend
) -> bool:
    """Tell whether `fixed` has a syntax error that `original` did not have."""
    if frontend.analyze(fixed, path).syntax_error is None:
        return False
    return frontend.analyze(original, path).syntax_error is None
