"""Killing `cio-lint --fix` leaves every file with its old or its new bytes."""

from __future__ import annotations

import random
import signal
import subprocess
import time
from pathlib import Path

from tests.e2e.test_bad_input import GOOD, NODE_HEADER

COPIES = 150
NODE = NODE_HEADER + "cio.identify(1, { created_at: Date.now() });\n"
KILLS = 4


def _write_copies(root: Path) -> dict[str, bytes]:
    """Write the copies and return each file's bytes by name."""
    root.mkdir()
    contents: dict[str, bytes] = {}
    for number in range(COPIES):
        for name, text in ((f"app{number}.py", GOOD), (f"app{number}.js", NODE)):
            data = (text + f"# {number}\n" if name.endswith(".py") else text).encode()
            (root / name).write_bytes(data)
            contents[name] = data
    return contents


def _fix(command: str, root: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [command, "--fix", "--no-cache", "--select", "CIO1", "."],
        cwd=root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _source_files(root: Path) -> dict[str, bytes]:
    return {
        path.name: path.read_bytes()
        for path in root.iterdir()
        if path.suffix in {".py", ".js"}
    }


def test_killed_fix_leaves_old_or_new_bytes(
    tmp_path: Path, cio_lint_command: str
) -> None:
    before = _write_copies(tmp_path / "complete")
    started = time.monotonic()
    assert _fix(cio_lint_command, tmp_path / "complete").wait(timeout=120) == 0
    duration = time.monotonic() - started
    after = _source_files(tmp_path / "complete")
    assert all(after[name] != before[name] for name in before)

    chooser = random.Random(20261204)
    for kill in range(KILLS):
        root = tmp_path / f"killed{kill}"
        _write_copies(root)
        process = _fix(cio_lint_command, root)
        time.sleep(chooser.uniform(0.5, 1.0) * duration)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)

        found = _source_files(root)
        assert found.keys() == before.keys()
        damaged = [
            name
            for name, data in found.items()
            if data not in (before[name], after[name])
        ]
        assert damaged == []
        # A killed run may leave its temporary files, which are never linted.
        leftovers = {path.name for path in root.iterdir()} - found.keys()
        assert all(name.endswith(".cio-lint-tmp") for name in leftovers)
