"""CIO202 swapped-track-credentials: the Track API key where the site ID goes."""

from __future__ import annotations

from collections.abc import Iterator

from cio_lint.credentials import classify, describe
from cio_lint.findings import Violation
from cio_lint.model import FileModel
from cio_lint.rules.base import Rule
from cio_lint.rules.credential_slots import Slot, client_slots, http_slots
from cio_lint.rules.swap_fixes import swap_fix
from cio_lint.sdk.credentials import Credential

_TRACK_KEYS = (Credential.TRACK_KEY, Credential.AMBIGUOUS)


class SwappedTrackCredentials(Rule):
    code = "CIO202"
    name = "swapped-track-credentials"
    summary = (
        "The Track API key is given where the site ID goes and the site ID "
        "where the key goes."
    )

    def check(self, model: FileModel) -> Iterator[Violation]:
        for pair in track_pairs(model):
            if is_swapped(pair):
                yield _violation(pair)


def track_pairs(model: FileModel) -> Iterator[tuple[Slot, Slot]]:
    """Yield the (site ID, Track API key) slots of each client and request."""
    groups = [client_slots(client) for client in model.clients]
    groups += [http_slots(call) for call in model.calls]
    for group in groups:
        roles = [slot.expects for slot in group]
        if roles[:2] == [Credential.SITE_ID, Credential.TRACK_KEY]:
            yield group[0], group[1]


def is_swapped(pair: tuple[Slot, Slot]) -> bool:
    """Tell whether the names show the key first and the site ID second.

    One side is enough when the other does not contradict it: an API key in
    the site ID slot next to an unnamed value, or the reverse.
    """
    first, second = classify(pair[0].value), classify(pair[1].value)
    if first is Credential.SITE_ID or second in _TRACK_KEYS:
        return False
    return first in _TRACK_KEYS or second is Credential.SITE_ID


def _violation(pair: tuple[Slot, Slot]) -> Violation:
    site_slot, key_slot = pair
    evidence = []
    first, second = classify(site_slot.value), classify(key_slot.value)
    if first is not None:
        evidence.append(
            f"{describe(site_slot.value)}, {first.value}, is given as "
            f"{site_slot.parameter}"
        )
    if second is not None:
        evidence.append(
            f"{describe(key_slot.value)}, {second.value}, is given as "
            f"{key_slot.parameter}"
        )
    return Violation.at(
        site_slot.value.span,
        f"The site ID and the Track API key are swapped: {' and '.join(evidence)}; "
        f"{site_slot.owner} takes the site ID first and the Track API key "
        "second, so Customer.io answers every request with 401 Unauthorized: "
        "swap the two",
        fix=swap_fix(
            site_slot.value, key_slot.value, "Swap the site ID and the Track API key"
        ),
    )
