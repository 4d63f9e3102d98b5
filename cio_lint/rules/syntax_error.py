"""CIO001 syntax-error: a file that does not parse."""

from __future__ import annotations

from collections.abc import Iterator

from cio_lint.findings import Violation
from cio_lint.model import FileModel
from cio_lint.rules.base import Rule


class SyntaxErrorRule(Rule):
    code = "CIO001"
    name = "syntax-error"
    summary = "The file does not parse, so it was not checked, or only in part."

    def check(self, model: FileModel) -> Iterator[Violation]:
        problem = model.syntax_error
        if problem is None:
            return
        consequence = (
            "the rest of the file was still checked"
            if problem.recovered
            else "file not checked"
        )
        yield Violation(
            problem.position,
            problem.position,
            f"Syntax error, {consequence}: {problem.message}",
        )
