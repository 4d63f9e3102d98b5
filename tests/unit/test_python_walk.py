"""The fast LibCST walk visits the same calls and bindings as `Module.visit`."""

from __future__ import annotations

import textwrap

import libcst as cst

from cio_lint.languages.python.walk import walk

SOURCE = textwrap.dedent(
    """
    @decorate(first())
    def handler(request, *, when=default()):
        value = [item(x) for x in source() if check(x)]
        with open_it() as stream:
            stream.send(f"{render()}")
        return (lambda: inner())()

    class Model(Base(base_arg())):
        field = compute()
    """
)


class _Calls(cst.CSTVisitor):
    def __init__(self) -> None:
        self.names: list[str] = []
        self.left: list[str] = []

    def visit_Call(self, node: cst.Call) -> None:
        self.names.append(cst.Module([]).code_for_node(node.func))

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self.left.append(original_node.name.value)


def test_walk_finds_every_call_that_visit_finds() -> None:
    module = cst.parse_module(SOURCE)
    by_visit, by_walk = _Calls(), _Calls()

    module.visit(by_visit)
    walk(module, by_walk)

    assert sorted(by_walk.names) == sorted(by_visit.names)
    assert len(by_walk.names) == 14
    assert by_walk.left == ["handler"]


def test_walk_survives_deep_nesting() -> None:
    module = cst.parse_module("x = " + "(" * 200 + "f()" + ")" * 200 + "\n")
    found = _Calls()

    walk(module, found)

    assert found.names == ["f"]


class _Path:
    def __init__(self) -> None:
        self.path: list[str] = []
        self.at_calls: list[list[str]] = []

    def enter_node(self, node: cst.CSTNode) -> None:
        self.path.append(type(node).__name__)

    def exit_node(self, node: cst.CSTNode) -> None:
        self.path.pop()

    def visit_Call(self, node: cst.Call) -> None:
        self.at_calls.append(list(self.path))


def test_walk_calls_enter_and_exit_hooks() -> None:
    module = cst.parse_module("def f():\n    g()\n")
    found = _Path()

    walk(module, found)

    assert found.path == []
    assert found.at_calls == [
        [
            "Module",
            "FunctionDef",
            "IndentedBlock",
            "SimpleStatementLine",
            "Expr",
            "Call",
        ]
    ]
