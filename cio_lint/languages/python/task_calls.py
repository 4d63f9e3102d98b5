"""The arguments a Celery task runs with when it is submitted.

`send_event.apply_async(args=[...], kwargs={...})`, or with the two as the
first positional arguments, runs `send_event(*args, **kwargs)`; the project
pass binds these as if the task were called directly.
"""

from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from cio_lint.languages.python.scopes import Scope
from cio_lint.languages.python.values import Evaluator
from cio_lint.model import CallArguments, Field

TASK_SUBMIT = "apply_async"


def task_arguments(
    node: cst.Call, scope: Scope, evaluator: Evaluator
) -> tuple[CallArguments, list[tuple[int | str, cst.BaseExpression]]] | None:
    """Return the arguments `task.apply_async(...)` runs the task with.

    The second item contains the argument expressions by position or keyword, so
    that string templates can be read from them. None is returned for other
    calls.
    """
    func = node.func
    if not isinstance(func, cst.Attribute) or func.attr.value != TASK_SUBMIT:
        return None
    passed = _submitted(node)
    positional, open_ended = _sequence(passed.get("args"))
    written: list[tuple[int | str, cst.BaseExpression]] = list(enumerate(positional))
    keywords: tuple[Field, ...] = ()
    mapping = passed.get("kwargs")
    if mapping is not None:
        value = evaluator.value(mapping, scope)
        keywords = value.fields or ()
        if isinstance(mapping, cst.Dict):
            written.extend(_dict_items(mapping))
    arguments = CallArguments(
        positional=tuple(evaluator.value(item, scope) for item in positional),
        keywords=tuple(keywords),
        open_ended=open_ended,
    )
    return arguments, written


def _submitted(node: cst.Call) -> dict[str, cst.BaseExpression]:
    """Return the `args` and `kwargs` expressions, by keyword or by position."""
    found: dict[str, cst.BaseExpression] = {}
    names = ("args", "kwargs")
    position = 0
    for argument in node.args:
        if argument.star:
            break
        if argument.keyword is not None:
            found[argument.keyword.value] = argument.value
        elif position < len(names):
            found[names[position]] = argument.value
            position += 1
    return found


def _sequence(
    node: cst.BaseExpression | None,
) -> tuple[list[cst.BaseExpression], bool]:
    """Return the items of a list or tuple literal and whether some are hidden."""
    if node is None:
        return [], False
    if not isinstance(node, (cst.List, cst.Tuple)):
        return [], True
    items: list[cst.BaseExpression] = []
    for element in node.elements:
        if isinstance(element, cst.StarredElement):
            return items, True
        items.append(element.value)
    return items, False


def _dict_items(node: cst.Dict) -> Iterator[tuple[str, cst.BaseExpression]]:
    for element in node.elements:
        if isinstance(element, cst.DictElement) and isinstance(
            element.key, cst.SimpleString
        ):
            key = element.key.evaluated_value
            if isinstance(key, str):
                yield key, element.value
