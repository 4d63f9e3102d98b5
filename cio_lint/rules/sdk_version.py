"""The SDK version a file uses, for rules whose verdict depends on it."""

from __future__ import annotations

from cio_lint.manifests import SdkVersion, VersionLookup
from cio_lint.sdk.releases import NEWEST


class VersionText:
    """Ask the manifests for versions of published SDK packages only.

    The legacy `_cio` snippet and other non-packages have no version: `of`
    returns None for them.
    """

    def __init__(self, versions: VersionLookup) -> None:
        self._versions = versions

    def of(self, path: str, package: str) -> SdkVersion | None:
        if package not in NEWEST:
            return None
        return self._versions.version(path or ".", package)
