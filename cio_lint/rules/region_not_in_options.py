"""CIO301 region-not-in-options: a Region passed where the options object goes."""

from __future__ import annotations

from collections.abc import Iterator

from cio_lint.binding import lookup
from cio_lint.edits import Applicability, Edit, Fix
from cio_lint.findings import Violation
from cio_lint.model import ClientOrigin, FileModel, Region
from cio_lint.rules.base import Rule
from cio_lint.rules.credential_slots import constructor
from cio_lint.sdk.credentials import region_constant, settings_of


class RegionNotInOptions(Rule):
    code = "CIO301"
    name = "region-not-in-options"
    summary = (
        "A customerio-node Region is passed directly instead of inside the "
        "options object, so the client talks to the US."
    )

    def check(self, model: FileModel) -> Iterator[Violation]:
        for client in model.clients:
            settings = settings_of(client.sdk, client.class_name)
            if settings is None or settings.options is None:
                continue
            if client.origin is not ClientOrigin.CONSTRUCTED:
                continue
            value = lookup(client.arguments, (settings.options,))
            region = region_constant(value.name) if value is not None else None
            if value is None or region is None:
                continue
            if region is Region.US:
                effect = (
                    "the client talks to the US only because US is the default, "
                    "and changing it to RegionEU here would have no effect"
                )
            else:
                effect = "the client silently sends the EU workspace's data to the US"
            wrapped = f"{{ region: {value.text} }}"
            yield Violation.at(
                value.span,
                f"{value.text} is passed where {constructor(client)} takes its "
                "options object, which it reads as options without `region`, so "
                f"{effect}: write {wrapped}",
                fix=Fix(
                    Applicability.SAFE,
                    f"Wrap {value.text} in an options object",
                    (Edit.replacing(value.span, wrapped),),
                ),
            )
