"""CIO801 and CIO802: Customer.io webhook signatures checked unsafely."""

from __future__ import annotations

from collections.abc import Iterator

from cio_lint.findings import Violation
from cio_lint.model import FileModel, Language
from cio_lint.rules.base import Rule

_EQUALITY = {Language.PYTHON: "==", Language.JAVASCRIPT: "==="}
_CONSTANT_TIME = {
    Language.PYTHON: "hmac.compare_digest(expected, received)",
    Language.JAVASCRIPT: "crypto.timingSafeEqual on two buffers of equal length",
}


class WebhookSignatureCompare(Rule):
    code = "CIO801"
    name = "webhook-signature-compare"
    summary = (
        "A Customer.io webhook signature is compared with == instead of a "
        "constant-time compare."
    )

    def check(self, model: FileModel) -> Iterator[Violation]:
        for check in model.signature_checks:
            if check.plain_compare is None:
                continue
            yield Violation.at(
                check.plain_compare,
                "The Customer.io webhook signature is compared with "
                f"{_EQUALITY[model.language]}, which stops at the first differing "
                "character, so response times tell "
                "an attacker how much of a forged signature is right: compare with "
                f"{_CONSTANT_TIME[model.language]}",
            )


class WebhookNoFreshness(Rule):
    code = "CIO802"
    name = "webhook-no-freshness"
    summary = (
        "A Customer.io webhook signature is verified without checking the age "
        "of X-CIO-Timestamp."
    )

    def check(self, model: FileModel) -> Iterator[Violation]:
        for check in model.signature_checks:
            if check.checks_age:
                continue
            where = f"{check.function}() " if check.function else ""
            yield Violation.at(
                check.span,
                f"{where}verifies the Customer.io webhook signature but never "
                "compares X-CIO-Timestamp with the current time; the signature "
                "covers the timestamp, not its age, so a captured request can be "
                "replayed later and still verify: reject requests whose timestamp "
                "is more than a few minutes old",
            )
