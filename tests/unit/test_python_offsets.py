"""Node offsets from the light code-generation pass match LibCST's positions."""

from __future__ import annotations

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from cio_lint.languages.python.offsets import node_offsets
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
