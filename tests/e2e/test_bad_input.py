"""Odd and hostile input: a finding or a one-line message, never a crash."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from tests.conftest import RunCioLint, WriteTree

GOOD = """import time
from customerio import CustomerIO
cio = CustomerIO(SITE_ID, TRACK_KEY)
cio.identify(1, seen_at=time.time_ns())
"""
GOOD_FINDING = "good.py:4:25: CIO101"


def _locations(stdout: str) -> list[str]:
    return [" ".join(line.split(" ")[:2]) for line in stdout.splitlines()]


def _write(root: Path, name: str, content: bytes) -> None:
    (root / name).write_bytes(content)


def test_deeply_nested_brackets_are_a_syntax_error(
    tmp_path: Path, cio_lint: RunCioLint
) -> None:
    nested = "(" * 5000 + "1" + ")" * 5000
    _write(tmp_path, "deep.py", f"import customerio\nx = {nested}\n".encode())
    _write(tmp_path, "good.py", GOOD.encode())

    result = cio_lint(".")

    assert result.lines[0] == (
        "deep.py:2:205: CIO001 Syntax error, file not checked: "
        "too many nested parentheses"
    )
    assert _locations(result.stdout)[1:] == [GOOD_FINDING]
    assert result.exit_code == 1


def test_nul_byte_is_a_syntax_error(tmp_path: Path, cio_lint: RunCioLint) -> None:
    _write(tmp_path, "nul.py", b"import customerio\nx = 1\x00\n")

    result = cio_lint("nul.py")

    assert result.lines == [
        "nul.py:2:6: CIO001 Syntax error, file not checked: source contains a NUL byte"
    ]


def test_long_expression_chain_is_analysed(
    tmp_path: Path, cio_lint: RunCioLint
) -> None:
    chain = " + ".join(['"a"'] * 3000)
    _write(tmp_path, "good.py", (GOOD + f"x = {chain}\n").encode())

    result = cio_lint("good.py")

    assert _locations(result.stdout) == [GOOD_FINDING]
    assert result.stderr == "Found 1 finding.\n"


def test_valid_python_libcst_rejects_is_a_warning(
    tmp_path: Path, cio_lint: RunCioLint
) -> None:
    strings = " ".join(['"a"'] * 5000)
    _write(tmp_path, "strings.py", f"import customerio\nx = {strings}\n".encode())
    _write(tmp_path, "good.py", GOOD.encode())

    result = cio_lint(".")

    assert _locations(result.stdout) == [GOOD_FINDING]
    assert result.stderr.splitlines() == [
        "cio-lint: warning: strings.py: LibCST cannot parse this valid Python "
        '(expected one of STRING, f", t"), file not checked',
        "Found 1 finding; 1 file could not be checked (see above).",
    ]
    assert result.exit_code == 1


def test_invalid_utf8_is_a_warning(tmp_path: Path, cio_lint: RunCioLint) -> None:
    _write(tmp_path, "bad.py", b'import customerio\nx = "\xff"\n')

    result = cio_lint("bad.py")

    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "cio-lint: warning: bad.py: cannot decode file: not valid utf-8: byte 0xff "
        "at line 2, byte 6; save it as UTF-8 or declare its encoding in a coding "
        "comment",
        "No findings, but 1 file could not be checked (see above).",
    ]
    assert result.exit_code == 0


def test_latin1_file_with_coding_cookie(tmp_path: Path, cio_lint: RunCioLint) -> None:
    source = (
        "# -*- coding: latin-1 -*-\n"
        "import time\n"
        "from customerio import CustomerIO\n"
        "cio = CustomerIO(SITE_ID, TRACK_KEY)\n"
        "cio.identify(1, name='Zoë', seen_at=time.time_ns())\n"
    )
    _write(tmp_path, "latin.py", source.encode("latin-1"))

    result = cio_lint("latin.py")

    assert _locations(result.stdout) == ["latin.py:5:37: CIO101"]


def test_unencodable_output_is_escaped(tmp_path: Path, cio_lint_command: str) -> None:
    source = GOOD.replace("seen_at=time.time_ns()", "seen_at=时间") + (
        "时间 = time.time_ns()\n"
    )
    _write(tmp_path, "good.py", source.encode())

    result = subprocess.run(
        [cio_lint_command, "good.py"],
        cwd=tmp_path,
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "ascii"},
        check=False,
    )

    assert b"Traceback" not in result.stderr
    assert result.stdout.startswith(b"good.py:4:25: CIO101 'seen_at' receives ")
    assert b"\\u65f6\\u95f4" in result.stdout
    assert result.returncode == 1


def test_same_dict_sent_twice_reported_once(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree(
        {
            "dup.py": """
            import time
            from customerio import CustomerIO
            cio = CustomerIO(SITE_ID, TRACK_KEY)
            attrs = {"a_at": time.time() * 1000}
            cio.identify(1, **attrs)
            cio.identify(2, **attrs)
            """
        }
    )

    result = cio_lint("dup.py")

    assert _locations(result.stdout) == ["dup.py:4:18: CIO101"]


def test_empty_path_argument_is_usage_error(cio_lint: RunCioLint) -> None:
    result = cio_lint("")

    assert result.exit_code == 2
    assert result.stderr == (
        "cio-lint: error: empty path given; name a file or directory, "
        "or nothing for '.'\n"
    )


def test_isolated_with_config_is_usage_error(cio_lint: RunCioLint) -> None:
    result = cio_lint("--isolated", "--config", "x.toml", ".")

    assert result.exit_code == 2
    assert result.stderr == (
        "cio-lint: error: --config and --isolated cannot be used together\n"
    )


def test_noqa_prefix_of_longer_word_is_not_noqa(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree({"good.py": GOOD.replace("time_ns())", "time_ns())  # noqanything")})

    result = cio_lint("good.py")

    assert _locations(result.stdout) == [GOOD_FINDING]


NODE_HEADER = (
    'const { TrackClient } = require("customerio-node");\n'
    "const cio = new TrackClient(siteId, apiKey);\n"
)


def test_empty_and_bom_only_files_are_quiet(
    tmp_path: Path, cio_lint: RunCioLint
) -> None:
    _write(tmp_path, "empty.py", b"")
    _write(tmp_path, "empty.js", b"")
    _write(tmp_path, "bom.py", b"\xef\xbb\xbf")
    _write(tmp_path, "bom.js", b"\xef\xbb\xbf")
    _write(tmp_path, "bom_marker.py", b"\xef\xbb\xbfimport customerio\n")
    _write(tmp_path, "good.py", GOOD.encode())

    result = cio_lint("--no-cache", ".")

    assert _locations(result.stdout) == [GOOD_FINDING]
    assert result.stderr == "Found 1 finding.\n"
    assert result.exit_code == 1


def test_invalid_utf8_in_javascript_is_a_warning(
    tmp_path: Path, cio_lint: RunCioLint
) -> None:
    _write(tmp_path, "bad.js", NODE_HEADER.encode() + b'const x = "\xc3\x28";\n')
    _write(tmp_path, "good.py", GOOD.encode())

    result = cio_lint(".")

    assert _locations(result.stdout) == [GOOD_FINDING]
    assert result.stderr.splitlines() == [
        "cio-lint: warning: bad.js: cannot decode file: not valid utf-8: byte 0xc3 "
        "at line 3, byte 12; save it as UTF-8",
        "Found 1 finding; 1 file could not be checked (see above).",
    ]
    assert result.exit_code == 1


def test_nul_byte_in_javascript_is_escaped(
    tmp_path: Path, cio_lint: RunCioLint
) -> None:
    _write(tmp_path, "nul.js", NODE_HEADER.encode() + b"const x = 1\x00;\n")

    result = cio_lint("nul.js")

    assert result.lines == [
        "nul.js:3:12: CIO001 Syntax error, the rest of the file was still checked: "
        'unexpected "\\x00"'
    ]
    assert result.exit_code == 1


def test_minified_bundle_over_size_limit_is_skipped(
    tmp_path: Path, cio_lint: RunCioLint
) -> None:
    statement = "function f(a,b){return c.track(a,{name:'e',data:{t:b}})};"
    bundle = NODE_HEADER.replace("\n", "") + statement * (10_000_000 // len(statement))
    _write(tmp_path, "bundle.min.js", bundle.encode())
    _write(tmp_path, "good.py", GOOD.encode())
    size = len(bundle.encode())

    result = cio_lint(".")

    assert _locations(result.stdout) == [GOOD_FINDING]
    assert result.stderr.splitlines() == [
        f"cio-lint: warning: bundle.min.js: {size:,} bytes, larger than the "
        "1,000,000-byte limit (a generated or minified file?), file not checked",
        "Found 1 finding; 1 file could not be checked (see above).",
    ]
    assert result.exit_code == 1


def test_minified_line_positions_are_exact(
    tmp_path: Path, cio_lint: RunCioLint
) -> None:
    filler = "var s='é€😀';" * 2000
    line = f"{filler}cio.identify(1,{{created_at:Date.now()}});"
    _write(tmp_path, "app.min.js", (NODE_HEADER + line + "\n").encode())

    result = cio_lint("--select", "CIO0,CIO1", "app.min.js")

    column = len(filler) + len("cio.identify(1,{created_at:") + 1
    assert _locations(result.stdout) == [f"app.min.js:3:{column}: CIO101"]
    assert result.exit_code == 1


def test_deeply_nested_javascript_is_analysed(
    tmp_path: Path, cio_lint: RunCioLint
) -> None:
    nested = "[" * 5000 + "1" + "]" * 5000
    source = (
        NODE_HEADER
        + f"const deep = {nested};\n"
        + "cio.identify(1, { created_at: Date.now() });\n"
    )
    _write(tmp_path, "deep.js", source.encode())

    result = cio_lint("--select", "CIO0,CIO1", "deep.js")

    assert _locations(result.stdout) == ["deep.js:4:31: CIO101"]
    assert result.stderr == "Found 1 finding.\n"


def test_mixed_tabs_and_spaces(tmp_path: Path, cio_lint: RunCioLint) -> None:
    header = GOOD.rsplit("cio.identify", 1)[0]
    call = "cio.identify(1, seen_at=time.time_ns())"
    consistent = f"{header}if True:\n\t{call}\ndef f():\n    return 1\n"
    inconsistent = f"{header}if True:\n\t{call}\n        x = 1\n"
    _write(tmp_path, "consistent.py", consistent.encode())
    _write(tmp_path, "inconsistent.py", inconsistent.encode())

    result = cio_lint(".")

    assert result.lines[0].startswith("consistent.py:5:26: CIO101 ")
    assert result.lines[1:] == [
        "inconsistent.py:6:1: CIO001 Syntax error, file not checked: "
        "inconsistent use of tabs and spaces in indentation"
    ]
    assert result.exit_code == 1


def test_python2_syntax_is_a_syntax_error(tmp_path: Path, cio_lint: RunCioLint) -> None:
    _write(tmp_path, "legacy.py", b'import customerio\nprint "sent"\n')
    _write(tmp_path, "good.py", GOOD.encode())

    result = cio_lint(".")

    assert _locations(result.stdout)[0] == GOOD_FINDING
    assert result.lines[1] == (
        "legacy.py:2:1: CIO001 Syntax error, file not checked: "
        "Missing parentheses in call to 'print'. Did you mean print(...)?"
    )
    assert result.exit_code == 1


def test_jsx_inside_js_is_analysed(tmp_path: Path, cio_lint: RunCioLint) -> None:
    source = (
        NODE_HEADER
        + "const el = <b onClick={() => cio.identify(1, {created_at: Date.now()})} />;"
        + "\n"
    )
    _write(tmp_path, "view.js", source.encode())

    result = cio_lint("view.js")

    assert _locations(result.stdout) == ["view.js:3:59: CIO101"]
    assert result.stderr == "Found 1 finding.\n"


def test_typescript_inside_js_is_a_syntax_error(
    tmp_path: Path, cio_lint: RunCioLint
) -> None:
    source = (
        'const { TrackClient } = require("customerio-node");\n'
        "interface Options { region: string }\n"
        "const cio = new TrackClient(siteId, apiKey);\n"
        "cio.identify(1, { created_at: Date.now() });\n"
    )
    _write(tmp_path, "typed.js", source.encode())

    result = cio_lint("--select", "CIO0,CIO1", "typed.js")

    assert result.lines[0] == (
        "typed.js:2:1: CIO001 Syntax error, the rest of the file was still "
        'checked: cannot parse "interface Options"'
    )
    assert _locations(result.stdout)[1:] == ["typed.js:4:31: CIO101"]
    assert result.exit_code == 1


def test_parser_warnings_stay_off_stderr(tmp_path: Path, cio_lint_command: str) -> None:
    _write(tmp_path, "broken.py", b'import customerio\npattern = "\\d"\nx = (\n')

    result = subprocess.run(
        [cio_lint_command, "broken.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONWARNINGS": "always"},
        check=False,
    )

    assert result.stdout == (
        "broken.py:3:5: CIO001 Syntax error, file not checked: '(' was never closed\n"
    )
    assert result.stderr == "Found 1 finding.\n"
    assert result.returncode == 1


def test_deep_unary_chain_is_a_warning(tmp_path: Path, cio_lint: RunCioLint) -> None:
    _write(tmp_path, "deep.py", b"import customerio\nx = " + b"-" * 100_000 + b"1\n")
    _write(tmp_path, "good.py", GOOD.encode())

    result = cio_lint(".")

    assert _locations(result.stdout) == [GOOD_FINDING]
    assert result.stderr.splitlines() == [
        "cio-lint: warning: deep.py: nested more than 1000 levels deep, too deep "
        "to analyse, file not checked",
        "Found 1 finding; 1 file could not be checked (see above).",
    ]
    assert result.exit_code == 1
