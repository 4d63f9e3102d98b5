"""CIO703 removed-import: an import path or name the SDK version does not have."""

from __future__ import annotations

from collections.abc import Iterator

from cio_lint.config import Settings
from cio_lint.findings import Violation
from cio_lint.manifests import VersionLookup
from cio_lint.model import FileModel, SdkImport
from cio_lint.rules.base import Rule
from cio_lint.rules.sdk_version import VersionText
from cio_lint.sdk import removed_imports as catalogue


class RemovedImport(Rule):
    code = "CIO703"
    name = "removed-import"
    summary = (
        "An import of a Customer.io module or name that the SDK version in use "
        "does not export, which fails when the file loads."
    )

    def __init__(self, versions: VersionLookup | None = None) -> None:
        self._versions = VersionText(versions or VersionLookup())

    def configured(self, settings: Settings) -> Rule:
        return RemovedImport(VersionLookup.from_settings(settings))

    def check(self, model: FileModel) -> Iterator[Violation]:
        reported: set[int] = set()
        for item in model.sdk_imports:
            found = self._problem(model, item)
            if found is None:
                continue
            entry, message = found
            # One module import is reported once, however many names it takes.
            if entry.name is None and item.span.start_offset in reported:
                continue
            reported.add(item.span.start_offset)
            # TODO: offer the constants import as an unsafe fix, once the fix
            # machinery lands.
            yield Violation.at(item.span, message)

    def _problem(
        self, model: FileModel, item: SdkImport
    ) -> tuple[catalogue.RemovedImport, str] | None:
        package = catalogue.import_sdk(item.module)
        version = self._versions.of(model.path, package) if package else None
        if version is None:
            return None
        entry = catalogue.removed_import(item.module, item.name, version.version)
        if entry is None:
            return None
        imported = (
            item.module if entry.name is None else f"{item.name} from {item.module}"
        )
        return entry, (
            f"Cannot import {imported} with {version.describe()}: {entry.fact}; "
            f"{entry.instead}"
        )
