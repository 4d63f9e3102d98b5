"""Leave out the top-level definitions that cannot matter before LibCST parses a file.

LibCST's parse is most of the cost of analysing a Python file, and a large
module that calls Customer.io in one function would pay it for every other
function. CPython's own parser (`ast`, about eight times faster) first splits
the module into top-level statements, and a top-level function or class is
left out when nothing connects it to Customer.io:

- its text has no Customer.io marker, no `v0:` (the prefix a webhook verifier
  signs) and no name that relevant code binds. Relevant code is a statement
  with a marker or a name bound by relevant code. The names imported from an
  HTTP client (`requests`, `httpx`, `aiohttp`, `urllib`, `http`) count as
  relevant too, because a helper around an HTTP client may take a Customer.io
  URL from its caller, and so do the names imported from the project modules
  that the caller says export a client or a wrapper (`follow`);
- it imports nothing from those modules itself;
- no relevant statement mentions its name;
- it is none of: a definition that waits (`sleep(`, `wait(`, `throttle(`: it
  may retry its argument), a function whose decorator mentions an error or
  exception (a framework's error handler), or a class that may hold constants
  other files send (an `Enum`, a class without methods, or one that assigns a
  literal or an upper-case constant's name to a public class attribute).

Other top-level statements are always kept. The lines of a left-out definition
are removed from the text that LibCST parses, and `Pruned.original_range`
maps a range of that text back to the file. The words of the other imports
from outside the standard library are returned (`Pruned.unfollowed`): if one
of them names a module found later to export a client or a wrapper, the
file is pruned again and that module followed.
"""

from __future__ import annotations

import ast
import bisect
import re
import sys
from collections.abc import Iterator, Sequence

from msgspec import Struct, field

from cio_lint.languages.python.parsing import cpython_parse
from cio_lint.positions import LineIndex
from cio_lint.prefilter import CUSTOMERIO_MARKERS

# Words that make a statement relevant in itself: the Customer.io markers, and
# the `v0:` prefix of the text a webhook verifier signs.
_RELEVANT_WORDS = (*(word.decode() for word in CUSTOMERIO_MARKERS.words), "v0:")
# A call that waits, as retry helpers do between attempts (the names the
# retry-helper search counts).
WAITS = re.compile(r"\b(?:sleep|wait|throttle)\s*\(")
_DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
_STARTS = ("@", "def", "async", "class")
# A statement's words approximate the names it uses. The extra words (attribute
# names, words in strings) only keep more code, and words are several times
# faster to find than names in its syntax tree.
_WORD = re.compile(r"[A-Za-z_]\w*")
_HTTP_MODULES = frozenset({"urllib", "http", "requests", "httpx", "aiohttp", "urllib3"})
_IMPORTS = (ast.Import, ast.ImportFrom)
_OWN_SCOPES = (ast.Lambda, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)


class Pruned(Struct, frozen=True):
    """The text to parse, and where lines of the file were left out of it."""

    text: str
    gap_starts: Sequence[int] = field(default_factory=tuple)
    """Offsets in `text` where left-out lines were, in order."""

    removed_before: Sequence[int] = field(default_factory=tuple)
    """Characters left out before each gap, counted up to and including it."""

    parsed: Sequence[ast.stmt] | None = None
    """The top-level statements of `text` as `ast` parsed them, when known."""

    unfollowed: frozenset[str] = frozenset()
    """The words of the imports from outside the standard library whose names
    did not count as relevant, when definitions were left out."""

    unconnected_lines: Sequence[tuple[int, int]] = ()
    """The first and last line of each statement nothing connected to Customer.io:
    the left-out definitions (decorators included), and the top-level
    statements that use a name an unfollowed import binds."""

    @property
    def left_out(self) -> bool:
        return bool(self.gap_starts)

    def original_range(self, start: int, end: int) -> tuple[int, int]:
        """Return the offsets in the file of a range of `text`.

        A range that ends where lines were left out ends before them.
        """
        return (
            start + self._removed(bisect.bisect_right(self.gap_starts, start)),
            end + self._removed(bisect.bisect_left(self.gap_starts, end)),
        )

    def _removed(self, gaps_before: int) -> int:
        return self.removed_before[gaps_before - 1] if gaps_before else 0


