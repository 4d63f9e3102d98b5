"""Helpers the region rules share: each place that picks a Customer.io region.

A site is a region constant given to a client (`region=Regions.EU`,
`{ region: RegionEU }`), a host given to a client (`host=`, `url:`) or named
by a plain HTTP call, or a client left on its default region (US).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from msgspec import Struct

from cio_lint.binding import lookup
from cio_lint.model import Client, ClientOrigin, FileModel, Region, Span, Value
from cio_lint.model import ValueKind as Kind
from cio_lint.rules.credential_slots import constructor
from cio_lint.sdk import http as catalogue
from cio_lint.sdk.credentials import ClientSettings, region_constant, settings_of

_HOST = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*://)?(?P<host>[^/?#:]+)")


class RegionSite(Struct, frozen=True):
    """A place that addresses one region.

    `explicit` is False for a client that names no region and no host, and so
    talks to the US by default. `host` is the catalogue's host for host sites.
    """

    region: Region
    span: Span
    label: str
    explicit: bool = True
    host: catalogue.Host | None = None
    client: Client | None = None


def host_of(value: Value) -> catalogue.Host | None:
    """Return the Customer.io host a string literal names, with or without scheme."""
    if value.kind is not Kind.STRING or not isinstance(value.literal, str):
        return None
    match = _HOST.match(value.literal.strip())
    return catalogue.host(match.group("host")) if match else None


def client_sites(client: Client) -> list[RegionSite]:
    """Return the region sites of one constructed client."""
    settings = settings_of(client.sdk, client.class_name)
    if settings is None or client.origin is not ClientOrigin.CONSTRUCTED:
        return []
    sites = []
    region = _region_value(client, settings)
    if region is not None:
        named = region_constant(region.name)
        if named is not None:
            sites.append(RegionSite(named, region.span, region.text, client=client))
    host_value = lookup(client.arguments, settings.host) if settings.host else None
    host = host_of(host_value) if host_value is not None else None
    if host_value is not None and host is not None:
        sites.append(
            RegionSite(
                host.region,
                host_value.span,
                f"host {host.name}",
                host=host,
                client=client,
            )
        )
    if region is None and host_value is None and _defaults_visible(client, settings):
        sites.append(
            RegionSite(
                Region.US,
                client.span,
                f"{constructor(client)} with no region (the US default)",
                explicit=False,
                client=client,
            )
        )
    return sites


def _region_value(client: Client, settings: ClientSettings) -> Value | None:
    """Return the region given to a client, also when passed as the options."""
    if settings.options is not None:
        options = lookup(client.arguments, (settings.options,))
        if options is not None and region_constant(options.name) is not None:
            return options
    return lookup(client.arguments, settings.region) if settings.region else None


def _defaults_visible(client: Client, settings: ClientSettings) -> bool:
    """Tell whether the client surely uses its default region.

    Only clients whose region and host options can all be seen count: an
    options object built elsewhere may hold a region. A Data Pipelines client
    in Python picks its region from a prefixed write key, so it never counts.
    """
    if not settings.default_region:
        return False
    container = (settings.region or settings.host or ("",))[:-1]
    if not container:
        return True
    holder = lookup(client.arguments, container)
    # NOTE: an options object is taken as complete, so a region that reaches it
    # through a spread (`{ ...defaults }`) may be missed.
    return holder is None or holder.kind is Kind.OBJECT


def sites(model: FileModel) -> Iterator[RegionSite]:
    """Yield every region site of a file, clients first, then HTTP calls."""
    for client in model.clients:
        yield from client_sites(client)
    for call in model.calls:
        request = call.http
        # A call through a wrapper uses the host the wrapper's own call spells.
        if request is None or call.wrapper is not None:
            continue
        host = catalogue.host(request.host)
        if host is not None:
            yield RegionSite(
                host.region,
                request.host_span or request.url_span,
                f"host {host.name}",
                host=host,
            )
