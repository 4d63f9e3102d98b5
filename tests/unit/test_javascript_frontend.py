"""The JavaScript front-end: files it claims, decoding, grammars and imports."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from cio_lint.languages import frontend_for, supported_extensions
from cio_lint.languages.base import DecodeError
from cio_lint.languages.javascript import JavascriptFrontend
from cio_lint.model import Language

FRONTEND = JavascriptFrontend()


@pytest.mark.parametrize(
    "name", ["a.js", "a.jsx", "a.mjs", "a.cjs", "a.ts", "a.tsx", "a.mts", "a.cts"]
)
def test_claims_every_javascript_extension(name: str) -> None:
    frontend = frontend_for(Path(name))
    assert frontend is not None and frontend.language is Language.JAVASCRIPT
    assert Path(name).suffix in supported_extensions()


@pytest.mark.parametrize("name", ["types.d.ts", "types.d.mts", "types.d.cts"])
def test_declaration_files_are_not_linted(name: str) -> None:
    assert not FRONTEND.accepts(Path(name))
    assert frontend_for(Path(name)) is None


def test_decode_strips_bom_and_rejects_invalid_utf8() -> None:
    assert FRONTEND.decode("\ufeffconst é = 1;".encode()) == "const é = 1;"
    with pytest.raises(DecodeError):
        FRONTEND.decode(b"const x = '\xff';")


@pytest.mark.parametrize(
    ("name", "source"),
    [
        ("x.tsx", "const el = <Button onClick={() => cio.track('1', {})} />;"),
        ("x.jsx", "const el = <Button onClick={() => cio.track('1', {})} />;"),
        ("x.js", "const el = <Button onClick={() => cio.track('1', {})} />;"),
        ("x.ts", "const n = <number>cio.track('1', {});"),
        ("x.mts", "const n = cio.track('1', {}) as Promise<unknown>;"),
    ],
)
def test_grammar_follows_the_extension(name: str, source: str) -> None:
    header = 'import { TrackClient } from "customerio-node";\n'
    header += "const cio = new TrackClient(SITE_ID, KEY);\n"
    model = FRONTEND.analyze(header + source, Path(name))
    assert model.syntax_error is None
    assert [call.operation for call in model.calls] == ["event"]


def test_typescript_cast_in_tsx_is_a_syntax_error() -> None:
    model = FRONTEND.analyze("const n = <number>value;\n", Path("x.tsx"))
    assert model.syntax_error is not None


def test_tree_sitter_loaded_lazily() -> None:
    code = (
        "import sys\n"
        "from cio_lint import cli, engine, languages\n"
        "languages.supported_extensions()\n"
        "assert 'tree_sitter' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
