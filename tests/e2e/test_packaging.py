"""The built wheel carries the rule pages and the flake8 entry point."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from cio_lint.rules import ALL_RULES

REPOSITORY = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Iterator[zipfile.ZipFile]:
    # hatchling is the build backend; pip's isolated builds leave it out of
    # the test environment, and then this test is skipped.
    builders = pytest.importorskip("hatchling.builders.wheel")
    directory = tmp_path_factory.mktemp("wheel")
    [path] = builders.WheelBuilder(str(REPOSITORY)).build(
        directory=str(directory), versions=["standard"]
    )
    with zipfile.ZipFile(path) as archive:
        yield archive


def test_wheel_contains_rule_pages(wheel: zipfile.ZipFile) -> None:
    packaged = sorted(
        name for name in wheel.namelist() if name.startswith("cio_lint/rule_pages/")
    )

    pages = sorted(REPOSITORY.glob("rules/*.md"))
    assert packaged == [f"cio_lint/rule_pages/{page.name}" for page in pages]
    assert {f"{rule.code}.md" for rule in ALL_RULES} <= {page.name for page in pages}
    for page in pages:
        assert wheel.read(f"cio_lint/rule_pages/{page.name}") == page.read_bytes()


def test_wheel_declares_entry_points(wheel: zipfile.ZipFile) -> None:
    [name] = [n for n in wheel.namelist() if n.endswith(".dist-info/entry_points.txt")]

    text = wheel.read(name).decode()

    assert "[console_scripts]\ncio-lint = cio_lint.cli:main\n" in text
    assert "[flake8.extension]\nCIO = cio_lint.flake8_plugin:CioLintChecker\n" in text
