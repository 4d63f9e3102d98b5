"""Output-format helpers: escaping, locations, code frames, statistics."""

from __future__ import annotations

import io
from pathlib import Path

from cio_lint.findings import Finding
from cio_lint.model import Position
from cio_lint.reporting import (
    OUTPUT_FORMATS,
    ReportContext,
    SourceTexts,
    reporter_for,
)
from cio_lint.reporting.github import annotation, escape_data, escape_property
from cio_lint.reporting.sarif import artifact_location
from cio_lint.reporting.statistics import CodeCount, count_by_code, write_text


def _finding(path: str, line: int, column: int, end: int, code: str) -> Finding:
    return Finding(path, Position(line, column), Position(line, end), code, "text")


def test_escape_data_keeps_colons() -> None:
    assert escape_data("a%b\r\nc: d, e") == "a%25b%0D%0Ac: d, e"


def test_escape_property_escapes_separators() -> None:
    assert escape_property("a%b\nc: d, e") == "a%25b%0Ac%3A d%2C e"


def test_annotation_uses_end_position() -> None:
    finding = Finding("a.py", Position(2, 3), Position(4, 5), "CIO101", "m\nn")

    assert annotation(finding) == (
        "::error title=cio-lint (CIO101),file=a.py,line=2,col=3,endLine=4,"
        "endColumn=5::a.py:2:3: CIO101 m%0An"
    )


def test_artifact_location_relative() -> None:
    assert artifact_location("src/my app.py") == {
        "uri": "src/my%20app.py",
        "uriBaseId": "%SRCROOT%",
    }


def test_artifact_location_absolute_and_parent(tmp_path: Path) -> None:
    absolute = tmp_path / "a.py"

    assert artifact_location(str(absolute)) == {"uri": absolute.as_uri()}
    assert artifact_location("../x/a.py") == {
        "uri": (Path.cwd().parent / "x" / "a.py").as_uri()
    }


def test_source_texts_skip_line_after_final_break() -> None:
    texts = SourceTexts({"a.py": "one\ntwo\n", "b.py": "one\ntwo"})

    assert texts.line("a.py", 2) == "two"
    assert texts.line("a.py", 3) is None
    assert texts.line("b.py", 2) == "two"
    assert texts.line("a.py", 0) is None


def test_source_texts_unreadable_file(tmp_path: Path) -> None:
    texts = SourceTexts()

    assert texts.line(str(tmp_path / "missing.py"), 1) is None
    assert texts.line(str(tmp_path / "notes.txt"), 1) is None


def test_full_frame_without_source_shows_header_only() -> None:
    stream = io.StringIO()
    finding = _finding("gone.py", 3, 1, 4, "CIO101")

    reporter_for("full").write([finding], stream, ReportContext())

    assert stream.getvalue() == (
        "gone.py:3:1: CIO101 text\n  = docs: cio-lint rule CIO101\n\n"
    )


def test_full_frame_elides_long_spans() -> None:
    text = "".join(f"line{number}\n" for number in range(1, 21))
    finding = Finding("a.py", Position(3, 1), Position(12, 3), "CIO101", "text")
    stream = io.StringIO()
    context = ReportContext(sources=SourceTexts({"a.py": text}))

    reporter_for("full").write([finding], stream, context)

    assert stream.getvalue().splitlines() == [
        "a.py:3:1: CIO101 text",
        "   |",
        " 2 | line2",
        " 3 | line3",
        "   | ^^^^^",
        " 4 | line4",
        "   | ^^^^^",
        " 5 | line5",
        "   | ^^^^^",
        "   | ...",
        "11 | line11",
        "   | ^^^^^^",
        "12 | line12",
        "   | ^^ CIO101",
        "13 | line13",
        "   |",
        "   = docs: cio-lint rule CIO101",
        "",
    ]


def test_statistics_most_frequent_first() -> None:
    findings = [
        _finding("a.py", 1, 1, 2, "CIO102"),
        _finding("a.py", 2, 1, 2, "CIO101"),
        _finding("b.py", 1, 1, 2, "CIO101"),
        _finding("c.py", 1, 1, 2, "CIO001"),
    ]

    rows = count_by_code(findings)

    assert rows == [
        CodeCount("CIO101", "millisecond-timestamp", 2, 0),
        CodeCount("CIO001", "syntax-error", 1, 0),
        CodeCount("CIO102", "date-object-timestamp", 1, 0),
    ]


def test_statistics_text_is_aligned() -> None:
    rows = [CodeCount("CIO101", "millisecond-timestamp", 12, 0)]
    rows.append(CodeCount("CIO001", "syntax-error", 3, 0))
    stream = io.StringIO()

    write_text(rows, stream)

    assert stream.getvalue() == (
        "12  CIO101  millisecond-timestamp  0 fixable\n"
        " 3  CIO001  syntax-error           0 fixable\n"
    )


def test_every_format_has_its_reporter() -> None:
    for name in OUTPUT_FORMATS:
        assert reporter_for(name).name == name
