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

    Lower-casing the bytes once is several times faster than a case-insensitive
    regular expression over the same bytes. Each word contains one of a few
    `cores` that start with the same byte: Python's regular expressions find
    such an alternation by scanning for that byte, about twice as fast as
    searching each word in turn, and most files contain no core at all.
    """

    def __init__(self, words: Iterable[bytes], cores: Iterable[bytes]) -> None:
        self._words = tuple(word.lower() for word in words)
        core_list = tuple(core.lower() for core in cores)
        if not all(any(core in word for core in core_list) for word in self._words):
            raise ValueError("every word must contain one of the cores")
        self._cores = re.compile(b"|".join(re.escape(core) for core in core_list))
        self.key = "words:" + ",".join(word.decode() for word in self._words)
        self.miss = "no Customer.io marker"

    @property
    def words(self) -> tuple[bytes, ...]:
        return self._words

    def search(self, raw: bytes, /) -> bool | None:
        lowered = raw.lower()
        if self._cores.search(lowered) is None:
            return None
        return True if any(word in lowered for word in self._words) else None


CUSTOMERIO_MARKERS = WordMarker(
    (
        b"customerio",
        b"customer.io",
        b"_cio",
        b"cioanalytics",
        b"cdp-analytics",
        b"x-cio-",
    ),
    cores=(b"customer", b"cio", b"cdp-analytics"),
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


_IMPORT_WORDS = (b"import", b"require")
_OPENERS = {ord("("): b")", ord("{"): b"}"}
_WORD = re.compile(rb"[A-Za-z_$][\w$-]*")


def imported_words(raw: bytes) -> set[bytes]:
    """Return the words of a file's import statements.

    The statements are the lines that contain `import` or `require`, continued
    to the closing bracket when a bracket opens on them, which covers
    `from a import (…)` and `import {…} from "./a"` over several lines. Finding
    the keywords with `bytes.find` is far cheaper than a regular expression
    over the whole file.
    """
    words: set[bytes] = set()
    for keyword in _IMPORT_WORDS:
        start = raw.find(keyword)
        while start != -1:
            line_start = raw.rfind(b"\n", 0, start) + 1
            end = _statement_end(raw, start)
            words.update(_WORD.findall(raw, line_start, end))
            start = raw.find(keyword, end)
    return words


def _statement_end(raw: bytes, start: int) -> int:
    end = raw.find(b"\n", start)
    end = len(raw) if end == -1 else end
    for opener, closer in _OPENERS.items():
        position = raw.find(bytes((opener,)), start, end)
        if position != -1 and raw.find(closer, position, end) == -1:
            closed = raw.find(closer, end)
            if closed != -1:
                line_end = raw.find(b"\n", closed)
                return len(raw) if line_end == -1 else line_end
    return end


class ImportMarker:
    """Match files whose import statements name one of some modules.

    When `exports` is given, the file must also spell one of the exported
    names somewhere, as a file that uses an imported client or wrapper does.
    """

    def __init__(self, modules: Iterable[str], exports: Iterable[str] | None) -> None:
        self._modules = frozenset(name.encode() for name in modules)
        names = sorted(exports) if exports is not None else None
        self._names = tuple(name.encode() for name in names or ())
        self._exports = _any_word(self._names) if names is not None else None
        # NOTE: `bytes.find` of one name costs about a seventh of reading the
        # import statements (measured over the standard library, Python
        # 3.11), so a few names are looked for first.
        self._names_first = names is not None and len(names) <= _NAMES_FIRST
        pattern = ",".join(names) if names is not None else ""
        self.key = "imports:" + ",".join(sorted(modules)) + ":" + pattern
        self.miss = "imports no module that exports a client or wrapper, skipped"

    def search(self, raw: bytes, /) -> object:
        if self._names_first and not any(name in raw for name in self._names):
            return None
        if self._modules.isdisjoint(imported_words(raw)):
            return None
        return True if self._exports is None else self._exports.search(raw)


_NAMES_FIRST = 4


def _any_word(names: Iterable[bytes]) -> re.Pattern[bytes]:
    """Return a pattern matching any of `names` as a whole word."""
    alternatives = b"|".join(re.escape(name) for name in names)
    return re.compile(rb"\b(?:" + alternatives + rb")\b")
