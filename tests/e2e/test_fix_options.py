"""Fix options through the installed command: writes, diffs, output and exits."""

from __future__ import annotations

import codecs
import hashlib
import json
import os
import shutil
import stat
from pathlib import Path

import pytest

from tests.conftest import RunCioLint, WriteTree, without_reliability_rules


@pytest.fixture
def cio_lint(cio_lint: RunCioLint) -> RunCioLint:
    """Lint without the reliability rules, which these inputs do not address."""
    return without_reliability_rules(cio_lint)


REPOSITORY = Path(__file__).resolve().parents[2]
SIGNUP = """import time
from customerio import CustomerIO
cio = CustomerIO(SITE_ID, TRACK_KEY)
cio.identify(id=1, created_at=int(time.time() * 1000))
"""
FIXED = SIGNUP.replace("int(time.time() * 1000)", "int(time.time())")
MONOTONIC = """import time
from customerio import CustomerIO
cio = CustomerIO(SITE_ID, TRACK_KEY)
cio.identify(id=1, created_at=time.monotonic())
"""
JS_WITH_BOM = (
    'const { TrackClient } = require("customerio-node");\r\n'
    "const cio = new TrackClient(SITE_ID, KEY);\r\n"
    "cio.identify(\"1\", { name: 'Zoë', created_at: Date.now() });\r\n"
)
LATIN1 = (
    "# -*- coding: latin-1 -*-\n"
    "from customerio import CustomerIO\n"
    "cio = CustomerIO(SITE_ID, TRACK_KEY, region='eu')  # Müller\n"
    "cio.identify(id=1, name='Zoë')\n"
)
# The safe fixes of examples/ (see the rule pages) leave these findings.
EXAMPLES_REMAINING = [
    "examples/node-service/src/services/billing.ts:22:62: CIO102",
    "examples/node-service/src/services/billing.ts:62:7: CIO603",
    "examples/shop/orders.py:18:19: CIO101",
    "examples/shop/orders.py:25:50: CIO101",
    "examples/shop/refunds.py:7:11: CIO303",
    "examples/shop/refunds.py:13:15: CIO205",
    "examples/shop/tracking.py:14:21: CIO401",
]


def _digests(root: Path) -> dict[str, str]:
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def test_fix_keeps_bom_crlf_and_mode(cio_lint: RunCioLint, tmp_path: Path) -> None:
    path = tmp_path / "app.js"
    before = codecs.BOM_UTF8 + JS_WITH_BOM.encode()
    path.write_bytes(before)
    path.chmod(0o640)

    result = cio_lint("--fix", "app.js")

    expected = before.replace(b"Date.now()", b"Math.floor(Date.now() / 1000)")
    assert path.read_bytes() == expected
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert result.exit_code == 0, result.stderr
    assert sorted(os.listdir(tmp_path)) == [".cio_lint_cache", "app.js"]


def test_fix_keeps_latin1_with_cookie(cio_lint: RunCioLint, tmp_path: Path) -> None:
    path = tmp_path / "app.py"
    before = LATIN1.encode("latin-1")
    path.write_bytes(before)

    result = cio_lint("--fix", "app.py")

    expected = before.replace(
        b"from customerio import CustomerIO\n",
        b"from customerio import Regions, CustomerIO\n",
    ).replace(b"region='eu'", b"region=Regions.EU")
    assert path.read_bytes() == expected
    assert "Müller".encode("latin-1") in path.read_bytes()
    assert result.stderr == "Found 1 finding (1 fixed, 0 remaining).\n"


