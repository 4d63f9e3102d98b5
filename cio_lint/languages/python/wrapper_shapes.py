"""Further ways Python code reaches a wrapper or a client.

- `get_tracker()` and `Tracker.instance()`: a function or class method whose
  every return is an instance of one local class (`Tracker()`, `cls()`, a
  module-level instance, a class attribute set to one) gives that class's
  wrappers under the names `get_tracker().event`, `Tracker.instance().event`.
- `cio: Annotated[Tracker, Depends(get_tracker)]` and `cio=Depends(get_tracker)`:
  FastAPI passes what the dependency returns.
- `cio = make_client()` with `make_client` imported from another project file:
  calls on `cio` wait for the project pass as calls on the export
  `make_client()`, which that file gives when the function returns a client.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

import libcst as cst

from cio_lint.languages.python.scopes import (
    UNKNOWN_BINDING,
    Binding,
    Scope,
    ScopeKind,
)
from cio_lint.languages.python.values import Evaluator
from cio_lint.model import ModuleReference
from cio_lint.sdk import python as sdk_python

CALLED = "()"
"""Appended to a function's name to name what calling it returns."""

_DEPENDS = frozenset({"Depends", "fastapi.Depends", "fastapi.params.Depends"})
_MAX_DEPTH = 4


# Functions that return an instance -------------------------------------------


def returned_instances(module: Scope) -> Iterator[tuple[str, str]]:
    """Yield (`get_tracker()`, `Tracker`) for functions that return an instance.

    Module functions and methods of module-level classes are read. Every
    return must give an instance of the same local class.
    NOTE: a function that returns an instance of an imported class gives no
    names, because this file cannot see that class's wrappers.
    """
    classes = module.classes
    functions = [(name, item) for name, item in module.functions.items()]
    for owner in classes.values():
        functions.extend(
            (f"{owner.name}.{name}", item) for name, item in owner.functions.items()
        )
    for name, function in functions:
        built = returned_class(function, module)
        if built is not None:
            yield f"{name}{CALLED}", built


def returned_class(function: Scope, module: Scope) -> str | None:
    """Return the local class whose instance `function` always returns."""
    annotation = function.return_annotation
    if isinstance(annotation, cst.Name) and annotation.value in module.classes:
        return annotation.value
    found = {
        _instance_class(item, function, module)
        for item in function.returns
        if not (isinstance(item, cst.Name) and item.value == "None")
    }
    if len(found) != 1:
        return None
    return found.pop()


def _instance_class(
    node: cst.BaseExpression, scope: Scope, module: Scope, depth: int = 0
) -> str | None:
    """Return the local class whose instance `node` builds or names, else None."""
    if depth > _MAX_DEPTH:
        return None
    if isinstance(node, cst.Call):
        return _class_called(node.func, scope, module)
    bindings: list[Binding] = []
    if isinstance(node, cst.Name):
        bindings = _name_bindings(node.value, scope, module)
    elif isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name):
        owner = _owner(node.value, scope, module)
        if owner is not None:
            bindings = [
                *(item for item, _ in owner.attributes.get(node.attr.value, ())),
                *owner.bindings.get(node.attr.value, ()),
            ]
    found = {
        _instance_class(item, scope, module, depth + 1)
        for item in bindings
        if isinstance(item, cst.BaseExpression)
        and not (isinstance(item, cst.Name) and item.value == "None")
    }
    if UNKNOWN_BINDING in bindings or len(found) != 1:
        return None
    return found.pop()


def _name_bindings(name: str, scope: Scope, module: Scope) -> list[Binding]:
    """Return what a name read in `scope` may have been assigned.

    A name declared `global` in the function takes the module's assignments
    and the function's, as in the `global _tracker` singleton getter.
    """
    if name in scope.parameters or name in module.functions:
        return []
    local = list(scope.bindings.get(name, ()))
    if scope is module or (local and name not in _globals(scope)):
        return local
    return [*module.bindings.get(name, ()), *local]


def _globals(scope: Scope) -> set[str]:
    """Return the names that `global` statements at the top of a function name."""
    node = scope.node
    if not isinstance(node, cst.FunctionDef) or not isinstance(
        node.body, cst.IndentedBlock
    ):
        return set()
    names: set[str] = set()
    for statement in node.body.body:
        if isinstance(statement, cst.SimpleStatementLine):
            for small in statement.body:
                if isinstance(small, cst.Global):
                    names.update(item.name.value for item in small.names)
    return names


