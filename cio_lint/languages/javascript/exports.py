"""Read what a JavaScript or TypeScript module exports.

ES modules: `export const cio = ...`, `export function track() {}`,
`export { cio as client }`, `export default cio` and `export default function
track() {}`. CommonJS: `module.exports = { cio }`,
`module.exports = cio`, `module.exports.cio = ...` and `exports.cio = ...`.
The whole of `module.exports` and an ES default export are both named
`default`, which is what `require("./cio")` and `import cio from "./cio"`
read.
"""

from __future__ import annotations

from collections.abc import Iterator

from tree_sitter import Node

from cio_lint.languages.javascript.parsing import (
    Source,
    field_node,
    has_token,
    key_text,
    string_value,
    unwrap,
)

DEFAULT = "default"
# Declarations exported under their own name: `export function track() {}`.
_NAMED_DECLARATIONS = frozenset(
    {
        "enum_declaration",
        "function_declaration",
        "generator_function_declaration",
        "class_declaration",
        "abstract_class_declaration",
    }
)


def statement_exports(node: Node, source: Source) -> Iterator[tuple[str, Node]]:
    """Yield (exported name, expression) for an `export` statement."""
    # NOTE: re-exports (`export { cio } from "./cio"`, `export * from`) are
    # not linked, so a client reached only through a barrel file is missed.
    if field_node(node, "source") is not None:
        return
    declaration = field_node(node, "declaration")
    if declaration is not None:
        if has_token(node, DEFAULT):
            yield DEFAULT, declaration
        else:
            yield from _declared(declaration, source)
        return
    value = field_node(node, "value")
    if value is not None:
        yield DEFAULT, value
        return
    for clause in node.named_children:
        if clause.type != "export_clause":
            continue
        for item in clause.named_children:
            name = field_node(item, "name")
            alias = field_node(item, "alias") or name
            if item.type == "export_specifier" and name and alias:
                yield _name_text(alias, source), name


def _declared(declaration: Node, source: Source) -> Iterator[tuple[str, Node]]:
    if declaration.type in _NAMED_DECLARATIONS:
        name = field_node(declaration, "name")
        if name is not None:
            yield source.raw(name), declaration
        return
    if declaration.type not in ("lexical_declaration", "variable_declaration"):
        return
    for declarator in declaration.named_children:
        name = field_node(declarator, "name")
        if declarator.type == "variable_declarator" and name is not None:
            if name.type == "identifier":
                yield source.raw(name), name


def module_exports(left: Node, right: Node, source: Source) -> list[tuple[str, Node]]:
    """Return what an assignment to `module.exports` or `exports` exports."""
    target = _dotted(left, source)
    if target == "module.exports":
        exported = [(DEFAULT, right)]
        value = unwrap(right)
        if value.type == "object":
            exported.extend(object_members(value, source))
        return exported
    for prefix in ("module.exports.", "exports."):
        if target is not None and target.startswith(prefix):
            name = target.removeprefix(prefix)
            if name and "." not in name:
                return [(name, right)]
    return []


def object_members(node: Node, source: Source) -> Iterator[tuple[str, Node]]:
    """Yield (key, value expression) for the plain members of an object literal."""
    for member in node.named_children:
        if member.type == "shorthand_property_identifier":
            yield source.raw(member), member
        elif member.type == "pair":
            key = field_node(member, "key")
            value = field_node(member, "value")
            if key is None or value is None:
                continue
            text = key_text(key, source)
            if text is not None:
                yield text, value


def _name_text(node: Node, source: Source) -> str:
    return string_value(node, source) or source.raw(node)


def _dotted(node: Node, source: Source) -> str | None:
    node = unwrap(node)
    if node.type == "identifier":
        return source.raw(node)
    if node.type == "member_expression":
        base = field_node(node, "object")
        prop = field_node(node, "property")
        inner = _dotted(base, source) if base is not None else None
        if inner is None or prop is None:
            return None
        return f"{inner}.{source.raw(prop)}"
    return None
