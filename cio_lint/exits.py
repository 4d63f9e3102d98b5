"""The exit codes of `cio-lint`, and the one way to stop with an error."""

from __future__ import annotations

import sys
from typing import NoReturn

import click

EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2


def fail(message: str) -> NoReturn:
    """Print `message` as an error on standard error and exit with EXIT_ERROR."""
    click.echo(f"cio-lint: error: {message}", err=True)
    sys.exit(EXIT_ERROR)
