"""The fix machinery: choosing edits, keeping files parseable, imports, bytes."""

from __future__ import annotations

import codecs
import logging
import os
import stat
from pathlib import Path

import pytest

from cio_lint.cache import Cache
from cio_lint.config import Settings
from cio_lint.discovery import Discovery, SourceFile
from cio_lint.edits import Applicability, Edit, Fix, ImportNeed
from cio_lint.findings import Finding
from cio_lint.fixing.apply import apply_fixes
from cio_lint.fixing.policy import FixPolicy
from cio_lint.fixing.runner import fix_files
from cio_lint.fixing.source_bytes import decode, write_atomically
from cio_lint.languages.javascript import JavascriptFrontend
from cio_lint.languages.javascript.import_edits import add_imports as add_js
from cio_lint.languages.python import PythonFrontend
from cio_lint.languages.python.import_edits import add_imports as add_python
from cio_lint.model import Position, Span
from cio_lint.positions import LineIndex
from cio_lint.rules import known_rules
from cio_lint.rules.fixes import await_fix
from cio_lint.selection import RuleSelection

NODE = "customerio-node"


def _edit(start: int, end: int, text: str) -> Edit:
    return Edit(Position(1, start + 1), Position(1, end + 1), start, end, text)


def _finding(
    *edits: Edit,
    code: str = "CIO101",
    applicability: Applicability = Applicability.SAFE,
    imports: tuple[ImportNeed, ...] = (),
) -> Finding:
    fix = Fix(applicability, "title", edits, imports)
    start = edits[0].start
    return Finding("x.js", start, start, code, "message", fix)


@pytest.mark.parametrize(
    ("first", "second", "overlaps"),
    [
        ((0, 5), (5, 9), False),
        ((0, 5), (4, 9), True),
        ((3, 3), (3, 3), True),
        ((3, 3), (3, 6), True),
        ((0, 9), (2, 4), True),
        ((6, 6), (0, 5), False),
    ],
)
def test_edit_overlaps(
    first: tuple[int, int], second: tuple[int, int], overlaps: bool
) -> None:
    assert _edit(*first, "").overlaps(_edit(*second, "")) is overlaps
    assert _edit(*second, "").overlaps(_edit(*first, "")) is overlaps


def test_overlapping_fix_waits() -> None:
    text = "f(a, b);\n"
    first = _finding(_edit(2, 3, "x"))
    overlapping = _finding(_edit(2, 6, "y"))
    later = _finding(_edit(5, 6, "z"))

    result = apply_fixes(
        text, Path("x.js"), JavascriptFrontend(), [later, overlapping, first]
    )

    assert result.text == "f(x, z);\n"
    assert result.applied == [first, later]
    assert result.dropped == []


def test_fix_that_breaks_parsing_is_dropped(caplog: pytest.LogCaptureFixture) -> None:
    text = "x = f(a)\ny = g(b)\n"
    breaking = _finding(_edit(6, 7, "(("))
    fine = _finding(_edit(15, 16, "c"))
    caplog.set_level(logging.INFO, logger="cio_lint.fixing.apply")

    result = apply_fixes(text, Path("x.py"), PythonFrontend(), [breaking, fine])

    assert result.text == "x = f(a)\ny = g(c)\n"  # only the second fix
    assert result.applied == [fine]
    assert result.dropped == [breaking]
    assert "x.js:1:7: CIO101 fix dropped: the fixed file would not parse" in (
        caplog.messages
    )


def test_await_fix_inserts_before_call() -> None:
    text = "async function save() {\n  cio.track(1, {});\n}\n"
    start = text.index("cio.track")
    end = text.index(";", start)
    lines = LineIndex(text)
    span = Span(lines.position(start), lines.position(end), start, end)
    fix = await_fix(span)
    finding = Finding("x.js", span.start, span.end, "CIO502", "message", fix)

    result = apply_fixes(text, Path("x.js"), JavascriptFrontend(), [finding])

    assert fix.applicability is Applicability.UNSAFE
    assert result.text == "async function save() {\n  await cio.track(1, {});\n}\n"


