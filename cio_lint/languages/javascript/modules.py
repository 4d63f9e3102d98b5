"""Map relative JavaScript and TypeScript import specifiers to project files.

`./cio` may name `cio.ts`, `cio.tsx`, `cio.js` and the other source
extensions, or `cio/index.*`. `./cio.js` also names `cio.ts`, because
TypeScript's ES-module resolution writes imports of `.ts` files that way.
Package specifiers (`customerio-node`) and path aliases (`@/lib/cio`) are not
project files here.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterator
from pathlib import Path

SOURCE_EXTENSIONS = (".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs")
_TYPESCRIPT_FOR = {
    ".js": (".ts", ".tsx"),
    ".jsx": (".tsx",),
    ".mjs": (".mts",),
    ".cjs": (".cts",),
}


def is_relative(specifier: str) -> bool:
    return specifier in (".", "..") or specifier.startswith(("./", "../"))


def resolve(importer: Path, specifier: str, files: Collection[Path]) -> Path | None:
    """Return the file in `files` that `importer` imports as `specifier`."""
    # NOTE: tsconfig `paths` aliases and package `exports` maps are not read,
    # so only relative specifiers are linked.
    if not is_relative(specifier):
        return None
    target = Path(os.path.normpath(importer.parent / specifier))
    for candidate in _candidates(target):
        if candidate in files:
            return candidate
    return None


def _candidates(target: Path) -> Iterator[Path]:
    if target.suffix in SOURCE_EXTENSIONS:
        yield target
        for suffix in _TYPESCRIPT_FOR.get(target.suffix, ()):
            yield target.with_suffix(suffix)
    for extension in SOURCE_EXTENSIONS:
        yield target.with_name(target.name + extension)
    for extension in SOURCE_EXTENSIONS:
        yield target / f"index{extension}"
