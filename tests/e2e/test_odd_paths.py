"""Odd paths: directories named like files, links, permissions, repeats."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import RunCioLint
from tests.e2e.test_bad_input import GOOD

FINDING = "4:25: CIO101"


def _locations(stdout: str) -> list[str]:
    return [" ".join(line.split(" ")[:2]) for line in stdout.splitlines()]


def _good(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(GOOD, encoding="utf-8")


def _without_read_override(command: list[str]) -> list[str]:
    """Run `command` so that file permissions apply to it, even as root.

    root reads every file through CAP_DAC_OVERRIDE; setpriv drops that
    capability for the command it runs.
    """
    if os.geteuid() != 0:
        return command
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv, so no file is unreadable")
    capabilities = "-dac_override,-dac_read_search"
    return [
        setpriv,
        f"--bounding-set={capabilities}",
        f"--inh-caps={capabilities}",
        *command,
    ]


def test_directory_with_python_suffix_is_walked(
    tmp_path: Path, cio_lint: RunCioLint
) -> None:
    _good(tmp_path / "package.py" / "good.py")

    walked = cio_lint(".")
    named = cio_lint("package.py")

    assert _locations(walked.stdout) == [f"package.py/good.py:{FINDING}"]
    assert walked.stderr == "Found 1 finding.\n"
    assert _locations(named.stdout) == [f"package.py/good.py:{FINDING}"]
    assert named.exit_code == 1


def test_broken_links_are_warnings(tmp_path: Path, cio_lint: RunCioLint) -> None:
    _good(tmp_path / "good.py")
    (tmp_path / "dangling.py").symlink_to("missing.py")
    (tmp_path / "loop_a.py").symlink_to("loop_b.py")
    (tmp_path / "loop_b.py").symlink_to("loop_a.py")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "up").symlink_to("..")

    result = cio_lint(".")

    assert _locations(result.stdout) == [f"good.py:{FINDING}"]
    assert result.stderr.splitlines() == [
        "cio-lint: warning: dangling.py: broken symbolic link, skipped",
        "cio-lint: warning: loop_a.py: cannot read: Too many levels of symbolic links",
        "cio-lint: warning: loop_b.py: cannot read: Too many levels of symbolic links",
        "Found 1 finding; 3 files could not be checked (see above).",
    ]
    assert result.exit_code == 1


def test_unreadable_file_and_folder_are_warnings(
    tmp_path: Path, cio_lint_command: str
) -> None:
    _good(tmp_path / "good.py")
    _good(tmp_path / "locked.py")
    _good(tmp_path / "closed" / "inner.py")
    (tmp_path / "locked.py").chmod(0)
    (tmp_path / "closed").chmod(0)
    try:
        result = subprocess.run(
            _without_read_override([cio_lint_command, "--no-cache", "."]),
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    finally:
        (tmp_path / "closed").chmod(0o755)

    assert _locations(result.stdout) == [f"good.py:{FINDING}"]
    assert result.stderr.splitlines() == [
        "cio-lint: warning: closed: cannot read directory: Permission denied",
        "cio-lint: warning: locked.py: cannot read file: Permission denied",
        "Found 1 finding; 2 files could not be checked (see above).",
    ]
    assert result.returncode == 1


def test_fifo_named_on_command_line_is_skipped(
    tmp_path: Path, cio_lint: RunCioLint
) -> None:
    _good(tmp_path / "good.py")
    os.mkfifo(tmp_path / "pipe.py")

    walked = cio_lint(".")
    named = cio_lint("pipe.py", "good.py")

    assert _locations(walked.stdout) == [f"good.py:{FINDING}"]
    assert walked.stderr == "Found 1 finding.\n"
    assert _locations(named.stdout) == [f"good.py:{FINDING}"]
    assert named.stderr.splitlines() == [
        "cio-lint: warning: pipe.py: not a regular file, skipped",
        "Found 1 finding; 1 file could not be checked (see above).",
    ]


def test_path_given_twice_is_checked_once(tmp_path: Path, cio_lint: RunCioLint) -> None:
    _good(tmp_path / "good.py")

    result = cio_lint("good.py", "./good.py", ".", str(tmp_path / "good.py"))

    assert _locations(result.stdout) == [f"good.py:{FINDING}"]
    assert result.stderr == "Found 1 finding.\n"


def test_path_outside_config_root(tmp_path: Path, cio_lint: RunCioLint) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (project / "pyproject.toml").write_text(
        '[tool.cio-lint]\nper-file-ignores = { "ignored.py" = ["CIO101"] }\n',
        encoding="utf-8",
    )
    _good(tmp_path / "elsewhere" / "ignored.py")
    _good(tmp_path / "elsewhere" / "good.py")

    result = cio_lint("../elsewhere", cwd=project)

    assert _locations(result.stdout) == [f"../elsewhere/good.py:{FINDING}"]
    assert result.stderr == "Found 1 finding.\n"
    assert result.exit_code == 1


def test_fix_in_read_only_folder_is_an_error(
    tmp_path: Path, cio_lint_command: str
) -> None:
    _good(tmp_path / "good.py")
    _good(tmp_path / "locked" / "good.py")
    (tmp_path / "locked").chmod(0o555)
    try:
        result = subprocess.run(
            _without_read_override([cio_lint_command, "--fix", "--no-cache", "."]),
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    finally:
        (tmp_path / "locked").chmod(0o755)

    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "cio-lint: error: locked/good.py: cannot write the fixed file: "
        "Permission denied",
        "Found 1 finding (1 fixed, 0 remaining).",
    ]
    assert result.returncode == 2
    assert (tmp_path / "locked" / "good.py").read_text(encoding="utf-8") == GOOD
    assert sorted(path.name for path in (tmp_path / "locked").iterdir()) == ["good.py"]
    assert (tmp_path / "good.py").read_text(encoding="utf-8") == GOOD.replace(
        "time.time_ns()", "int(time.time_ns() / 1_000_000_000)"
    )
