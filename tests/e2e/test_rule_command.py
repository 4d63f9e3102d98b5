"""`cio-lint rule`: rule pages from the installed command."""

from __future__ import annotations

import json
from pathlib import Path

from cio_lint.rules import ALL_RULES
from tests.conftest import RunCioLint, WriteTree

RULES_DIR = Path(__file__).resolve().parents[2] / "rules"


def _page(code: str) -> str:
    return (RULES_DIR / f"{code}.md").read_text(encoding="utf-8")


def test_rule_prints_page(cio_lint: RunCioLint) -> None:
    result = cio_lint("rule", "CIO101")

    assert result.stdout == _page("CIO101")
    assert result.stderr == ""
    assert result.exit_code == 0


def test_rule_by_name_in_any_case(cio_lint: RunCioLint) -> None:
    by_name = cio_lint("rule", "Millisecond-Timestamp")
    by_lower_code = cio_lint("rule", "cio101")

    assert by_name.stdout == _page("CIO101")
    assert by_lower_code.stdout == _page("CIO101")


def test_rule_as_json(cio_lint: RunCioLint) -> None:
    result = cio_lint("rule", "CIO102", "--output-format", "json")

    assert json.loads(result.stdout) == {
        "code": "CIO102",
        "name": "date-object-timestamp",
        "summary": next(r.summary for r in ALL_RULES if r.code == "CIO102"),
        "fix": None,
        "docs": "cio-lint rule CIO102",
        "explanation": _page("CIO102"),
    }


def test_rule_all_as_json(cio_lint: RunCioLint) -> None:
    result = cio_lint("rule", "--all", "--output-format", "json")

    records = json.loads(result.stdout)
    assert [record["code"] for record in records] == [r.code for r in ALL_RULES]
    assert [record["name"] for record in records] == [r.name for r in ALL_RULES]
    for record in records:
        page = RULES_DIR / f"{record['code']}.md"
        expected = page.read_text(encoding="utf-8") if page.exists() else None
        assert record["explanation"] == expected, record["code"]


def test_rule_all_as_text(cio_lint: RunCioLint) -> None:
    result = cio_lint("rule", "--all")

    pages = [
        (RULES_DIR / f"{rule.code}.md").read_text(encoding="utf-8")
        for rule in ALL_RULES
        if (RULES_DIR / f"{rule.code}.md").exists()
    ]
    assert result.stdout == "\n".join(pages)


def test_unknown_rule_is_usage_error(cio_lint: RunCioLint) -> None:
    result = cio_lint("rule", "CIO999")

    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "cio-lint: error: unknown rule code or name 'CIO999'; "
        "`cio-lint rule --all` lists every rule\n"
    )


def test_rule_needs_code_or_all(cio_lint: RunCioLint) -> None:
    without = cio_lint("rule")
    both = cio_lint("rule", "CIO101", "--all")

    assert without.exit_code == 2
    assert without.stderr == "cio-lint: error: give either one rule CODE or --all\n"
    assert both.exit_code == 2
    assert both.stderr == without.stderr


def test_path_named_rule_is_linted(write_tree: WriteTree, cio_lint: RunCioLint) -> None:
    write_tree(
        {
            "rule/signup.py": """
            import time
            from customerio import CustomerIO
            cio = CustomerIO(SITE_ID, TRACK_KEY)
            cio.identify(id=1, seen_at=time.time_ns())
            """
        }
    )

    dotted = cio_lint("./rule")
    separated = cio_lint("--", "rule")
    after_option = cio_lint("--select", "CIO101", "rule")

    assert [line.split(" ")[0] for line in dotted.lines] == ["rule/signup.py:4:28:"]
    assert [line.split(" ")[0] for line in separated.lines] == ["rule/signup.py:4:28:"]
    assert after_option.lines == separated.lines
    assert dotted.exit_code == 1


def test_help_explains_rule_command(cio_lint: RunCioLint) -> None:
    result = cio_lint("--help")

    text = " ".join(result.stdout.split())
    assert "`cio-lint rule CODE` prints a rule's page" in text
    assert "To check a path named `rule`, write `./rule` or `cio-lint -- rule`." in text
