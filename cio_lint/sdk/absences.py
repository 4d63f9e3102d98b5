"""The methods a client lacks, in all versions or in some of them.

The method tables in `python.py` and `javascript.py` follow the newest
releases. This module adds the methods that were added or removed between
versions and the methods of one client that people call on another. Facts
come from the packages and changelogs named in each comment: customerio
3.2.0, 3.0.0, 2.4 and 1.x (PyPI), customerio-node 5.2.0, 5.0.1 and 2.1.1
(npm) and @customerio/cdp-analytics-node 0.5.9.
"""

from __future__ import annotations

from msgspec import Struct

from cio_lint.sdk import javascript as js
from cio_lint.sdk import python as py
from cio_lint.sdk.specs import ClientSpec

Version = tuple[int, ...]


class Absence(Struct, frozen=True):
    """A method a client lacks in the versions from `first` up to `end`.

    The range is half open, and None at either end leaves it open. `fact`
    states when and why the method is missing, and `instead` what to call.
    """

    sdk: str
    class_name: str
    method: str
    fact: str
    instead: str
    first: Version | None = None
    end: Version | None = None

    def applies(self, version: Version) -> bool:
        return in_range(version, self.first, self.end)


def padded(version: Version) -> Version:
    """Return `version` with at least three parts, so that 3 compares as 3.0.0."""
    return version + (0,) * (3 - len(version))


def in_range(version: Version, first: Version | None, end: Version | None) -> bool:
    """Tell whether `first <= version < end`, where None leaves a side open."""
    version = padded(version)
    if first is not None and version < padded(first):
        return False
    return end is None or version < padded(end)


def _added(spec: ClientSpec, method: str, version: Version, text: str) -> Absence:
    return Absence(
        spec.sdk,
        spec.class_name,
        method,
        f"{method} was added in {text}",
        f"upgrade {spec.sdk} to {text} or later",
        end=version,
    )


_PY = py.CUSTOMERIO
_PY_APP = py.API_CLIENT
_NODE = js.TRACK_CLIENT
_NODE_APP = js.API_CLIENT
_SEGMENT_PATH = "POST /api/v1/segments/{id}/add_customers (remove_customers)"