def test_import_added_with_fix() -> None:
    text = 'import { TrackClient } from "customerio-node";\nconst r = "eu";\n'
    finding = _finding(
        _edit(57, 61, "RegionEU"), imports=(ImportNeed(NODE, "RegionEU"),)
    )

    result = apply_fixes(text, Path("x.ts"), JavascriptFrontend(), [finding])

    assert result.text == (
        'import { TrackClient, RegionEU } from "customerio-node";\n'
        "const r = RegionEU;\n"
    )


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            'import { TrackClient } from "customerio-node";\n',
            'import { TrackClient, RegionEU } from "customerio-node";\n',
        ),
        (
            "import {} from 'customerio-node';\n",
            "import { RegionEU } from 'customerio-node';\n",
        ),
        (
            'const { TrackClient: T } = require("customerio-node");\n',
            'const { TrackClient: T, RegionEU } = require("customerio-node");\n',
        ),
        (
            'import { RegionEU as EU } from "customerio-node";\n',
            'import { RegionEU as EU, RegionEU } from "customerio-node";\n',
        ),
        (
            'const { RegionEU: EU } = require("customerio-node");\n',
            'const { RegionEU: EU, RegionEU } = require("customerio-node");\n',
        ),
        (
            'import { RegionEU } from "customerio-node";\n',
            'import { RegionEU } from "customerio-node";\n',
        ),
        ('import type { TrackClient } from "customerio-node";\n', None),
        ('import * as cio from "customerio-node";\n', None),
        ('const cio = require("customerio-node");\n', None),
    ],
)
def test_javascript_import_edits(source: str, expected: str | None) -> None:
    assert add_js(source, Path("x.ts"), [ImportNeed(NODE, "RegionEU")]) == expected


def test_python_import_edits() -> None:
    text = '"""Doc."""\r\nimport os\r\n\r\nx = 1\r\n'

    result = add_python(text, [ImportNeed("customerio", "Regions")])

    assert result == (
        '"""Doc."""\r\nimport os\r\nfrom customerio import Regions\r\n\r\nx = 1\r\n'
    )
    assert add_python(result, [ImportNeed("customerio", "Regions")]) == result
    assert add_python("x = (\n", [ImportNeed("customerio", "Regions")]) is None


def test_decode_keeps_encoding_and_bom() -> None:
    latin = "# -*- coding: latin-1 -*-\nname = 'Zoë'\n".encode("latin-1")
    bom = codecs.BOM_UTF8 + b"x = 1\r\n"

    latin_source = decode(PythonFrontend(), latin)
    bom_source = decode(PythonFrontend(), bom)
    js_source = decode(JavascriptFrontend(), bom)

    assert latin_source.encoding == "iso-8859-1"
    assert latin_source.encode(latin_source.text) == latin
    assert latin_source.encode("x = '€'\n") is None
    assert bom_source.text == "x = 1\r\n"
    assert bom_source.encode(bom_source.text) == bom
    assert js_source.encode(js_source.text) == bom


def test_write_atomically_keeps_mode(tmp_path: Path) -> None:
    path = tmp_path / "app.py"
    path.write_bytes(b"old\n")
    path.chmod(0o751)

    write_atomically(path, b"new\n")

    assert path.read_bytes() == b"new\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o751
    assert os.listdir(tmp_path) == ["app.py"]


def test_policy_applicability_and_codes() -> None:
    known = known_rules()
    settings = Settings(
        root=Path("."), config_path=None, fixable=("CIO1",), unfixable=("CIO103",)
    )
    safe = FixPolicy.build(settings, known, unsafe=False)
    unsafe = FixPolicy.build(settings, known, unsafe=True)
    edit = _edit(0, 1, "x")

    assert safe.applies(_finding(edit))
    assert not safe.applies(_finding(edit, applicability=Applicability.UNSAFE))
    assert unsafe.applies(_finding(edit, applicability=Applicability.UNSAFE))
    assert not unsafe.applies(_finding(edit, applicability=Applicability.DISPLAY))
    assert not safe.applies(_finding(edit, code="CIO103"))
    assert not safe.applies(_finding(edit, code="CIO301"))


def test_relint_after_fix_reads_no_stale_cache(tmp_path: Path) -> None:
    path = tmp_path / "app.py"
    path.write_text(
        "import time\nfrom customerio import CustomerIO\ncio = CustomerIO(S, K)\n"
        "cio.identify(id=1, created_at=int(time.time() * 1000))\n",
        encoding="utf-8",
    )
    settings = Settings(root=tmp_path, config_path=None)
    selection = RuleSelection.build(settings, known_rules())
    found = Discovery(files=[SourceFile(path=path, resolved=path, explicit=True)])
    cache = Cache.for_settings(tmp_path / "cache", settings)
    policy = FixPolicy.build(settings, known_rules(), unsafe=False)

    run = fix_files(found, settings, selection, policy, cache=cache)

    assert run.report.findings == []
    assert len(run.applied) == 1
    assert run.changed[path].after.endswith(b"created_at=int(time.time()))\n")
    assert cache.misses == 2
