"""Lint text that is not on disk, such as standard input or an editor's buffer.

The text is linted as if it were the file it names: that file's configuration,
language, excludes and per-file-ignores apply, and findings show its path. The
file need not exist. As on the command line, clients imported from other files
are followed only among the files of the same run, which is this one file.
"""

from __future__ import annotations

import os
from pathlib import Path

from cio_lint import languages
from cio_lint.config import Settings
from cio_lint.discovery import Discovery, SourceFile
from cio_lint.engine import LintReport, find_files, lint_files
from cio_lint.errors import UsageError
from cio_lint.selection import RuleSelection


def lint_text(
    name: Path, content: bytes, settings: Settings, selection: RuleSelection
) -> LintReport:
    """Lint `content` as the file `name` and return the report.

    Raises UsageError when `name` is a directory.
    """
    found = stdin_discovery(name, settings)
    return lint_files(found, settings, selection, contents={name.resolve(): content})


def stdin_discovery(name: Path, settings: Settings) -> Discovery:
    """Return the walk that lints standard input as the file `name`.

    Raises UsageError when `name` is a directory.
    """
    if name.is_dir():
        raise UsageError(f"--stdin-filename must name a file, got directory {name}")
    if os.path.lexists(name):
        # The walk applies --force-exclude and the extension check, as for a
        # file named on the command line.
        return find_files([name], settings)
    if languages.frontend_for(name) is None:
        return Discovery(warnings=[f"{name}: not a supported source file, skipped"])
    return Discovery(
        files=[SourceFile(path=name, resolved=name.resolve(), explicit=True)]
    )
