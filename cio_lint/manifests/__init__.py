"""The version of each Customer.io SDK a file uses, read from the project's manifests.

For a file, the directories from its own up to the repository top (the first
one with a `.git` entry) are searched, and the nearest directory whose
manifests name the package gives the version. In one directory a lock file
wins over a manifest range, because it records what is installed. The
`sdk-versions` setting overrides both. Without either, the newest release is
assumed, and `SdkVersion.assumed` is set.

Rules ask at check time, not during analysis, so that cached file models stay
valid when only a manifest changes.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Mapping
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from msgspec import Struct

from cio_lint.manifests import npm, python
from cio_lint.manifests.versions import Pinned, Version, display, lowest_version
from cio_lint.sdk.releases import NEWEST, Ecosystem, packages

if TYPE_CHECKING:
    from cio_lint.config import Settings

LOG = logging.getLogger(__name__)

CONFIG_SOURCE = "sdk-versions setting"

_Reader = Callable[[Path, frozenset[str]], dict[str, Pinned]]


class SdkVersion(Struct, frozen=True):
    """The version of an SDK package that a file is checked against.

    `text` is the range or pin as written; `source` is the manifest's path,
    `CONFIG_SOURCE`, or None when the version is assumed.
    """

    package: str
    version: Version
    text: str
    source: str | None

    @property
    def assumed(self) -> bool:
        return self.source is None

    def describe(self) -> str:
        """Return `customerio-node 4.4.0 (package.json: ^4.4.0)` and the like."""
        number = display(self.version)
        if self.source is None:
            return f"{self.package} {number} (assumed: the newest release)"
        where = self.source if self.source == CONFIG_SOURCE else Path(self.source).name
        return f"{self.package} {number} ({where}: {self.text})"


class VersionLookup:
    """Find SDK versions for files, reading each directory's manifests once."""

    def __init__(self, overrides: Mapping[str, str] | None = None) -> None:
        self._overrides = dict(overrides or {})
        self._directories: dict[Path, dict[str, Pinned]] = {}
        self._found: dict[tuple[str | Path, str], SdkVersion] = {}
        self.included: list[Path] = []
        """The files that requirements files read so far include (`-r`, `-c`)."""

    @classmethod
    def from_settings(cls, settings: Settings | None) -> VersionLookup:
        """Return a lookup with the `sdk-versions` overrides of `settings`.

        Rules configured with the same settings object, as the rules of one run
        are, share one lookup, so each directory's manifests are read once.
        """
        shared = _SHARED.get("lookup")
        if shared is not None and settings is not None and shared[0] is settings:
            return shared[1]
        lookup = cls(dict(settings.sdk_versions) if settings else {})
        if settings is not None:
            _SHARED["lookup"] = (settings, lookup)
        return lookup

    def version(self, path: str | Path, package: str) -> SdkVersion:
        """Return the version of `package` that the file at `path` uses."""
        found = self._found.get((path, package))
        if found is None:
            found = self._find(path, package)
            self._found[(path, package)] = found
        return found

    def _find(self, path: str | Path, package: str) -> SdkVersion:
        written = self._overrides.get(package)
        overridden = lowest_version(written) if written else None
        if written and overridden is not None:
            return SdkVersion(package, overridden, written, CONFIG_SOURCE)
        start = Path(path).resolve()
        for directory in _directories_up(start if start.is_dir() else start.parent):
            pinned = self._pins(directory).get(package)
            if pinned is not None:
                return SdkVersion(package, pinned.version, pinned.text, pinned.source)
        newest = NEWEST[package][0] if package in NEWEST else (0,)
        return SdkVersion(package, newest, display(newest), None)

    def _pins(self, directory: Path) -> dict[str, Pinned]:
        known = self._directories.get(directory)
        if known is None:
            known = _read_directory(directory, self.included)
            self._directories[directory] = known
        return known


_SHARED: dict[str, tuple[Settings, VersionLookup]] = {}
"""The lookup of the settings that configured rules last (see `from_settings`)."""


def _directories_up(start: Path) -> list[Path]:
    """Return `start` and its parents up to the repository top, inclusive."""
    found = []
    for directory in (start, *start.parents):
        found.append(directory)
        if (directory / ".git").exists():
            break
    return found


def _read_directory(directory: Path, included: list[Path]) -> dict[str, Pinned]:
    """Return the pins the manifests of one directory give; locks win.

    `included` receives the files that its requirements files include.
    """
    read_requirements = partial(python.read_requirements, included=included)
    npm_names = packages(Ecosystem.NPM)
    python_names = packages(Ecosystem.PYPI)
    sources: list[tuple[Path, _Reader, frozenset[str]]] = [
        (directory / name, npm.read_lock, npm_names) for name in npm.LOCK_FILES
    ]
    sources += [
        (directory / name, python.read_lock, python_names) for name in python.LOCK_FILES
    ]
    sources.append((directory / npm.MANIFEST, npm.read_manifest, npm_names))
    sources.append((directory / python.PYPROJECT, python.read_pyproject, python_names))
    sources += [
        (path, read_requirements, python_names)
        for path in _requirements_files(directory)
    ]
    found: dict[str, Pinned] = {}
    for path, reader, names in sources:
        if not path.is_file():
            continue
        try:
            pins = reader(path, names)
        except OSError as error:
            LOG.debug("%s: cannot read manifest: %s", path, error)
            continue
        for name, pinned in pins.items():
            found.setdefault(name, pinned)
    return found


def _requirements_files(directory: Path) -> list[Path]:
    # Names, not paths, are compared: folders of bundled packages list
    # thousands of files.
    try:
        with os.scandir(directory) as entries:
            names = [
                entry.name
                for entry in entries
                if python.is_requirements_file(entry.name)
            ]
    except OSError:
        return []
    return [directory / name for name in sorted(names)]
