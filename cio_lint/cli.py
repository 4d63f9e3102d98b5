"""The `cio-lint` command."""

from __future__ import annotations

import io
import logging
import os
import sys
from pathlib import Path

import click

from cio_lint import __version__
from cio_lint.cache import cache_directory, tool_key
from cio_lint.config import CliOverrides, Settings, load_settings
from cio_lint.errors import CioLintError
from cio_lint.exits import EXIT_ERROR, EXIT_FINDINGS, fail
from cio_lint.invocation import Invocation
from cio_lint.output_formats import DEFAULT_FORMAT, OUTPUT_FORMATS
from cio_lint.replay import Replay, run_key

STDIN_PATH = "-"
RULE_COMMAND = "rule"
CLEAN_COMMAND = "clean"


def _codes(value: str | None) -> tuple[str, ...]:
    if not value:
        return ()
    return tuple(item.strip() for item in value.split(",") if item.strip())


@click.command(
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog="`cio-lint rule CODE` prints a rule's page, and `cio-lint rule --all "
    "--output-format json` every rule's. To check a path named `rule`, write "
    "`./rule` or `cio-lint -- rule`. `cio-lint clean` removes the cache; to check "
    "a path named `clean`, write `./clean`.",
)
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
    "--output-format",
    type=click.Choice(OUTPUT_FORMATS, case_sensitive=False),
    default=DEFAULT_FORMAT,
    show_default=True,
    help="How to write findings: `concise` lines (path:line:col: CODE message), "
    "`full` with a code frame, a `json` array, a `sarif` 2.1.0 log, or "
    "`github` workflow annotations.",
)
@click.option(
    "--output-file",
    metavar="FILE",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the findings to FILE instead of standard output; warnings and "
    "the summary still go to standard error.",
)
@click.option(
    "--color/--no-color",
    default=None,
    help="Colour the `full` format even when the output is not a terminal, "
    "or never. By default it is coloured on a terminal unless NO_COLOR is set.",
)
@click.option(
    "--statistics",
    is_flag=True,
    help="Print how many findings each rule reported, and how many of them are "
    "fixable, instead of the findings (a JSON array with --output-format json).",
)
@click.option(
    "--show-settings",
    is_flag=True,
    help="Print the settings in effect for PATHS and the rules they enable, then exit.",
)
@click.option(
    "--show-files",
    is_flag=True,
    help="Print the files that would be read, one per line, then exit. Files "
    "that never mention Customer.io are read but not analysed.",
)
@click.option(
    "--stdin-filename",
    metavar="NAME",
    help="Check standard input as if it were the file NAME (PATHS is `-` or "
    "nothing): NAME's configuration, language and per-file-ignores apply, and "
    "findings show NAME. NAME need not exist.",
)
@click.option(
    "--fix",
    is_flag=True,
    help="Apply safe fixes to the files, then report the findings that remain. "
    "With --stdin-filename the fixed input goes to standard output and the "
    "findings to standard error.",
)
@click.option(
    "--unsafe-fixes",
    is_flag=True,
    help="Also apply fixes that may change behaviour (each rule's page explains why); "
    "without --fix, mark them with [*] like safe ones.",
)
@click.option(
    "--diff",
    is_flag=True,
    help="Print a unified diff of what --fix would change and write nothing; exit "
    "with 1 when there is a change. Key-like text in the diff is masked.",
)
@click.option(
    "--fix-only",
    is_flag=True,
    help="Apply fixes like --fix, but report no findings; exit with 0 unless "
    "--exit-non-zero-on-fix is given and something was fixed.",
)
@click.option(
    "--show-fixes",
    is_flag=True,
    help="List on standard error each fix applied (with --fix) or available.",
)
@click.option(
    "--exit-non-zero-on-fix",
    is_flag=True,
    help="Exit with 1 when --fix changed anything, even if no finding remains "
    "(findings that remain exit with 1 as usual).",
)
@click.option(
    "--exit-zero", is_flag=True, help="Exit with 0 even when findings are reported."
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    metavar="N",
    help="Parse files in N worker processes (default: one per CPU). With 1, or "
    "when one file needs parsing, everything runs in this process.",
)
@click.option(
    "--no-cache",
    is_flag=True,
    help="Parse every file that may call Customer.io, and keep no results.",
)
@click.option(
    "--cache-dir",
    metavar="DIR",
    type=click.Path(path_type=Path, file_okay=False),
    help="Keep analysed files' results in DIR instead of the configured "
    "`cache-dir` (default: .cio_lint_cache beside the configuration file, or in "
    "the current directory).",
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
    output_format: str,
    output_file: Path | None,
    color: bool | None,
    statistics: bool,
    show_settings: bool,
    show_files: bool,
    stdin_filename: str | None,
    fix: bool,
    unsafe_fixes: bool,
    diff: bool,
    fix_only: bool,
    show_fixes: bool,
    exit_non_zero_on_fix: bool,
    exit_zero: bool,
    jobs: int | None,
    no_cache: bool,
    cache_dir: Path | None,
    verbose: bool,
) -> None:
    """Check Python, JavaScript and TypeScript code that calls Customer.io.

    PATHS are files or directories (default: the current directory), or `-`
    for standard input with --stdin-filename. Exit status: 0 clean, 1 findings
    reported, 2 bad usage, configuration or input.
    """
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.WARNING,
        format="cio-lint: %(levelname)s: %(message)s",
    )
    output_format = output_format.lower()
    stdin_name = _stdin_name(paths, stdin_filename)
    _check_modes(show_settings, show_files, statistics, output_format, stdin_name)
    if any(not path for path in paths):
        fail("empty path given; name a file or directory, or nothing for '.'")
    if isolated and config_file is not None:
        fail("--config and --isolated cannot be used together")

    if stdin_name is not None:
        targets = [stdin_name]
    else:
        targets = [Path(path) for path in paths] or [Path(".")]
    overrides = CliOverrides(
        select=_codes(select) if select is not None else None,
        extend_select=_codes(extend_select),
        ignore=_codes(ignore),
        force_exclude=force_exclude,
    )
    invocation = Invocation(
        targets=targets,
        stdin_name=stdin_name,
        output_format=output_format,
        output_file=output_file,
        color=color,
        statistics=statistics,
        show_settings=show_settings,
        show_files=show_files,
        fix=fix,
        unsafe_fixes=unsafe_fixes,
        diff=diff,
        fix_only=fix_only,
        show_fixes=show_fixes,
        exit_non_zero_on_fix=exit_non_zero_on_fix,
        exit_zero=exit_zero,
        jobs=jobs,
        no_cache=no_cache,
        cache_dir=cache_dir,
    )
    settings = _settings(targets, config_file, isolated, overrides)
    replay = None
    if invocation.replayable:
        # Logging goes to standard error as it happens and is not kept.
        options = dict(click.get_current_context().params, verbose=False)
        key = run_key(options, settings, tool_key())
        replay = Replay(cache_directory(settings, cache_dir), key)
        stored = replay.stored()
        if stored is not None:
            stored.write()
            sys.exit(stored.exit_code)

    # Imported here: a replayed run needs neither the rules nor the engine.
    from cio_lint import cli_actions

    sys.exit(cli_actions.run(invocation, settings, replay))


