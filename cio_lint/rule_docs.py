"""Rule metadata and rule pages, for `cio-lint rule` and the output formats.

The pages are the Markdown files in the repository's `rules/` folder. A built
wheel carries them as `cio_lint/rule_pages/`. An editable install or a source
checkout has no such folder, and there the pages are read from `rules/` next to
the package.
"""

from __future__ import annotations

from pathlib import Path

from msgspec import Struct

from cio_lint.errors import UsageError
from cio_lint.rules import ALL_RULES

_PACKAGE_DIR = Path(__file__).resolve().parent
PAGE_DIRECTORIES = (_PACKAGE_DIR / "rule_pages", _PACKAGE_DIR.parent / "rules")


class RuleDoc(Struct, frozen=True):
    """A rule's code, name and summary, which output formats print with findings."""

    code: str
    name: str
    summary: str
    severity: str = "error"

    @property
    def docs(self) -> str:
        """The command that prints this rule's page."""
        # NOTE: the rule pages have no hosted URL yet, so the command that
        # prints the page is the pointer in JSON output.
        return f"cio-lint rule {self.code}"

    def page(self) -> str:
        """Return the rule's Markdown page, or raise UsageError if it is missing."""
        for directory in PAGE_DIRECTORIES:
            path = directory / f"{self.code}.md"
            if path.is_file():
                return path.read_text(encoding="utf-8")
        searched = " or ".join(str(directory) for directory in PAGE_DIRECTORIES)
        raise UsageError(f"{self.code}: rule page not found in {searched}")


def all_rule_docs() -> tuple[RuleDoc, ...]:
    """Return every rule's metadata in code order."""
    return tuple(
        RuleDoc(rule.code, rule.name, rule.summary, rule.severity.value)
        for rule in ALL_RULES
    )


def rule_doc(code: str) -> RuleDoc | None:
    """Return the metadata of the rule with this exact code, if there is one."""
    return next((doc for doc in all_rule_docs() if doc.code == code), None)


def find_rule_doc(selector: str) -> RuleDoc:
    """Return the rule named by a code or a name, in any case.

    Raises UsageError naming the selector when no rule matches.
    """
    requested = selector.strip()
    for doc in all_rule_docs():
        if requested.upper() == doc.code or requested.lower() == doc.name:
            return doc
    raise UsageError(
        f"unknown rule code or name {selector!r}; "
        "`cio-lint rule --all` lists every rule"
    )
