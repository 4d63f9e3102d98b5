"""Add names to a JavaScript or TypeScript file's existing import of a package.

A fix that writes `RegionEU` needs the name in scope. The name joins the
file's `import { ... } from "pkg"` or `const { ... } = require("pkg")`, so the
file keeps its module style and no second import of the package appears.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from tree_sitter import Node

from cio_lint.edits import ImportNeed
from cio_lint.languages.javascript.imports import required
from cio_lint.languages.javascript.parsing import (
    Source,
    field_node,
    grammar_for,
    has_token,
    string_value,
)


def add_imports(text: str, path: Path, needs: Sequence[ImportNeed]) -> str | None:
    """Return `text` with every needed name imported, or None if one cannot be.

    A name already imported from its package is left alone. A package that the
    file imports only as a whole (`import * as cio`, `require("pkg")` into one
    name) gives None, because the fix would need a qualified name instead.
    """
    for need in needs:
        updated = _add_one(text, path, need)
        if updated is None:
            return None
        text = updated
    return text


def _add_one(text: str, path: Path, need: ImportNeed) -> str | None:
    source = Source(text, grammar_for(path))
    brace_lists = list(_brace_lists(source.root, source, need.module))
    if not brace_lists:
        return None
    for names in brace_lists:
        if need.name in _listed_names(names, source):
            return text
    return _insert_name(source, brace_lists[0], need.name)


def _brace_lists(root: Node, source: Source, module: str) -> Iterator[Node]:
    """Yield `{ ... }` lists that take names from `module`, in file order."""
    for statement in root.named_children:
        if statement.type == "import_statement":
            specifier = field_node(statement, "source")
            if specifier is None or string_value(specifier, source) != module:
                continue
            if has_token(statement, "type"):
                continue  # a type-only import cannot bring in a value
            clause = _child(statement, "import_clause")
            named = _child(clause, "named_imports") if clause else None
            if named is not None:
                yield named
        elif statement.type in ("lexical_declaration", "variable_declaration"):
            for declarator in statement.named_children:
                pattern = field_node(declarator, "name")
                value = field_node(declarator, "value")
                if pattern is None or value is None or pattern.type != "object_pattern":
                    continue
                found = required(value, source)
                if found is not None and found.specifier == module and not found.names:
                    yield pattern


def _child(node: Node, kind: str) -> Node | None:
    return next((child for child in node.named_children if child.type == kind), None)


def _listed_names(names: Node, source: Source) -> set[str]:
    """Return the local names a brace list binds: `EU` for `RegionEU as EU`."""
    listed = set()
    for item in names.named_children:
        local = (
            field_node(item, "alias")
            or field_node(item, "value")
            or field_node(item, "name")
            or item
        )
        listed.add(source.raw(local))
    return listed


def _insert_name(source: Source, names: Node, name: str) -> str:
    """Insert `name` after the last entry of a brace list, or first in `{}`."""
    entries = [item for item in names.named_children if item.type != "comment"]
    data = source.data
    if entries:
        at = entries[-1].end_byte
        updated = data[:at] + f", {name}".encode() + data[at:]
    else:
        at = names.start_byte + 1
        updated = data[:at] + f" {name} ".encode() + data[at:]
    return updated.decode("utf-8", "surrogatepass")