def _stdin_name(paths: tuple[str, ...], stdin_filename: str | None) -> Path | None:
    """Return the name standard input is checked as, or None for no stdin."""
    if STDIN_PATH in paths and len(paths) > 1:
        fail("`-` (standard input) cannot be combined with other paths")
    if stdin_filename is None:
        if paths == (STDIN_PATH,):
            fail(
                "reading standard input needs --stdin-filename NAME, which "
                "chooses the language and the configuration"
            )
        return None
    if not stdin_filename:
        fail("--stdin-filename is empty; name the file the input stands for")
    if paths not in ((), (STDIN_PATH,)):
        fail(
            "--stdin-filename checks standard input, so PATHS must be `-` or "
            f"nothing, got {' '.join(paths)}"
        )
    return Path(stdin_filename)


def _check_modes(
    show_settings: bool,
    show_files: bool,
    statistics: bool,
    output_format: str,
    stdin_name: Path | None,
) -> None:
    chosen = [
        option
        for option, given in (
            ("--show-settings", show_settings),
            ("--show-files", show_files),
            ("--statistics", statistics),
        )
        if given
    ]
    if len(chosen) > 1:
        fail(f"{' and '.join(chosen)} cannot be used together")
    if statistics and output_format in ("sarif", "github"):
        fail(
            "--statistics prints a table or, with --output-format json, a "
            f"JSON array; it cannot be written as {output_format}"
        )
    if show_files and stdin_name is not None:
        fail("--show-files lists files on disk, so it cannot read standard input")


def _settings(
    targets: list[Path],
    config_file: Path | None,
    isolated: bool,
    overrides: CliOverrides,
) -> Settings:
    try:
        return load_settings(
            targets,
            cwd=Path.cwd(),
            config_file=config_file,
            isolated=isolated,
            overrides=overrides,
        )
    except CioLintError as error:
        fail(str(error))


def main() -> None:
    """Run the command; a closed stdout (`| head`) ends the run quietly.

    `cio-lint rule ...` runs the rule command and `cio-lint clean ...` the
    clean command; every other first argument belongs to the lint command.
    """
    for stream in (sys.stdout, sys.stderr):
        # A console that cannot encode a character in a path or message gets an
        # escape sequence instead of a UnicodeEncodeError.
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
    arguments = sys.argv[1:]
    try:
        if arguments[:1] == [RULE_COMMAND]:
            from cio_lint.rule_command import rule_command

            rule_command.main(
                args=arguments[1:], prog_name="cio-lint rule", standalone_mode=False
            )
        elif arguments[:1] == [CLEAN_COMMAND]:
            from cio_lint.clean_command import clean_command

            clean_command.main(
                args=arguments[1:], prog_name="cio-lint clean", standalone_mode=False
            )
        else:
            command.main(args=arguments, prog_name="cio-lint", standalone_mode=False)
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
    except click.UsageError as error:
        fail(error.format_message())
    except click.Abort:
        sys.exit(EXIT_ERROR)
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(EXIT_FINDINGS)
