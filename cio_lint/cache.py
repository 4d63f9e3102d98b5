"""Keep each analysed file's model on disk, so an unchanged file is not parsed again.

An entry is keyed by the file's content, its path, the settings and the tool
(its version and the size and modification time of its own source files, so
that an edited checkout of cio-lint does not read stale models). It contains the
file's whole `FileModel`, project facts included. An entry that cannot be read
is treated as missing, and entries are written to a temporary file first and
then renamed, so that a run stopped halfway leaves no half-written entry.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import pickle
from pathlib import Path
from typing import TYPE_CHECKING

import msgspec.structs

from cio_lint import __version__
from cio_lint.config import Settings
from cio_lint.errors import UsageError

if TYPE_CHECKING:
    from cio_lint.model import FileModel

LOG = logging.getLogger(__name__)

DEFAULT_DIRECTORY = ".cio_lint_cache"
FORMAT = 1
"""Incremented when the layout of the cache directory changes."""

_TAG_NAME = "CACHEDIR.TAG"
_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This directory is a cache of cio-lint; `cio-lint clean` removes it.\n"
)
_PACKAGE = Path(__file__).resolve().parent


# Fields that choose which findings are shown or where the cache lives, not
# what a file's model contains, so changing them keeps the cache.
_NOT_IN_KEY = frozenset(
    {
        "cli",
        "selector_sources",
        "select",
        "extend_select",
        "ignore",
        "per_file_ignores",
        "cache_dir",
        "fixable",
        "unfixable",
    }
)


def settings_key(settings: Settings) -> str:
    """Return a digest of the settings that can change a file's model."""
    relevant = [
        (field.name, getattr(settings, field.name))
        for field in msgspec.structs.fields(settings)
        if field.name not in _NOT_IN_KEY
    ]
    return hashlib.sha256(repr(relevant).encode()).hexdigest()


@functools.cache
def tool_key(version: str = __version__) -> str:
    """Return a digest of the tool's version and of its own source files.

    The digest is computed once per process: the replay and the cache of one
    run both need it.
    """
    digest = hashlib.sha256(f"{FORMAT}:{version}".encode())
    for path in sorted(_PACKAGE.rglob("*.py")):
        stat = path.stat()
        digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


