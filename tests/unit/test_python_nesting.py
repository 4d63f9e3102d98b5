"""Deep nesting outside brackets, caught before LibCST parses it."""

from __future__ import annotations

from cio_lint.languages.python import nesting
from cio_lint.languages.python.nesting import MAX_NESTING
from cio_lint.threads import run_with_deep_stack


def too_deep(text: str) -> bool:
    """Check `text` on the deep stack that cio-lint analyses files on."""
    return run_with_deep_stack(lambda: nesting.too_deep(text))


def test_unary_chain_at_limit_is_not_too_deep() -> None:
    assert not too_deep("x = " + "-" * MAX_NESTING + "1\n")


def test_unary_chain_over_limit_is_too_deep() -> None:
    assert too_deep("x = " + "-" * (MAX_NESTING + 1) + "1\n")


def test_power_chain_is_too_deep() -> None:
    assert too_deep("x = " + "2 ** " * (MAX_NESTING + 1) + "1\n")


def test_left_chains_are_not_too_deep() -> None:
    assert not too_deep("x = " + " + ".join(['"a"'] * 3000) + "\n")
    assert not too_deep("x = a" + ".b" * 3000 + "\n")


def test_very_deep_chain_is_too_deep() -> None:
    assert too_deep("x = " + "-" * 100_000 + "1\n")


def test_long_flat_list_is_not_too_deep() -> None:
    assert not too_deep("x = [" + "1, " * 50_000 + "1]\n")


def test_syntax_error_is_left_to_parser() -> None:
    assert not too_deep("x = " + "-" * 5000 + "\n")