def prune(text: str, follow: frozenset[str] = frozenset()) -> Pruned:
    """Return `text` without the top-level definitions that cannot matter.

    `follow` contains names of project modules that export a client or a
    wrapper. An import whose module path or names include one is followed.
    """
    try:
        statements = cpython_parse(text).body
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return Pruned(text)
    lines = LineIndex(text)
    parts = [_Part.read(statement, text, lines, follow) for statement in statements]
    if not _at_line_starts(parts, text):
        return Pruned(text, parsed=statements)
    _mark_relevant(parts)
    gap_starts: list[int] = []
    removed_before: list[int] = []
    pieces: list[str] = []
    kept_until = removed = 0
    for part in parts:
        if part.kept:
            continue
        pieces.append(text[kept_until : part.start])
        gap_starts.append(part.start - removed)
        removed += part.end - part.start
        removed_before.append(removed)
        kept_until = part.end
    if not gap_starts:
        return Pruned(text, parsed=statements)
    pieces.append(text[kept_until:])
    unfollowed = frozenset(word for part in parts for word in part.unfollowed)
    return Pruned(
        "".join(pieces),
        tuple(gap_starts),
        tuple(removed_before),
        unfollowed=unfollowed,
        unconnected_lines=_unconnected_lines(parts),
    )


def _unconnected_lines(parts: Sequence[_Part]) -> tuple[tuple[int, int], ...]:
    """Return the lines of the statements that nothing connected to Customer.io.

    Such a top-level statement is kept in the text but counts only when it uses
    an unfollowed import (`service = crm.Crm()` after `from app import crm`).
    """
    unfollowed_names = {
        name
        for part in parts
        if part.unfollowed and isinstance(part.statement, _IMPORTS)
        for name in part.binds
    }
    return tuple(
        part.lines
        for part in parts
        if not part.kept
        or (
            not part.relevant
            and not isinstance(part.statement, (*_DEFINITIONS, *_IMPORTS))
            and not part.uses.isdisjoint(unfollowed_names)
        )
    )


class _Part(Struct):
    """One top-level statement: where its lines are, and the names it uses and binds."""

    statement: ast.stmt
    lines: tuple[int, int]
    start: int
    end: int
    uses: frozenset[str]
    """The words of the statement's text."""
    binds: frozenset[str]
    imports: frozenset[str]
    """The names it imports from HTTP clients and followed modules."""
    unfollowed: frozenset[str]
    """The words of its other imports from outside the standard library."""
    marked: bool
    """Whether it is relevant in itself: a relevant word, or its own import."""
    always_kept: bool
    relevant: bool = False

    @property
    def kept(self) -> bool:
        return self.relevant or self.always_kept

    @classmethod
    def read(
        cls, statement: ast.stmt, text: str, lines: LineIndex, follow: frozenset[str]
    ) -> _Part:
        decorators = getattr(statement, "decorator_list", None) or ()
        first = min([statement.lineno, *(item.lineno for item in decorators)])
        last = statement.end_lineno or statement.lineno
        start = lines.offset(first, 0)
        end = lines.offset(last + 1, 0) if last < lines.line_count else len(text)
        source = text[start:end]
        definition = isinstance(statement, _DEFINITIONS)
        # Walking a definition's tree is costly, and few definitions import.
        imports, unfollowed = (
            _outside_imports(statement, follow)
            if not definition or "import" in source
            else (set(), set())
        )
        marked = _has_relevant_word(source)
        return cls(
            statement,
            (first, last),
            start,
            end,
            frozenset(_WORD.findall(source)),
            frozenset(_bound_names(statement)),
            frozenset(imports),
            frozenset(unfollowed),
            marked or (definition and bool(imports)),
            _always_kept(statement, source),
        )


def _has_relevant_word(text: str) -> bool:
    lowered = text.lower()
    return any(word in lowered for word in _RELEVANT_WORDS)


def _at_line_starts(parts: Sequence[_Part], text: str) -> bool:
    """Tell whether each definition's lines start where `ast` places its start."""
    return all(
        text.startswith(_STARTS, part.start)
        for part in parts
        if isinstance(part.statement, _DEFINITIONS)
    )


def _mark_relevant(parts: Sequence[_Part]) -> None:
    """Mark the statements connected to Customer.io, until nothing changes."""
    # A definition's own imports are local to it: they make it relevant alone.
    names = {
        name
        for part in parts
        if not isinstance(part.statement, _DEFINITIONS)
        for name in part.imports
    }
    mentioned: set[str] = set()
    changed = True
    while changed:
        changed = False
        for part in parts:
            if part.relevant:
                continue
            # An import becomes relevant only by its marker or its module.
            # Otherwise relevant code that uses `json` would pull in every user.
            needed = not isinstance(part.statement, _IMPORTS) and part.binds & mentioned
            if part.marked or part.uses & names or needed:
                part.relevant = True
                names.update(part.binds)
                mentioned.update(part.uses)
                changed = True


