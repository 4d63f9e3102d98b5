"""CIO103 naive-local-datetime: a local datetime the Python SDK reads as UTC."""

from __future__ import annotations

from collections.abc import Iterator

from cio_lint.edits import Applicability, RewritePurpose
from cio_lint.findings import Violation
from cio_lint.model import Expectation, FileModel, TimeUnit
from cio_lint.rules.base import Rule
from cio_lint.rules.fixes import fix_from


class NaiveLocalDatetime(Rule):
    code = "CIO103"
    name = "naive-local-datetime"
    summary = (
        "A naive local datetime (datetime.now(), datetime.fromtimestamp(x)) is "
        "sent where the customerio SDK assumes UTC."
    )

    def check(self, model: FileModel) -> Iterator[Violation]:
        for call in model.calls:
            if call.http is not None:
                # A plain HTTP body cannot carry a datetime at all: json.dumps
                # raises on it, which no SDK conversion hides.
                continue
            for field in call.fields_expecting(Expectation.UNIX_SECONDS):
                time = field.value.time
                if time is None or time.unit is not TimeUnit.NAIVE_DATETIME:
                    continue
                yield Violation.at(
                    field.value.span,
                    f"'{field.path[-1]}' receives a naive local datetime from "
                    f"{time.source}; the customerio SDK converts naive datetimes as "
                    "if they were UTC, so on a server not set to UTC the time is off "
                    "by its UTC offset: pass an aware datetime such as "
                    "datetime.now(timezone.utc)",
                    fix=fix_from(
                        field.value,
                        RewritePurpose.TO_AWARE_UTC,
                        Applicability.SAFE,
                        "Use an aware datetime in UTC",
                    ),
                )
