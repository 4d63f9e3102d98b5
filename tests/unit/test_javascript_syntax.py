"""Syntax errors in JavaScript and TypeScript: reported once, analysis goes on."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from cio_lint.languages.javascript import JavascriptFrontend
from cio_lint.model import FileModel, Position

HEADER = 'import { TrackClient } from "customerio-node";\n'
HEADER += "const cio = new TrackClient(SITE_ID, KEY);\n"


def analyze(source: str, name: str = "x.ts") -> FileModel:
    text = HEADER + textwrap.dedent(source).lstrip("\n")
    return JavascriptFrontend().analyze(text, Path(name))


@pytest.mark.parametrize(
    ("source", "message", "position"),
    [
        ("const x = (1;\n", 'expected ")"', Position(3, 13)),
        ("foo(a b);\n", 'unexpected "b"', Position(3, 7)),
        ("const = 5;\n", 'cannot parse "const ="', Position(3, 1)),
        ("let y = ;\n", 'unexpected "="', Position(3, 7)),
    ],
)
def test_first_error_is_reported(source: str, message: str, position: Position) -> None:
    problem = analyze(source).syntax_error
    assert problem is not None
    assert (problem.message, problem.position) == (message, position)


def test_position_counts_characters_not_bytes() -> None:
    problem = analyze("const s = 'héllo wörld'; foo(a b);\n").syntax_error
    assert problem is not None and problem.position == Position(3, 32)


def test_calls_next_to_an_error_still_count() -> None:
    model = analyze(
        """
        const broken = (1;
        cio.identify("1", { created_at: Date.now() });
        """
    )
    assert model.syntax_error is not None
    assert [call.operation for call in model.calls] == ["identify"]


@pytest.mark.parametrize(
    "declaration",
    [
        "interface Box<in out T> { value: T }",
        "interface Box<in T> { value: T }",
        "interface Box<out T> { value: T }",
        "interface Pair<out T, in U> { left: T; right: U }",
        "class Box<in out T extends object = {}> { value!: T }",
        "type Getter<out T> = () => T;",
        "function id<const T>(value: T): T { return value; }",
    ],
)
def test_variance_modifiers_are_not_syntax_errors(declaration: str) -> None:
    model = analyze(declaration + '\ncio.identify("1", {});\n')
    assert model.syntax_error is None
    assert [call.operation for call in model.calls] == ["identify"]


def test_real_error_inside_type_parameters_is_reported() -> None:
    problem = analyze("interface Box<T U> { value: T }\n").syntax_error
    assert problem is not None and problem.position.line == 3
