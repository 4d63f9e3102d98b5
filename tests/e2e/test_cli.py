"""End-to-end behaviour of the installed `cio-lint` command."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import RunCioLint, WriteTree

SIGNUP = """
import time
from customerio import CustomerIO, Regions

cio = CustomerIO(SITE_ID, TRACK_KEY, region=Regions.EU)

def on_signup(user):
    cio.identify(id=user.id, email=user.email, created_at=int(time.time() * 1000))
    cio.track(user.id, "signed_up", timestamp=time.time_ns() // 1_000_000)
    cio.identify(id=user.id, plan_changed_at=int(time.time()))
    started = time.time() * 1000  # not sent to Customer.io
"""

MS_IDENTIFY = """
import time
from customerio import CustomerIO

cio = CustomerIO(SITE_ID, TRACK_KEY)
cio.identify(id=1, created_at=int(time.time() * 1000))
"""


def _locations(stdout: str) -> list[str]:
    """Return `path:line:col: CODE` of every finding line."""
    return [" ".join(line.split(" ")[:2]) for line in stdout.splitlines()]


def test_signup_reports_two_millisecond_fields(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree({"signup.py": SIGNUP})

    result = cio_lint("signup.py")

    assert _locations(result.stdout) == [
        "signup.py:7:59: CIO101",
        "signup.py:8:47: CIO101",
    ]
    assert result.exit_code == 1


def test_message_states_fact_and_fix(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree(
        {
            "launch.py": """
            from customerio import CustomerIO
            cio = CustomerIO(SITE_ID, TRACK_KEY)
            cio.identify(id=1, launch_at=1704067200000)
            """
        }
    )

    result = cio_lint("launch.py")

    assert result.lines == [
        "launch.py:3:30: CIO101 [*] 'launch_at' receives milliseconds from "
        "1704067200000; Customer.io expects Unix seconds and reads 1704067200000 "
        "as a date in the year 55969, so segment conditions on it never match: "
        "divide by 1000"
    ]


def test_syntax_error_does_not_stop_the_run(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree(
        {
            "broken.py": """
            from customerio import CustomerIO
            cio = CustomerIO(SITE_ID, TRACK_KEY
            """,
            "good.py": MS_IDENTIFY,
        }
    )

    result = cio_lint(".")

    assert result.lines == [
        "broken.py:2:17: CIO001 Syntax error, file not checked: '(' was never closed",
        result.lines[1],
    ]
    assert result.lines[1].startswith("good.py:5:31: CIO101 ")
    assert result.exit_code == 1


def test_unknown_select_code_exits_2(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree({"x.py": MS_IDENTIFY})

    result = cio_lint("--select", "CIO999", "x.py")

    assert result.exit_code == 2
    assert result.stdout == ""
    assert (
        result.stderr
        == "cio-lint: error: --select: unknown rule code or name 'CIO999'\n"
    )


def test_exit_zero_still_reports(write_tree: WriteTree, cio_lint: RunCioLint) -> None:
    write_tree({"x.py": MS_IDENTIFY})

    result = cio_lint("--exit-zero", "x.py")

    assert _locations(result.stdout) == ["x.py:5:31: CIO101"]
    assert result.exit_code == 0


def test_clean_tree_exits_0(write_tree: WriteTree, cio_lint: RunCioLint) -> None:
    write_tree({"ok.py": "from customerio import CustomerIO\n", "other.py": "x = 1\n"})

    result = cio_lint()

    assert result.stdout == ""
    assert result.stderr == "All checks passed.\n"
    assert result.exit_code == 0


def test_findings_sorted_by_path_then_position(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree(
        {
            "b.py": MS_IDENTIFY,
            "a/z.py": MS_IDENTIFY + "cio.identify(id=2, seen_at=time.time_ns())\n",
        }
    )

    result = cio_lint("b.py", "a")

    assert _locations(result.stdout) == [
        "a/z.py:5:31: CIO101",
        "a/z.py:6:28: CIO101",
        "b.py:5:31: CIO101",
    ]


def test_missing_path_exits_2_and_lints_the_rest(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree({"x.py": MS_IDENTIFY})

    result = cio_lint("nope.py", "x.py")

    assert _locations(result.stdout) == ["x.py:5:31: CIO101"]
    assert "cio-lint: error: nope.py: no such file or directory\n" in result.stderr
    assert result.exit_code == 2


def test_closed_stdout_prints_no_traceback(
    write_tree: WriteTree, cio_lint_command: str, tmp_path: Path
) -> None:
    many = MS_IDENTIFY + "".join(
        f"cio.identify(id={n}, seen_at=time.time_ns())\n" for n in range(3000)
    )
    write_tree({"many.py": many})

    process = subprocess.Popen(
        [cio_lint_command, "many.py"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.readline()
    process.stdout.close()
    stderr = process.stderr.read().decode()
    process.wait(timeout=60)

    assert first.startswith(b"many.py:5:31: CIO101 ")
    assert "Traceback" not in stderr
    assert process.returncode == 1


def test_python_module_entry_point(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "cio_lint", "--version"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.stdout.startswith("cio-lint, version ")
    assert result.returncode == 0


def test_default_path_is_current_directory(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree({"pkg/x.py": MS_IDENTIFY})

    result = cio_lint()

    assert _locations(result.stdout) == ["pkg/x.py:5:31: CIO101"]
