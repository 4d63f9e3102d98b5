"""Read the imports of Customer.io packages as `SdkImport` records.

An ES `import` statement gives one record per imported name, or one for the
module when it names nothing. An `export … from` statement, `require("x")`
and `import("x")` give one record for the module. Each record's span is the
module specifier's string.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from tree_sitter import Node

from cio_lint.languages.javascript.imports import statement_imports
from cio_lint.languages.javascript.parsing import Source, field_node, string_value
from cio_lint.languages.javascript.scopes import Site
from cio_lint.model import SdkImport

_PREFIXES = ("customerio-node", "@customerio/", "customerio-reactnative")


def sdk_imports(source: Source, calls: Iterable[Site]) -> Iterator[SdkImport]:
    """Yield the imports of Customer.io modules in a file."""
    for node in source.root.named_children:
        if node.type in ("import_statement", "export_statement"):
            yield from _statement(node, source)
    for site in calls:
        found = _loaded(site.node, source)
        if found is not None:
            yield found


def _statement(node: Node, source: Source) -> Iterator[SdkImport]:
    specifier_node = field_node(node, "source")
    specifier = string_value(specifier_node, source) if specifier_node else None
    if specifier_node is None or specifier is None or not _is_sdk(specifier):
        return
    span = source.span(specifier_node)
    named: list[str] = []
    if node.type == "import_statement":
        imports = [item for _, item in statement_imports(node, source)]
        # TypeScript erases type-only imports, so they load nothing.
        if imports and all(item.type_only for item in imports):
            return
        for item in imports:
            if item.names and item.names[0] != "default":
                named.append(item.names[0])
    if not named:
        yield SdkImport(specifier, None, span)
    for name in named:
        yield SdkImport(specifier, name, span)


def _loaded(node: Node, source: Source) -> SdkImport | None:
    """Return the module `require("x")` or `import("x")` loads."""
    function = field_node(node, "function")
    arguments = field_node(node, "arguments")
    if function is None or arguments is None:
        return None
    if function.type != "import" and source.raw(function) != "require":
        return None
    values = [child for child in arguments.named_children if child.type != "comment"]
    if len(values) != 1:
        return None
    specifier = string_value(values[0], source)
    if specifier is None or not _is_sdk(specifier):
        return None
    return SdkImport(specifier, None, source.span(values[0]))


def _is_sdk(specifier: str) -> bool:
    return specifier.startswith(_PREFIXES)