def test_diff_on_examples_writes_nothing(cio_lint: RunCioLint, tmp_path: Path) -> None:
    shutil.copytree(REPOSITORY / "examples", tmp_path / "examples")
    before = _digests(tmp_path / "examples")

    result = cio_lint("--diff", "--no-cache", "examples")

    assert _digests(tmp_path / "examples") == before
    assert "--- examples/shop/tracking.py\n+++ examples/shop/tracking.py\n" in (
        result.stdout
    )
    assert "-            created_at=int(time.time() * 1000),\n" in result.stdout
    assert "+            created_at=int(time.time()),\n" in result.stdout
    assert "+    created_at: Math.floor(Date.now() / 1000),\n" in result.stdout
    assert result.stderr == "Would fix 8 findings.\n"
    assert result.exit_code == 1


def test_fix_on_examples_leaves_unsafe(cio_lint: RunCioLint, tmp_path: Path) -> None:
    shutil.copytree(REPOSITORY / "examples", tmp_path / "examples")

    fixed = cio_lint("--fix", "examples")
    after = cio_lint("examples")

    assert fixed.stderr == "Found 15 findings (8 fixed, 7 remaining).\n"
    assert [" ".join(line.split(" ")[:2]) for line in after.lines] == (
        EXAMPLES_REMAINING
    )
    assert not any("[*]" in line for line in after.lines)
    assert after.exit_code == 1


