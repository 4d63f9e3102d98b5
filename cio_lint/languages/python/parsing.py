"""Parse Python source with LibCST, guarded against inputs that crash it.

CPython's own parser (`ast.parse`, which only parses) is the judge of what is
a syntax error: its messages point at the mistake, and it accepts some valid
files that LibCST's native parser rejects.
"""

from __future__ import annotations

import ast
import itertools
import re
import warnings

import libcst as cst

from cio_lint.languages.base import AnalysisError
from cio_lint.languages.python import nesting
from cio_lint.model import Position, SyntaxProblem

# CPython's tokenizer rejects more than 200 nested brackets (MAXLEVEL); LibCST's
# native parser crashes the process on about 1,300.
MAX_BRACKET_DEPTH = 200

_LIBCST_PREFIX = re.compile(r"^parser error: error at \d+:\d+: ")
_NOT_BRACKETS = re.compile(r"[^()\[\]{}]+")
_BRACKET_STEP = {"(": 1, "[": 1, "{": 1, ")": -1, "]": -1, "}": -1}


def parse(text: str) -> cst.Module | SyntaxProblem:
    """Return the module, or the syntax error that stops it from parsing.

    Raises AnalysisError for valid Python that LibCST cannot parse.
    """
    nul = text.find("\x00")
    if nul >= 0:
        return SyntaxProblem("source contains a NUL byte", _position(text, nul))
    if _bracket_depth(text) > MAX_BRACKET_DEPTH:
        problem = _cpython_problem(text)
        if problem is not None:
            return problem
    if nesting.too_deep(text):
        raise AnalysisError(
            f"nested more than {nesting.MAX_NESTING} levels deep, too deep to "
            "analyse, file not checked"
        )
    try:
        return cst.parse_module(text)
    except cst.ParserSyntaxError as error:
        problem = _cpython_problem(text)
        if problem is not None:
            return problem
        message = _LIBCST_PREFIX.sub("", error.message)
        raise AnalysisError(
            f"LibCST cannot parse this valid Python ({message}), file not checked"
        ) from None


def _bracket_depth(text: str) -> int:
    """Return the deepest bracket nesting, counting brackets in strings too."""
    brackets = _NOT_BRACKETS.sub("", text)
    if not brackets:
        return 0
    return max(itertools.accumulate(_BRACKET_STEP[char] for char in brackets))


def cpython_parse(text: str) -> ast.Module:
    """Parse `text` with CPython's parser, several times faster than LibCST's.

    Raises what `ast.parse` raises, but prints none of its warnings.
    """
    # Python 3.12 and newer warn about invalid escape sequences while parsing;
    # such a warning would print a stray line on stderr.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return ast.parse(text)


def _cpython_problem(text: str) -> SyntaxProblem | None:
    try:
        cpython_parse(text)
    except SyntaxError as error:
        line = error.lineno or 1
        return SyntaxProblem(error.msg, Position(line, max(error.offset or 1, 1)))
    except (ValueError, RecursionError, MemoryError) as error:
        return SyntaxProblem(str(error), Position(1, 1))
    return None


def _position(text: str, offset: int) -> Position:
    line_start = text.rfind("\n", 0, offset) + 1
    return Position(text.count("\n", 0, offset) + 1, offset - line_start + 1)
