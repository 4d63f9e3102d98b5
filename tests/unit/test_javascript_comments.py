"""Suppression comments in JavaScript and TypeScript and the lines they cover."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from cio_lint.languages.javascript import JavascriptFrontend
from cio_lint.languages.javascript.comments import parse_disable_next_line


def covered(source: str) -> list[tuple[int, frozenset[str], int, int]]:
    """Return (comment line, codes, first line, last line) of each suppression."""
    text = textwrap.dedent(source).lstrip("\n")
    model = JavascriptFrontend().analyze(text, Path("x.ts"))
    return [
        (item.line, item.codes, item.statement.first_line, item.statement.last_line)
        for item in model.suppressions
    ]


NONE: frozenset[str] = frozenset()
CIO101 = frozenset({"CIO101"})


@pytest.mark.parametrize(
    ("comment", "codes"),
    [
        ("// cio-lint-disable-next-line", NONE),
        ("// cio-lint-disable-next-line CIO101", CIO101),
        ("// cio-lint-disable-next-line CIO101 -- stored as ms on purpose", CIO101),
        ("/* cio-lint-disable-next-line cio101, CIO102 */", {"CIO101", "CIO102"}),
        ("// cio-lint-disable-next-line -- legacy import", NONE),
        ("// cio-lint-disable-next-line because reasons", None),
        ("// cio-lint-disable-next-linex", None),
        ("// noqa", None),
    ],
)
def test_parse_disable_next_line(comment: str, codes: object) -> None:
    assert parse_disable_next_line(comment) == codes


def test_noqa_covers_the_whole_statement() -> None:
    source = """
    await cio.identify(user.id, {
      created_at: Date.now(), // noqa: CIO101
    });
    other();
    """
    assert covered(source) == [(2, CIO101, 1, 3)]


def test_noqa_in_block_comment_and_bare() -> None:
    source = """
    a(); /* noqa: CIO101 */
    b(); // NOQA
    """
    assert covered(source) == [(1, CIO101, 1, 1), (2, NONE, 2, 2)]


def test_noqa_on_function_header() -> None:
    source = """
    function f() { // noqa
      cio.identify("1", { created_at: Date.now() });
    }
    """
    assert covered(source) == [(1, NONE, 1, 1)]


def test_noqa_after_callback() -> None:
    source = """
    router.post("/x", async () => {
      await cio.identify("1", {});
    }); // noqa
    """
    assert covered(source) == [(3, NONE, 3, 3)]


def test_noqa_on_its_own_line_covers_that_line() -> None:
    source = """
    function f() {
      // noqa
      cio.identify("1", { created_at: Date.now() });
    }
    """
    assert covered(source) == [(2, NONE, 2, 2)]


def test_disable_next_line_covers_the_next_statement() -> None:
    source = """
    // cio-lint-disable-next-line CIO101 -- reason
    await cio.identify(user.id, {
      created_at: Date.now(),
    });
    await cio.identify(user.id, { created_at: Date.now() });
    """
    assert covered(source) == [(1, CIO101, 2, 4)]


def test_disable_next_line_in_object() -> None:
    source = """
    await cio.identify(user.id, {
      // cio-lint-disable-next-line
      created_at: Date.now(),
      updated_at: Date.now(),
    });
    """
    assert covered(source) == [(2, NONE, 3, 3)]


def test_comments_in_strings_are_not_suppressions() -> None:
    source = """
    const text = "// noqa";
    const other = `// cio-lint-disable-next-line`;
    """
    assert covered(source) == []