def test_diff_without_fixes_exits_zero(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree({"app.py": MONOTONIC})

    result = cio_lint("--diff", "app.py")

    assert result.stdout == ""
    assert result.stderr == "No fixes available.\n"
    assert result.exit_code == 0


def test_unchanged_file_keeps_mtime(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    root = write_tree({"bad.py": SIGNUP, "other.py": MONOTONIC})
    os.utime(root / "other.py", ns=(1_000_000_000, 1_000_000_000))

    result = cio_lint("--fix", ".")

    assert (root / "other.py").stat().st_mtime_ns == 1_000_000_000
    assert (root / "bad.py").read_text(encoding="utf-8") == FIXED
    assert [line.split(" ")[0] for line in result.lines] == ["other.py:4:31:"]
    assert result.stderr == "Found 2 findings (1 fixed, 1 remaining).\n"
    assert result.exit_code == 1


def test_concise_marks_safe_fixes(write_tree: WriteTree, cio_lint: RunCioLint) -> None:
    through_variable = SIGNUP.replace(
        "cio.identify(id=1, created_at=int(time.time() * 1000))",
        "ms = int(time.time() * 1000)\ncio.identify(id=1, created_at=ms)",
    )
    write_tree({"bad.py": SIGNUP, "other.py": MONOTONIC, "var.py": through_variable})

    result = cio_lint(".")
    unsafe = cio_lint("--unsafe-fixes", ".")

    assert [line.split(" ")[:3] for line in result.lines] == [
        ["bad.py:4:31:", "CIO101", "[*]"],
        ["other.py:4:31:", "CIO101", "'created_at'"],
        ["var.py:5:31:", "CIO101", "'created_at'"],
    ]
    assert [line.split(" ")[2] for line in unsafe.lines] == [
        "[*]",
        "'created_at'",
        "[*]",
    ]


def test_stdin_fix_prints_fixed_text(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree({})

    result = cio_lint("--fix", "--stdin-filename", "x.py", "-", stdin=SIGNUP)

    assert result.stdout == FIXED
    assert result.stderr == "Found 1 finding (1 fixed, 0 remaining).\n"
    assert result.exit_code == 0


def test_stdin_fix_reports_remaining(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree({})

    result = cio_lint("--fix", "--stdin-filename", "x.py", "-", stdin=MONOTONIC)

    assert result.stdout == MONOTONIC
    assert result.stderr.startswith("x.py:4:31: CIO101 'created_at' receives")
    assert result.stderr.endswith("\nFound 1 finding (0 fixed, 1 remaining).\n")
    assert result.exit_code == 1


def test_fix_only_reports_nothing(write_tree: WriteTree, cio_lint: RunCioLint) -> None:
    root = write_tree({"bad.py": SIGNUP, "other.py": MONOTONIC})

    quiet = cio_lint("--fix-only", ".")
    (root / "bad.py").write_text(SIGNUP, encoding="utf-8")
    strict = cio_lint("--fix-only", "--exit-non-zero-on-fix", ".")
    again = cio_lint("--fix-only", "--exit-non-zero-on-fix", ".")

    assert quiet.stdout == ""
    assert quiet.stderr == "Found 1 finding (1 fixed, 0 remaining).\n"
    assert quiet.exit_code == 0
    assert strict.exit_code == 1
    assert again.exit_code == 0
    assert (root / "bad.py").read_text(encoding="utf-8") == FIXED


def test_exit_non_zero_on_fix(write_tree: WriteTree, cio_lint: RunCioLint) -> None:
    root = write_tree({"bad.py": SIGNUP})

    fixed = cio_lint("--fix", "--exit-non-zero-on-fix", "bad.py")
    clean = cio_lint("--fix", "--exit-non-zero-on-fix", "bad.py")

    assert fixed.exit_code == 1
    assert fixed.stdout == ""
    assert clean.exit_code == 0
    assert clean.stderr == "All checks passed.\n"
    assert (root / "bad.py").read_text(encoding="utf-8") == FIXED


def test_show_fixes_lists_applied(write_tree: WriteTree, cio_lint: RunCioLint) -> None:
    write_tree({"bad.py": SIGNUP})

    available = cio_lint("--show-fixes", "bad.py")
    applied = cio_lint("--fix", "--show-fixes", "bad.py")

    assert available.stderr == (
        "Fixes available with --fix:\n"
        "  bad.py:4:31: CIO101 Convert to Unix seconds\n"
        "Found 1 finding.\n"
    )
    assert applied.stderr == (
        "Fixed:\n"
        "  bad.py:4:31: CIO101 Convert to Unix seconds\n"
        "Found 1 finding (1 fixed, 0 remaining).\n"
    )


def test_json_carries_the_fix(write_tree: WriteTree, cio_lint: RunCioLint) -> None:
    write_tree({"bad.py": SIGNUP})

    result = cio_lint("--output-format", "json", "bad.py")

    [record] = json.loads(result.stdout)
    assert record["fix"] == {
        "applicability": "safe",
        "message": "Convert to Unix seconds",
        "edits": [
            {
                "content": "int(time.time())",
                "location": {"line": 4, "column": 31},
                "end_location": {"line": 4, "column": 54},
            }
        ],
        "imports": [],
    }


def test_unfixable_and_fixable_config(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    root = write_tree(
        {
            "unfixable/cio-lint.toml": 'unfixable = ["millisecond-timestamp"]\n',
            "unfixable/bad.py": SIGNUP,
            "fixable/cio-lint.toml": 'fixable = ["CIO3"]\n',
            "fixable/bad.py": SIGNUP,
            "unknown/cio-lint.toml": 'fixable = ["CIO999"]\n',
            "unknown/bad.py": SIGNUP,
        }
    )

    for folder in ("unfixable", "fixable"):
        result = cio_lint("--fix", "bad.py", cwd=root / folder)
        assert (root / folder / "bad.py").read_text(encoding="utf-8") == SIGNUP
        assert result.lines[0].split(" ")[1:3] == ["CIO101", "'created_at'"]
        assert result.exit_code == 1
    unknown = cio_lint("--fix", "bad.py", cwd=root / "unknown")

    assert unknown.stderr == (
        f"cio-lint: error: {root / 'unknown' / 'cio-lint.toml'}: unknown rule code "
        "or name 'CIO999' in 'fixable'\n"
    )
    assert unknown.exit_code == 2


def test_statistics_count_fixable(write_tree: WriteTree, cio_lint: RunCioLint) -> None:
    write_tree({"bad.py": SIGNUP, "other.py": MONOTONIC})

    result = cio_lint("--statistics", ".")

    assert result.stdout == "2  CIO101  millisecond-timestamp  1 fixable\n"
