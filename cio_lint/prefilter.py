"""Skip files that cannot touch Customer.io before paying for a parse.

A file is analysed if its bytes mention, in any case, one of the names under
which Customer.io code is imported or addressed, or the name of a project
module that exports a client.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path


class WordMarker:
    """Find any of some fixed lower-case words, in any case, in a file's bytes.

    Lower-casing the bytes once and searching each word is several times faster
    than a case-insensitive regular expression over the same bytes.
    """

    def __init__(self, words: Iterable[bytes]) -> None:
        self._words = tuple(word.lower() for word in words)

    def search(self, raw: bytes, /) -> bool | None:
        lowered = raw.lower()
        return True if any(word in lowered for word in self._words) else None


CUSTOMERIO_MARKERS = WordMarker(
    (b"customerio", b"customer.io", b"_cio", b"cioanalytics", b"cdp-analytics")
)

_PACKAGE_FILES = frozenset({"__init__", "index"})


def module_names(path: Path) -> list[str]:
    """Return the names under which other files import the module at `path`.

    `cio.py` and `cio.ts` are imported as `cio`; a package's `__init__.py` or
    `index.js` by its folder's name.
    """
    name = path.name.split(".")[0]
    if name in _PACKAGE_FILES:
        return [path.parent.name] if path.parent.name else []
    return [name]


def any_of(names: Iterable[str]) -> re.Pattern[bytes]:
    """Return a pattern matching any of `names` as a whole word."""
    alternatives = b"|".join(re.escape(name.encode()) for name in names)
    return re.compile(rb"\b(?:" + alternatives + rb")\b")
