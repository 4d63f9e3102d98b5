"""CIO304 host-contradicts-region: a host that disagrees with the chosen region.

Also a Data Pipelines host written without its scheme, and the retired
`beta-api` hosts of the App API.
"""

from __future__ import annotations

from collections.abc import Iterator

from msgspec import Struct

from cio_lint.binding import lookup
from cio_lint.findings import Violation, capitalize_prose
from cio_lint.model import Client, ClientOrigin, FileModel, Span, ValueKind
from cio_lint.rules.base import Rule
from cio_lint.rules.credential_slots import constructor
from cio_lint.rules.region_sites import RegionSite, client_sites, host_of, sites
from cio_lint.sdk import http as catalogue
from cio_lint.sdk import javascript, python
from cio_lint.sdk.credentials import settings_of

_CURRENT = {host.name: host for host in catalogue.HOSTS.values() if not host.legacy}
_NO_SCHEME = {
    python.PIPELINES_SDK: "requests raises MissingSchema on every send, which the "
    "background thread retries and then reports only through on_error and the log",
    javascript.CDP_NODE_SDK: "new URL() throws TypeError: Invalid URL in the "
    "constructor",
    javascript.NODE_SDK: "fetch cannot send to a URL without a scheme, so every "
    "call rejects",
}


class Contradiction(Struct, frozen=True):
    """A host site, the region site it disagrees with, and how to say it."""

    site: RegionSite
    other: RegionSite
    scope: str


class HostContradictsRegion(Rule):
    code = "CIO304"
    name = "host-contradicts-region"
    summary = (
        "A host or url override, or a plain HTTP host, disagrees with the region "
        "chosen in the same client or file; or a host is retired or lacks https://."
    )

    def check(self, model: FileModel) -> Iterator[Violation]:
        for found in contradictions(model):
            site, other = found.site, found.other
            yield Violation.at(
                site.span,
                f"{capitalize_prose(site.label)} is in the {site.region.value} "
                "region, but "
                f"{found.scope} chooses the {other.region.value} region "
                f"({other.label}, line {other.span.start.line}); a workspace lives "
                "in one region, and requests to the other region's hosts are "
                f"rejected or redirected through it: use "
                f"{_counterpart(site, other)}",
            )
        for client in model.clients:
            yield from _host_without_scheme(client)
        for site in sites(model):
            if site.host is not None and site.host.legacy:
                yield Violation.at(site.span, _retired(site))


def contradictions(model: FileModel) -> list[Contradiction]:
    """Return the host sites that disagree with a region chosen in the same file.

    A client's host is compared with its own region; other hosts with the
    region constants of the file's clients, when those all agree.
    """
    found = []
    chosen: list[RegionSite] = []
    for client in model.clients:
        own = client_sites(client)
        constants = [site for site in own if site.host is None and site.explicit]
        chosen.extend(constants)
        for site in own:
            if site.host is None:
                continue
            other = next((c for c in constants if c.region is not site.region), None)
            if other is not None:
                found.append(Contradiction(site, other, constructor(client)))
    regions = {site.region for site in chosen}
    if len(regions) != 1:
        return found
    for site in sites(model):
        if site.host is None or site.region in regions:
            continue
        if any(item.site.span == site.span for item in found):
            continue
        if site.client is not None and any(c.client is site.client for c in chosen):
            continue
        found.append(Contradiction(site, chosen[0], "this file"))
    return found


def contradicting_spans(model: FileModel) -> set[Span]:
    return {item.site.span for item in contradictions(model)}


def _host_without_scheme(client: Client) -> Iterator[Violation]:
    settings = settings_of(client.sdk, client.class_name)
    if settings is None or not settings.host_needs_scheme or settings.host is None:
        return
    if client.origin is not ClientOrigin.CONSTRUCTED:
        return
    value = lookup(client.arguments, settings.host)
    if value is None or value.kind is not ValueKind.STRING:
        return
    host = host_of(value)
    if host is None or not isinstance(value.literal, str) or "://" in value.literal:
        return
    outcome = _NO_SCHEME.get(client.sdk, "the client cannot build its URL")
    yield Violation.at(
        value.span,
        f"The {settings.host[-1]} of {constructor(client)} is {host.name} without "
        f"a scheme; {outcome}: write https://{host.name}",
    )


def _retired(site: RegionSite) -> str:
    host = site.host
    assert host is not None
    current = host.name.replace("beta-", "")
    return (
        f"{host.name} is the retired name of the App API host: no current SDK "
        "uses it and Customer.io does not document that it is still served: "
        f"use {current}"
    )


def _counterpart(site: RegionSite, other: RegionSite) -> str:
    """Return the host of the same API in the other site's region."""
    host = site.host
    if host is None:
        return f"a host of the {other.region.value} region"
    for candidate in _CURRENT.values():
        if candidate.api is host.api and candidate.region is other.region:
            return candidate.name
    return f"a host of the {other.region.value} region"
