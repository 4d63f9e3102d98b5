"""The options of one `cio-lint` run, as the command line gave them."""

from __future__ import annotations

from pathlib import Path

from msgspec import Struct


class Invocation(Struct, frozen=True):
    """The options of one `cio-lint` run, checked for conflicts."""

    targets: list[Path]
    stdin_name: Path | None
    output_format: str
    output_file: Path | None
    color: bool | None
    statistics: bool
    show_settings: bool
    show_files: bool
    fix: bool
    unsafe_fixes: bool
    diff: bool
    fix_only: bool
    show_fixes: bool
    exit_non_zero_on_fix: bool
    exit_zero: bool
    jobs: int | None
    no_cache: bool
    cache_dir: Path | None

    @property
    def replayable(self) -> bool:
        """Tell whether the run may replay, and keep, the output of an identical run.

        Only a plain lint of files on disk that writes findings to standard
        output qualifies. The `full` format is left out because its colours and
        code frames depend on the terminal.
        """
        changes = self.fix or self.fix_only or self.diff or self.show_fixes
        shows = self.show_settings or self.show_files
        return not (
            changes
            or shows
            or self.stdin_name is not None
            or self.no_cache
            or self.output_file is not None
            or self.output_format == "full"
        )
