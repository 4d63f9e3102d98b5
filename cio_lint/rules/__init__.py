"""The registry of rules, in code order."""

from __future__ import annotations

from cio_lint.rules.base import Rule
from cio_lint.rules.burst_concurrency import BurstConcurrency
from cio_lint.rules.created_at_reset import CreatedAtReset
from cio_lint.rules.date_object_timestamp import DateObjectTimestamp
from cio_lint.rules.dead_error_handling import DeadErrorHandling
from cio_lint.rules.dropped_request_field import DroppedRequestField
from cio_lint.rules.event_name_style import EventNameStyleRule
from cio_lint.rules.event_time_in_attributes import EventTimeInAttributes
from cio_lint.rules.extra_app_credential import ExtraAppCredential
from cio_lint.rules.floating_promise import FloatingPromise
from cio_lint.rules.hard_coded_credential import HardCodedCredential
from cio_lint.rules.host_contradicts_region import HostContradictsRegion
from cio_lint.rules.inconsistent_event_name import InconsistentEventName
from cio_lint.rules.invalid_request_literal import InvalidRequestLiteral
from cio_lint.rules.malformed_event_name import MalformedEventName
from cio_lint.rules.millisecond_timestamp import MillisecondTimestamp
from cio_lint.rules.missing_request_field import MissingRequestField
from cio_lint.rules.mixed_regions import MixedRegions
from cio_lint.rules.naive_local_datetime import NaiveLocalDatetime
from cio_lint.rules.nested_retry import NestedRetry
from cio_lint.rules.no_retry import NoRetry
from cio_lint.rules.payload_logged import PayloadLogged
from cio_lint.rules.pipelines_timestamp_type import PipelinesTimestampType
from cio_lint.rules.plain_object_request import PlainObjectRequest
from cio_lint.rules.region_as_string import RegionAsString
from cio_lint.rules.region_not_in_options import RegionNotInOptions
from cio_lint.rules.removed_import import RemovedImport
from cio_lint.rules.secret_in_payload import SecretInPayload
from cio_lint.rules.signature_mismatch import SignatureMismatch
from cio_lint.rules.swallowed_error import SwallowedError
from cio_lint.rules.swapped_track_credentials import SwappedTrackCredentials
from cio_lint.rules.syntax_error import SyntaxErrorRule
from cio_lint.rules.unchecked_response import UncheckedResponse
from cio_lint.rules.unguarded_call import UnguardedCall
from cio_lint.rules.unknown_endpoint import UnknownEndpoint
from cio_lint.rules.unknown_method import UnknownMethod
from cio_lint.rules.unthrottled_loop import UnthrottledLoop
from cio_lint.rules.untrusted_payload import UntrustedPayload
from cio_lint.rules.webhook_signature import WebhookNoFreshness, WebhookSignatureCompare
from cio_lint.rules.wrong_auth_scheme import WrongAuthScheme
from cio_lint.rules.wrong_key_type import WrongKeyType

ALL_RULES: tuple[Rule, ...] = (
    SyntaxErrorRule(),
    MillisecondTimestamp(),
    DateObjectTimestamp(),
    NaiveLocalDatetime(),
    PipelinesTimestampType(),
    EventTimeInAttributes(),
    CreatedAtReset(),
    WrongKeyType(),
    SwappedTrackCredentials(),
    ExtraAppCredential(),
    HardCodedCredential(),
    WrongAuthScheme(),
    SecretInPayload(),
    UntrustedPayload(),
    PayloadLogged(),
    RegionNotInOptions(),
    RegionAsString(),
    MixedRegions(),
    HostContradictsRegion(),
    EventNameStyleRule(),
    MalformedEventName(),
    InconsistentEventName(),
    NoRetry(),
    FloatingPromise(),
    UnthrottledLoop(),
    DeadErrorHandling(),
    NestedRetry(),
    UnguardedCall(),
    SwallowedError(),
    UncheckedResponse(),
    BurstConcurrency(),
    PlainObjectRequest(),
    MissingRequestField(),
    DroppedRequestField(),
    InvalidRequestLiteral(),
    UnknownMethod(),
    SignatureMismatch(),
    RemovedImport(),
    UnknownEndpoint(),
    WebhookSignatureCompare(),
    WebhookNoFreshness(),
)


def known_rules() -> dict[str, str]:
    """Return every rule's code mapped to its name."""
    return {rule.code: rule.name for rule in ALL_RULES}


def rule_by_code(code: str) -> Rule | None:
    return next((rule for rule in ALL_RULES if rule.code == code), None)
