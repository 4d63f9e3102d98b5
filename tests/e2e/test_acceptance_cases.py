"""Acceptance cases: small projects whose expected findings are marked in comments.

Each case folder contains `case.toml` (`scope`: code prefixes compared; optional
`config`, written as the case's `cio-lint.toml`) and source files in which a
comment containing `expect: CODE[, CODE]` marks a line that must be reported
with exactly those codes. Every other line must have no finding in scope. A case
whose expected codes or languages are not implemented yet is skipped.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from collections import Counter
from pathlib import Path

import pytest

from cio_lint.languages import supported_extensions
from cio_lint.rules import known_rules

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

from tests.conftest import RunCioLint

REPOSITORY = Path(__file__).resolve().parents[2]
CASES = Path(os.environ.get("CIO_LINT_CASES", REPOSITORY.parent / "shared" / "cases"))
SOURCE_EXTENSIONS = {
    ".py",
    ".pyi",
    ".js",
    ".jsx",
    ".mjs",
    ".cjs",
    ".ts",
    ".tsx",
    ".mts",
    ".cts",
}
EXPECT = re.compile(r"expect:\s*(?P<codes>CIO\d{3}(?:\s*,\s*CIO\d{3})*)")
FINDING = re.compile(
    r"^(?P<path>.+?):(?P<line>\d+):(?P<column>\d+): (?P<code>CIO\d{3}) "
)

Marks = Counter[tuple[str, int, str]]

# Cases that rely on analysis not built yet. Each runs as a strict xfail, so it
# fails loudly once the gap is closed, and then its entry must go.
KNOWN_GAPS: dict[str, str] = {}


def _case_folders() -> list[Path]:
    if not CASES.is_dir():
        return []
    return sorted(path for path in CASES.iterdir() if (path / "case.toml").is_file())


def _source_files(case: Path) -> list[Path]:
    return sorted(
        path
        for path in case.rglob("*")
        if path.is_file() and path.suffix in SOURCE_EXTENSIONS
    )


def _in_scope(code: str, scope: list[str]) -> bool:
    return any(code.startswith(prefix) for prefix in scope)


def _expected(case: Path, scope: list[str]) -> Marks:
    marks: Marks = Counter()
    for path in _source_files(case):
        relative = path.relative_to(case).as_posix()
        lines = path.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines, start=1):
            match = EXPECT.search(line)
            if match is None:
                continue
            for code in re.split(r"\s*,\s*", match.group("codes")):
                if _in_scope(code, scope):
                    marks[(relative, number, code)] += 1
    return marks


def _reported(stdout: str, scope: list[str]) -> Marks:
    marks: Marks = Counter()
    for line in stdout.splitlines():
        match = FINDING.match(line)
        assert match is not None, f"unexpected output line: {line!r}"
        if _in_scope(match.group("code"), scope):
            path = Path(match.group("path")).as_posix()
            marks[(path, int(match.group("line")), match.group("code"))] += 1
    return marks


def _skip_reason(case: Path, scope: list[str], expected: Marks) -> str | None:
    implemented = set(known_rules())
    missing_codes = sorted({code for _, _, code in expected} - implemented)
    if missing_codes:
        return f"rules not implemented yet: {', '.join(missing_codes)}"
    extensions = {path.suffix for path in _source_files(case)}
    unsupported = sorted(extensions - supported_extensions())
    if unsupported:
        return f"languages not supported yet: {', '.join(unsupported)}"
    if not any(_in_scope(code, scope) for code in implemented):
        return f"no rule implemented in scope {scope}"
    return None


@pytest.mark.parametrize("case", _case_folders(), ids=lambda path: path.name)
def test_acceptance_case(
    case: Path, tmp_path: Path, cio_lint: RunCioLint, request: pytest.FixtureRequest
) -> None:
    settings = tomllib.loads((case / "case.toml").read_text(encoding="utf-8"))
    scope = list(settings["scope"])
    expected = _expected(case, scope)
    reason = _skip_reason(case, scope, expected)
    if reason is not None:
        pytest.skip(reason)
    if case.name in KNOWN_GAPS:
        request.applymarker(
            pytest.mark.xfail(reason=KNOWN_GAPS[case.name], strict=True)
        )

    project = tmp_path / case.name
    shutil.copytree(case, project)
    (project / "case.toml").unlink()
    config = settings.get("config")
    if config:
        (project / "cio-lint.toml").write_text(_toml(config), encoding="utf-8")

    result = cio_lint(".", cwd=project)

    assert result.exit_code in (0, 1), result.stderr
    assert _reported(result.stdout, scope) == expected, result.stdout


def test_cases_folder_found() -> None:
    if not CASES.is_dir():
        pytest.skip(f"no acceptance cases at {CASES}")
    assert _case_folders(), f"{CASES} holds no case folders"


def _toml(table: dict[str, object]) -> str:
    lines = []
    for key, value in table.items():
        lines.append(f"{key} = {_toml_value(value)}")
    return "\n".join(lines) + "\n"


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(item) for item in value) + "]"
    if isinstance(value, dict):
        items = ", ".join(
            f'"{key}" = {_toml_value(item)}' for key, item in value.items()
        )
        return "{ " + items + " }"
    raise TypeError(f"cannot write {value!r} as TOML")
