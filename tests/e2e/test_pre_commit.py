"""The pre-commit hooks, run by the real pre-commit against a commit of this tree.

The working tree is copied into a temporary Git repository and committed, so
uncommitted changes are tested too. pre-commit builds each hook environment
with pip from that commit, which needs access to the package index.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

import pytest

from tests.conftest import Run

pytest.importorskip("pre_commit")
pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

REPOSITORY = Path(__file__).resolve().parents[2]
NOT_COPIED = shutil.ignore_patterns(
    ".git",
    ".venv",
    "venv",
    "__pycache__",
    "*.egg-info",
    ".mypy_cache",
    ".ruff_cache",
    ".pytest_cache",
    ".cio_lint_cache",
    "build",
    "dist",
    "node_modules",
)
# The author is fixed, and the user's and system's Git configuration (hooks
# paths, signing) is left out.
GIT_ENVIRONMENT = {
    "GIT_AUTHOR_NAME": "cio-lint tests",
    "GIT_AUTHOR_EMAIL": "tests@example.invalid",
    "GIT_COMMITTER_NAME": "cio-lint tests",
    "GIT_COMMITTER_EMAIL": "tests@example.invalid",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}
BAD = """import time
from customerio import CustomerIO
cio = CustomerIO(SITE_ID, TRACK_KEY)
cio.identify(id=1, created_at=int(time.time() * 1000))
"""
BAD_FINDING = (
    "bad.py:4:31: CIO101 [*] 'created_at' receives milliseconds from "
    "int(time.time() * 1000); Customer.io expects Unix seconds and reads it as "
    "a date more than 50,000 years ahead, so segment conditions on it never "
    "match: divide by 1000"
)
CLEAN = """import time
from customerio import CustomerIO
cio = CustomerIO(SITE_ID, TRACK_KEY)
cio.identify(id=1, created_at=int(time.time()))
"""


def _run(
    command: list[str], cwd: Path, environment: Mapping[str, str] | None = None
) -> Run:
    completed = subprocess.run(
        command,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, **GIT_ENVIRONMENT, **(environment or {})},
    )
    return Run(completed.returncode, completed.stdout, completed.stderr)


def _git(cwd: Path, *args: str) -> str:
    result = _run(["git", *args], cwd)
    assert result.exit_code == 0, result.stderr
    return result.stdout.strip()


def _pre_commit(cwd: Path, *args: str, home: Path | None = None) -> Run:
    environment = {"PRE_COMMIT_HOME": str(home)} if home is not None else {}
    return _run([sys.executable, "-m", "pre_commit", *args], cwd, environment)


@pytest.fixture(scope="module")
def hooks_commit(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """Return a Git repository containing the working tree, and its commit."""
    repository = tmp_path_factory.mktemp("hooks") / "cio-lint"
    shutil.copytree(REPOSITORY, repository, ignore=NOT_COPIED)
    _git(repository, "init", "--quiet")
    _git(repository, "add", "--all")
    _git(repository, "commit", "--quiet", "--message", "Working tree")
    return repository, _git(repository, "rev-parse", "HEAD")


def _project(root: Path, files: Mapping[str, str]) -> Path:
    """Create a Git repository with `files` staged."""
    root.mkdir()
    _git(root, "init", "--quiet")
    for name, content in files.items():
        (root / name).write_text(content, encoding="utf-8")
    _git(root, "add", "--all")
    return root


def _try_repo(project: Path, hooks: tuple[Path, str], hook_id: str) -> Run:
    repository, commit = hooks
    return _pre_commit(
        project,
        "try-repo",
        str(repository),
        hook_id,
        "--ref",
        commit,
        "--color",
        "never",
    )


def _hook_status(output: str, name: str) -> str | None:
    match = re.search(rf"^{re.escape(name)}\.+(Passed|Failed)$", output, re.MULTILINE)
    return None if match is None else match.group(1)


def test_try_repo_stops_bad_files(
    tmp_path: Path, hooks_commit: tuple[Path, str]
) -> None:
    project = _project(tmp_path / "project", {"bad.py": BAD, "notes.txt": "x\n"})

    result = _try_repo(project, hooks_commit, "cio-lint")

    assert result.exit_code == 1, result.stdout + result.stderr
    assert _hook_status(result.stdout, "cio-lint") == "Failed"
    lines = result.stdout.splitlines()
    assert "- hook id: cio-lint" in lines
    assert "- exit code: 1" in lines
    assert BAD_FINDING in lines
    assert "Found 1 finding." in lines


def test_try_repo_passes_clean_files(
    tmp_path: Path, hooks_commit: tuple[Path, str]
) -> None:
    project = _project(tmp_path / "project", {"clean.py": CLEAN})

    result = _try_repo(project, hooks_commit, "cio-lint")

    assert result.exit_code == 0, result.stdout + result.stderr
    assert _hook_status(result.stdout, "cio-lint") == "Passed"


def test_fix_hook_fixes_and_fails(
    tmp_path: Path, hooks_commit: tuple[Path, str]
) -> None:
    project = _project(tmp_path / "project", {"bad.py": BAD})

    result = _try_repo(project, hooks_commit, "cio-lint-fix")

    # --exit-non-zero-on-fix fails the hook, so the fixed file gets reviewed.
    assert result.exit_code == 1, result.stdout + result.stderr
    assert _hook_status(result.stdout, "cio-lint (fix)") == "Failed"
    assert "Found 1 finding (1 fixed, 0 remaining)." in result.stdout.splitlines()
    assert (project / "bad.py").read_text(encoding="utf-8") == CLEAN


def test_installed_hook_blocks_bad_commit(
    tmp_path: Path, hooks_commit: tuple[Path, str]
) -> None:
    repository, commit = hooks_commit
    config = (
        "repos:\n"
        f"  - repo: {repository}\n"
        f"    rev: {commit}\n"
        "    hooks:\n"
        "      - id: cio-lint\n"
    )
    home = tmp_path / "pre-commit-home"
    project = _project(
        tmp_path / "project", {".pre-commit-config.yaml": config, "bad.py": BAD}
    )
    installed = _pre_commit(project, "install", home=home)
    assert installed.exit_code == 0, installed.stderr

    environment = {"PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
    blocked = _run(["git", "commit", "--message", "Bad"], project, environment)

    # Git shows the hook's output on standard error.
    assert blocked.exit_code == 1
    assert BAD_FINDING in blocked.stderr.splitlines()
    assert _run(["git", "rev-parse", "--verify", "HEAD"], project).exit_code != 0

    (project / "bad.py").unlink()
    (project / "clean.py").write_text(CLEAN, encoding="utf-8")
    _git(project, "add", "--all")
    passed = _run(["git", "commit", "--message", "Clean"], project, environment)

    assert passed.exit_code == 0, passed.stdout + passed.stderr
    assert _hook_status(passed.stderr, "cio-lint") == "Passed"
    assert _git(project, "log", "--format=%s") == "Clean"

    # The hook environment contains a regular (not editable) install, which must
    # carry the rule pages inside the package.
    [installed_command] = home.glob("repo*/py_env-*/bin/cio-lint")
    page = _run([str(installed_command), "rule", "CIO101"], project)
    assert page.stdout == (REPOSITORY / "rules" / "CIO101.md").read_text(
        encoding="utf-8"
    )


def test_manifest_is_valid_and_complete() -> None:
    yaml = pytest.importorskip("yaml")
    manifest = REPOSITORY / ".pre-commit-hooks.yaml"

    validated = _pre_commit(REPOSITORY, "validate-manifest", str(manifest))
    hooks = {hook["id"]: hook for hook in yaml.safe_load(manifest.read_text())}

    assert validated.exit_code == 0, validated.stdout + validated.stderr
    assert sorted(hooks) == ["cio-lint", "cio-lint-fix"]
    assert hooks["cio-lint"]["entry"] == "cio-lint --force-exclude"
    assert hooks["cio-lint-fix"]["entry"] == (
        "cio-lint --force-exclude --fix --exit-non-zero-on-fix"
    )
    for hook in hooks.values():
        assert hook["language"] == "python"
        assert hook["types_or"] == ["python", "pyi", "javascript", "jsx", "ts", "tsx"]
        assert hook["require_serial"] is True
