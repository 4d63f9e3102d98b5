"""Find the JavaScript functions that wrap a Customer.io call, and calls to them.

A function, arrow function or class method is a `Wrapper` when its parameter
reaches a Customer.io call unchanged: as the event name, the payload or a field
of it, the URL path, or an object passed through `JSON.stringify`. It is named
as other modules import it. Calls that may target one are kept as `WrapperCall`s
for the project pass. A parameter assigned again in the body, or destructured,
is not followed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from tree_sitter import Node

from cio_lint.http_binding import HttpCallSite
from cio_lint.languages.javascript.clients import ClientResolver
from cio_lint.languages.javascript.instance_getters import (
    call_targets,
    returned_classes,
)
from cio_lint.languages.javascript.parsing import (
    Source,
    arguments_of,
    field_node,
    key_text,
    unwrap,
)
from cio_lint.languages.javascript.references import imported_reference
from cio_lint.languages.javascript.scopes import (
    CLASSES,
    FUNCTIONS,
    ExportRecord,
    Scope,
    ScopeKind,
    lookup,
)
from cio_lint.languages.javascript.strings import StringEvaluator
from cio_lint.languages.javascript.values import Evaluator
from cio_lint.model import CallArguments, Client, ModuleReference, Value
from cio_lint.templates import Template, holes
from cio_lint.wrappers import (
    ParameterKind,
    WrappedSdkCall,
    Wrapper,
    WrapperCall,
    WrapperParameter,
)

_FIELDS = frozenset({"public_field_definition", "field_definition"})
_STRING_NODES = frozenset({"string", "template_string", "binary_expression"})


def function_name(scope: Scope, resolver: ClientResolver) -> str | None:
    """Return the dotted name other code calls a function by, if it has one.

    `name` for a module-level function, `Class.name` for a method of a
    module-level class, `object.name` for a member of a module-level object
    literal. A function or object that has a name only as an export (`exports.x
    = function …`, `module.exports = { … }`) gets a provisional `<id>` name,
    which `WrapperFinder.exported` replaces by the exported one.
    """
    function = scope.function_scope
    owner = function.parent
    if function.kind is not ScopeKind.FUNCTION or owner is None:
        return None
    node = function.node
    if owner.kind is ScopeKind.CLASS:
        module = owner.parent
        if module is None or not _at_top(module):
            return None
        if node.type == "method_definition":
            return f"{owner.name}.{function.name}"
        field = node.parent
        if field is not None and field.type in _FIELDS:
            # `track = (name, data) => this.client.track(...)` in a class body.
            key = field_node(field, "name") or field_node(field, "property")
            return f"{owner.name}.{resolver.source.raw(key)}" if key else None
        return None
    if not _at_top(owner):
        return None
    if node.type.endswith("_declaration"):
        return function.name
    holder = node.parent
    if holder is not None and holder.type == "pair":
        key = field_node(holder, "key")
        member = key_text(key, resolver.source) if key is not None else None
        return _member_name(holder.parent, member, resolver.source)
    if holder is not None and holder.type == "object":
        return _member_name(holder, function.name, resolver.source)
    if holder is not None and holder.type == "variable_declarator":
        name = field_node(holder, "name")
        if name is not None and name.type == "identifier":
            return resolver.source.raw(name)
    return provisional_name(node)


def provisional_name(node: Node) -> str:
    """Return the name of a function or object known only by what exports it."""
    return f"<{node.id}>"


def _member_name(obj: Node | None, member: str | None, source: Source) -> str | None:
    if obj is None or obj.type != "object" or member is None:
        return None
    holder = obj.parent
    if holder is not None and holder.type == "variable_declarator":
        name = field_node(holder, "name")
        if name is not None and name.type == "identifier":
            return f"{source.raw(name)}.{member}"
    return f"{provisional_name(obj)}.{member}"


def _at_top(scope: Scope) -> bool:
    return scope.kind is ScopeKind.MODULE


def parameters(scope: Scope, resolver: ClientResolver) -> tuple[WrapperParameter, ...]:
    """Return the parameters in order; a destructured one has an empty name."""
    node = scope.function_scope.node
    found: list[WrapperParameter] = []
    single = field_node(node, "parameter")
    listed = field_node(node, "parameters")
    if single is not None:
        items = [single]
    elif listed is not None:
        items = listed.named_children
    else:
        items = []
    for item in items:
        if item.type == "comment":
            continue
        pattern = field_node(item, "pattern") or item
        if item.type == "assignment_pattern":
            pattern = field_node(item, "left") or item
        if pattern.type == "rest_pattern":
            found.append(WrapperParameter("", ParameterKind.VAR_POSITIONAL))
        elif pattern.type == "identifier":
            name = resolver.source.raw(pattern)
            found.append(WrapperParameter(name, ParameterKind.POSITIONAL))
        elif pattern.type != "this":
            found.append(WrapperParameter("", ParameterKind.POSITIONAL))
    return tuple(found)


def _reading_function(values: Sequence[Value], scope: Scope) -> Scope | None:
    """Return the function whose parameter a value reads, looking out of callbacks.

    A call in a callback handed to another function (`pRetry(() =>
    client.track(userId, ...))`) belongs to the function around the callback,
    whose parameters it reads.
    """
    function: Scope | None = scope.function_scope
    while function is not None and function.kind is ScopeKind.FUNCTION:
        if reads_parameter(values, function):
            return function
        parent = function.node.parent
        if parent is None or parent.type != "arguments" or function.parent is None:
            return None
        function = function.parent.function_scope
    return None


def reads_parameter(values: Iterable[Value], scope: Scope) -> bool:
    """Tell whether any value, or a field of one, is a parameter of the function."""
    own = scope.function_scope.parameters
    stack = list(values)
    while stack:
        value = stack.pop()
        if value.parameter is not None and value.parameter in own:
            return True
        stack.extend(item.value for item in value.fields or ())
    return False


class WrapperFinder:
    """Collect the wrappers of one module as its calls are bound."""

    def __init__(self, resolver: ClientResolver) -> None:
        self._resolver = resolver
        self.wrappers: list[Wrapper] = []

    def sdk_call(
        self,
        scope: Scope,
        method: str,
        arguments: CallArguments,
        client: Client | None = None,
        receiver: ModuleReference | None = None,
    ) -> None:
        values = [
            *arguments.positional,
            *(item.value for item in arguments.keywords),
            *arguments.spreads,
        ]
        owner = _reading_function(values, scope)
        if owner is not None:
            self._add(
                owner, sdk_call=WrappedSdkCall(method, arguments, client, receiver)
            )

    def http_call(self, scope: Scope, site: HttpCallSite) -> None:
        values = [hole.value for hole in holes(site.url)]
        if site.body is not None:
            values.append(site.body)
        if site.method_parameter is not None:
            self._add(scope, http_site=site)
            return
        owner = _reading_function(values, scope)
        if owner is not None:
            self._add(owner, http_site=site)

    def _add(
        self,
        scope: Scope,
        sdk_call: WrappedSdkCall | None = None,
        http_site: HttpCallSite | None = None,
    ) -> None:
        name = function_name(scope, self._resolver)
        if name is None:
            return
        function = scope.function_scope
        name_node = field_node(function.node, "name") or function.node
        self.wrappers.append(
            Wrapper(
                name,
                parameters(scope, self._resolver),
                self._resolver.source.span(name_node),
                sdk_call=sdk_call,
                http_site=http_site,
            )
        )

    def exported(
        self, module: Scope, exports: Iterable[ExportRecord]
    ) -> Iterator[Wrapper]:
        """Yield the wrappers under the names other modules call them by.

        That is the export name (`export default function …`, `module.exports =
        { track }`), and `tracker.event` for `tracker = new Tracker()`.
        Provisional names are dropped.
        """
        source = self._resolver.source
        by_owner: dict[str, list[Wrapper]] = {}
        for wrapper in self.wrappers:
            owner = wrapper.name.partition(".")[0]
            by_owner.setdefault(owner, []).append(wrapper)
        strings = StringEvaluator(Evaluator(source), self._resolver)
        aliases = list(returned_classes(module, self._resolver, strings))
        for name, bindings in module.bindings.items():
            if len(bindings) == 1 and isinstance(bindings[0], Node):
                built = _constructed_class(unwrap(bindings[0]), source)
                if built is not None:
                    aliases.append((name, built))
        for record in exports:
            node = unwrap(record.node)
            local = _local_name(node, source) or provisional_name(node)
            if local != record.name:
                aliases.append((record.name, local))
            if record.name == "default" and node.type == "object":
                # `module.exports = { track() {…} }` exports `track` as well.
                aliases.append(("", local))
        for wrapper in self.wrappers:
            if not wrapper.name.startswith("<"):
                yield wrapper
        for alias, local in aliases:
            for wrapper in by_owner.get(local, []):
                name = (alias + wrapper.name[len(local) :]).lstrip(".")
                if name and not name.startswith("<"):
                    yield wrapper.renamed(name)


def _constructed_class(node: Node, source: Source) -> str | None:
    if node.type != "new_expression":
        return None
    constructor = field_node(node, "constructor")
    if constructor is None or constructor.type != "identifier":
        return None
    return source.raw(constructor)


def _local_name(node: Node, source: Source) -> str | None:
    """Return the local name an export names: `x` in `export default x`."""
    if node.type == "identifier":
        return source.raw(node)
    if node.type in FUNCTIONS or node.type in CLASSES:
        name = field_node(node, "name")
        return source.raw(name) if name is not None else None
    if node.type == "new_expression":
        return _constructed_class(node, source)
    return None


class CallSiteFinder:
    """Find the calls of one module that may target a wrapper."""

    def __init__(self, resolver: ClientResolver, strings: StringEvaluator) -> None:
        self._resolver = resolver
        self._strings = strings

    def targets(self, node: Node, scope: Scope) -> tuple[tuple[str, str], ...]:
        """Return where the called function may be defined: (module, dotted name)."""
        function = field_node(node, "function")
        if function is None:
            return ()
        function = unwrap(function)
        source = self._resolver.source
        found: list[tuple[str, str]] = []
        whole = imported_reference(function, scope, self._resolver)
        if whole is not None:
            found.append((whole.specifier, whole.export))
        if function.type == "identifier":
            name = source.raw(function)
            where = lookup(name, scope)
            if where is not None and where.scope.kind is ScopeKind.MODULE:
                found.append(("", name))
        elif function.type == "member_expression":
            found.extend(self._method_targets(function, scope))
        return tuple(found)

    def _method_targets(
        self, function: Node, scope: Scope
    ) -> Iterator[tuple[str, str]]:
        source = self._resolver.source
        receiver = field_node(function, "object")
        prop = field_node(function, "property")
        if receiver is None or prop is None:
            return
        receiver = unwrap(receiver)
        method = source.raw(prop)
        if receiver.type == "call_expression":
            # `getTracker().track(...)`, `Tracker.getInstance().track(...)`.
            yield from call_targets(receiver, scope, self._resolver, method)
            return
        if receiver.type == "this":
            owner = scope.this_class
            if owner is not None:
                yield "", f"{owner.name}.{method}"
            return
        imported = imported_reference(receiver, scope, self._resolver)
        if imported is not None:
            yield imported.specifier, f"{imported.export}.{method}"
        if receiver.type == "identifier":
            yield "", f"{source.raw(receiver)}.{method}"
        annotated = self._annotated_class(receiver, scope)
        if annotated is not None:
            module, name = annotated
            yield module, f"{name}.{method}"
        origin, where = self._strings.origin(receiver, scope)
        if receiver.type == "identifier" and origin.type == "call_expression":
            # `const tracker = getTracker(); tracker.track(...)`.
            yield from call_targets(origin, where, self._resolver, method)
        built = self._instance_class(receiver, scope)
        if built is not None:
            constructor, where = built
            reference = imported_reference(constructor, where, self._resolver)
            if reference is not None:
                yield reference.specifier, f"{reference.export}.{method}"
            elif constructor.type == "identifier":
                yield "", f"{source.raw(constructor)}.{method}"

    def _annotated_class(self, node: Node, scope: Scope) -> tuple[str, str] | None:
        """Return (module, class) for a parameter or `this` field typed by a class.

        Type-only imports count here: `import type { Tracker }` still names the
        class whose methods the call runs.
        """
        source = self._resolver.source
        annotation: Node | None = None
        if node.type == "identifier":
            found = lookup(source.raw(node), scope)
            if found is not None and found.parameter is not None:
                annotation = found.parameter.annotation
        elif node.type == "member_expression":
            base = field_node(node, "object")
            prop = field_node(node, "property")
            owner = (
                scope.this_class if base is not None and base.type == "this" else None
            )
            if owner is not None and prop is not None:
                annotation = owner.attribute_annotations.get(source.raw(prop))
        if annotation is None or annotation.type != "type_identifier":
            return None
        name = source.raw(annotation)
        found = lookup(name, scope)
        if found is None:
            return None
        imported = found.imported
        if imported is not None:
            if not imported.is_relative or len(imported.names) > 1:
                return None
            return imported.specifier, (imported.names or ("default",))[0]
        return "", name

    def _instance_class(self, node: Node, scope: Scope) -> tuple[Node, Scope] | None:
        """Return the constructor of `new C()` held in a name or `this` field."""
        origin, where = self._strings.origin(node, scope)
        origin = unwrap(origin)
        if origin.type != "new_expression":
            return None
        constructor = field_node(origin, "constructor")
        return (unwrap(constructor), where) if constructor is not None else None

    def call(
        self, node: Node, scope: Scope, targets: tuple[tuple[str, str], ...]
    ) -> WrapperCall:
        source = self._resolver.source
        function = field_node(node, "function")
        callee = source.text_of(function) if function is not None else "?"
        return WrapperCall(
            targets=targets,
            callee=callee,
            arguments=self._resolver.call_arguments(node, scope),
            span=source.span(node),
            templates=tuple(self._templates(node, scope)),
        )

    def _templates(
        self, node: Node, scope: Scope
    ) -> Iterator[tuple[int | str, Template]]:
        for position, argument in enumerate(arguments_of(node)):
            if argument.type == "spread_element":
                break
            if unwrap(argument).type in _STRING_NODES:
                yield position, self._strings.template(argument, scope)
