"""Add `from module import name` to a Python file with LibCST's import helper."""

from __future__ import annotations

from collections.abc import Sequence

import libcst as cst
from libcst.codemod import CodemodContext
from libcst.codemod.visitors import AddImportsVisitor

from cio_lint.edits import ImportNeed


def add_imports(text: str, needs: Sequence[ImportNeed]) -> str | None:
    """Return `text` with each needed name imported; None if it does not parse.

    `AddImportsVisitor` skips a name the module already imports and places a
    new import after the module docstring and `__future__` imports. LibCST
    regenerates every other character as it was parsed.
    """
    try:
        module = cst.parse_module(text)
    except cst.ParserSyntaxError:
        return None
    context = CodemodContext()
    for need in needs:
        AddImportsVisitor.add_needed_import(context, need.module, need.name)
    return AddImportsVisitor(context).transform_module(module).code
