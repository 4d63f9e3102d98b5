"""Version numbers as written in manifests: ranges, pins and lock entries."""

from __future__ import annotations

import re

from msgspec import Struct

Version = tuple[int, ...]

_NUMBER = re.compile(r"(\d+)(?:\.(\d+|[xX*]))?(?:\.(\d+|[xX*]))?")
# Clauses that give no lower bound: `<5`, `<=4.9`, `!=4.1.0`.
_UPPER_OR_EXCLUDED = re.compile(r"^\s*(<|<=|!=)")


class Pinned(Struct, frozen=True):
    """A package's version as one manifest gives it.

    `version` is the lowest release the text allows (`^4.4.0` gives 4.4.0);
    `text` is the range or pin as written; `source` is the manifest's path.
    """

    version: Version
    text: str
    source: str


def lowest_version(text: str) -> Version | None:
    """Return the lowest version a range or pin allows, or None if it has none.

    Clauses are separated by commas or spaces (`>=2.0,<3`, `>=4 <6`); only
    clauses that bound the version from below count. `*`, `latest`, tags and
    URLs give None.
    """
    candidates = []
    for clause in re.split(r"[,\s]+|\|\|", text.strip()):
        if not clause or _UPPER_OR_EXCLUDED.match(clause):
            continue
        found = _NUMBER.search(clause)
        if found is None or _is_url(clause):
            continue
        parts = [part for part in found.groups() if part and part.isdigit()]
        candidates.append(tuple(int(part) for part in parts))
    return min(candidates) if candidates else None


def _is_url(clause: str) -> bool:
    return "://" in clause or clause.startswith(("git", "file:", "github:", "link:"))


def display(version: Version) -> str:
    return ".".join(str(part) for part in version)


def normalize_python_name(name: str) -> str:
    """Normalize a Python distribution name as PEP 503 does."""
    return re.sub(r"[-_.]+", "-", name).lower()
