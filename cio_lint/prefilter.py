"""Skip files that cannot touch Customer.io before paying for a parse.

A file is analysed only if its bytes mention, in any case, one of the names
under which Customer.io code is imported or addressed.
"""

from __future__ import annotations

import re

_MARKERS = re.compile(
    rb"customerio|customer\.io|_cio|cioanalytics|cdp-analytics", re.IGNORECASE
)


def may_use_customerio(raw: bytes) -> bool:
    """Tell whether a file's bytes mention any Customer.io marker."""
    return _MARKERS.search(raw) is not None
