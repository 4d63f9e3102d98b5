"""The Python front-end: LibCST syntax in, model records out."""

from __future__ import annotations

import ast
import io
import logging
import re
import tokenize

import libcst as cst
from libcst.metadata import CodeRange, MetadataWrapper, PositionProvider

from cio_lint.binding import bind_call
from cio_lint.languages.base import DecodeError
from cio_lint.languages.python.clients import ClientResolver
from cio_lint.languages.python.noqa import find_suppressions
from cio_lint.languages.python.scopes import index_module
from cio_lint.languages.python.values import Evaluator
from cio_lint.model import (
    ApiCall,
    FileModel,
    Language,
    Position,
    Span,
    SyntaxProblem,
)
from cio_lint.positions import LineIndex

LOG = logging.getLogger(__name__)


class PythonFrontend:
    """Parse `.py` and `.pyi` files with LibCST and emit the model."""

    language = Language.PYTHON
    extensions = frozenset({".py", ".pyi"})

    def decode(self, raw: bytes) -> str:
        """Decode with the PEP 263 coding cookie or BOM, UTF-8 by default."""
        try:
            encoding, _ = tokenize.detect_encoding(io.BytesIO(raw).readline)
        except SyntaxError as error:
            raise DecodeError(str(error)) from None
        try:
            text = raw.decode(encoding)
        except (UnicodeDecodeError, LookupError) as error:
            raise DecodeError(f"cannot decode as {encoding}: {error}") from None
        return text.removeprefix("\ufeff")

    def analyze(self, text: str) -> FileModel:
        suppressions = find_suppressions(text)
        try:
            module = cst.parse_module(text)
        except cst.ParserSyntaxError as error:
            return FileModel(
                Language.PYTHON,
                suppressions=suppressions,
                syntax_error=_syntax_problem(text, error),
            )
        index = index_module(module)
        locator = _Locator(module, LineIndex(text))
        evaluator = Evaluator(module, locator.span)
        resolver = ClientResolver(evaluator)
        calls: list[ApiCall] = []

        for record in index.calls:
            node, scope = record.node, record.scope
            if resolver.constructed(node, scope) is not None:
                continue
            if not isinstance(node.func, cst.Attribute):
                continue
            receiver = resolver.resolve(node.func.value, scope)
            if receiver is None:
                continue
            call = bind_call(
                receiver.spec,
                receiver.client,
                node.func.attr.value,
                resolver.call_arguments(node, scope),
                locator.span(node),
            )
            if call is not None:
                calls.append(call)

        return FileModel(
            Language.PYTHON,
            clients=tuple(resolver.clients),
            calls=tuple(calls),
            suppressions=suppressions,
        )


def _syntax_problem(text: str, error: cst.ParserSyntaxError) -> SyntaxProblem:
    """Describe a parse failure as CPython's own parser words it.

    LibCST's native parser names the token after the mistake and lists every
    token it expected; CPython's parser (`ast.parse` only parses) points at the
    mistake itself, such as an unclosed bracket. When CPython accepts the text,
    which happens for syntax newer than LibCST knows, LibCST's message stays.
    """
    try:
        ast.parse(text)
    except SyntaxError as python_error:
        if python_error.lineno is not None:
            column = max(python_error.offset or 1, 1)
            return SyntaxProblem(
                python_error.msg, Position(python_error.lineno, column)
            )
    except (ValueError, RecursionError, MemoryError):
        pass
    message = _LIBCST_PREFIX.sub("", error.message)
    return SyntaxProblem(message, Position(error.raw_line, error.raw_column + 1))


_LIBCST_PREFIX = re.compile(r"^parser error: error at \d+:\d+: ")


class _Locator:
    """Compute node positions on first use, once per module.

    `unsafe_skip_copy` keeps the node identities of the analysed tree, which
    the position table is keyed by.
    """

    def __init__(self, module: cst.Module, lines: LineIndex) -> None:
        self._module = module
        self._lines = lines
        self._positions: dict[cst.CSTNode, CodeRange] | None = None

    def span(self, node: cst.CSTNode) -> Span:
        if self._positions is None:
            wrapper = MetadataWrapper(self._module, unsafe_skip_copy=True)
            self._positions = dict(wrapper.resolve(PositionProvider))
        code_range = self._positions[node]
        return self._lines.span_from_columns(
            code_range.start.line,
            code_range.start.column,
            code_range.end.line,
            code_range.end.column,
        )
