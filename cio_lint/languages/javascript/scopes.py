"""The scopes of a JavaScript or TypeScript file and how names are looked up.

Block scopes are kept, so `const` names in sibling blocks do not clash, and
`var` binds in the enclosing function. A name bound in a way the analysis cannot
follow (a loop variable, `x += 1`, destructuring of a local value) is recorded
as `UNKNOWN_BINDING`, so that it never resolves to a guess. A plain
reassignment adds a second binding, which makes the name unknown as a value.
`indexer` fills these records in one walk over the tree.
"""

from __future__ import annotations

import enum

from msgspec import Struct, field
from tree_sitter import Node

from cio_lint.languages.javascript.imports import Import


class ScopeKind(enum.Enum):
    MODULE = "module"
    FUNCTION = "function"
    CLASS = "class"
    BLOCK = "block"


class _Unknown:
    def __repr__(self) -> str:
        return "UNKNOWN_BINDING"


UNKNOWN_BINDING = _Unknown()
Binding = Node | _Unknown

FUNCTIONS = frozenset(
    {
        "function_declaration",
        "generator_function_declaration",
        "function_expression",
        "function",
        "generator_function",
        "arrow_function",
        "method_definition",
    }
)
CLASSES = frozenset({"class_declaration", "class", "abstract_class_declaration"})


class Parameter(Struct, eq=False):
    name: str
    annotation: Node | None
    node: Node


class Scope(Struct, eq=False):
    """A module, function, class body or block and the names it binds."""

    kind: ScopeKind
    name: str
    parent: Scope | None
    node: Node
    is_arrow: bool = False
    bindings: dict[str, list[Binding]] = field(default_factory=dict)
    declared: set[str] = field(default_factory=set)
    annotations: dict[str, Node] = field(default_factory=dict)
    imports: dict[str, Import] = field(default_factory=dict)
    classes: dict[str, Scope] = field(default_factory=dict)
    # Functions only.
    parameters: dict[str, Parameter] = field(default_factory=dict)
    # Parameters the body changes before use (see `parameter_changes`).
    changed_parameters: set[str] = field(default_factory=set)
    returns: list[tuple[Node, Scope]] = field(default_factory=list)
    return_annotation: Node | None = None
    # Classes only: methods, and fields set in the body or through `this.<name>`.
    functions: dict[str, Scope] = field(default_factory=dict)
    getters: set[str] = field(default_factory=set)
    attributes: dict[str, list[tuple[Binding, Scope]]] = field(default_factory=dict)
    attribute_annotations: dict[str, Node] = field(default_factory=dict)
    # Keys set after creation: `payload.created_at = value`.
    member_assignments: dict[str, list[tuple[str, Node, Scope]]] = field(
        default_factory=dict
    )

    def bind(self, name: str, value: Binding) -> None:
        self.bindings.setdefault(name, []).append(value)

    def binds(self, name: str) -> bool:
        return (
            name in self.bindings
            or name in self.declared
            or name in self.parameters
            or name in self.imports
        )

    @property
    def function_scope(self) -> Scope:
        """Return the nearest function or module scope, where `var` binds."""
        current = self
        while current.kind not in (ScopeKind.FUNCTION, ScopeKind.MODULE):
            assert current.parent is not None
            current = current.parent
        return current

    @property
    def this_class(self) -> Scope | None:
        """Return the class that `this` means here, looking through arrows."""
        current: Scope | None = self
        while current is not None:
            if current.kind is ScopeKind.CLASS:
                return current
            if current.kind is ScopeKind.FUNCTION and not current.is_arrow:
                parent = current.parent
                return parent if parent and parent.kind is ScopeKind.CLASS else None
            current = current.parent
        return None


class Site(Struct, frozen=True):
    """A call or `new` expression and the scope it is written in."""

    node: Node
    scope: Scope


class ExportRecord(Struct, frozen=True):
    """A value another module can import: its exported name and expression."""

    name: str
    node: Node
    scope: Scope


class ModuleIndex(Struct, eq=False):
    scope: Scope
    calls: list[Site]
    constructions: list[Site]
    exports: list[ExportRecord]
    function_scopes: dict[int, Scope]


class Lookup(Struct, frozen=True):
    """The binding of a name as seen from one scope."""

    scope: Scope
    bindings: tuple[Binding, ...] = ()
    parameter: Parameter | None = None
    imported: Import | None = None


def lookup(name: str, scope: Scope) -> Lookup | None:
    """Find the binding of `name`, or None when it is a global."""
    current: Scope | None = scope
    while current is not None:
        if name in current.parameters:
            if name in current.bindings:
                return Lookup(current, bindings=(UNKNOWN_BINDING,))
            return Lookup(current, parameter=current.parameters[name])
        if name in current.imports:
            return Lookup(current, imported=current.imports[name])
        if name in current.bindings or name in current.declared:
            return Lookup(current, bindings=tuple(current.bindings.get(name, ())))
        current = current.parent
    return None


def declaring(name: str, scope: Scope) -> Scope | None:
    """Return the scope that declares `name`, seen from `scope`."""
    current: Scope | None = scope
    while current is not None:
        if current.binds(name):
            return current
        current = current.parent
    return None
