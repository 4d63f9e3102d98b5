"""`# noqa` comments silence findings on every line of their statement."""

from __future__ import annotations

from tests.conftest import RunCioLint, WriteTree

HEADER = """
import time
from customerio import CustomerIO
cio = CustomerIO(SITE_ID, TRACK_KEY)
"""


def _lint(source: str, write_tree: WriteTree, cio_lint: RunCioLint) -> list[str]:
    write_tree({"x.py": HEADER + source})
    result = cio_lint("x.py")
    return [" ".join(line.split(" ")[:2]) for line in result.lines]


def test_bare_noqa_silences(write_tree: WriteTree, cio_lint: RunCioLint) -> None:
    source = "cio.identify(id=1, seen_at=time.time_ns())  # noqa\n"

    assert _lint(source, write_tree, cio_lint) == []


def test_noqa_with_code_silences(write_tree: WriteTree, cio_lint: RunCioLint) -> None:
    source = "cio.identify(id=1, seen_at=time.time_ns())  # noqa: CIO101\n"

    assert _lint(source, write_tree, cio_lint) == []


def test_noqa_without_space_or_case(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    source = "cio.identify(id=1, seen_at=time.time_ns())  # NOQA:cio101\n"

    assert _lint(source, write_tree, cio_lint) == []


def test_noqa_for_other_code_keeps_finding(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    source = "cio.identify(id=1, seen_at=time.time_ns())  # noqa: E501\n"

    assert _lint(source, write_tree, cio_lint) == ["x.py:4:28: CIO101"]


def test_noqa_on_first_line_covers_statement(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    source = """cio.identify(  # noqa: CIO101
    id=1,
    seen_at=time.time_ns(),
)
"""

    assert _lint(source, write_tree, cio_lint) == []


def test_noqa_on_last_line_covers_statement(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    source = """cio.identify(
    id=1,
    seen_at=time.time_ns(),
)  # noqa
"""

    assert _lint(source, write_tree, cio_lint) == []


def test_noqa_covers_only_its_statement(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    source = """cio.identify(id=1)  # noqa
cio.identify(
    id=2,
    seen_at=time.time_ns(),
)
"""

    assert _lint(source, write_tree, cio_lint) == ["x.py:7:13: CIO101"]


def test_noqa_in_string_is_not_a_comment(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    source = 'cio.identify(id="# noqa", seen_at=time.time_ns())\n'

    assert _lint(source, write_tree, cio_lint) == ["x.py:4:35: CIO101"]
