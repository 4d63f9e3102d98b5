"""CIO201 wrong-key-type: a credential of one kind where another belongs.

Within a file, a value whose name says it is an App API key fills a Track
slot, a Track API key fills an App slot, and so on. Across the project, one
environment variable whose name does not tell what it contains fills two
different slots: one of the two places is wrong, and both are reported.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from pathlib import Path

from cio_lint.credentials import classify, classify_name, describe
from cio_lint.findings import Violation, capitalize_prose
from cio_lint.model import FileModel
from cio_lint.rules.base import ProjectRule
from cio_lint.rules.credential_slots import Slot, slots
from cio_lint.rules.extra_app_credential import extra_credential
from cio_lint.rules.swapped_track_credentials import is_swapped, track_pairs
from cio_lint.sdk.credentials import Credential

_REJECTED = "so Customer.io answers every request with 401 Unauthorized"


class WrongKeyType(ProjectRule):
    code = "CIO201"
    name = "wrong-key-type"
    summary = (
        "An App API key is given where a Track API key belongs, or the reverse "
        "(also across files, through one environment variable)."
    )

    def check(self, model: FileModel) -> Iterator[Violation]:
        for slot in checked_slots(model):
            found = classify(slot.value)
            expects = slot.expects
            if found is None or found is Credential.AMBIGUOUS or expects is None:
                continue
            if found is not expects:
                yield Violation.at(
                    slot.value.span,
                    f"{capitalize_prose(describe(slot.value))} is {found.value}, but "
                    f"{slot.place} takes {expects.value}, {_REJECTED}: "
                    f"give it {expects.value}",
                )

    def check_project(
        self, models: Mapping[Path, FileModel]
    ) -> Iterator[tuple[Path, Violation]]:
        uses: dict[str, list[tuple[Path, FileModel, Slot]]] = defaultdict(list)
        for path, model in sorted(models.items()):
            for slot in checked_slots(model):
                variable = slot.value.env_var
                if variable is None or slot.expects is None:
                    continue
                # A variable whose name names its credential is checked per file.
                named = classify_name(variable)
                if named is None or named is Credential.AMBIGUOUS:
                    uses[variable].append((path, model, slot))

        for variable, places in uses.items():
            roles = {slot.expects for _, _, slot in places}
            if len(roles) < 2:
                continue
            for path, _, slot in places:
                _, other_model, other = next(
                    item for item in places if item[2].expects is not slot.expects
                )
                assert other.expects is not None and slot.expects is not None
                yield (
                    path,
                    Violation.at(
                        slot.value.span,
                        f"Environment variable {variable} is given as "
                        f"{slot.expects.value} here ({slot.place}) and as "
                        f"{other.expects.value} in {other_model.path} line "
                        f"{other.value.span.start.line} ({other.place}); one "
                        f"credential cannot be both, {_REJECTED} in one of the two "
                        "places: use a variable for each credential, named for it",
                    ),
                )


def checked_slots(model: FileModel) -> Iterator[Slot]:
    """Yield the slots with a known role that another rule does not cover.

    Swapped Track credentials and a second credential given to APIClient are
    reported by their own rules, so their slots are left out here.
    """
    covered: set[int] = set()
    for pair in track_pairs(model):
        if is_swapped(pair):
            covered.update(id(slot.value) for slot in pair)
    for client in model.clients:
        if extra_credential(client) is not None:
            covered.update(id(item.value) for item in client.arguments)
    for slot in slots(model):
        if slot.expects is not None and id(slot.value) not in covered:
            yield slot
