"""Character offsets of LibCST nodes, from one light code-generation pass.

LibCST's `PositionProvider` runs the same pass, but splits every token on line
breaks and builds two position objects per node; counting characters only is
several times cheaper. Offsets index the text the module was parsed from,
because LibCST regenerates that text exactly; `LineIndex` turns them into
lines and columns.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import libcst as cst
from libcst._nodes.internal import CodegenState

Offsets = dict[cst.CSTNode, tuple[int, int]]


@dataclass(frozen=False)
class _OffsetState(CodegenState):
    """A code generator that counts characters instead of collecting tokens."""

    offsets: Offsets = field(default_factory=dict)
    offset: int = 0
    _starts: list[int] = field(default_factory=list)

    def add_indent_tokens(self) -> None:
        for token in self.indent_tokens:
            self.offset += len(token)

    def add_token(self, value: str) -> None:
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
    """Return the start and end offset of every node, whitespace excluded.

    The ranges are those of LibCST's `PositionProvider`.
    """
    state = _OffsetState(
        default_indent=module.default_indent, default_newline=module.default_newline
    )
    module._codegen(state)
    return state.offsets