class Cache:
    """The models of analysed files, one file per entry under `directory`."""

    def __init__(self, directory: Path, settings: str, tool: str) -> None:
        self.directory = directory
        self._prefix = f"{tool}:{settings}:".encode()
        self._entries = directory / f"v{FORMAT}"
        self.hits = 0
        self.misses = 0
        self._verdict_file = self._entries / (
            hashlib.blake2b(self._prefix, digest_size=16).hexdigest() + ".verdicts"
        )
        self._verdicts: dict[str, tuple[int, str, dict[str, bool]]] | None = None
        self._verdicts_changed = False

    @classmethod
    def for_settings(cls, directory: Path, settings: Settings) -> Cache:
        return cls(directory, settings_key(settings), tool_key())

    def key(
        self, path: Path, content: bytes, follow: frozenset[str] = frozenset()
    ) -> str:
        """Return the entry name of `content` read from `path`.

        `follow` is the exporting modules the analysis follows into the file.
        """
        digest = hashlib.blake2b(self._prefix, digest_size=20)
        digest.update(os.fsencode(path))
        digest.update(b"\0")
        digest.update(",".join(sorted(follow)).encode())
        digest.update(b"\0")
        digest.update(content)
        return digest.hexdigest()

    def load(self, key: str) -> FileModel | None:
        """Return the stored model, or None when there is none or it is unreadable."""
        entry = self._entry(key)
        try:
            with entry.open("rb") as stream:
                model = pickle.load(stream)
        except FileNotFoundError:
            self.misses += 1
            return None
        except Exception as error:  # a damaged entry is a miss, never a failure
            LOG.debug("cache entry %s unreadable (%s), ignored", entry, error)
            self.misses += 1
            return None
        from cio_lint.model import FileModel  # not needed to replay a run

        if not isinstance(model, FileModel):
            LOG.debug("cache entry %s holds no model, ignored", entry)
            self.misses += 1
            return None
        self.hits += 1
        return model

    def store(self, key: str, model: FileModel) -> None:
        """Write an entry atomically; a cache that cannot be written is skipped."""
        entry = self._entry(key)
        try:
            self._prepare(entry.parent)
            write_pickle(entry, model)
        except (OSError, pickle.PicklingError, RecursionError) as error:
            LOG.debug("cannot write cache entry %s: %s", entry, error)

    # Prefilter verdicts ------------------------------------------------------

    def verdict(self, path: Path, stat: os.stat_result, marker: str) -> bool | None:
        """Return whether `marker` matched `path` when it last had this size and time.

        A warm run then reads only the files that may call Customer.io. The
        size, inode and modification and change times identify the content:
        setting the modification time back (`touch -r`) still changes the
        change time, which no user command can set.
        """
        known = self._load_verdicts().get(str(path))
        if known is None or known[:2] != _identity(stat):
            return None
        return known[2].get(marker)

    def remember(
        self, path: Path, stat: os.stat_result, marker: str, matched: bool
    ) -> None:
        """Keep the verdict of `marker` on `path` for the next run."""
        verdicts = self._load_verdicts()
        known = verdicts.get(str(path))
        if known is None or known[:2] != _identity(stat):
            known = (*_identity(stat), {})
            verdicts[str(path)] = known
        if known[2].get(marker) is not matched:
            known[2][marker] = matched
            self._verdicts_changed = True

    def save_verdicts(self) -> None:
        """Write the verdicts if any changed; a failure only costs speed."""
        if not self._verdicts_changed or self._verdicts is None:
            return
        try:
            self._prepare(self._verdict_file.parent)
            write_pickle(self._verdict_file, self._verdicts)
        except OSError as error:
            LOG.debug("cannot write %s: %s", self._verdict_file, error)
        self._verdicts_changed = False

    def _load_verdicts(self) -> dict[str, tuple[int, str, dict[str, bool]]]:
        if self._verdicts is None:
            self._verdicts = {}
            try:
                with self._verdict_file.open("rb") as stream:
                    loaded = pickle.load(stream)
                if isinstance(loaded, dict):
                    self._verdicts = loaded
            except FileNotFoundError:
                pass
            except Exception as error:  # a damaged index is empty, never fatal
                LOG.debug("%s unreadable (%s), ignored", self._verdict_file, error)
        return self._verdicts

    def _entry(self, key: str) -> Path:
        return self._entries / key[:2] / key

    def _prepare(self, folder: Path) -> None:
        prepare_folder(self.directory, folder)


def write_pickle(path: Path, value: object) -> None:
    """Pickle `value` into `path` through a temporary file, so none is half written.

    Raises OSError, or pickle.PicklingError for a value that cannot be pickled.
    """
    import tempfile  # imported here: it loads random, which reading never needs

    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def prepare_folder(directory: Path, folder: Path) -> None:
    """Create `folder` in the cache `directory`, tagging a new cache as one.

    Raises OSError when the folder cannot be created.
    """
    if folder.is_dir():
        return
    if not directory.is_dir():
        directory.mkdir(parents=True, exist_ok=True)
        (directory / _TAG_NAME).write_text(_TAG, encoding="utf-8")
        (directory / ".gitignore").write_text("*\n", encoding="utf-8")
    folder.mkdir(parents=True, exist_ok=True)


def _identity(stat: os.stat_result) -> tuple[int, str]:
    """Return the size and times whose change means the file's content may differ."""
    return stat.st_size, f"{stat.st_ino}:{stat.st_mtime_ns}:{stat.st_ctime_ns}"


def clear(directory: Path) -> bool:
    """Remove a cache directory; return False when there is none.

    Raises UsageError when `directory` exists but is not a cio-lint cache, so
    that a mistyped `--cache-dir` never deletes someone's files.
    """
    if not directory.exists():
        return False
    if not (directory / _TAG_NAME).is_file():
        raise UsageError(f"{directory} is not a cio-lint cache; not removed")
    tag = (directory / _TAG_NAME).read_text(encoding="utf-8", errors="replace")
    if "cio-lint" not in tag:
        raise UsageError(f"{directory} is not a cio-lint cache; not removed")
    import shutil  # imported here: shutil loads the compression modules

    shutil.rmtree(directory)
    return True


def cache_directory(settings: Settings, given: Path | None = None) -> Path:
    """Return the cache directory: `given` (from the command line), else the
    configured `cache-dir` relative to the settings' root, else the default."""
    if given is not None:
        return given
    return settings.root / (settings.cache_dir or DEFAULT_DIRECTORY)
