"""`// noqa` and `// cio-lint-disable-next-line` silence JavaScript findings."""

from __future__ import annotations

import pytest

from tests.conftest import RunCioLint, WriteTree, without_reliability_rules


@pytest.fixture
def cio_lint(cio_lint: RunCioLint) -> RunCioLint:
    """Lint without the reliability rules, which these inputs do not address."""
    return without_reliability_rules(cio_lint)


HEADER = """\
import { TrackClient } from "customerio-node";
const cio = new TrackClient(SITE_ID, TRACK_KEY);
"""


def _lint(source: str, write_tree: WriteTree, cio_lint: RunCioLint) -> list[str]:
    write_tree({"x.ts": HEADER + source})
    result = cio_lint("x.ts")
    return [" ".join(line.split(" ")[:2]) for line in result.lines]


def test_noqa_silences(write_tree: WriteTree, cio_lint: RunCioLint) -> None:
    source = "cio.identify('1', { seen_at: Date.now() }); // noqa\n"

    assert _lint(source, write_tree, cio_lint) == []


def test_noqa_with_code_in_block_comment(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    source = "cio.identify('1', { seen_at: Date.now() }); /* noqa: CIO101 */\n"

    assert _lint(source, write_tree, cio_lint) == []


def test_noqa_for_other_code_keeps_finding(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    source = "cio.identify('1', { seen_at: Date.now() }); // noqa: CIO102\n"

    assert _lint(source, write_tree, cio_lint) == ["x.ts:3:30: CIO101"]


def test_noqa_on_last_line_covers_statement(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    source = """cio.identify("1", {
  seen_at: Date.now(),
  trial_ends_at: new Date(),
}); // noqa: CIO101, CIO102
"""

    assert _lint(source, write_tree, cio_lint) == []


def test_disable_next_line_with_reason(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    source = """// cio-lint-disable-next-line CIO101 -- this field is documented as ms
cio.identify("1", {
  seen_at: Date.now(),
});
cio.identify("1", { seen_at: Date.now() });
"""

    assert _lint(source, write_tree, cio_lint) == ["x.ts:7:30: CIO101"]


def test_disable_next_line_without_codes_covers_all(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    source = """// cio-lint-disable-next-line
cio.identify("1", { seen_at: Date.now(), trial_ends_at: new Date() });
"""

    assert _lint(source, write_tree, cio_lint) == []


def test_disable_next_line_for_other_code_keeps_finding(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    source = """// cio-lint-disable-next-line CIO102 -- dates are fine here
cio.identify("1", { seen_at: Date.now(), trial_ends_at: new Date() });
"""

    assert _lint(source, write_tree, cio_lint) == ["x.ts:4:30: CIO101"]
