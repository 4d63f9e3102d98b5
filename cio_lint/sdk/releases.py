"""The newest release of each Customer.io SDK package, assumed when none is pinned.

Versions as published on npm and PyPI when the catalogue was last checked
against the packages' code.
"""

from __future__ import annotations

import enum


class Ecosystem(enum.Enum):
    NPM = "npm"
    PYPI = "PyPI"


NEWEST: dict[str, tuple[tuple[int, ...], Ecosystem]] = {
    "customerio-node": ((5, 2, 0), Ecosystem.NPM),
    "@customerio/cdp-analytics-node": ((0, 5, 9), Ecosystem.NPM),
    "@customerio/cdp-analytics-browser": ((0, 5, 11), Ecosystem.NPM),
    "customerio-reactnative": ((6, 12, 0), Ecosystem.NPM),
    "customerio": ((3, 2, 0), Ecosystem.PYPI),
    "customerio-cdp-analytics": ((1, 1, 0), Ecosystem.PYPI),
}


def packages(ecosystem: Ecosystem) -> frozenset[str]:
    return frozenset(name for name, (_, kind) in NEWEST.items() if kind is ecosystem)
