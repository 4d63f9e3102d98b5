"""Read ES module imports and CommonJS `require` calls as `Import` records.

An import names a module specifier and a path of exported names inside it.
`import { TrackClient as Track } from "customerio-node"` binds `Track` to
`customerio-node` / `TrackClient`. `const cio = require("./cio")` binds `cio`
to the whole of `./cio`'s exports, and `import * as m from "./cio"` binds `m`
to its namespace object.
"""

from __future__ import annotations

from collections.abc import Iterator

from msgspec import Struct
from tree_sitter import Node

from cio_lint.languages.javascript.parsing import (
    Source,
    field_node,
    has_token,
    string_value,
    unwrap,
)


class Import(Struct, frozen=True):
    """A local name bound by an import: the module and the exported path."""

    specifier: str
    names: tuple[str, ...] = ()
    namespace: bool = False
    type_only: bool = False

    @property
    def is_relative(self) -> bool:
        return self.specifier.startswith(".")

    @property
    def qualified_name(self) -> str:
        """Return `module.Export.member`, the name the catalogue uses.

        The default export of a package is the package itself, as CommonJS
        interop makes it (`import CIO from "customerio-node"`), and a `node:`
        prefix is dropped.
        """
        names = self.names[1:] if self.names[:1] == ("default",) else self.names
        return ".".join((self.specifier.removeprefix("node:"), *names))

    def member(self, name: str) -> Import:
        return Import(self.specifier, (*self.names, name), False, self.type_only)


def statement_imports(node: Node, source: Source) -> Iterator[tuple[str, Import]]:
    """Yield (local name, import) for an `import` statement."""
    specifier_node = field_node(node, "source")
    type_only = has_token(node, "type")
    for child in node.named_children:
        if child.type == "import_require_clause":
            yield from _require_clause(child, source)
    specifier = string_value(specifier_node, source) if specifier_node else None
    if specifier is None:
        return
    clause = next((c for c in node.named_children if c.type == "import_clause"), None)
    if clause is None:
        return
    for child in clause.named_children:
        if child.type == "identifier":
            yield source.raw(child), Import(specifier, ("default",), False, type_only)
        elif child.type == "namespace_import":
            local = _last_identifier(child, source)
            if local:
                yield local, Import(specifier, (), True, type_only)
        elif child.type == "named_imports":
            yield from _named(child, specifier, type_only, source)


def _named(
    node: Node, specifier: str, type_only: bool, source: Source
) -> Iterator[tuple[str, Import]]:
    for item in node.named_children:
        if item.type != "import_specifier":
            continue
        name = field_node(item, "name")
        alias = field_node(item, "alias") or name
        if name is None or alias is None:
            continue
        exported = string_value(name, source) or source.raw(name)
        only_type = type_only or has_token(item, "type")
        yield source.raw(alias), Import(specifier, (exported,), False, only_type)


def _require_clause(node: Node, source: Source) -> Iterator[tuple[str, Import]]:
    """Yield the name that TypeScript's `import X = require("x")` binds."""
    local = next((c for c in node.named_children if c.type == "identifier"), None)
    specifier_node = field_node(node, "source")
    specifier = string_value(specifier_node, source) if specifier_node else None
    if local is not None and specifier is not None:
        yield source.raw(local), Import(specifier)


def _last_identifier(node: Node, source: Source) -> str | None:
    names = [c for c in node.named_children if c.type == "identifier"]
    return source.raw(names[-1]) if names else None


def required(node: Node, source: Source) -> Import | None:
    """Return the import an expression reads: `require("x")` or `require("x").a`."""
    node = unwrap(node)
    if node.type == "await_expression" and node.named_children:
        return required(node.named_children[0], source)
    if node.type == "member_expression":
        base = field_node(node, "object")
        prop = field_node(node, "property")
        inner = required(base, source) if base is not None else None
        if inner is None or prop is None or prop.type != "property_identifier":
            return None
        return inner.member(source.raw(prop))
    if node.type != "call_expression":
        return None
    function = field_node(node, "function")
    arguments = field_node(node, "arguments")
    if function is None or arguments is None or source.raw(function) != "require":
        return None
    values = [c for c in arguments.named_children if c.type != "comment"]
    if len(values) != 1:
        return None
    specifier = string_value(values[0], source)
    return Import(specifier) if specifier is not None else None


def destructured(
    pattern: Node, base: Import, source: Source
) -> Iterator[tuple[str, Import | None]]:
    """Yield the names an object pattern takes from a required module.

    `const { TrackClient: Track, RegionEU } = require("customerio-node")`
    yields `Track` and `RegionEU`. Names bound through defaults, nested
    patterns or a rest element come with None, because they are not followed.
    """
    for item in pattern.named_children:
        if item.type == "shorthand_property_identifier_pattern":
            name = source.raw(item)
            yield name, base.member(name)
        elif item.type == "pair_pattern":
            key = field_node(item, "key")
            value = field_node(item, "value")
            if key is None or value is None:
                continue
            key_text = string_value(key, source) or source.raw(key)
            if value.type == "identifier":
                yield source.raw(value), base.member(key_text)
            else:
                yield from ((name, None) for name in pattern_names(value, source))
        else:
            yield from ((name, None) for name in pattern_names(item, source))


def pattern_names(node: Node, source: Source) -> Iterator[str]:
    """Yield every identifier a binding pattern binds."""
    if node.type in ("identifier", "shorthand_property_identifier_pattern"):
        yield source.raw(node)
        return
    if node.type == "pair_pattern":
        value = field_node(node, "value")
        if value is not None:
            yield from pattern_names(value, source)
        return
    if node.type in ("assignment_pattern", "object_assignment_pattern"):
        left = field_node(node, "left")
        if left is not None:
            yield from pattern_names(left, source)
        return
    for child in node.named_children:
        if child.type in ("computed_property_name", "comment", "property_identifier"):
            continue
        yield from pattern_names(child, source)
