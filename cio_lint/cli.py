"""The `cio-lint` command."""

from __future__ import annotations

import io
import logging
import os
import sys
from pathlib import Path

import click

from cio_lint import __version__
from cio_lint.config import CliOverrides, load_settings
from cio_lint.engine import lint_paths
from cio_lint.errors import CioLintError
from cio_lint.reporting import summary, write_concise
from cio_lint.rules import known_rules
from cio_lint.selection import RuleSelection
from cio_lint.threads import run_with_deep_stack

EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2


def _codes(value: str | None) -> tuple[str, ...]:
    if not value:
        return ()
    return tuple(item.strip() for item in value.split(",") if item.strip())


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1)
@click.option(
    "--select",
    metavar="CODES",
    help="Comma-separated rule codes, prefixes or names to enable; "
    "replaces the configured `select`.",
)
@click.option(
    "--extend-select",
    metavar="CODES",
    help="Rule codes, prefixes or names to enable on top of `select`.",
)
@click.option(
    "--ignore", metavar="CODES", help="Rule codes, prefixes or names to disable."
)
@click.option(
    "--config",
    "config_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Read settings from this file instead of searching for one.",
)
@click.option("--isolated", is_flag=True, help="Ignore all configuration files.")
@click.option(
    "--force-exclude",
    is_flag=True,
    help="Apply excludes to paths named on the command line too.",
)
@click.option(
    "--exit-zero", is_flag=True, help="Exit with 0 even when findings are reported."
)
@click.option("-v", "--verbose", is_flag=True, help="Log progress and tracebacks.")
@click.version_option(__version__, prog_name="cio-lint")
def command(
    paths: tuple[str, ...],
    select: str | None,
    extend_select: str | None,
    ignore: str | None,
    config_file: Path | None,
    isolated: bool,
    force_exclude: bool,
    exit_zero: bool,
    verbose: bool,
) -> None:
    """Check Python, JavaScript and TypeScript code that calls Customer.io.

    PATHS are files or directories (default: the current directory). Exit
    status: 0 clean, 1 findings reported, 2 bad usage, configuration or input.
    """
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.WARNING,
        format="cio-lint: %(levelname)s: %(message)s",
    )
    if any(not path for path in paths):
        _fail("empty path given; name a file or directory, or nothing for '.'")
    if isolated and config_file is not None:
        _fail("--config and --isolated cannot be used together")
    targets = [Path(path) for path in paths] or [Path(".")]
    overrides = CliOverrides(
        select=_codes(select) if select is not None else None,
        extend_select=_codes(extend_select),
        ignore=_codes(ignore),
        force_exclude=force_exclude,
    )
    try:
        settings = load_settings(
            targets,
            cwd=Path.cwd(),
            config_file=config_file,
            isolated=isolated,
            overrides=overrides,
        )
        selection = RuleSelection.build(settings, known_rules())
    except CioLintError as error:
        _fail(str(error))

    report = run_with_deep_stack(lambda: lint_paths(targets, settings, selection))
    write_concise(report.findings, sys.stdout)
    sys.stdout.flush()
    for warning in report.warnings:
        click.echo(f"cio-lint: warning: {warning}", err=True)
    for error_message in report.errors:
        click.echo(f"cio-lint: error: {error_message}", err=True)
    unchecked = len(report.warnings) + len(report.errors)
    click.echo(summary(len(report.findings), unchecked), err=True)

    if report.errors:
        sys.exit(EXIT_ERROR)
    if report.findings and not exit_zero:
        sys.exit(EXIT_FINDINGS)
    sys.exit(EXIT_CLEAN)


def _fail(message: str) -> None:
    click.echo(f"cio-lint: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


def main() -> None:
    """Run the command; a closed stdout (`| head`) ends the run quietly."""
    for stream in (sys.stdout, sys.stderr):
        # A console that cannot encode a character in a path or message gets an
        # escape sequence instead of a UnicodeEncodeError.
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
    try:
        command.main(standalone_mode=False)
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
    except click.UsageError as error:
        _fail(error.format_message())
    except click.Abort:
        sys.exit(EXIT_ERROR)
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(EXIT_FINDINGS)
