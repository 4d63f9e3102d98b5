"""The prefilter's byte searches: Customer.io markers and import statements."""

from __future__ import annotations

import pytest

from cio_lint import prefilter


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (b"import app.tracking as t\n", {b"import", b"app", b"tracking", b"as", b"t"}),
        (
            b"from .tracking import tracker\n",
            {b"from", b"tracking", b"import", b"tracker"},
        ),
        (
            b"from app import (\n    tracking,\n    other,\n)\nx = 1\n",
            {b"from", b"app", b"import", b"tracking", b"other"},
        ),
        (
            b'import {\n  cioRequest,\n} from "./lib/cio.js";\nconst y = 2;\n',
            {b"import", b"cioRequest", b"from", b"lib", b"cio", b"js"},
        ),
        (b'const cio = require("../cio");\n', {b"const", b"cio", b"require"}),
        (b"# tracking is mentioned here only\nx = tracking\n", set()),
    ],
)
def test_imported_words(source: bytes, expected: set[bytes]) -> None:
    assert prefilter.imported_words(source) == expected


def test_import_marker_needs_the_module_in_an_import() -> None:
    marker = prefilter.ImportMarker(["tracking"], ["tracker"])

    assert marker.search(b"from .tracking import tracker\ntracker.event()\n")
    assert not marker.search(b"tracking = tracker\n")
    assert not marker.search(b"from .tracking import other\n")
    assert not marker.search(b"from .tracking import trackers\n")


def test_import_marker_with_many_exports() -> None:
    names = ["a_client", "b_client", "c_client", "d_client", "tracker"]
    marker = prefilter.ImportMarker(["tracking"], names)

    assert marker.search(b"from .tracking import tracker\ntracker.event()\n")
    assert not marker.search(b"from .tracking import trackers\n")
    assert not marker.search(b"tracker = 1\n")


def test_import_marker_without_exports_needs_only_the_import() -> None:
    marker = prefilter.ImportMarker(["tracking"], None)

    assert marker.search(b"import tracking\n")
    assert not marker.search(b"tracking = 1\n")


def test_word_marker_ignores_case() -> None:
    marker = prefilter.CUSTOMERIO_MARKERS

    assert marker.search(b"from CustomerIO import x")
    assert marker.search(b"headers = {'X-CIO-Signature': s}")
    assert marker.search(b"window._cio.identify()")
    assert not marker.search(b"decision = precious(customer)")
    assert not marker.search(b"import os")


def test_word_marker_words_need_a_core() -> None:
    with pytest.raises(ValueError, match="every word must contain one of the cores"):
        prefilter.WordMarker((b"customerio", b"segment"), cores=(b"customer",))
