"""Replay the output of a run whose inputs have not changed since it ran.

Linting an unchanged tree again writes the same output. A run keeps what it
wrote together with the status (size, inode, modification and change times) of
the paths it may have read. These are every directory it listed, the
directories above them up to the repository top, and every file in those
directories: the sources, but also the configuration, ignore files and
manifests. Above the repository top only the configuration files count. The
next run of the same command (same options, working directory, settings, tool
and output streams) compares those statuses and, when none differs, writes the
kept output without importing the rules or reading a source file. Adding,
removing or renaming a file changes its directory's status, so a new file is
never missed.

A path changed less than `SETTLE_NS` before the run started is not trusted to
show a later change in its times, so such a run keeps nothing. Nor does a run
whose findings depend on today's date (see `Rule.reads_clock`). A record that
cannot be read or written is ignored.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import sys
import time
from collections.abc import Iterable, Mapping
from pathlib import Path

from msgspec import Struct

from cio_lint.cache import prepare_folder, write_pickle
from cio_lint.config import CONFIG_FILE_NAMES
from cio_lint.discovery import git_directory

LOG = logging.getLogger(__name__)

SETTLE_NS = 1_000_000_000
"""The time a path must have been unchanged before a run for the run to be kept."""

RUNS = "runs"
"""The folder of the cache directory that contains the kept runs."""

MAX_RECORDS = 64
"""The maximum number of records per cache directory. A pre-commit hook makes one
record per set of files it passes."""

# Environment variables that change what a run writes.
_ENVIRONMENT = ("NO_COLOR", "FORCE_COLOR", "TERM", "COLUMNS")

Stamp = tuple[int, int, int, int]
"""A path's size, inode, modification time and change time (nanoseconds)."""

Record = tuple[str, Stamp | None]
"""A path and its status, None while the path is missing."""


class Outcome(Struct, frozen=True):
    """The output of a run and the exit code it ended with."""

    stdout: str
    stderr: str
    exit_code: int

    def write(self) -> None:
        """Write the output again, to standard output and standard error."""
        sys.stdout.write(self.stdout)
        sys.stdout.flush()
        sys.stderr.write(self.stderr)
        sys.stderr.flush()


def run_key(options: Mapping[str, object], settings: object, tool: str) -> str:
    """Return the digest of everything besides files that shapes a run's output."""
    parts = [
        tool,
        sys.version,
        repr(sorted(options.items())),
        os.getcwd(),
        repr(settings),
        repr([os.environ.get(name) for name in _ENVIRONMENT]),
        repr([stream.isatty() for stream in (sys.stdout, sys.stderr)]),
    ]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


class Replay:
    """The kept outcome of one command, in the cache directory."""

    def __init__(self, cache_directory: Path, key: str) -> None:
        self._cache_directory = cache_directory
        self._file = cache_directory / RUNS / f"{key}.run"
        self._started = time.time_ns()

    def stored(self) -> Outcome | None:
        """Return the stored outcome if no path it depends on has changed."""
        try:
            with self._file.open("rb") as stream:
                stamps, outcome = pickle.load(stream)
        except FileNotFoundError:
            return None
        except Exception as error:  # a damaged record is a miss, never a failure
            LOG.debug("run record %s unreadable (%s), ignored", self._file, error)
            return None
        for path, stamp in stamps:
            if _stamp(path) != stamp:
                LOG.debug("%s changed since the last identical run", path)
                return None
        if not isinstance(outcome, Outcome):
            return None
        LOG.debug("nothing changed since an identical run; its output follows")
        return outcome

    def keep(
        self, listed: Iterable[Path], arguments: Iterable[Path], outcome: Outcome
    ) -> None:
        """Keep `outcome` with the statuses of the directories `listed` and above.

        `arguments` are the paths named on the command line. Their directories
        count as listed, so that a link among them pointed elsewhere is seen:
        replacing a link changes its directory.
        """
        named = [Path(os.path.abspath(path)).parent for path in arguments]
        stamps = _stamps([*listed, *named])
        settled = self._started - SETTLE_NS
        if any(s is not None and max(s[2], s[3]) >= settled for _, s in stamps):
            LOG.debug("a path changed during the run or just before it, not kept")
            return
        try:
            prepare_folder(self._cache_directory, self._file.parent)
            write_pickle(self._file, (stamps, outcome))
            _remove_oldest(self._file.parent)
        except OSError as error:
            LOG.debug("run record %s not written (%s)", self._file, error)


def _remove_oldest(directory: Path) -> None:
    """Keep the newest `MAX_RECORDS` records, such as one per set of hook files."""
    records = list(directory.glob("*.run"))
    if len(records) <= MAX_RECORDS:
        return
    records.sort(key=lambda record: record.stat().st_mtime_ns)
    for record in records[: len(records) - MAX_RECORDS]:
        record.unlink(missing_ok=True)


def _stamps(listed: Iterable[Path]) -> list[Record]:
    """Return the statuses a later run must find unchanged to replay this one.

    Inside the repository (the listed directories and those above them up to the
    first one that contains `.git`), a directory and every entry in it but its
    subdirectories count, and so does the repository's `info/exclude` file.
    A link counts by its target's status, None while the target is missing.
    Above the repository, only the configuration files and `.git` count,
    because a run looks for nothing else there.
    """
    inside: set[Path] = set()
    above: set[Path] = set()
    stamps: list[Record] = []
    for start in (*listed, Path.cwd()):
        start = Path(os.path.abspath(start))
        for directory in (start, *start.parents):
            if directory in inside:
                break
            inside.add(directory)
            if os.path.lexists(directory / ".git"):
                above.update(directory.parents)
                git = git_directory(directory)
                if git is not None:
                    exclude = str(git / "info" / "exclude")
                    stamps.append((exclude, _stamp(exclude)))
                break
    for directory in sorted(inside):
        stamps.append((str(directory), _stamp(str(directory))))
        try:
            with os.scandir(directory) as entries:
                paths = sorted(
                    entry.path
                    for entry in entries
                    if not entry.is_dir(follow_symlinks=False)
                )
        except OSError:
            paths = []
        stamps.extend((path, _stamp(path)) for path in paths)
    for directory in sorted(above - inside):
        for name in (*CONFIG_FILE_NAMES, ".git"):
            path = str(directory / name)
            stamps.append((path, _stamp(path)))
    return stamps


def _stamp(path: str) -> Stamp | None:
    try:
        status = os.stat(path)
    except OSError:
        return None
    return (status.st_size, status.st_ino, status.st_mtime_ns, status.st_ctime_ns)
