"""CIO204 hard-coded-credential: a secret written as a string literal."""

from __future__ import annotations

from collections.abc import Iterator

from cio_lint.credentials import redacted, secret_literal
from cio_lint.findings import Violation, capitalize_prose
from cio_lint.model import FileModel
from cio_lint.rules.base import Rule
from cio_lint.rules.credential_slots import slots
from cio_lint.sdk.credentials import Credential


class HardCodedCredential(Rule):
    code = "CIO204"
    name = "hard-coded-credential"
    summary = (
        "An API key or write key is written in the source as a string literal, "
        "in a client's credential argument or an Authorization header."
    )

    def check(self, model: FileModel) -> Iterator[Violation]:
        for slot in slots(model):
            # Site IDs and browser write keys are published in every page that
            # loads the JavaScript snippet, so they are not secrets.
            if slot.public or slot.expects is Credential.SITE_ID:
                continue
            secret = secret_literal(slot.value)
            if secret is None:
                continue
            what = slot.expects.value if slot.expects else "a credential"
            through = f" through {slot.value.name}" if slot.value.name else ""
            place = capitalize_prose(slot.place)
            yield Violation.at(
                slot.value.span,
                f"{place} is {what} written in the source as {redacted(secret)}"
                f"{through}: anyone who can read the code or its "
                "history can send data to the workspace with it; read it from an "
                "environment variable or a secret store, and rotate the key",
            )