def _bound_names(statement: ast.stmt) -> set[str]:
    """Return the module-level names a top-level statement binds.

    Names bound inside functions, classes, lambdas and comprehensions are
    their own scope's, not the module's.
    """
    if isinstance(statement, _DEFINITIONS):
        return {statement.name}
    names: set[str] = set()
    stack: list[ast.AST] = [statement]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, _DEFINITIONS):
            names.add(node.name)
            continue
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update(_import_names(node))
        elif isinstance(node, _OWN_SCOPES):
            continue
        stack.extend(ast.iter_child_nodes(node))
    return names


def _outside_imports(
    statement: ast.stmt, follow: frozenset[str]
) -> tuple[set[str], set[str]]:
    """Split what a statement imports from outside the standard library.

    Return the names it imports from HTTP clients and followed modules, and
    the words of its other imports.
    """
    followed: set[str] = set()
    unfollowed: set[str] = set()
    for node in _statements(statement):
        imports: list[tuple[str, ast.Import | ast.ImportFrom]]
        if isinstance(node, ast.Import):
            imports = [(alias.name, ast.Import([alias])) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            imports = [("." * node.level + (node.module or ""), node)]
        else:
            continue
        for module, imported in imports:
            top = module.split(".")[0]
            if top in _HTTP_MODULES or _has_relevant_word(module):
                followed.update(_import_names(imported))
            elif top not in sys.stdlib_module_names:
                words = _import_words(imported)
                if follow.isdisjoint(words):
                    unfollowed.update(words)
                else:
                    followed.update(_import_names(imported))
    return followed, unfollowed


def _statements(statement: ast.stmt) -> Iterator[ast.AST]:
    """Yield `statement` and the statements nested in it, skipping expressions."""
    stack: list[ast.AST] = [statement]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(
            child
            for child in ast.iter_child_nodes(node)
            if isinstance(child, (ast.stmt, ast.excepthandler, ast.match_case))
        )


def _import_names(node: ast.Import | ast.ImportFrom) -> set[str]:
    if isinstance(node, ast.Import):
        return {alias.asname or alias.name.split(".")[0] for alias in node.names}
    return {alias.asname or alias.name for alias in node.names}


def _import_words(node: ast.Import | ast.ImportFrom) -> set[str]:
    """Return the parts of the module path an import names, and the names it imports."""
    names = [alias.name for alias in node.names]
    if isinstance(node, ast.ImportFrom) and node.module:
        names.append(node.module)
    return {word for name in names for word in name.split(".")}


def _always_kept(statement: ast.stmt, source: str) -> bool:
    """Tell whether a definition may matter to other files or to a framework."""
    if WAITS.search(source):
        return True
    if isinstance(statement, ast.ClassDef):
        return _may_hold_constants(statement)
    if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
        decorators = " ".join(ast.unparse(item) for item in statement.decorator_list)
        return "error" in decorators.lower() or "exception" in decorators.lower()
    return True


def _may_hold_constants(node: ast.ClassDef) -> bool:
    """Tell whether a class is an enum, has no methods, or defines a public constant.

    A public constant is a class attribute without a leading underscore that
    is assigned a literal, such as an event name or a time another file sends,
    or the upper-case name of another constant.
    """
    bases = " ".join(ast.unparse(base) for base in node.bases)
    if "Enum" in bases or "Flag" in bases:
        return True
    if not any(isinstance(item, _DEFINITIONS) for item in node.body):
        return True
    for item in node.body:
        if isinstance(item, ast.Assign):
            targets, value = item.targets, item.value
        elif isinstance(item, ast.AnnAssign) and item.value is not None:
            targets, value = [item.target], item.value
        else:
            continue
        # `SIGNUP, LOGIN = "signed_up", "logged_in"` binds several names.
        public = any(
            isinstance(node, ast.Name) and not node.id.startswith("_")
            for target in targets
            for node in ast.walk(target)
        )
        if public and (_literal(value) or _names_constant(value)):
            return True
    return False


def _names_constant(node: ast.expr) -> bool:
    """Tell whether `node` names a constant, such as `ORDER_PLACED` or `Events.PAID`."""
    if isinstance(node, ast.Name):
        return node.id.isupper()
    if isinstance(node, ast.Attribute):
        return node.attr.isupper()
    return False


def _literal(node: ast.expr) -> bool:
    """Tell whether `node` is a string or number, or is built only from them."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, (str, bytes, int, float)) and not isinstance(
            node.value, bool
        )
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp):
        return _literal(node.left) and _literal(node.right)
    if isinstance(node, ast.UnaryOp):
        return _literal(node.operand)
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return bool(node.elts) and all(_literal(item) for item in node.elts)
    if isinstance(node, ast.Dict):
        items = [*node.keys, *node.values]
        return bool(items) and all(
            item is not None and _literal(item) for item in items
        )
    return False
