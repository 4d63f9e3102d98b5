"""The names of the output formats, and the module and class of each.

Kept apart from `reporting` so that the command line can list the formats
without importing them: the `full` format loads rich, which other formats do
without.
"""

from __future__ import annotations

REPORTERS: dict[str, tuple[str, str]] = {
    "concise": ("cio_lint.reporting.concise", "ConciseReporter"),
    "full": ("cio_lint.reporting.full", "FullReporter"),
    "json": ("cio_lint.reporting.json_format", "JsonReporter"),
    "sarif": ("cio_lint.reporting.sarif", "SarifReporter"),
    "github": ("cio_lint.reporting.github", "GithubReporter"),
}
OUTPUT_FORMATS: tuple[str, ...] = tuple(REPORTERS)
DEFAULT_FORMAT = "concise"
