"""The choice of fixes a run applies: applicability, `fixable` and `unfixable`."""

from __future__ import annotations

from collections.abc import Mapping

from msgspec import Struct

from cio_lint.config import Settings
from cio_lint.edits import Applicability
from cio_lint.findings import Finding
from cio_lint.selection import matching_codes


class FixPolicy(Struct, frozen=True):
    """The codes whose fixes may be applied, and whether unsafe fixes are."""

    fixable_codes: frozenset[str]
    unsafe: bool = False

    @classmethod
    def build(
        cls, settings: Settings, known: Mapping[str, str], *, unsafe: bool
    ) -> FixPolicy:
        """Resolve the `fixable` and `unfixable` selectors against `known` rules."""
        fixable = (
            frozenset(known)
            if settings.fixable is None
            else matching_codes(settings.fixable, known)
        )
        return cls(fixable - matching_codes(settings.unfixable, known), unsafe)

    def applies(self, finding: Finding) -> bool:
        """Tell whether `--fix` applies the finding's fix under this policy."""
        fix = finding.fix
        if fix is None or finding.code not in self.fixable_codes:
            return False
        if fix.applicability is Applicability.SAFE:
            return True
        return self.unsafe and fix.applicability is Applicability.UNSAFE
