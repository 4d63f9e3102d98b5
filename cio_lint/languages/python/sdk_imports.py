"""Read the imports of Customer.io packages as `SdkImport` records.

`from customerio import CustomerIO, ID` gives one record per name, at the
name; `import customerio.constants` gives one record for the module.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

import libcst as cst

from cio_lint.languages.python.scopes import dotted_name
from cio_lint.model import SdkImport, Span
from cio_lint.sdk import python as sdk_python


def sdk_imports(
    nodes: Iterable[cst.Import | cst.ImportFrom],
    span_of: Callable[[cst.CSTNode], Span],
) -> Iterator[SdkImport]:
    """Yield the imports of Customer.io modules among `nodes`."""
    for node in nodes:
        if isinstance(node, cst.Import):
            yield from _plain(node, span_of)
        else:
            yield from _from(node, span_of)


def _plain(
    node: cst.Import, span_of: Callable[[cst.CSTNode], Span]
) -> Iterator[SdkImport]:
    for alias in node.names:
        module = dotted_name(alias.name)
        if module is not None and _is_sdk(module):
            yield SdkImport(module, None, span_of(alias.name))


def _from(
    node: cst.ImportFrom, span_of: Callable[[cst.CSTNode], Span]
) -> Iterator[SdkImport]:
    if node.relative or node.module is None:
        return
    module = dotted_name(node.module)
    if module is None or not _is_sdk(module):
        return
    if isinstance(node.names, cst.ImportStar):
        yield SdkImport(module, None, span_of(node.module))
        return
    for alias in node.names:
        name = dotted_name(alias.name)
        if name is not None:
            yield SdkImport(module, name, span_of(alias.name))


def _is_sdk(module: str) -> bool:
    top = module.split(".")[0]
    return top in sdk_python.PACKAGES
