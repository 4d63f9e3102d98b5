"""`cio-lint clean`: remove the cache of analysed files."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from cio_lint import cache
from cio_lint.config import load_settings
from cio_lint.errors import CioLintError


@click.command(
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.option(
    "--cache-dir",
    metavar="DIR",
    type=click.Path(path_type=Path, file_okay=False),
    help="Remove DIR instead of the configured cache directory.",
)
@click.option(
    "--config",
    "config_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Read `cache-dir` from this file instead of searching for one.",
)
@click.option("--isolated", is_flag=True, help="Ignore all configuration files.")
def clean_command(
    cache_dir: Path | None, config_file: Path | None, isolated: bool
) -> None:
    """Remove the cache that lint runs keep in `.cio_lint_cache`.

    The directory is the one a lint run from the current directory uses. A
    directory that is not a cio-lint cache is never removed.
    """
    try:
        settings = load_settings(
            [Path(".")], cwd=Path.cwd(), config_file=config_file, isolated=isolated
        )
        directory = cache.cache_directory(settings, cache_dir)
        removed = cache.clear(directory)
    except CioLintError as error:
        click.echo(f"cio-lint: error: {error}", err=True)
        sys.exit(2)
    except OSError as error:
        click.echo(
            f"cio-lint: error: cannot remove {error.filename}: {error}", err=True
        )
        sys.exit(2)
    if removed:
        click.echo(f"cio-lint: removed {directory}", err=True)
    else:
        click.echo(f"cio-lint: no cache at {directory}", err=True)
