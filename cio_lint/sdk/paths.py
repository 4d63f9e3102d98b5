"""The request paths each Customer.io host serves, for the unknown-endpoint rule.

The endpoint table is `http.ENDPOINTS`. The Track and Data Pipelines rows
cover every path of Customer.io's Track and Pipelines OpenAPI documents, so a
path those hosts do not list is wrong. The App API has about 150 endpoints
(customerio-node 5.2.0 `dist/lib/api.d.ts`) and only some are listed, so on
an App host only paths that no App endpoint can have are reported: Track
paths, `/api/...` paths and `/v1/api/send/...`.

Paths come as segments; None stands for a segment with an unknown part.
"""

from __future__ import annotations

from collections.abc import Iterator

from msgspec import Struct

from cio_lint.model import Api
from cio_lint.sdk.http import ENDPOINTS, HOSTS, Endpoint, Host

Segments = tuple[str | None, ...]


class PathProblem(Struct, frozen=True):
    """The reason a method and path are not an endpoint, and the request meant."""

    reason: str
    meant: str | None = None
    api: Api | None = None
    """The API whose endpoint the path is, or whose paths it has the form of
    (`/v1/...` on a Track host), when that is not the host's API."""


def segments_of(path: str, hole: str) -> Segments:
    """Split `path` into segments, with None for each segment containing `hole`."""
    parts = path.split("?", 1)[0].strip("/").split("/")
    return tuple(None if hole in part else part for part in parts)


def visible(segments: Segments) -> bool:
    """Tell whether each unknown segment sits where some endpoint has a parameter.

    A path such as `/v1/send/{…}` hides the segment that decides the
    endpoint, so it cannot be judged.
    """
    for index, segment in enumerate(segments):
        if segment is None and not any(
            _parameter_at(candidate.segments, segments, index)
            for candidate in ENDPOINTS
        ):
            return False
    return True


def _parameter_at(template: tuple[str, ...], segments: Segments, index: int) -> bool:
    if len(template) != len(segments) or not template[index].startswith("{"):
        return False
    return all(
        expected.startswith("{") or expected == actual
        for expected, actual in zip(template[:index], segments[:index], strict=True)
    )


def matches(api: Api, segments: Segments, method: str | None = None) -> list[Endpoint]:
    """Return the endpoints of `api` the path matches, for `method` if given."""
    return [
        candidate
        for candidate in ENDPOINTS
        if candidate.api is api
        and (method is None or candidate.method == method)
        and _matches(candidate.segments, segments)
    ]


def _matches(template: tuple[str, ...], segments: Segments) -> bool:
    if len(template) != len(segments):
        return False
    return all(
        expected.startswith("{") if actual is None else _same(expected, actual)
        for expected, actual in zip(template, segments, strict=True)
    )


def _same(expected: str, actual: str) -> bool:
    return bool(actual) if expected.startswith("{") else expected == actual


def problem(host: Host, method: str, segments: Segments) -> PathProblem | None:
    """Return why `method` and the path are not an endpoint of `host`, or None.

    An unknown segment matches only a `{parameter}` of a template, so a path
    is compared only where it is known.
    """
    if matches(host.api, segments, method):
        return None
    same_path = matches(host.api, segments)
    if same_path:
        return _wrong_method(host, method, segments, same_path)
    for api, reading in _readings(segments):
        if api is host.api and reading == segments:
            continue
        found = _endpoint_for(host, api, method, reading)
        if found is not None:
            return _elsewhere(host, found)
    return _unlisted(host.api, segments)


def _wrong_method(
    host: Host, method: str, segments: Segments, same_path: list[Endpoint]
) -> PathProblem | None:
    if host.api is Api.APP and segments[:2] != ("v1", "send"):
        return None
    accepted = " or ".join(sorted({item.method for item in same_path}))
    return PathProblem(f"{same_path[0].path} takes {accepted}, not {method}")


def _readings(segments: Segments) -> Iterator[tuple[Api, Segments]]:
    """Yield the path as written and with the other APIs' prefixes, per API."""
    forms = [segments]
    if segments[:1] == ("api",) and segments[1:2] in (("v1",), ("v2",)):
        forms.append(segments[1:])
    elif segments[:2] == ("v1", "api"):
        forms.append(("v1", *segments[2:]))
    elif segments[:1] == ("v1",):
        forms.append(("api", *segments))
    for form in forms:
        for api in Api:
            yield api, form


def _endpoint_for(
    host: Host, api: Api, method: str, reading: Segments
) -> Endpoint | None:
    """Return the endpoint of `api` that the reading matches, if it may be meant.

    The App API's table is partial, so on an App host a GET or DELETE that
    another API serves may still be an App endpoint too.
    """
    found = matches(api, reading, method)
    if not found:
        return None
    if host.api is Api.APP and api is not Api.APP and method in ("GET", "DELETE"):
        return None
    return found[0]


def _elsewhere(host: Host, endpoint: Endpoint) -> PathProblem:
    target = _host_for(endpoint.api, host)
    meant = f"{endpoint.method} https://{target.name}{endpoint.path}"
    if endpoint.api is host.api:
        reason = f"the {endpoint.operation} endpoint is {endpoint.path}"
        return PathProblem(reason, meant)
    reason = f"it is the {endpoint.api.value}'s {endpoint.operation} request"
    return PathProblem(reason, meant, endpoint.api)


def _host_for(api: Api, like: Host) -> Host:
    return next(
        item
        for item in HOSTS.values()
        if item.api is api and item.region is like.region and not item.legacy
    )


def _unlisted(api: Api, segments: Segments) -> PathProblem | None:
    """Return a problem for a path no endpoint of a fully listed host matches.

    A wrong first segment is wrong whatever follows it. Deeper paths are
    judged only where they are `visible`.
    """
    if api is Api.TRACK:
        if segments[0] in (None, "", "unsubscribe") or segments[:2] == ("api", None):
            return None
        if segments[:2] not in (("api", "v1"), ("api", "v2")):
            # `/v1/...` is the form of the App API's paths, whose table is
            # partial: the request is most likely for that API.
            meant = Api.APP if segments[0] == "v1" else None
            return PathProblem(
                "Track API paths begin with /api/v1/ or /api/v2/", api=meant
            )
        if visible(segments):
            return PathProblem("the Track API has no such endpoint")
        return None
    if api is Api.APP and segments[:1] == ("api",):
        return PathProblem("App API paths begin with /v1/")
    if api is Api.PIPELINES and segments[0] == "v1" and len(segments) == 2:
        if segments[1] is None:
            return None
        return PathProblem(
            "the Data Pipelines API has /v1/identify, /v1/track, /v1/page, "
            "/v1/screen, /v1/group, /v1/alias and /v1/batch"
        )
    return None
