"""Module paths and names that an SDK version does not export.

Sources are named in the comments.
"""

from __future__ import annotations

from msgspec import Struct

from cio_lint.sdk import javascript as js
from cio_lint.sdk import python as py
from cio_lint.sdk.absences import in_range

Version = tuple[int, ...]


class RemovedImport(Struct, frozen=True):
    """A module or name an SDK does not export in some versions.

    `name` None covers the whole module; `module` ending in `/` covers every
    module under that prefix.
    """

    module: str
    name: str | None
    sdk: str
    fact: str
    instead: str
    first: Version | None = None
    end: Version | None = None

    def applies(self, version: Version) -> bool:
        return in_range(version, self.first, self.end)

    def covers(self, module: str, name: str | None) -> bool:
        if self.module.endswith("/"):
            return module.startswith(self.module)
        return module == self.module and (self.name is None or self.name == name)


_DEEP = "customerio-node 3.0.0 has a single entry point"
REMOVED_IMPORTS: tuple[RemovedImport, ...] = (
    # customerio 3.2.0 `customerio/__init__.py` exports neither the identifier
    # types (customerio/constants.py) nor Region (customerio/regions.py).
    *(
        RemovedImport(
            "customerio",
            name,
            py.TRACK_SDK,
            f"customerio does not export {name}",
            f"write from customerio.constants import {name}",
        )
        for name in ("ID", "EMAIL", "CIOID")
    ),
    RemovedImport(
        "customerio",
        "Region",
        py.TRACK_SDK,
        "customerio does not export Region",
        "import Regions from customerio, or Region from customerio.regions",
    ),
    # customerio 3.1.0 lacks SendWhatsAppRequest; 3.2.0 added it.
    RemovedImport(
        "customerio",
        "SendWhatsAppRequest",
        py.TRACK_SDK,
        "SendWhatsAppRequest was added in customerio 3.2.0",
        "upgrade customerio to 3.2.0 or later",
        end=(3, 2, 0),
    ),
    # customerio-node CHANGELOG 3.0.0 (single `main`) and 5.0.0 (`exports`
    # lists only "."), package.json of 3.5.1, 4.5.1 and 5.2.0.
    RemovedImport(
        "customerio-node/api",
        None,
        js.NODE_SDK,
        f"{_DEEP}, so customerio-node/api is gone",
        "import { APIClient, SendEmailRequest } from 'customerio-node'",
        first=(3, 0, 0),
    ),
    RemovedImport(
        "customerio-node/regions",
        None,
        js.NODE_SDK,
        f"{_DEEP}, so customerio-node/regions is gone",
        "import { RegionUS, RegionEU } from 'customerio-node'",
        first=(3, 0, 0),
    ),
    RemovedImport(
        "customerio-node/",
        None,
        js.NODE_SDK,
        "the package's exports map allows only 'customerio-node' itself since 5.0.0",
        "import what you need from 'customerio-node'",
        first=(5, 0, 0),
    ),
)


def removed_import(
    module: str, name: str | None, version: Version
) -> RemovedImport | None:
    """Return the entry saying `module` (or `name` in it) is missing in `version`."""
    for item in REMOVED_IMPORTS:
        if item.covers(module, name) and item.applies(version):
            return item
    return None


def import_sdk(module: str) -> str | None:
    """Return the package whose version decides about an import of `module`."""
    if module == "customerio" or module.startswith("customerio."):
        return py.TRACK_SDK
    if module == js.NODE_SDK or module.startswith(f"{js.NODE_SDK}/"):
        return js.NODE_SDK
    return None
