"""SDK versions pinned in requirements files that `-r` and `-c` include."""

from __future__ import annotations

import time

from cio_lint.replay import SETTLE_NS
from tests.conftest import RunCioLint, WriteTree

TRACKING = """
    from customerio import CustomerIO

    cio = CustomerIO("site", "key")


    def order_placed(user_id, total):
        cio.track(user_id, "order_placed", data={"total": total})
"""


def _findings(source: str) -> list[str]:
    """Return the CIO501 and CIO702 lines for customerio 2.4 read from `source`."""
    return [
        "app.py:7:5: CIO501 Nothing retries this Track API call: customerio 2.4 "
        f"({source}: ==2.4) retries connection errors only, never a 429 or 5xx "
        "response, so a 429 or 5xx response loses it: upgrade to customerio 3, "
        "which retries 5xx responses, or wrap the call in a retry such as "
        "tenacity's @retry or backoff.on_exception",
        "app.py:7:40: CIO702 data= becomes an event attribute named data, not the "
        f"event's data: customerio 2.4 ({source}: ==2.4) has track(customer_id, "
        "name, **data); upgrade to customerio 3 or pass event data as keywords",
    ]


def test_requirement_include_gives_version(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree(
        {
            "app.py": TRACKING,
            "requirements.txt": "-r requirements/base.txt  # shared pins\n",
            "requirements/base.txt": "customerio==2.4\n",
        }
    )

    result = cio_lint(".")

    assert result.lines == _findings("base.txt")
    assert result.exit_code == 1


def test_nested_long_option_include(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree(
        {
            "app.py": TRACKING,
            "requirements.txt": "--requirement=requirements/prod.txt\n",
            "requirements/prod.txt": "gunicorn\n--requirement common/base.txt\n",
            "requirements/common/base.txt": "customerio==2.4\n",
        }
    )

    result = cio_lint(".")

    assert result.lines == _findings("base.txt")


def test_constraint_pins_unversioned_requirement(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree(
        {
            "app.py": TRACKING,
            "requirements.txt": "customerio\n-c constraints.txt\n",
            "constraints.txt": "customerio==2.4\n",
        }
    )

    result = cio_lint(".")

    assert result.lines == _findings("constraints.txt")


def test_long_constraint_raises_lowest_version(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    root = write_tree(
        {
            "service/app.py": TRACKING,
            "service/requirements.txt": (
                "customerio>=2.0\n--constraint ../pins/cio.txt\n"
            ),
            "pins/cio.txt": "customerio==2.4\n",
        }
    )

    result = cio_lint(".", cwd=root / "service")

    assert result.lines == _findings("cio.txt")


def test_include_cycle_ends(write_tree: WriteTree, cio_lint: RunCioLint) -> None:
    write_tree(
        {
            "app.py": TRACKING,
            "requirements.txt": "-r requirements/base.txt\n",
            "requirements/base.txt": "-r ../requirements.txt\ncustomerio==2.4\n",
        }
    )

    result = cio_lint(".")

    assert result.lines == _findings("base.txt")


def test_changed_include_is_not_replayed(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    root = write_tree(
        {
            ".git/HEAD": "ref: main\n",
            "src/app.py": TRACKING,
            "requirements.txt": "-r requirements/base.txt\n",
            "requirements/base.txt": "customerio==3.2.0\n",
        }
    )
    cio_lint("--select", "CIO501", "src")
    time.sleep(SETTLE_NS / 1e9 + 0.2)
    before = cio_lint("--select", "CIO501", "src")

    (root / "requirements/base.txt").write_text("customerio==2.4\n", "utf-8")
    changed = cio_lint("-v", "--select", "CIO501", "src")

    assert before.lines == []
    assert "requirements/base.txt changed since the last identical run" in (
        changed.stderr
    )
    assert [line.split(" Nothing")[0] for line in changed.lines] == [
        "src/app.py:7:5: CIO501"
    ]
