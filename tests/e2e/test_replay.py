"""Replaying the output of an identical earlier run, through the real command."""

from __future__ import annotations

import textwrap
import time
from pathlib import Path

from cio_lint.replay import SETTLE_NS
from tests.conftest import Run, RunCioLint, WriteTree

REPLAYED = "cio-lint: DEBUG: nothing changed since an identical run; its output follows"
TRACKING = """
    import time
    from customerio import CustomerIO

    cio = CustomerIO("site", "key")

    def signed_up(user):
        cio.track(customer_id=user, name="signed_up", timestamp=time.time() * 1000)
"""
FINDING = (
    "app/tracking.py:7:61: CIO101 [*] 'timestamp' receives milliseconds from "
    "time.time() * 1000"
)


def _settle() -> None:
    """Wait until the files just written are old enough for a run to be kept."""
    time.sleep(SETTLE_NS / 1e9 + 0.2)


def _kept_run(cio_lint: RunCioLint, write_tree: WriteTree) -> tuple[Path, Run]:
    """Write a repository, run once to create the cache, then once to keep a run."""
    root = write_tree({"app/tracking.py": TRACKING, ".git/HEAD": "ref: main\n"})
    cio_lint("-v", "app")
    _settle()
    kept = cio_lint("-v", "app")
    assert REPLAYED not in kept.stderr
    return root, kept


def _file_reads(run: Run) -> list[str]:
    endings = (": parsed", ": model read from the cache")
    return [line for line in run.stderr.splitlines() if line.endswith(endings)]


def test_identical_run_writes_the_kept_output(
    cio_lint: RunCioLint, write_tree: WriteTree
) -> None:
    _, kept = _kept_run(cio_lint, write_tree)

    replayed = cio_lint("-v", "app")

    assert REPLAYED in replayed.stderr
    assert _file_reads(kept) == [
        "cio-lint: DEBUG: app/tracking.py: model read from the cache"
    ]
    assert _file_reads(replayed) == []
    assert replayed.stdout == kept.stdout
    assert replayed.lines[0].startswith(FINDING)
    assert replayed.exit_code == kept.exit_code == 1
    assert replayed.stderr.splitlines()[-1] == "Found 1 finding."


def test_other_options_are_not_replayed(
    cio_lint: RunCioLint, write_tree: WriteTree
) -> None:
    _kept_run(cio_lint, write_tree)

    other = cio_lint("-v", "--select", "CIO4", "app")

    assert REPLAYED not in other.stderr
    assert other.stdout == ""
    assert other.exit_code == 0


def test_changed_added_and_configured_files_are_linted_again(
    cio_lint: RunCioLint, write_tree: WriteTree
) -> None:
    root, _ = _kept_run(cio_lint, write_tree)

    tracking = root / "app" / "tracking.py"
    tracking.write_text(tracking.read_text().replace("* 1000", ""), encoding="utf-8")
    changed = cio_lint("-v", "app")
    write_tree({"app/jobs/nightly.py": TRACKING})
    added = cio_lint("-v", "app")
    write_tree({".cio-lint.toml": 'ignore = ["CIO101"]\n'})
    configured = cio_lint("-v", "app")

    assert REPLAYED not in changed.stderr + added.stderr + configured.stderr
    assert changed.stdout == ""
    assert [line.split(" CIO101")[0] for line in added.lines] == [
        "app/jobs/nightly.py:7:61:"
    ]
    assert configured.stdout == ""


def test_new_git_exclude_is_read_again(
    cio_lint: RunCioLint, write_tree: WriteTree
) -> None:
    _kept_run(cio_lint, write_tree)

    write_tree({".git/info/exclude": "tracking.py\n"})
    excluded = cio_lint("-v", "app")

    assert REPLAYED not in excluded.stderr
    assert excluded.stdout == ""
    assert excluded.exit_code == 0


def test_kept_run_cache_cleans(cio_lint: RunCioLint, write_tree: WriteTree) -> None:
    root = write_tree({"docs/notes.txt": "no sources here\n", ".git/HEAD": "x\n"})
    _settle()

    checked = cio_lint("docs")
    cleaned = cio_lint("clean")

    assert checked.exit_code == 0
    assert cleaned.exit_code == 0
    assert cleaned.stderr == f"cio-lint: removed {root / '.cio_lint_cache'}\n"
    assert not (root / ".cio_lint_cache").exists()


