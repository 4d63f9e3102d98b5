"""Node offsets from the light code-generation pass match LibCST's positions."""

from __future__ import annotations

import sys

import libcst as cst
import pytest
from libcst.metadata import MetadataWrapper, PositionProvider

from cio_lint.languages.python.offsets import NodeOffsets, node_offsets
from cio_lint.languages.python.pruning import prune
from cio_lint.languages.python.scopes import index_module
from cio_lint.positions import LineIndex

SOURCE = """\
# é commentaire
import customerio

class Événement:
    NOM = "inscrit"  # ünïcode

def envoyer(cio, quand):\r
    cio.track(customer_id="ü", name=Événement.NOM, timestamp=quand,
              data={"clé": [1, 2,
                            3]})
    return (lambda x: x)(
        "fin"
    )
"""


def test_offsets_match_position_provider() -> None:
    module = cst.parse_module(SOURCE)
    lines = LineIndex(SOURCE)

    positions = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    offsets = node_offsets(module)

    for node, code_range in positions.items():
        if isinstance(node, cst.Module):
            continue
        expected = (
            lines.offset(code_range.start.line, code_range.start.column),
            lines.offset(code_range.end.line, code_range.end.column),
        )
        assert offsets[node] == expected, type(node).__name__


def test_offsets_slice_the_node_text() -> None:
    module = cst.parse_module(SOURCE)
    offsets = node_offsets(module)
    call = module.body[2].body.body[0].body[0].value  # type: ignore[attr-defined]

    start, end = offsets[call]

    assert SOURCE[start:end].startswith('cio.track(customer_id="ü"')
    assert SOURCE[start:end].endswith("3]})")


# Layouts where a statement's start is easy to get wrong: line breaks of each
# kind, a missing final line break, decorators with lines between them, tabs,
# continuations and comments at column 0 inside a class. The `type` statement
# (Python 3.12) is syntax that the running Python's own parser may not know.
LAYOUTS = {
    "crlf": "import a\r\n\r\n# c\r\nclass C:\r\n    x = 1\r\n\r\n"
    "    def f(self):\r\n        return g(1)\r\n",
    "cr": "x = 1\rdef f():\r    return g(1)\r",
    "no final line break": "x = 1\ndef f():\n    return g(2)",
    "no final line break, simple": "x = 1\ny = g(2)",
    "semicolons": "a = 1; b = g(2)\nclass C: x = 1; y = 2\n"
    "class D:\n    p = 1; q = h(3)\n",
    "decorators": "@d1\n# between\n@d2(\n  1)\n\nasync def f():\n"
    "    @inner\n    def g(): return 1\n    return g()\n",
    "tabs": "class C:\n\tdef f(self):\n\t\treturn g(1)\n\tx = 2\n",
    "continuation": "x = \\\n  g(1)\nclass C:\n    y = \\\n        h(2)\n",
    "form feed": "x = 1\n\x0c\ndef f():\n    return g(1)\n",
    "header and footer": '#!/usr/bin/env python\n# comment\n\n"""doc"""\n'
    "x = g(1)\n# trailing\n\n",
    "comment at column 0": "class C:\n    def f(self):\n        pass\n"
    "# note\n    def g(self):\n        return h(1)\n",
    "type statement": "type X = int\nx = g(1)\n",
    "compound statements": "if a:\n    x = g(1)\nelif b:\n    y = 2\nelse:\n"
    "    z = 3\ntry:\n    pass\nexcept E:\n    pass\n",
    "the sample": SOURCE,
}


@pytest.mark.parametrize("text", LAYOUTS.values(), ids=LAYOUTS.keys())
def test_offsets_by_statement_match_the_whole_module(text: str) -> None:
    module = cst.parse_module(text)
    index = index_module(module)
    whole = node_offsets(module)

    by_statement = NodeOffsets(module, text, LineIndex(text), index.statements)
    parsed = prune(text).parsed
    given_parse = NodeOffsets(module, text, LineIndex(text), index.statements, parsed)

    assert index.statements
    for node in index.statements:
        assert by_statement[node] == whole[node], type(node).__name__
        assert given_parse[node] == whole[node], type(node).__name__
    # Only a statement that the running Python cannot parse needs the whole module.
    assert by_statement.whole_module_generated == (
        text.startswith("type ") and sys.version_info < (3, 12)
    )
