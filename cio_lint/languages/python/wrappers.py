"""Find the Python functions that wrap a Customer.io call, and calls to them.

A function or method whose parameter reaches a Customer.io call unchanged (the
event name, the payload, a field of it, the URL path) is a `Wrapper`. Calls
that may target one, here or in another file, are kept as `WrapperCall`s for
the project pass. A parameter assigned again in the function body, or changed
on its way (`name.lower()`, `ts / 1000`), is not followed.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator

import libcst as cst

from cio_lint.http_binding import HttpCallSite
from cio_lint.languages.python.clients import unwrap_annotation
from cio_lint.languages.python.scopes import Scope, ScopeKind
from cio_lint.languages.python.strings import StringEvaluator
from cio_lint.languages.python.task_calls import TASK_SUBMIT, task_arguments
from cio_lint.languages.python.values import Evaluator
from cio_lint.languages.python.wrapper_shapes import (
    CALLED,
    called_name,
    dependency,
    returned_instances,
)
from cio_lint.model import CallArguments, Client, ModuleReference, Span, Value
from cio_lint.sdk import python as sdk_python
from cio_lint.templates import Template, holes
from cio_lint.wrappers import (
    ParameterKind,
    WrappedSdkCall,
    Wrapper,
    WrapperCall,
    WrapperParameter,
)

_NOT_PROJECT = frozenset(sys.stdlib_module_names)
_TASK_CALLS = frozenset({"delay", TASK_SUBMIT})
_MAX_ALIASES = 4
_STRING_NODES = (
    cst.SimpleString,
    cst.FormattedString,
    cst.ConcatenatedString,
    cst.BinaryOperation,
)


def function_name(scope: Scope) -> str | None:
    """Return `name` or `Class.name` for a module function or a method, else None."""
    if scope.kind is not ScopeKind.FUNCTION or scope.parent is None:
        return None
    if scope.parent.kind is ScopeKind.MODULE:
        return scope.name
    owner = scope.enclosing_class
    if owner is not None and owner.parent is not None:
        if owner.parent.kind is ScopeKind.MODULE:
            return f"{owner.name}.{scope.name}"
    return None


def parameters(scope: Scope) -> tuple[WrapperParameter, ...]:
    """Return the parameters a caller passes, without `self` or `cls`."""
    node = scope.node
    assert isinstance(node, cst.FunctionDef)
    params = node.params
    found = [
        *(
            _parameter(item, ParameterKind.POSITIONAL_ONLY)
            for item in params.posonly_params
        ),
        *(_parameter(item, ParameterKind.POSITIONAL) for item in params.params),
        *(
            _parameter(item, ParameterKind.KEYWORD_ONLY)
            for item in params.kwonly_params
        ),
    ]
    if isinstance(params.star_arg, cst.Param):
        found.append(_parameter(params.star_arg, ParameterKind.VAR_POSITIONAL))
    if params.star_kwarg is not None:
        found.append(_parameter(params.star_kwarg, ParameterKind.VAR_KEYWORD))
    receives_self = bool(found) and found[0].name == scope.self_name
    if found and (receives_self or _is_bound_task(scope)):
        found = found[1:]
    return tuple(found)


def _is_bound_task(scope: Scope) -> bool:
    """Tell whether a task queue passes the task itself first (`bind=True`)."""
    node = scope.node
    assert isinstance(node, cst.FunctionDef)
    for decorator in node.decorators:
        call = decorator.decorator
        if isinstance(call, cst.Call) and any(
            argument.keyword is not None
            and argument.keyword.value == "bind"
            and isinstance(argument.value, cst.Name)
            and argument.value.value == "True"
            for argument in call.args
        ):
            return True
    return False


def _parameter(param: cst.Param, kind: ParameterKind) -> WrapperParameter:
    return WrapperParameter(param.name.value, kind)


def reads_parameter(values: Iterable[Value], scope: Scope) -> bool:
    """Tell whether any value, or any field of one, is a parameter of `scope`."""
    stack = list(values)
    while stack:
        value = stack.pop()
        if value.parameter is not None and value.parameter in scope.parameters:
            return True
        stack.extend(item.value for item in value.fields or ())
    return False


def _argument_values(arguments: CallArguments) -> list[Value]:
    return [
        *arguments.positional,
        *(item.value for item in arguments.keywords),
        *arguments.spreads,
    ]


class WrapperFinder:
    """Collect the wrappers of one module as its calls are bound."""

    def __init__(self, evaluator: Evaluator) -> None:
        self._evaluator = evaluator
        self.wrappers: list[Wrapper] = []

    def sdk_call(
        self,
        scope: Scope,
        method: str,
        arguments: CallArguments,
        client: Client | None = None,
        receiver: ModuleReference | None = None,
    ) -> None:
        """Record the function around an SDK call if a parameter reaches it."""
        name = function_name(scope)
        if name is None or not reads_parameter(_argument_values(arguments), scope):
            return
        wrapped = WrappedSdkCall(method, arguments, client, receiver)
        self.wrappers.append(
            Wrapper(name, parameters(scope), self._span(scope), sdk_call=wrapped)
        )

    def http_call(
        self,
        scope: Scope,
        site: HttpCallSite,
        receiver: ModuleReference | None = None,
    ) -> None:
        """Record the function around a plain HTTP call if a parameter reaches it.

        `receiver` is the imported client object the call is made on, if any.
        """
        name = function_name(scope)
        if name is None:
            return
        values = [hole.value for hole in holes(site.url)]
        if site.body is not None:
            values.append(site.body)
        if not reads_parameter(values, scope) and site.method_parameter is None:
            return
        self.wrappers.append(
            Wrapper(
                name,
                parameters(scope),
                self._span(scope),
                http_site=site,
                http_receiver=receiver,
            )
        )

    def _span(self, scope: Scope) -> Span:
        node = scope.node
        assert isinstance(node, cst.FunctionDef)
        return self._evaluator.span_of(node.name)

    def instances(self, module: Scope) -> Iterator[Wrapper]:
        """Yield `tracker.event` for `tracker = Tracker()` at module level.

        Functions that return an instance give `get_tracker().event` too.
        """
        by_class: dict[str, list[Wrapper]] = {}
        for wrapper in self.wrappers:
            owner, _, method = wrapper.name.partition(".")
            if method:
                by_class.setdefault(owner, []).append(wrapper)
        returned = dict(returned_instances(module))
        for name, class_name in returned.items():
            for wrapper in by_class.get(class_name, ()):
                method = wrapper.name.partition(".")[2]
                yield wrapper.renamed(f"{name}.{method}")
        for name, bindings in module.bindings.items():
            if len(bindings) != 1 or not isinstance(bindings[0], cst.Call):
                continue
            built = bindings[0].func
            if not isinstance(built, cst.Name):
                continue
            # `tracker = Tracker()` or `tracker = get_tracker()`.
            class_name = returned.get(f"{built.value}{CALLED}", built.value)
            for wrapper in by_class.get(class_name, ()):
                method = wrapper.name.partition(".")[2]
                yield wrapper.renamed(f"{name}.{method}")


class CallSiteFinder:
    """Find the calls of one module that may target a wrapper."""

    def __init__(self, evaluator: Evaluator, strings: StringEvaluator) -> None:
        self._evaluator = evaluator
        self._strings = strings

    def targets(
        self, func: cst.BaseExpression, scope: Scope
    ) -> tuple[tuple[str, str], ...]:
        """Return where the called function may be defined: (module, dotted name)."""
        if isinstance(func, cst.Name):
            return self._function(func, scope)
        if not isinstance(func, cst.Attribute):
            return ()
        method = func.attr.value
        if method in _TASK_CALLS:
            # A task queue runs `send_event.delay(...)` as `send_event(...)`.
            return self.targets(func.value, scope)
        owner = self._class_of(func.value, scope)
        if owner is not None:
            imported, name = owner
            if imported and name.endswith(CALLED):
                # An imported class or a function that returns an instance.
                built = name.removesuffix(CALLED)
                return (*_splits(f"{built}.{method}"), *_splits(f"{name}.{method}"))
            if imported:
                return _splits(f"{name}.{method}")
            return (("", f"{_defining_class(name, method, scope)}.{method}"),)
        qualified = self._evaluator.qualified_name(func, scope)
        return _splits(qualified) if qualified else ()

    def call(
        self,
        node: cst.Call,
        scope: Scope,
        targets: tuple[tuple[str, str], ...],
        arguments: CallArguments,
    ) -> WrapperCall:
        templates = tuple(self._templates(node, scope))
        submitted = task_arguments(node, scope, self._evaluator)
        if submitted is not None:
            # `task.apply_async(args, kwargs)` runs `task(*args, **kwargs)`.
            arguments, written = submitted
            templates = tuple(
                (key, self._strings.template(item, scope))
                for key, item in written
                if isinstance(item, _STRING_NODES)
            )
        func = node.func
        return WrapperCall(
            targets=targets,
            callee=self._evaluator.text(func),
            arguments=arguments,
            span=self._evaluator.span_of(node),
            templates=templates,
            queued=isinstance(func, cst.Attribute) and func.attr.value in _TASK_CALLS,
        )

    def _templates(
        self, node: cst.Call, scope: Scope
    ) -> Iterator[tuple[int | str, Template]]:
        position = 0
        for argument in node.args:
            if argument.star:
                break
            if isinstance(argument.value, _STRING_NODES):
                key: int | str = (
                    argument.keyword.value if argument.keyword else position
                )
                yield key, self._strings.template(argument.value, scope)
            if argument.keyword is None:
                position += 1

    def _function(self, node: cst.Name, scope: Scope) -> tuple[tuple[str, str], ...]:
        found = self._evaluator.lookup(node.value, scope)
        if found is None:
            return ()
        if found.qualified_name is not None:
            return _splits(found.qualified_name)
        if found.scope.kind is ScopeKind.MODULE and node.value in found.scope.functions:
            return (("", node.value),)
        return ()

    def _class_of(
        self, node: cst.BaseExpression, scope: Scope, depth: int = 0
    ) -> tuple[bool, str] | None:
        """Return the class of `self`, of a class name, or of an instance.

        An instance is a name or `self` attribute assigned `Class(...)`, or a
        parameter or attribute annotated with the class. The result is
        (imported, name): a local class name, or the qualified name of an
        imported class.
        """
        owner = _self_class(node, scope)
        if owner is not None:
            return False, owner.name
        if depth > _MAX_ALIASES:
            return None
        if isinstance(node, cst.Call):
            # `Tracker().event(...)`, `get_tracker().event(...)`.
            return called_name(node.func, scope, self._evaluator)
        annotation = self._annotation(node, scope)
        if annotation is not None:
            named = unwrap_annotation(annotation)
            alias = self._single_binding(named, scope)
            if alias is not None and isinstance(alias[0], cst.Subscript):
                # `TrackerDep = Annotated[Tracker, Depends(get_tracker)]`.
                named = unwrap_annotation(alias[0])
            return self._class_named(named, scope)
        injected = self._dependency(node, scope)
        if injected is not None:
            return called_name(injected, scope, self._evaluator)
        if isinstance(node, cst.Name) and node.value in _module_of(scope).classes:
            return self._class_named(node, scope)
        binding = self._single_binding(node, scope)
        if binding is None:
            return None
        value, where = binding
        if isinstance(value, cst.Call):
            return called_name(value.func, where, self._evaluator)
        if isinstance(value, (cst.Name, cst.Attribute)):
            return self._class_of(value, where, depth + 1)
        return None

    def _class_named(
        self, node: cst.BaseExpression, scope: Scope
    ) -> tuple[bool, str] | None:
        qualified = self._evaluator.qualified_name(node, scope)
        if qualified is not None:
            return True, qualified
        if isinstance(node, cst.Name) and node.value in _module_of(scope).classes:
            return False, node.value
        return None

    def _dependency(
        self, node: cst.BaseExpression, scope: Scope
    ) -> cst.BaseExpression | None:
        """Return `get_tracker` for a parameter `= Depends(get_tracker)`."""
        if not isinstance(node, cst.Name):
            return None
        found = self._evaluator.lookup(node.value, scope)
        if found is None or found.parameter is None:
            return None
        return dependency(found.parameter.node, found.scope, self._evaluator)

    def _annotation(
        self, node: cst.BaseExpression, scope: Scope
    ) -> cst.BaseExpression | None:
        """Return the annotation of a parameter or of a `self` attribute."""
        if isinstance(node, cst.Name):
            found = self._evaluator.lookup(node.value, scope)
            if found is not None and found.parameter is not None:
                return found.parameter.annotation
            return None
        if isinstance(node, cst.Attribute):
            owner = _self_class(node.value, scope)
            if owner is not None:
                return owner.attribute_annotations.get(node.attr.value)
        return None

    def _single_binding(
        self, node: cst.BaseExpression, scope: Scope
    ) -> tuple[cst.BaseExpression, Scope] | None:
        if isinstance(node, cst.Name):
            return self._evaluator.single_binding(node.value, scope)
        if isinstance(node, cst.Attribute):
            owner = _self_class(node.value, scope)
            if owner is None:
                return None
            bindings = owner.attributes.get(node.attr.value, [])
            if len(bindings) == 1 and isinstance(bindings[0][0], cst.BaseExpression):
                return bindings[0][0], bindings[0][1]
        return None


def _self_class(node: cst.BaseExpression, scope: Scope) -> Scope | None:
    """Return the class whose instance `node` is, when it is `self` or `cls`."""
    if not isinstance(node, cst.Name):
        return None
    current: Scope | None = scope
    while current is not None and current.kind is ScopeKind.FUNCTION:
        if current.enclosing_class is not None:
            return current.enclosing_class if node.value == current.self_name else None
        current = current.parent
    return None


def _defining_class(name: str, method: str, scope: Scope) -> str:
    """Return the local class whose `method` an instance of `name` runs.

    Local base classes are searched breadth first, which matches Python's
    method order for single inheritance.
    """
    classes = _module_of(scope).classes
    pending = [name]
    seen: set[str] = set()
    while pending and len(seen) < _MAX_ALIASES:
        current = pending.pop(0)
        owner = classes.get(current)
        if owner is None or current in seen:
            continue
        seen.add(current)
        if method in owner.functions:
            return current
        pending.extend(
            base.value
            for base in owner.bases
            if isinstance(base, cst.Name) and base.value in classes
        )
    return name


def _module_of(scope: Scope) -> Scope:
    while scope.parent is not None:
        scope = scope.parent
    return scope


def _splits(qualified: str) -> tuple[tuple[str, str], ...]:
    """Return each way to read `a.b.c` as a module and a name inside it.

    Names from the standard library and the Customer.io SDKs are never
    project wrappers, so they give no candidates.
    """
    stripped = qualified.lstrip(".")
    dots = qualified[: len(qualified) - len(stripped)]
    parts = stripped.split(".")
    if not dots and (parts[0] in _NOT_PROJECT or parts[0] in sdk_python.PACKAGES):
        return ()
    return tuple(
        (dots + ".".join(parts[:index]), ".".join(parts[index:]))
        for index in range(len(parts) - 1, 0, -1)
    )
