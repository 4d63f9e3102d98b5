"""One walk over a JavaScript or TypeScript tree that fills the scope records.

The walk records bindings, imports, class fields and `this.x` assignments in
`scopes.Scope` records, and lists every call, `new` expression and export, so
that later steps resolve names without walking the tree again.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from tree_sitter import Node

from cio_lint.languages.javascript import exports as export_forms
from cio_lint.languages.javascript import parameter_changes
from cio_lint.languages.javascript.imports import (
    destructured,
    pattern_names,
    required,
    statement_imports,
)
from cio_lint.languages.javascript.parsing import (
    Source,
    annotated_type,
    field_node,
    has_token,
    member_target,
    unwrap,
)
from cio_lint.languages.javascript.scopes import (
    CLASSES,
    FUNCTIONS,
    UNKNOWN_BINDING,
    Binding,
    ExportRecord,
    ModuleIndex,
    Parameter,
    Scope,
    ScopeKind,
    Site,
    declaring,
)

_LOGICAL_ASSIGNMENTS = frozenset({"??=", "||=", "&&="})


def index_module(source: Source) -> ModuleIndex:
    """Record every scope, binding, call and export of a file in one walk."""
    collector = _Collector(source)
    collector.visit(source.root)
    collector.finish()
    return ModuleIndex(
        collector.module_scope,
        collector.calls,
        collector.constructions,
        collector.exports,
        collector.function_scopes,
    )


class _Collector:
    def __init__(self, source: Source) -> None:
        self.source = source
        self.module_scope = Scope(ScopeKind.MODULE, "<module>", None, source.root)
        self.scope = self.module_scope
        self.calls: list[Site] = []
        self.constructions: list[Site] = []
        self.exports: list[ExportRecord] = []
        self.function_scopes: dict[int, Scope] = {}
        self._assignments: list[tuple[str, Binding, Scope]] = []
        self._members: list[tuple[str, str, Node, Scope]] = []
        self._handlers: dict[str, Callable[[Node], None]] = {
            **dict.fromkeys(FUNCTIONS, self._function),
            **dict.fromkeys(CLASSES, self._class),
            "statement_block": self._block,
            "class_static_block": self._block,
            "for_statement": self._block,
            "for_in_statement": self._for_in,
            "catch_clause": self._catch,
            "lexical_declaration": self._declaration,
            "variable_declaration": self._declaration,
            "assignment_expression": self._assignment,
            "augmented_assignment_expression": self._augmented,
            "update_expression": self._update,
            "return_statement": self._return,
            "import_statement": self._import,
            "export_statement": self._export,
            "call_expression": self._call,
            "binary_expression": self._binary,
            "unary_expression": self._unary,
            "new_expression": self._new,
            "public_field_definition": self._field,
            "field_definition": self._field,
            "enum_declaration": self._enum,
        }

    def visit(self, node: Node | None) -> None:
        if node is None:
            return
        handler = self._handlers.get(node.type)
        if handler is not None:
            handler(node)
        else:
            self._children(node)

    def _children(self, node: Node) -> None:
        for child in node.named_children:
            self.visit(child)

    def _push(self, scope: Scope) -> None:
        self.scope = scope

    def _pop(self) -> None:
        assert self.scope.parent is not None
        self.scope = self.scope.parent

    def finish(self) -> None:
        """Attach assignments to the scope that declares each name."""
        for name, binding, scope in self._assignments:
            (declaring(name, scope) or self.module_scope).bind(name, binding)
        for name, key, value, scope in self._members:
            owner = declaring(name, scope)
            if owner is not None and owner.function_scope is scope.function_scope:
                owner.member_assignments.setdefault(name, []).append(
                    (key, value, scope)
                )

    # Scopes ---------------------------------------------------------------

    def _function(self, node: Node) -> None:
        scope = self._function_scope(node)
        self.function_scopes[node.id] = scope
        self._push(scope)

        parameters = field_node(node, "parameters")
        for parameter in parameters.named_children if parameters else ():
            self._parameter(parameter, scope)
        single = field_node(node, "parameter")
        if single is not None:
            self._parameter(single, scope)

        body = field_node(node, "body")
        if body is not None and body.type == "statement_block":
            self._children(body)
        elif body is not None:
            scope.returns.append((body, scope))
            self.visit(body)
        self._pop()

    def _function_scope(self, node: Node) -> Scope:
        """Create the scope of a function and bind its name where it is declared."""
        name_node = field_node(node, "name")
        name = self.source.raw(name_node) if name_node is not None else "<anonymous>"
        owner = self.scope
        if node.type.endswith("_declaration") and name_node is not None:
            owner.bind(name, node)

        scope = Scope(
            ScopeKind.FUNCTION,
            name,
            owner,
            node,
            is_arrow=node.type == "arrow_function",
            return_annotation=annotated_type(field_node(node, "return_type")),
        )
        if node.type == "method_definition" and owner.kind is ScopeKind.CLASS:
            owner.functions[name] = scope
            if has_token(node, "get"):
                owner.getters.add(name)
        return scope

    def _parameter(self, node: Node, scope: Scope) -> None:
        pattern, annotation, default = node, None, None
        if node.type in ("required_parameter", "optional_parameter"):
            pattern = field_node(node, "pattern") or node
            annotation = annotated_type(field_node(node, "type"))
            default = field_node(node, "value")
        elif node.type == "assignment_pattern":
            pattern = field_node(node, "left") or node
            default = field_node(node, "right")
        self.visit(default)
        if pattern.type == "identifier":
            name = self.source.raw(pattern)
            scope.parameters[name] = Parameter(name, annotation, node)
            owner = scope.parent
            if _is_parameter_property(node) and owner and owner.kind is ScopeKind.CLASS:
                if annotation is not None:
                    owner.attribute_annotations[name] = annotation
                elif default is not None:
                    owner.attributes.setdefault(name, []).append((default, scope))
        elif pattern.type not in ("this", "comment"):
            for name in pattern_names(pattern, self.source):
                scope.bind(name, UNKNOWN_BINDING)

    def _class(self, node: Node) -> None:
        name_node = field_node(node, "name")
        name = self.source.raw(name_node) if name_node is not None else "<class>"
        scope = Scope(ScopeKind.CLASS, name, self.scope, node)
        if node.type != "class" and name_node is not None:
            self.scope.bind(name, node)
            self.scope.classes[name] = scope
        for child in node.named_children:
            if child.type == "class_body":
                self._push(scope)
                self._children(child)
                self._pop()
            elif child is not name_node:
                self.visit(child)

    def _enum(self, node: Node) -> None:
        """Bind a TypeScript enum's name to its declaration, read as an object."""
        name_node = field_node(node, "name")
        if name_node is not None:
            self.scope.bind(self.source.raw(name_node), node)

    def _field(self, node: Node) -> None:
        name_node = field_node(node, "name") or field_node(node, "property")
        value = field_node(node, "value")
        owner = self.scope
        if owner.kind is ScopeKind.CLASS and name_node is not None:
            if name_node.type == "property_identifier":
                name = self.source.raw(name_node)
                annotation = annotated_type(field_node(node, "type"))
                if annotation is not None:
                    owner.attribute_annotations[name] = annotation
                if value is not None:
                    owner.attributes.setdefault(name, []).append((value, owner))
        self.visit(value)

    def _block(self, node: Node) -> None:
        self._push(Scope(ScopeKind.BLOCK, "<block>", self.scope, node))
        self._children(node)
        self._pop()

    def _for_in(self, node: Node) -> None:
        self._push(Scope(ScopeKind.BLOCK, "<for>", self.scope, node))
        left = field_node(node, "left")
        kind = field_node(node, "kind")
        if left is not None:
            target = self.scope
            if kind is not None and kind.type == "var":
                target = self.scope.function_scope
            for name in pattern_names(unwrap(left), self.source):
                if kind is None:
                    self._assignments.append((name, UNKNOWN_BINDING, self.scope))
                else:
                    target.bind(name, UNKNOWN_BINDING)
        self.visit(field_node(node, "right"))
        self.visit(field_node(node, "body"))
        self._pop()

    def _catch(self, node: Node) -> None:
        self._push(Scope(ScopeKind.BLOCK, "<catch>", self.scope, node))
        parameter = field_node(node, "parameter")
        if parameter is not None:
            for name in pattern_names(parameter, self.source):
                self.scope.bind(name, UNKNOWN_BINDING)
        self.visit(field_node(node, "body"))
        self._pop()

    # Bindings -------------------------------------------------------------

    def _declaration(self, node: Node) -> None:
        target = self.scope
        if node.type == "variable_declaration":
            target = self.scope.function_scope
        for declarator in node.named_children:
            if declarator.type != "variable_declarator":
                continue
            name = field_node(declarator, "name")
            value = field_node(declarator, "value")
            self.visit(value)
            if name is not None:
                self._declare(name, value, target)
            annotation = annotated_type(field_node(declarator, "type"))
            if name is not None and name.type == "identifier" and annotation:
                target.annotations[self.source.raw(name)] = annotation

    def _declare(self, name: Node, value: Node | None, target: Scope) -> None:
        source = self.source
        imported = required(value, source) if value is not None else None
        if name.type == "identifier":
            text = source.raw(name)
            if imported is not None:
                target.imports[text] = imported
            elif value is not None:
                target.bind(text, value)
            else:
                target.declared.add(text)
        elif name.type == "object_pattern" and imported is not None:
            for local, item in destructured(name, imported, source):
                if item is not None:
                    target.imports[local] = item
                else:
                    target.bind(local, UNKNOWN_BINDING)
        else:
            for local in pattern_names(name, source):
                target.bind(local, UNKNOWN_BINDING)

    def _assignment(self, node: Node) -> None:
        left = field_node(node, "left")
        right = field_node(node, "right")
        self._children(node)
        if left is not None and right is not None:
            self._assign(unwrap(left), right)

    def _assign(self, left: Node, right: Binding) -> None:
        source = self.source
        self._changed(parameter_changes.stored, left)
        if left.type == "identifier":
            self._assignments.append((source.raw(left), right, self.scope))
            return
        if isinstance(right, Node) and self.scope.function_scope is self.module_scope:
            found = export_forms.module_exports(left, right, source)
            if found:
                self.exports.extend(
                    ExportRecord(name, value, self.scope) for name, value in found
                )
                return
        member = member_target(left, source)
        if member is None:
            if left.type in ("object_pattern", "array_pattern"):
                for name in pattern_names(left, source):
                    self._assignments.append((name, UNKNOWN_BINDING, self.scope))
            return
        owner_name, key = member
        owner = self.scope.this_class if owner_name == "this" else None
        if owner is not None:
            owner.attributes.setdefault(key, []).append((right, self.scope))
        elif owner_name != "this" and isinstance(right, Node):
            self._members.append((owner_name, key, right, self.scope))

    def _augmented(self, node: Node) -> None:
        self._children(node)
        left = field_node(node, "left")
        right = field_node(node, "right")
        operator = field_node(node, "operator")
        if left is None or right is None:
            return
        logical = operator is not None and operator.type in _LOGICAL_ASSIGNMENTS
        self._assign(unwrap(left), right if logical else UNKNOWN_BINDING)

    def _update(self, node: Node) -> None:
        self._children(node)
        argument = field_node(node, "argument")
        if argument is not None and argument.type == "identifier":
            name = self.source.raw(argument)
            self._assignments.append((name, UNKNOWN_BINDING, self.scope))

    def _return(self, node: Node) -> None:
        values = [child for child in node.named_children if child.type != "comment"]
        if values:
            self.scope.function_scope.returns.append((values[0], self.scope))
        self._children(node)

    # Modules and calls ----------------------------------------------------

    def _import(self, node: Node) -> None:
        for local, item in statement_imports(node, self.source):
            self.module_scope.imports[local] = item

    def _export(self, node: Node) -> None:
        self._children(node)
        for name, value in export_forms.statement_exports(node, self.source):
            self.exports.append(ExportRecord(name, value, self.scope))

    def _call(self, node: Node) -> None:
        self.calls.append(Site(node, self.scope))
        self._changed(parameter_changes.assigned_into, node)
        self._children(node)

    def _binary(self, node: Node) -> None:
        self._changed(parameter_changes.computed, node)
        self._children(node)

    def _unary(self, node: Node) -> None:
        self._changed(parameter_changes.deleted, node)
        self._children(node)

    def _changed(
        self, find: Callable[[Node, Source, Collection[str]], list[str]], node: Node
    ) -> None:
        """Record the parameters of the enclosing function that `node` changes."""
        function = self.scope.function_scope
        if function.parameters:
            changed = find(node, self.source, function.parameters)
            function.changed_parameters.update(changed)

    def _new(self, node: Node) -> None:
        self.constructions.append(Site(node, self.scope))
        self._children(node)


def _is_parameter_property(node: Node) -> bool:
    """Tell whether a constructor parameter also declares a class field."""
    if node.type not in ("required_parameter", "optional_parameter"):
        return False
    return any(
        child.type == "accessibility_modifier"
        or (not child.is_named and child.type in ("readonly", "override"))
        for child in node.children
    )
