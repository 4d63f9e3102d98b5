"""Clients exported by one file and called from another."""

from __future__ import annotations

from tests.conftest import RunCioLint, WriteTree

CLIENT_MODULE = """
from customerio import CustomerIO
cio = CustomerIO(SITE_ID, TRACK_KEY)
"""


def _locations(stdout: str) -> list[str]:
    return [" ".join(line.split(" ")[:2]) for line in stdout.splitlines()]


def test_client_imported_relatively(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree(
        {
            "app/__init__.py": "",
            "app/cio.py": CLIENT_MODULE,
            "app/views.py": """
            import time
            from .cio import cio

            def signup(user):
                cio.identify(id=user.id, created_at=time.time() * 1000)
            """,
        }
    )

    result = cio_lint(".")

    assert _locations(result.stdout) == ["app/views.py:5:41: CIO101"]


def test_client_imported_absolutely_and_as_module(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree(
        {
            "src/app/__init__.py": "",
            "src/app/cio.py": CLIENT_MODULE,
            "src/app/jobs.py": """
            import time
            import app.cio as clients
            from app.cio import cio

            def nightly(user):
                cio.identify(id=user.id, seen_at=time.time_ns())
                clients.cio.identify(id=user.id, seen_at=time.time_ns())
            """,
        }
    )

    result = cio_lint("src")

    assert _locations(result.stdout) == [
        "src/app/jobs.py:6:38: CIO101",
        "src/app/jobs.py:7:46: CIO101",
    ]


def test_same_name_from_unrelated_module_is_not_a_client(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree(
        {
            "app/cio.py": CLIENT_MODULE,
            "app/fake.py": "cio = object()\n",
            "app/views.py": """
            import time
            from .fake import cio

            cio.identify(id=1, created_at=time.time() * 1000)
            """,
        }
    )

    result = cio_lint(".")

    assert result.stdout == ""
    assert result.exit_code == 0


def test_importer_without_marker_is_linted(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree(
        {
            "tracking.py": CLIENT_MODULE,
            "signup.py": """
            import time
            from tracking import cio
            cio.track(1, "signed_up", timestamp=time.time() * 1000)
            """,
        }
    )

    result = cio_lint(".")

    assert _locations(result.stdout) == ["signup.py:3:37: CIO101"]