BAD_TRACKING = TRACKING.replace('"signed_up"', '"Signed Up"')


def _keep(cio_lint: RunCioLint, *args: str, cwd: Path | None = None) -> None:
    """Let the tree settle, run twice so that the second run is kept, and check it."""
    _settle()
    cio_lint(*args, cwd=cwd)
    _settle()
    cio_lint(*args, cwd=cwd)
    assert REPLAYED in cio_lint("-v", *args, cwd=cwd).stderr


def _project(write_tree: WriteTree) -> Path:
    """Write a repository `proj` whose `deploy/current` links to release v1."""
    root = write_tree(
        {
            "proj/.git/HEAD": "ref: main\n",
            "proj/releases/v1/tracking.py": TRACKING,
            "proj/releases/v2/tracking.py": BAD_TRACKING,
            "proj/app/main.py": "print('no calls')\n",
        }
    )
    project = root / "proj"
    (project / "deploy").mkdir()
    (project / "deploy" / "current").symlink_to("../releases/v1")
    return project


def test_retargeted_argument_link_reread(
    cio_lint: RunCioLint, write_tree: WriteTree
) -> None:
    project = _project(write_tree)
    arguments = ("--select", "CIO401", "deploy/current")
    _keep(cio_lint, *arguments, cwd=project)

    (project / "deploy" / "current").unlink()
    (project / "deploy" / "current").symlink_to("../releases/v2")
    _settle()
    run = cio_lint("-v", *arguments, cwd=project)

    assert REPLAYED not in run.stderr
    assert [line.split(" Event")[0] for line in run.lines] == [
        "deploy/current/tracking.py:7:38: CIO401"
    ]


def test_broken_link_whose_target_appears_is_read(
    cio_lint: RunCioLint, write_tree: WriteTree
) -> None:
    # The missing target lies outside the repository, where only
    # configuration files count.
    project = _project(write_tree)
    (project / "app" / "tracking.py").symlink_to("../../shared/tracking.py")
    arguments = ("--select", "CIO401", "app")
    _keep(cio_lint, *arguments, cwd=project)

    shared = project.parent / "shared"
    shared.mkdir()
    (shared / "tracking.py").write_text(
        textwrap.dedent(BAD_TRACKING).lstrip("\n"), encoding="utf-8"
    )
    _settle()
    run = cio_lint("-v", *arguments, cwd=project)

    assert REPLAYED not in run.stderr
    assert [line.split(" Event")[0] for line in run.lines] == [
        "app/tracking.py:7:38: CIO401"
    ]


def test_manifest_beside_a_linked_file_counts(
    cio_lint: RunCioLint, write_tree: WriteTree
) -> None:
    root = write_tree(
        {
            ".git/HEAD": "ref: main\n",
            "libs/cio/tracking.py": TRACKING.replace(" * 1000", ""),
            "libs/cio/requirements.txt": "customerio==3.0.0\n",
        }
    )
    (root / "services").mkdir()
    (root / "services" / "tracking.py").symlink_to("../libs/cio/tracking.py")
    _keep(cio_lint, "--select", "CIO501", "services")

    (root / "libs" / "cio" / "requirements.txt").write_text(
        "customerio==1.6.0\n", encoding="utf-8"
    )
    _settle()
    run = cio_lint("-v", "--select", "CIO501", "services")

    assert REPLAYED not in run.stderr
    assert [line.split(" Nothing")[0] for line in run.lines] == [
        "services/tracking.py:7:5: CIO501"
    ]


SCHEDULED = """
    from customerio import APIClient, SendEmailRequest

    api = APIClient("key")


    def remind(user):
        request = SendEmailRequest(
            to=user.email,
            transactional_message_id="3",
            identifiers={"id": user.id},
            send_at=1900000000,
        )
        api.send_email(request)
"""


def test_dated_findings_not_kept(cio_lint: RunCioLint, write_tree: WriteTree) -> None:
    write_tree({"mail.py": SCHEDULED, ".git/HEAD": "ref: main\n"})
    cio_lint("mail.py")
    _settle()

    runs = [cio_lint("-v", "mail.py") for _ in range(2)]

    not_kept = "DEBUG: a finding depends on today's date, so this run is not kept"
    assert [not_kept in run.stderr for run in runs] == [True, True]
    assert [REPLAYED in run.stderr for run in runs] == [False, False]