def _class_called(func: cst.BaseExpression, scope: Scope, module: Scope) -> str | None:
    if isinstance(func, cst.Name):
        if func.value in module.classes:
            return func.value
        owner = _owner(func, scope, module)
        return owner.name if owner is not None else None
    return None


def _owner(name: cst.Name, scope: Scope, module: Scope) -> Scope | None:
    """Return the class that `cls`, `self` or a local class name refers to."""
    if name.value in module.classes:
        return module.classes[name.value]
    owner = scope.enclosing_class
    if owner is not None and name.value == scope.self_name:
        return owner
    return None


def called_name(
    func: cst.BaseExpression, scope: Scope, evaluator: Evaluator
) -> tuple[bool, str] | None:
    """Return what `func(...)` returns as (imported, name).

    A local class gives its name, and a local function or class method gives
    `name()`. An imported name may be a class or a function, so it gives its
    qualified name followed by `()` and the caller reads it both ways.
    """
    qualified = evaluator.qualified_name(func, scope)
    if qualified is not None:
        return True, f"{qualified}{CALLED}"
    module = _module_of(scope)
    if isinstance(func, cst.Name):
        if func.value in module.classes:
            return False, func.value
        found = evaluator.lookup(func.value, scope)
        if found is not None and found.scope is module:
            if func.value in module.functions:
                return False, f"{func.value}{CALLED}"
        return None
    if isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name):
        owner = _owner(func.value, scope, module)
        if owner is not None and func.attr.value in owner.functions:
            return False, f"{owner.name}.{func.attr.value}{CALLED}"
    return None


# FastAPI ----------------------------------------------------------------------


def dependency(
    param: cst.Param, scope: Scope, evaluator: Evaluator
) -> cst.BaseExpression | None:
    """Return `get_tracker` for a parameter `= Depends(get_tracker)`."""
    default = param.default
    if not isinstance(default, cst.Call) or not default.args:
        return None
    qualified = evaluator.qualified_name(default.func, scope)
    if qualified not in _DEPENDS:
        return None
    first = default.args[0]
    return first.value if first.keyword is None else None


# Factories in other files ----------------------------------------------------


def factory_reference(
    node: cst.BaseExpression, scope: Scope, evaluator: Evaluator
) -> ModuleReference | None:
    """Return the export `make_client()` for `make_client()` or a name bound to it.

    Only functions imported from project modules qualify.
    """
    if isinstance(node, cst.Name):
        binding = evaluator.single_binding(node.value, scope)
        if binding is None:
            return None
        node, scope = binding
    if not isinstance(node, cst.Call):
        return None
    qualified = evaluator.qualified_name(node.func, scope)
    if qualified is None or "." not in qualified.lstrip("."):
        return None
    module, export = qualified.rsplit(".", 1)
    if module.split(".")[0] in sdk_python.PACKAGES:
        return None
    return ModuleReference(module, f"{export}{CALLED}")


def imported_object(
    node: cst.BaseExpression, scope: Scope, evaluator: Evaluator
) -> ModuleReference | None:
    """Return the export of another module that `node` refers to, if any.

    That is a name imported from a module outside the standard library and the
    Customer.io packages, or what an imported function returns
    (`make_client()`, also through a name bound to the call).
    """
    qualified = evaluator.qualified_name(node, scope)
    if qualified is None:
        return factory_reference(node, scope, evaluator)
    if "." not in qualified.lstrip("."):
        return None
    module, export = qualified.rsplit(".", 1)
    root = module.split(".")[0]
    if root in sdk_python.PACKAGES or root in sys.stdlib_module_names:
        return None
    return ModuleReference(module, export)


def factory_names(module: Scope) -> Iterator[str]:
    """Yield the module functions other files may call as client factories."""
    for name, function in module.functions.items():
        if function.kind is ScopeKind.FUNCTION and function.returns:
            yield name


def _module_of(scope: Scope) -> Scope:
    while scope.parent is not None:
        scope = scope.parent
    return scope
