"""The credential and region side of the catalogue.

Which constructor argument of each client takes which credential, where its
region and host override go, and the region constants the SDKs export. Facts
follow customerio 3.2.0 (`track.py`, `api.py`, `regions.py`),
customerio-cdp-analytics 1.1.0 (`request.py`), customerio-node 5.2.0
(`track.js`, `api.js`, `pipelines.js`, `regions.js`),
@customerio/cdp-analytics-node 0.5.9 (`settings.ts`) and
@customerio/cdp-analytics-browser 0.5.11.
"""

from __future__ import annotations

import enum

from msgspec import Struct

from cio_lint.model import Api, Region
from cio_lint.sdk import javascript as _javascript
from cio_lint.sdk import python as _python
from cio_lint.sdk.specs import FieldPath


class Credential(enum.Enum):
    """The kind of a credential, as far as the names of its value show."""

    SITE_ID = "a site ID"
    TRACK_KEY = "a Track API key"
    APP_KEY = "an App API key"
    WRITE_KEY = "a Data Pipelines write key"
    AMBIGUOUS = "an API key of unnamed type"
    """A key whose name does not say which API it belongs to (`CUSTOMERIO_API_KEY`)."""


# The credentials each API takes, in the order of Basic auth (user, password).
API_CREDENTIALS: dict[Api, tuple[Credential, ...]] = {
    Api.TRACK: (Credential.SITE_ID, Credential.TRACK_KEY),
    Api.APP: (Credential.APP_KEY,),
    Api.PIPELINES: (Credential.WRITE_KEY,),
}


class ClientSettings(Struct, frozen=True):
    """Where a client's constructor takes credentials, region and host.

    Paths name a constructor parameter and then keys inside it. `options` is
    the parameter that must be an options object (customerio-node). `public`
    marks clients whose credentials ship to browsers by design.
    `host_needs_scheme` is set when a host without `https://` fails.
    `default_region` is False when a client without region or host does not
    surely talk to the US.
    """

    credentials: tuple[tuple[FieldPath, Credential], ...]
    region: FieldPath | None = None
    host: FieldPath | None = None
    host_needs_scheme: bool = False
    options: str | None = None
    public: bool = False
    default_region: bool = True


CLIENT_SETTINGS: dict[tuple[str, str], ClientSettings] = {
    (_python.TRACK_SDK, "CustomerIO"): ClientSettings(
        ((("site_id",), Credential.SITE_ID), (("api_key",), Credential.TRACK_KEY)),
        region=("region",),
        host=("host",),
    ),
    (_python.TRACK_SDK, "APIClient"): ClientSettings(
        ((("key",), Credential.APP_KEY),), region=("region",), host=("url",)
    ),
    (_python.PIPELINES_SDK, "Client"): ClientSettings(
        ((("write_key",), Credential.WRITE_KEY),),
        host=("host",),
        host_needs_scheme=True,
        # The write key's `pk_eu_`/`sk_eu_` prefix picks the EU host.
        default_region=False,
    ),
    (_javascript.NODE_SDK, "TrackClient"): ClientSettings(
        ((("siteid",), Credential.SITE_ID), (("apikey",), Credential.TRACK_KEY)),
        region=("defaults", "region"),
        host=("defaults", "url"),
        options="defaults",
    ),
    (_javascript.NODE_SDK, "APIClient"): ClientSettings(
        ((("appKey",), Credential.APP_KEY),),
        region=("defaults", "region"),
        host=("defaults", "url"),
        options="defaults",
    ),
    (_javascript.NODE_SDK, "PipelinesClient"): ClientSettings(
        ((("writeKey",), Credential.WRITE_KEY),),
        region=("defaults", "region"),
        host=("defaults", "url"),
        host_needs_scheme=True,
        options="defaults",
    ),
    (_javascript.CDP_NODE_SDK, "Analytics"): ClientSettings(
        ((("settings", "writeKey"), Credential.WRITE_KEY),),
        host=("settings", "host"),
        host_needs_scheme=True,
    ),
    (_javascript.CDP_BROWSER_SDK, "AnalyticsBrowser"): ClientSettings(
        ((("settings", "writeKey"), Credential.WRITE_KEY),),
        host=("settings", "cdnURL"),
        public=True,
    ),
}

# The region objects the SDKs export, by qualified name.
REGION_CONSTANTS: dict[str, Region] = {
    "customerio.Regions.US": Region.US,
    "customerio.Regions.EU": Region.EU,
    "customerio.regions.Regions.US": Region.US,
    "customerio.regions.Regions.EU": Region.EU,
    "customerio-node.RegionUS": Region.US,
    "customerio-node.RegionEU": Region.EU,
    "customerio-node/regions.RegionUS": Region.US,
    "customerio-node/regions.RegionEU": Region.EU,
}

# The spelling of each SDK's region constants, for messages.
REGION_SPELLING: dict[str, dict[Region, str]] = {
    _python.TRACK_SDK: {Region.US: "Regions.US", Region.EU: "Regions.EU"},
    _javascript.NODE_SDK: {Region.US: "RegionUS", Region.EU: "RegionEU"},
}


def settings_of(sdk: str, class_name: str) -> ClientSettings | None:
    return CLIENT_SETTINGS.get((sdk, class_name))


def region_constant(name: str | None) -> Region | None:
    """Return the region an SDK constant such as `customerio-node.RegionEU` names."""
    return REGION_CONSTANTS.get(name) if name else None
