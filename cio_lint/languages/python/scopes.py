"""One pass over a LibCST module that records scopes, bindings and calls.

Later steps resolve names against these records instead of walking the tree
again. A name bound in a way the analysis cannot follow (a loop target, an
augmented assignment, tuple unpacking of an unknown value) is recorded as
`UNKNOWN_BINDING`, so that it never resolves to a guess.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Collection
from typing import Any

import libcst as cst
from msgspec import Struct, field

from cio_lint.languages.python import parameter_changes
from cio_lint.languages.python.walk import walk


class ScopeKind(enum.Enum):
    MODULE = "module"
    CLASS = "class"
    FUNCTION = "function"


class _Unknown:
    def __repr__(self) -> str:
        return "UNKNOWN_BINDING"


UNKNOWN_BINDING = _Unknown()
Binding = cst.BaseExpression | _Unknown


class Parameter(Struct, eq=False):
    name: str
    annotation: cst.BaseExpression | None
    node: cst.Param


class Scope(Struct, eq=False):
    """A module, class or function body and the names it binds."""

    kind: ScopeKind
    name: str
    parent: Scope | None
    node: cst.CSTNode
    bindings: dict[str, list[Binding]] = field(default_factory=dict)
    imports: dict[str, str] = field(default_factory=dict)
    # Local names bound to a module by `import a.b as c` rather than `from`.
    module_imports: set[str] = field(default_factory=set)
    functions: dict[str, Scope] = field(default_factory=dict)
    classes: dict[str, Scope] = field(default_factory=dict)
    # Functions only.
    parameters: dict[str, Parameter] = field(default_factory=dict)
    # Parameters the body changes before use (see `parameter_changes`).
    changed_parameters: set[str] = field(default_factory=set)
    returns: list[cst.BaseExpression] = field(default_factory=list)
    return_annotation: cst.BaseExpression | None = None
    decorators: tuple[str, ...] = ()
    # Classes only: attributes assigned in the body or through `self.<name>`.
    attributes: dict[str, list[tuple[Binding, Scope]]] = field(default_factory=dict)
    attribute_annotations: dict[str, cst.BaseExpression] = field(default_factory=dict)
    # Classes only: the base class expressions, to tell enums apart.
    bases: tuple[cst.BaseExpression, ...] = ()
    # The name nodes that bind each name, where enum `.name` values are spelled.
    targets: dict[str, list[cst.Name]] = field(default_factory=dict)
    # Keys assigned after creation: `payload["created_at"] = value`, and
    # attributes set on a plain name: `request.cc = value`.
    item_assignments: dict[str, list[tuple[str, cst.BaseExpression]]] = field(
        default_factory=dict
    )

    def bind(self, name: str, value: Binding) -> None:
        self.bindings.setdefault(name, []).append(value)

    @property
    def enclosing_class(self) -> Scope | None:
        """Return the class of a method, or None for other scopes."""
        if self.kind is ScopeKind.FUNCTION and self.parent is not None:
            if self.parent.kind is ScopeKind.CLASS:
                return self.parent
        return None

    @property
    def self_name(self) -> str | None:
        """Return the name of the first parameter of a method (`self` or `cls`)."""
        if self.enclosing_class is None or "staticmethod" in self.decorators:
            return None
        return next(iter(self.parameters), None)


class CallRecord(Struct, eq=False):
    node: cst.Call
    scope: Scope
    ancestors: tuple[cst.CSTNode, ...] = ()
    """The nodes that contain the call, outermost first."""


class ModuleIndex(Struct, eq=False):
    module: cst.Module
    scope: Scope
    calls: list[CallRecord]
    imports: list[cst.Import | cst.ImportFrom] = field(default_factory=list)
    statements: dict[cst.CSTNode, cst.CSTNode] = field(default_factory=dict)
    """The innermost statement of a module, class or function body holding each node."""


def index_module(module: cst.Module) -> ModuleIndex:
    """Record every scope, binding and call of `module` in one walk."""
    collector = _Collector(module)
    walk(module, collector)
    return ModuleIndex(
        module,
        collector.module_scope,
        collector.calls,
        collector.imports,
        collector.statements,
    )


def dotted_name(node: cst.BaseExpression) -> str | None:
    """Return `a.b.c` for a chain of names and attributes, else None."""
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        base = dotted_name(node.value)
        return f"{base}.{node.attr.value}" if base else None
    return None


class _Collector:
    def __init__(self, module: cst.Module) -> None:
        self.module_scope = Scope(ScopeKind.MODULE, "<module>", None, module)
        self.scope = self.module_scope
        self.calls: list[CallRecord] = []
        self.imports: list[cst.Import | cst.ImportFrom] = []
        self.statements: dict[cst.CSTNode, cst.CSTNode] = {}
        self._path: list[cst.CSTNode] = []
        self._statements: list[cst.CSTNode] = []

    def enter_node(self, node: cst.CSTNode) -> None:
        path = self._path
        if len(path) == 1 or (
            len(path) > 1
            and isinstance(path[-1], cst.IndentedBlock)
            and isinstance(path[-2], (cst.ClassDef, cst.FunctionDef))
        ):
            self._statements.append(node)
        if self._statements:
            self.statements[node] = self._statements[-1]
        path.append(node)

    def exit_node(self, node: cst.CSTNode) -> None:
        self._path.pop()
        if self._statements and self._statements[-1] is node:
            self._statements.pop()

    # Scopes ---------------------------------------------------------------

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        decorators = tuple(
            name
            for decorator in node.decorators
            if (name := dotted_name(_decorator_target(decorator.decorator)))
        )
        scope = Scope(
            ScopeKind.FUNCTION,
            node.name.value,
            self.scope,
            node,
            return_annotation=node.returns.annotation if node.returns else None,
            decorators=decorators,
        )
        for param in _all_params(node.params):
            annotation = param.annotation.annotation if param.annotation else None
            scope.parameters[param.name.value] = Parameter(
                param.name.value, annotation, param
            )
        self.scope.functions[node.name.value] = scope
        self.scope.bind(node.name.value, UNKNOWN_BINDING)
        self.scope = scope

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self._pop()

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        scope = Scope(
            ScopeKind.CLASS,
            node.name.value,
            self.scope,
            node,
            bases=tuple(base.value for base in node.bases),
        )
        self.scope.classes[node.name.value] = scope
        self.scope.bind(node.name.value, UNKNOWN_BINDING)
        self.scope = scope

    def leave_ClassDef(self, original_node: cst.ClassDef) -> None:
        self._pop()

    def _pop(self) -> None:
        assert self.scope.parent is not None
        self.scope = self.scope.parent

    # Imports --------------------------------------------------------------

    def visit_Import(self, node: cst.Import) -> None:
        self.imports.append(node)
        for alias in node.names:
            full = dotted_name(alias.name)
            if full is None:
                continue
            if alias.asname is not None:
                local = dotted_name(_as_target(alias.asname))
                if local:
                    self.scope.imports[local] = full
                    self.scope.module_imports.add(local)
            else:
                top = full.split(".")[0]
                self.scope.imports[top] = top
                self.scope.module_imports.add(top)

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        self.imports.append(node)
        if node.relative:
            module = "." * len(node.relative)
            if node.module is not None:
                module += dotted_name(node.module) or ""
        else:
            module = (dotted_name(node.module) if node.module else None) or ""
        if not module or isinstance(node.names, cst.ImportStar):
            return
        for alias in node.names:
            name = dotted_name(alias.name)
            if name is None:
                continue
            local = dotted_name(_as_target(alias.asname)) if alias.asname else name
            if local:
                # `from . import x` names the module `.x`, not `..x`.
                separator = "" if module.endswith(".") else "."
                self.scope.imports[local] = f"{module}{separator}{name}"

    # Bindings -------------------------------------------------------------

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            self._bind_target(target.target, node.value)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        annotation = node.annotation.annotation
        if isinstance(node.target, cst.Name) and self.scope.kind is ScopeKind.CLASS:
            self.scope.attribute_annotations[node.target.value] = annotation
        attribute = self._self_attribute(node.target)
        if attribute is not None and self.scope.enclosing_class is not None:
            self.scope.enclosing_class.attribute_annotations[attribute] = annotation
        if node.value is not None:
            self._bind_target(node.target, node.value)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        self._bind_target(node.target, None)

    def visit_NamedExpr(self, node: cst.NamedExpr) -> None:
        self._bind_target(node.target, node.value)

    def visit_For(self, node: cst.For) -> None:
        self._bind_target(node.target, None)

    def visit_WithItem(self, node: cst.WithItem) -> None:
        if node.asname is not None:
            self._bind_target(node.asname.name, node.item)

    def visit_ExceptHandler(self, node: cst.ExceptHandler) -> None:
        if node.name is not None:
            self._bind_target(node.name.name, None)

    def visit_Return(self, node: cst.Return) -> None:
        if self.scope.kind is ScopeKind.FUNCTION and node.value is not None:
            self.scope.returns.append(node.value)

    def visit_Call(self, node: cst.Call) -> None:
        self.calls.append(CallRecord(node, self.scope, tuple(self._path[:-1])))
        self._changed(parameter_changes.mutated, node)

    def visit_Comparison(self, node: cst.Comparison) -> None:
        self._changed(parameter_changes.compared, node)

    def visit_BinaryOperation(self, node: cst.BinaryOperation) -> None:
        self._changed(parameter_changes.computed, node)

    def visit_Del(self, node: cst.Del) -> None:
        self._changed(parameter_changes.stored, node.target)

    def _changed(
        self, find: Callable[[Any, Collection[str]], list[str]], node: Any
    ) -> None:
        """Record the parameters of the enclosing function that `node` changes."""
        function = self.scope
        if function.kind is not ScopeKind.FUNCTION or not function.parameters:
            return
        function.changed_parameters.update(find(node, function.parameters))

    def _bind_target(
        self, target: cst.BaseExpression, value: cst.BaseExpression | None
    ) -> None:
        binding: Binding = value if value is not None else UNKNOWN_BINDING
        self._changed(parameter_changes.stored, target)
        if isinstance(target, cst.Name):
            self.scope.bind(target.value, binding)
            self.scope.targets.setdefault(target.value, []).append(target)
        elif isinstance(target, (cst.Tuple, cst.List)):
            self._bind_sequence(target, value)
        elif isinstance(target, cst.Attribute):
            attribute = self._self_attribute(target)
            owner = self._attribute_owner(target)
            if attribute is not None and owner is not None:
                owner.attributes.setdefault(attribute, []).append((binding, self.scope))
            elif attribute is None and value is not None:
                self._bind_attribute(target, value)
        elif isinstance(target, cst.Subscript):
            self._bind_item(target, value)

    def _bind_attribute(self, target: cst.Attribute, value: cst.BaseExpression) -> None:
        if isinstance(target.value, cst.Name):
            self.scope.item_assignments.setdefault(target.value.value, []).append(
                (target.attr.value, value)
            )

    def _bind_sequence(
        self, target: cst.Tuple | cst.List, value: cst.BaseExpression | None
    ) -> None:
        elements = [element.value for element in target.elements]
        values: list[cst.BaseExpression | None] = [None] * len(elements)
        if isinstance(value, (cst.Tuple, cst.List)) and len(value.elements) == len(
            elements
        ):
            if not any(isinstance(item, cst.StarredElement) for item in value.elements):
                values = [item.value for item in value.elements]
        for element, element_value in zip(elements, values, strict=True):
            self._bind_target(element, element_value)

    def _bind_item(
        self, target: cst.Subscript, value: cst.BaseExpression | None
    ) -> None:
        if not isinstance(target.value, cst.Name) or len(target.slice) != 1:
            return
        index = target.slice[0].slice
        if value is None or not isinstance(index, cst.Index):
            return
        key = index.value
        if isinstance(key, cst.SimpleString):
            key_text = key.evaluated_value
            if isinstance(key_text, str):
                self.scope.item_assignments.setdefault(target.value.value, []).append(
                    (key_text, value)
                )

    def _self_attribute(self, target: cst.BaseExpression) -> str | None:
        """Return `x` for `self.x` / `cls.x` inside a method, else None."""
        if not isinstance(target, cst.Attribute) or not isinstance(
            target.value, cst.Name
        ):
            return None
        if self.scope.kind is ScopeKind.CLASS:
            return None
        method = _nearest_method(self.scope)
        if method is None or target.value.value != method.self_name:
            return None
        return target.attr.value

    def _attribute_owner(self, target: cst.Attribute) -> Scope | None:
        method = _nearest_method(self.scope)
        return method.enclosing_class if method is not None else None


def _nearest_method(scope: Scope) -> Scope | None:
    current: Scope | None = scope
    while current is not None and current.kind is ScopeKind.FUNCTION:
        if current.enclosing_class is not None:
            return current
        current = current.parent
    return None


def _decorator_target(node: cst.BaseExpression) -> cst.BaseExpression:
    return node.func if isinstance(node, cst.Call) else node


def _as_target(asname: cst.AsName) -> cst.BaseExpression:
    return asname.name


def _all_params(params: cst.Parameters) -> list[cst.Param]:
    result = [*params.posonly_params, *params.params, *params.kwonly_params]
    if isinstance(params.star_arg, cst.Param):
        result.append(params.star_arg)
    if params.star_kwarg is not None:
        result.append(params.star_kwarg)
    return result
