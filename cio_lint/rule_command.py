"""`cio-lint rule CODE`: print a rule's page; `--all` prints every rule."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from cio_lint.errors import UsageError
from cio_lint.rule_docs import RuleDoc, all_rule_docs, find_rule_doc


def rule_record(doc: RuleDoc, page: str | None) -> dict[str, Any]:
    """Return the JSON object of one rule, its page included."""
    return {
        "code": doc.code,
        "name": doc.name,
        "summary": doc.summary,
        # NOTE: no rule offers a fix yet, so there is no fix applicability.
        "fix": None,
        "docs": doc.docs,
        "explanation": page,
    }


def _pages(docs: tuple[RuleDoc, ...]) -> tuple[list[str | None], list[str]]:
    """Read each rule's page, with None and an error message for a missing one."""
    pages: list[str | None] = []
    errors = []
    for doc in docs:
        try:
            pages.append(doc.page())
        except UsageError as error:
            pages.append(None)
            errors.append(str(error))
    return pages, errors


@click.command(
    name="rule",
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.argument("selector", metavar="[CODE]", required=False)
@click.option("--all", "show_all", is_flag=True, help="Print every rule.")
@click.option(
    "--output-format",
    type=click.Choice(["text", "json"], case_sensitive=False),
    default="text",
    show_default=True,
    help="`text` prints the Markdown page; `json` prints the rule's fields "
    "with the page as `explanation` (an array with --all).",
)
def rule_command(selector: str | None, show_all: bool, output_format: str) -> None:
    """Print the page of the rule with this CODE or name (CIO101,
    millisecond-timestamp), or of every rule with --all.

    Exit status: 0 printed, 2 unknown rule or a page that is missing from the
    installation (the other pages are still printed).
    """
    if show_all == (selector is not None):
        raise click.UsageError("give either one rule CODE or --all")
    try:
        docs = all_rule_docs() if show_all else (find_rule_doc(selector or ""),)
    except UsageError as error:
        raise click.UsageError(str(error)) from None

    pages, errors = _pages(docs)
    if output_format.lower() == "json":
        records = [
            rule_record(doc, page) for doc, page in zip(docs, pages, strict=True)
        ]
        payload: object = records if show_all else records[0]
        json.dump(payload, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        texts = [page.rstrip("\n") + "\n" for page in pages if page is not None]
        sys.stdout.write("\n".join(texts))
    sys.stdout.flush()
    for message in errors:
        click.echo(f"cio-lint: error: {message}", err=True)
    if errors:
        sys.exit(2)
