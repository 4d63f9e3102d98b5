"""Relative JavaScript and TypeScript imports resolve to project files."""

from __future__ import annotations

from pathlib import Path

import pytest

from cio_lint.languages.javascript import JavascriptFrontend

ROOT = Path("/project/src")
FILES = {
    ROOT / "cio.ts",
    ROOT / "legacy.js",
    ROOT / "esm.mts",
    ROOT / "view.tsx",
    ROOT / "lib" / "index.ts",
    ROOT / "lib" / "client.cjs",
    ROOT / "routes" / "users.js",
    ROOT / "cio.service.ts",
}


@pytest.mark.parametrize(
    ("importer", "specifier", "expected"),
    [
        ("routes/users.js", "../cio", "cio.ts"),
        ("routes/users.js", "../cio.ts", "cio.ts"),
        ("routes/users.js", "../cio.js", "cio.ts"),
        ("routes/users.js", "../view.js", "view.tsx"),
        ("routes/users.js", "../esm.mjs", "esm.mts"),
        ("routes/users.js", "../legacy", "legacy.js"),
        ("routes/users.js", "../lib", "lib/index.ts"),
        ("routes/users.js", "../lib/index.js", "lib/index.ts"),
        ("routes/users.js", "../lib/client.cjs", "lib/client.cjs"),
        ("cio.ts", "./cio.service", "cio.service.ts"),
        ("cio.ts", "./routes/users", "routes/users.js"),
        ("cio.ts", "./missing", None),
        ("cio.ts", "customerio-node", None),
        ("cio.ts", "@/cio", None),
    ],
)
def test_resolve_import(importer: str, specifier: str, expected: str | None) -> None:
    found = JavascriptFrontend().resolve_import(ROOT / importer, specifier, FILES)
    assert found == (ROOT / expected if expected else None)
