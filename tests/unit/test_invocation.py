"""Which runs may replay the output of an identical earlier run."""

from __future__ import annotations

from pathlib import Path

import pytest
from msgspec.structs import replace

from cio_lint.invocation import Invocation

PLAIN = Invocation(
    targets=[Path(".")],
    stdin_name=None,
    output_format="concise",
    output_file=None,
    color=None,
    statistics=False,
    show_settings=False,
    show_files=False,
    fix=False,
    unsafe_fixes=False,
    diff=False,
    fix_only=False,
    show_fixes=False,
    exit_non_zero_on_fix=False,
    exit_zero=False,
    jobs=None,
    no_cache=False,
    cache_dir=None,
)


def test_plain_lint_is_replayable() -> None:
    assert PLAIN.replayable
    assert replace(PLAIN, output_format="json", statistics=True).replayable


@pytest.mark.parametrize(
    "change",
    [
        {"fix": True},
        {"fix_only": True},
        {"diff": True},
        {"show_fixes": True},
        {"show_settings": True},
        {"show_files": True},
        {"stdin_name": Path("app.py")},
        {"no_cache": True},
        {"output_file": Path("out.txt")},
        {"output_format": "full"},
    ],
    ids=lambda change: next(iter(change)),
)
def test_other_runs_are_not_replayable(change: dict[str, object]) -> None:
    assert not replace(PLAIN, **change).replayable  # type: ignore[arg-type]
