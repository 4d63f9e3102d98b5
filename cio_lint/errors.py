"""The exceptions cio-lint raises for bad input; the CLI maps each to exit code 2."""

from __future__ import annotations


class CioLintError(Exception):
    """An error shown to the user as one line, without a traceback."""


class ConfigError(CioLintError):
    """A configuration file or option has an unknown key or code, or a bad value."""


class UsageError(CioLintError):
    """The command line is invalid: a missing path, conflicting flags."""
