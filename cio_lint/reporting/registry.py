"""The output formats by name, each imported only when chosen."""

from __future__ import annotations

import importlib

from cio_lint.reporting.base import Reporter

# Importing the `full` format loads rich, which a concise run does without.
_REPORTERS: dict[str, tuple[str, str]] = {
    "concise": ("cio_lint.reporting.concise", "ConciseReporter"),
    "full": ("cio_lint.reporting.full", "FullReporter"),
    "json": ("cio_lint.reporting.json_format", "JsonReporter"),
    "sarif": ("cio_lint.reporting.sarif", "SarifReporter"),
    "github": ("cio_lint.reporting.github", "GithubReporter"),
}
OUTPUT_FORMATS: tuple[str, ...] = tuple(_REPORTERS)
DEFAULT_FORMAT = "concise"


def reporter_for(name: str) -> Reporter:
    """Return the reporter of an output format, or raise KeyError for another name."""
    module_name, class_name = _REPORTERS[name]
    reporter_class = getattr(importlib.import_module(module_name), class_name)
    reporter: Reporter = reporter_class()
    return reporter
