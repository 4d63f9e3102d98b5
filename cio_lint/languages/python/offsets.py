"""Character offsets of LibCST nodes, generated one statement at a time.

LibCST's `PositionProvider` regenerates the whole module's code, splitting every
token on line breaks and building two position objects per node. Here a light
code generator counts characters instead, and only for the statements that
hold a requested node: the statements of the module's, classes' and functions'
bodies. CPython's own parser (`ast`, which parses about eight times faster than
LibCST) gives where each such statement starts. Each regenerated statement is
compared with the text, and any disagreement between the two parsers falls
back to regenerating the whole module. Offsets index the text the
module was parsed from; `LineIndex` turns them into lines and columns.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

import libcst as cst
from libcst._nodes.internal import CodegenState
from msgspec import Struct

from cio_lint.languages.python.parsing import cpython_parse
from cio_lint.positions import LineIndex

Offsets = dict[cst.CSTNode, tuple[int, int]]
_STATEMENTS = (cst.SimpleStatementLine, cst.BaseCompoundStatement)
# The start of each statement (a line, later an offset) and the indents around it.
_Starts = dict[cst.CSTNode, tuple[int, tuple[str, ...]]]


class NodeOffsets:
    """The start and end offset of each node, whitespace excluded.

    The ranges are those of LibCST's `PositionProvider`. `statements` maps each
    node to the innermost statement of a module, class or function body that
    contains it; a node it does not name is found by regenerating the whole module.
    `parsed` is the module's top-level statements as `ast` parsed `text`, when
    known.
    """

    def __init__(
        self,
        module: cst.Module,
        text: str,
        lines: LineIndex,
        statements: Mapping[cst.CSTNode, cst.CSTNode],
        parsed: Sequence[ast.stmt] | None = None,
    ) -> None:
        self._module = module
        self._text = text
        self._parsed = parsed
        self._lines = lines
        self._statements = statements
        self._offsets: Offsets = {}
        self._generated: set[cst.CSTNode] = set()
        self._starts: _Starts | None = None
        self._whole = False

    @property
    def whole_module_generated(self) -> bool:
        """Tell whether a statement could not be placed, so the whole module was."""
        return self._whole

    def __getitem__(self, node: cst.CSTNode) -> tuple[int, int]:
        found = self._offsets.get(node)
        if found is not None:
            return found
        statement = self._statements.get(node)
        if (
            not self._whole
            and statement is not None
            and statement not in self._generated
            and self._generate(statement)
        ):
            found = self._offsets.get(node)
            if found is not None:
                return found
        if not self._whole:
            self._offsets = node_offsets(self._module)
            self._whole = True
        return self._offsets[node]

    def _generate(self, statement: cst.CSTNode) -> bool:
        """Record the offsets of the nodes in `statement`; False if not placed."""
        found = self._statement_starts().get(statement)
        if found is None:
            return False
        start, indents = found
        state = _OffsetState(
            default_indent=self._module.default_indent,
            default_newline=self._module.default_newline,
            indent_tokens=list(indents),
            offset=start,
        )
        statement._codegen(state)
        code = "".join(state.tokens)
        if not self._text.startswith(code, start) and not self._ends_file(
            statement, start, code
        ):
            return False
        self._generated.add(statement)
        self._offsets.update(state.offsets)
        return True

    def _ends_file(self, statement: cst.CSTNode, start: int, code: str) -> bool:
        """Tell whether `code` ends the file but for a line break the file lacks."""
        newline = self._module.default_newline
        return (
            not self._module.has_trailing_newline
            and not self._module.footer
            and statement is self._module.body[-1]
            and code.endswith(newline)
            and self._text[start:] == code[: -len(newline)]
        )

    def _statement_starts(self) -> _Starts:
        """Return each statement's offset, leading lines included, and indents."""
        if self._starts is None:
            parsed = self._parsed
            if parsed is None:
                try:
                    parsed = cpython_parse(self._text).body
                except (SyntaxError, ValueError, RecursionError, MemoryError):
                    parsed = []
            starts: _Starts = {}
            body = _Body(self._module.body, parsed, ())
            if not _place(body, self._module.default_indent, starts):
                starts = {}
            self._starts = {
                statement: (self._lines.offset(line, 0), indents)
                for statement, (line, indents) in starts.items()
            }
        return self._starts


class _Body(Struct, frozen=True):
    """A body as both parsers see it, with the indents of the blocks around it."""

    statements: Sequence[cst.BaseStatement]
    parsed: Sequence[ast.stmt]
    indents: tuple[str, ...]


def _place(body: _Body, default_indent: str, starts: _Starts) -> bool:
    """Record the start line and indents of each statement of `body` and below.

    The line of a statement's first token comes from `ast`. A LibCST line of
    simple statements (`a = 1; b = 2`) is one `ast` statement per part, and a
    decorated definition starts at its first decorator. Returns False when the
    two parsers disagree about the statements.
    """
    parsed = body.parsed
    index = 0
    for statement in body.statements:
        if index >= len(parsed):
            return False
        first = parsed[index]
        if not isinstance(statement, _STATEMENTS):
            return False
        decorators = getattr(first, "decorator_list", None) or ()
        line = min([first.lineno, *(decorator.lineno for decorator in decorators)])
        starts[statement] = (line - len(statement.leading_lines), body.indents)
        if isinstance(statement, cst.SimpleStatementLine):
            index += len(statement.body)
            continue
        index += 1
        if not isinstance(statement, (cst.ClassDef, cst.FunctionDef)):
            continue
        if not isinstance(first, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            return False
        block = statement.body
        if isinstance(block, cst.IndentedBlock):
            indent = default_indent if block.indent is None else block.indent
            inner = _Body(block.body, first.body, (*body.indents, indent))
            if not _place(inner, default_indent, starts):
                return False
    return index == len(parsed)


@dataclass(frozen=False)
class _OffsetState(CodegenState):
    """A code generator that also records each node's character offsets.

    A dataclass, not a struct like the other records: LibCST's `CodegenState`
    is a dataclass, and this extends it.
    """

    offsets: Offsets = field(default_factory=dict)
    offset: int = 0
    _starts: list[int] = field(default_factory=list)

    def add_indent_tokens(self) -> None:
        for token in self.indent_tokens:
            self.add_token(token)

    def add_token(self, value: str) -> None:
        self.tokens.append(value)
        self.offset += len(value)

    def before_codegen(self, node: cst.CSTNode) -> None:
        self._starts.append(self.offset)

    def after_codegen(self, node: cst.CSTNode) -> None:
        start = self._starts.pop()
        # A syntactic position recorded inside the node wins, as in LibCST.
        if node not in self.offsets:
            self.offsets[node] = (start, self.offset)

    @contextmanager
    def record_syntactic_position(
        self,
        node: cst.CSTNode,
        *,
        start_node: cst.CSTNode | None = None,
        end_node: cst.CSTNode | None = None,
    ) -> Iterator[None]:
        start = self.offset
        try:
            yield
        finally:
            end = self.offset
            if start_node is not None:
                start = self.offsets[start_node][0]
            if end_node is not None:
                end = self.offsets[end_node][1]
            self.offsets[node] = (start, end)


def node_offsets(module: cst.Module) -> Offsets:
    """Return the start and end offset of every node, regenerating the whole module."""
    state = _OffsetState(
        default_indent=module.default_indent, default_newline=module.default_newline
    )
    module._codegen(state)
    return state.offsets
