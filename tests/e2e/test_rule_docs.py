"""Every rule has a page in rules/ whose Wrong and Right examples hold."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cio_lint.rules import ALL_RULES
from cio_lint.rules.base import Rule
from tests.conftest import RunCioLint

RULES_DIR = Path(__file__).resolve().parents[2] / "rules"
HEADINGS = [
    "What it finds",
    "Why it matters",
    "Wrong",
    "Right",
    "Fix",
    "Known limits",
    "Options",
]
EXTENSIONS = {"python": ".py", "js": ".js", "javascript": ".js", "ts": ".ts"}
FENCE = re.compile(
    r"^```(?P<language>\w+)\n(?P<code>.*?)^```", re.MULTILINE | re.DOTALL
)


def _page(code: str) -> Path:
    return RULES_DIR / f"{code}.md"


def _section(text: str, heading: str) -> str:
    match = re.search(
        rf"^## {heading}\n(.*?)(?=^## |\Z)", text, re.MULTILINE | re.DOTALL
    )
    assert match is not None, f"missing section {heading!r}"
    return match.group(1)


def _examples(code: str, heading: str) -> list[tuple[str, str]]:
    text = _page(code).read_text(encoding="utf-8")
    section = _section(text, heading)
    return [(m.group("language"), m.group("code")) for m in FENCE.finditer(section)]


def _cases(heading: str) -> list[object]:
    cases = []
    for rule in ALL_RULES:
        if not _page(rule.code).exists():
            continue
        for number, (language, source) in enumerate(_examples(rule.code, heading)):
            case_id = f"{rule.code}-{language}-{number + 1}"
            cases.append(pytest.param(rule.code, language, source, id=case_id))
    return cases


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda rule: rule.code)
def test_rule_page_has_fixed_headings(rule: Rule) -> None:
    text = _page(rule.code).read_text(encoding="utf-8")
    assert text.startswith(f"# {rule.code} {rule.name}\n")
    headings = re.findall(r"^## (.+)$", text, re.MULTILINE)
    assert headings == HEADINGS


@pytest.mark.parametrize(("code", "language", "source"), _cases("Wrong"))
def test_wrong_example_reports_its_code(
    code: str, language: str, source: str, tmp_path: Path, cio_lint: RunCioLint
) -> None:
    example = tmp_path / f"example{EXTENSIONS[language]}"
    example.write_text(source, encoding="utf-8")

    result = cio_lint(example.name)

    reported = {line.split(" ")[1] for line in result.lines}
    assert result.exit_code == 1, result.stderr
    assert reported == {code}, result.stdout


@pytest.mark.parametrize(("code", "language", "source"), _cases("Right"))
def test_right_example_is_clean(
    code: str, language: str, source: str, tmp_path: Path, cio_lint: RunCioLint
) -> None:
    example = tmp_path / f"example{EXTENSIONS[language]}"
    example.write_text(source, encoding="utf-8")

    result = cio_lint(example.name)

    assert result.stdout == ""
    assert result.exit_code == 0, result.stderr


def test_every_wrong_section_has_an_example() -> None:
    for rule in ALL_RULES:
        assert _examples(rule.code, "Wrong"), f"{rule.code} has no Wrong example"
        assert _examples(rule.code, "Right"), f"{rule.code} has no Right example"
