"""The output formats by name, each imported only when chosen."""

from __future__ import annotations

import importlib

from cio_lint.output_formats import DEFAULT_FORMAT, OUTPUT_FORMATS, REPORTERS
from cio_lint.reporting.base import Reporter

__all__ = ["DEFAULT_FORMAT", "OUTPUT_FORMATS", "reporter_for"]


def reporter_for(name: str) -> Reporter:
    """Return the reporter of an output format, or raise KeyError for another name."""
    module_name, class_name = REPORTERS[name]
    reporter_class = getattr(importlib.import_module(module_name), class_name)
    reporter: Reporter = reporter_class()
    return reporter
