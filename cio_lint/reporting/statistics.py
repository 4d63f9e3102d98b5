"""`--statistics`: how many findings each rule reported, and how many are fixable."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from typing import TextIO

from msgspec import Struct

from cio_lint.findings import Finding
from cio_lint.fixing.policy import FixPolicy
from cio_lint.reporting.base import doc_for


class CodeCount(Struct, frozen=True):
    """The findings of one rule in a run."""

    code: str
    name: str
    count: int
    fixable: int


def count_by_code(
    findings: Sequence[Finding], policy: FixPolicy | None = None
) -> list[CodeCount]:
    """Count findings per code, the most frequent first, then by code.

    A finding is fixable when `policy` lets `--fix` apply its fix.
    """
    counts = Counter(finding.code for finding in findings)
    fixable = Counter(
        finding.code for finding in findings if policy and policy.applies(finding)
    )
    rows = [
        CodeCount(code, doc_for(code).name, count, fixable=fixable[code])
        for code, count in counts.items()
    ]
    return sorted(rows, key=lambda row: (-row.count, row.code))


def write_text(rows: Sequence[CodeCount], stream: TextIO) -> None:
    """Write one aligned `count  code  name  fixable` line per rule."""
    if not rows:
        return
    count_width = max(len(str(row.count)) for row in rows)
    code_width = max(len(row.code) for row in rows)
    name_width = max(len(row.name) for row in rows)
    for row in rows:
        stream.write(
            f"{row.count:>{count_width}}  {row.code:<{code_width}}  "
            f"{row.name:<{name_width}}  {row.fixable} fixable\n"
        )


def write_json(rows: Sequence[CodeCount], stream: TextIO) -> None:
    """Write a JSON array of `{code, name, count, fixable}` objects."""
    records = [
        {
            "code": row.code,
            "name": row.name,
            "count": row.count,
            "fixable": row.fixable,
        }
        for row in rows
    ]
    json.dump(records, stream, indent=2)
    stream.write("\n")