ABSENCES: tuple[Absence, ...] = (
    # customerio CHANGELOG 1.0.0: the segment methods were removed.
    Absence(
        py.TRACK_SDK,
        "CustomerIO",
        "add_to_segment",
        "it was removed in customerio 1.0.0",
        f"send {_SEGMENT_PATH} to the Track API over HTTP",
        first=(1, 0, 0),
    ),
    Absence(
        py.TRACK_SDK,
        "CustomerIO",
        "remove_from_segment",
        "it was removed in customerio 1.0.0",
        f"send {_SEGMENT_PATH} to the Track API over HTTP",
        first=(1, 0, 0),
    ),
    # customerio CHANGELOG: 1.2.0, 1.3.0, 2.1 to 2.4, 3.0.0 and 3.2.0.
    _added(_PY, "track_anonymous", (1, 2, 0), "1.2.0"),
    _added(_PY, "merge_customers", (1, 3, 0), "1.3.0"),
    _added(_PY, "batch", (3, 0, 0), "3.0.0"),
    _added(_PY_APP, "send_push", (2, 1), "2.1"),
    _added(_PY_APP, "send_sms", (2, 2), "2.2"),
    _added(_PY_APP, "send_inbox_message", (2, 3), "2.3"),
    _added(_PY_APP, "send_in_app", (2, 4), "2.4"),
    _added(_PY_APP, "send_whatsapp", (3, 2, 0), "3.2.0"),
    # customerio-python 3.2.0 `api.py`: APIClient sends transactional
    # messages only.
    Absence(
        py.TRACK_SDK,
        "APIClient",
        "trigger_broadcast",
        "the Python SDK has no broadcast method",
        "send POST /v1/campaigns/{id}/triggers to the App API over HTTP",
    ),
    # customerio-node CHANGELOG 1.0.0 and 2.0.0.
    Absence(
        js.NODE_SDK,
        "TrackClient",
        "addToSegment",
        "it was removed in customerio-node 1.0.0",
        "call addCustomersToSegment(segmentId, customerIds) (customerio-node 5.2.0)",
        first=(1, 0, 0),
    ),
    Absence(
        js.NODE_SDK,
        "TrackClient",
        "removeFromSegment",
        "it was removed in customerio-node 1.0.0",
        "call removeCustomersFromSegment(segmentId, customerIds) "
        "(customerio-node 5.2.0)",
        first=(1, 0, 0),
    ),
    Absence(
        js.NODE_SDK,
        "TrackClient",
        "triggerBroadcast",
        "it moved to APIClient in customerio-node 2.0.0",
        "call APIClient.triggerBroadcast with an App API key",
        first=(2, 0, 0),
    ),
    # customerio-node CHANGELOG 4.1.0 to 4.4.0; the 5.0.1 snapshot's
    # lib/track.ts and lib/api.ts lack the rest, which 5.2.0 has.
    _added(_NODE_APP, "sendPush", (4, 1), "4.1.0"),
    _added(_NODE_APP, "sendSMS", (4, 2), "4.2.0"),
    _added(_NODE_APP, "sendInboxMessage", (4, 3), "4.3.0"),
    _added(_NODE_APP, "sendInApp", (4, 4), "4.4.0"),
    *(
        Absence(
            js.NODE_SDK,
            spec.class_name,
            method,
            f"{method} is not in customerio-node 5.0.1; 5.2.0 has it",
            "upgrade customerio-node to 5.2.0",
            end=(5, 0, 2),
        )
        for spec, method in (
            (_NODE_APP, "sendWhatsApp"),
            (_NODE, "getAccountRegion"),
            (_NODE, "entity"),
            (_NODE, "addCustomersToSegment"),
            (_NODE, "removeCustomersFromSegment"),
            (_NODE, "submitForm"),
            (_NODE, "reportMetric"),
            (_NODE, "unsubscribe"),
        )
    ),
    # customerio-node 5.2.0 `dist/lib/api.d.ts`: the App API client has no
    # Track API operations. Its other ~150 methods are not all in the
    # catalogue, so only these names are checked on it.
    *(
        Absence(
            js.NODE_SDK,
            "APIClient",
            method,
            f"{method} is a Track API operation",
            f"call TrackClient.{method} with the site ID and Track API key",
        )
        for method in (
            "identify",
            "track",
            "trackAnonymous",
            "trackPageView",
            "destroy",
            "addDevice",
            "deleteDevice",
            "mergeCustomers",
        )
    ),
    # @customerio/cdp-analytics-node 0.5.9 `src/app/analytics-node.ts` has
    # closeAndFlush() and no flush(); no later release was read.
    Absence(
        js.CDP_NODE_SDK,
        "Analytics",
        "flush",
        "it has only closeAndFlush() up to 0.5.9",
        "await analytics.closeAndFlush()",
        end=(0, 5, 10),
    ),
)

_ABSENCES: dict[tuple[str, str, str], Absence] = {
    (item.sdk, item.class_name, item.method): item for item in ABSENCES
}

# Clients whose method tables list every public method of the newest release,
# so that a method of another client is missing from them.
COMPLETE_CLIENTS: frozenset[tuple[str, str]] = frozenset(
    (spec.sdk, spec.class_name)
    for spec in (
        py.CUSTOMERIO,
        py.API_CLIENT,
        py.PIPELINES_CLIENT,
        py.PIPELINES_MODULE,
        js.TRACK_CLIENT,
        js.PIPELINES_CLIENT,
        js.CDP_NODE_ANALYTICS,
    )
)


def absence(sdk: str, class_name: str, method: str) -> Absence | None:
    """Return the catalogue's entry for a method a client may lack."""
    return _ABSENCES.get((sdk, class_name, method))


def absent_method_names() -> frozenset[str]:
    return frozenset(item.method for item in ABSENCES)
