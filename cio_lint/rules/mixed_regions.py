"""CIO303 mixed-regions: the project addresses both Customer.io regions.

Without a configured region, the sites of the region the project addresses
less often are reported (on a tie, the US sites: the EU is never chosen by
accident, while US hosts are what documentation examples show). With the
`region` setting, every site of the other region is reported, including
clients left on the default region, which is the US.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

from msgspec import Struct

from cio_lint.config import Settings
from cio_lint.findings import Violation, capitalize_prose
from cio_lint.model import FileModel, Region
from cio_lint.rules.base import ProjectRule, Rule
from cio_lint.rules.host_contradicts_region import contradicting_spans
from cio_lint.rules.region_sites import RegionSite, sites

_EFFECT = (
    "a workspace lives in one region, and requests to the other region's hosts "
    "are rejected or redirected through it"
)


class _Place(Struct, frozen=True):
    path: Path
    model: FileModel
    site: RegionSite

    @property
    def where(self) -> str:
        return f"{self.model.path} line {self.site.span.start.line}"


class MixedRegions(ProjectRule):
    code = "CIO303"
    name = "mixed-regions"
    summary = (
        "The project addresses both the US and the EU region, or a region other "
        "than the configured one."
    )

    def __init__(self, region: str | None = None, config: str | None = None) -> None:
        self.region = Region(region.upper()) if region else None
        self.config = config

    def configured(self, settings: Settings) -> Rule:
        config = settings.config_path.name if settings.config_path else None
        return MixedRegions(settings.region, config)

    def check(self, model: FileModel) -> Iterator[Violation]:
        return iter(())

    def check_project(
        self, models: Mapping[Path, FileModel]
    ) -> Iterator[tuple[Path, Violation]]:
        places = _places(models, with_defaults=self.region is not None)
        if self.region is not None:
            yield from self._against_setting(places, self.region)
            return
        counts = {region: 0 for region in Region}
        for place in places:
            counts[place.site.region] += 1
        if not all(counts.values()):
            return
        minority = Region.US if counts[Region.US] <= counts[Region.EU] else Region.EU
        usual = next(place for place in places if place.site.region is not minority)
        for place in places:
            if place.site.region is minority:
                yield (
                    place.path,
                    Violation.at(
                        place.site.span,
                        f"{capitalize_prose(place.site.label)} addresses the "
                        f"{minority.value} region, but the project addresses the "
                        f"{usual.site.region.value} region "
                        f"{counts[usual.site.region]} time"
                        f"{'s' if counts[usual.site.region] > 1 else ''} "
                        f"({usual.site.label}, {usual.where}); {_EFFECT}: use one "
                        "region everywhere, or set `region` in the configuration",
                    ),
                )

    def _against_setting(
        self, places: list[_Place], region: Region
    ) -> Iterator[tuple[Path, Violation]]:
        source = f" in {self.config}" if self.config else ""
        for place in places:
            if place.site.region is not region:
                yield (
                    place.path,
                    Violation.at(
                        place.site.span,
                        f"{capitalize_prose(place.site.label)} addresses the "
                        f"{place.site.region.value} region, but the configuration"
                        f"{source} sets region = {region.value.lower()!r}; "
                        f"{_EFFECT}: address the {region.value} region",
                    ),
                )


def _places(models: Mapping[Path, FileModel], *, with_defaults: bool) -> list[_Place]:
    """Return each distinct region site of the project, in path order.

    Sites that host-contradicts-region reports are left out: that rule names
    the region they contradict in the same file.
    """
    places = []
    for path, model in sorted(models.items()):
        reported = contradicting_spans(model)
        seen = set()
        for site in sites(model):
            if site.span in reported or site.span in seen:
                continue
            if not site.explicit and not with_defaults:
                continue
            seen.add(site.span)
            places.append(_Place(path, model, site))
    return places
