"""CIO702 signature-mismatch: arguments the SDK version rejects or misreads."""

from __future__ import annotations

from collections.abc import Iterator

from cio_lint import sdk
from cio_lint.config import Settings
from cio_lint.findings import Violation
from cio_lint.manifests import SdkVersion, VersionLookup
from cio_lint.model import (
    ApiCall,
    CallArguments,
    Field,
    FileModel,
    Language,
    ValueKind,
)
from cio_lint.rules.base import Rule
from cio_lint.rules.sdk_version import VersionText
from cio_lint.sdk import absences, signatures
from cio_lint.sdk.python import PIPELINES_SDK
from cio_lint.sdk.signatures import Signature
from cio_lint.sdk.specs import ClientSpec, ParamKind

# Keywords that customerio 3.0 made parameters, while 2.x stored them as event data.
_DATA_KEYWORDS = ("data", "id", "timestamp")


class SignatureMismatch(Rule):
    code = "CIO702"
    name = "signature-mismatch"
    summary = (
        "Arguments that the SDK version in use rejects with a TypeError or "
        "reads as something else."
    )

    def __init__(self, versions: VersionLookup | None = None) -> None:
        self._versions = VersionText(versions or VersionLookup())

    def configured(self, settings: Settings) -> Rule:
        return SignatureMismatch(VersionLookup.from_settings(settings))

    def check(self, model: FileModel) -> Iterator[Violation]:
        for call in model.calls:
            # A call expanded from a project wrapper keeps only the caller's
            # arguments, which differ from the arguments of the SDK call.
            if getattr(call, "wrapper", None) is not None:
                continue
            if call.client is None or call.written is None:
                continue
            spec = sdk.spec_of(call.client)
            version = self._versions.of(model.path, spec.sdk)
            if version is None or _absent(spec, call.method, version):
                continue
            found = _problem(model.language, spec, call, call.written, version)
            if found is not None:
                yield found


def _absent(spec: ClientSpec, method: str, version: SdkVersion) -> bool:
    absence = absences.absence(spec.sdk, spec.class_name, method)
    return absence is not None and absence.applies(version.version)


def _problem(
    language: Language,
    spec: ClientSpec,
    call: ApiCall,
    written: CallArguments,
    version: SdkVersion,
) -> Violation | None:
    signature = signatures.signature(spec, call.method, version.version)
    if signature is None:
        return None
    accepted = f"{version.describe()} has {_signature_text(call.method, signature)}"
    if language is Language.JAVASCRIPT:
        return _javascript(call, written, signature, accepted)
    return (
        _python_keywords(call, written, signature, accepted)
        or _python_positional(call, written, signature, accepted)
        or _page_category(spec, call, written, version)
    )


def _signature_text(method: str, signature: Signature) -> str:
    names = [
        f"**{param.name}" if param.kind is ParamKind.VAR_KEYWORD else param.name
        for param in signature.params
    ]
    return f"{method}({', '.join(names)})"


def _python_keywords(
    call: ApiCall, written: CallArguments, signature: Signature, accepted: str
) -> Violation | None:
    """Report a keyword with no parameter, or one that a parameter gets twice."""
    names = [param.name for param in signature.params]
    takes_extra = any(p.kind is ParamKind.VAR_KEYWORD for p in signature.params)
    positional = names[: len(written.positional)]
    seen: set[str] = set()
    for keyword in _keywords(written):
        span = keyword.key_span or keyword.value.span
        if keyword.key in positional or keyword.key in seen:
            return Violation.at(
                span,
                f"{call.method} gets {keyword.key} twice (TypeError: multiple "
                f"values): {accepted}",
            )
        seen.add(keyword.key)
        if keyword.key not in names and not takes_extra:
            return Violation.at(
                span, _unexpected(call, keyword.key, signature, accepted)
            )
        if takes_extra and signature.since == () and _stored_as_data(call, keyword.key):
            return Violation.at(
                span,
                f"{keyword.key}= becomes an event attribute named {keyword.key}, "
                f"not the event's {keyword.key}: {accepted}; upgrade to customerio "
                f"3 or pass event data as keywords",
            )
    return None


def _keywords(written: CallArguments) -> Iterator[Field]:
    yield from written.keywords
    for spread in written.spreads:
        yield from spread.fields or ()


def _stored_as_data(call: ApiCall, key: str) -> bool:
    return call.method in ("track", "track_anonymous") and key in _DATA_KEYWORDS


def _unexpected(call: ApiCall, key: str, signature: Signature, accepted: str) -> str:
    message = f"{call.method} takes no keyword {key} (TypeError): {accepted}"
    if call.method in ("track", "track_anonymous") and signature.since >= (3,):
        # TODO: offer an unsafe fix that moves the extra keywords into
        # data={...}, once the fix machinery lands.
        message += "; event data goes in data={...}"
    return message


def _python_positional(
    call: ApiCall, written: CallArguments, signature: Signature, accepted: str
) -> Violation | None:
    """Report too many or too few positional arguments."""
    positional_names = [
        param.name
        for param in signature.params
        if param.kind is ParamKind.POSITIONAL_OR_KEYWORD
    ]
    count = len(written.positional)
    if not written.open_ended and count > len(positional_names):
        extra = written.positional[len(positional_names)]
        return Violation.at(
            extra.span,
            f"{call.method} takes at most {len(positional_names)} positional "
            f"arguments, {count} given (TypeError): {accepted}",
        )
    if written.open_ended or any(item.fields is None for item in written.spreads):
        return None
    by_keyword = {item.key for item in _keywords(written)}
    missing = [
        name
        for name in positional_names[count : signature.required]
        if name not in by_keyword
    ]
    if not missing:
        return None
    return Violation.at(
        call.span,
        f"{call.method} is missing {', '.join(missing)} (TypeError): {accepted}",
    )


def _page_category(
    spec: ClientSpec, call: ApiCall, written: CallArguments, version: SdkVersion
) -> Violation | None:
    """Report `page(user_id, "Name")`, whose second argument is the category."""
    if spec.sdk != PIPELINES_SDK or call.method not in ("page", "screen"):
        return None
    if len(written.positional) != 2 or written.open_ended:
        return None
    if any(item.key in ("name", "category") for item in _keywords(written)):
        return None
    second = written.positional[1]
    if second.kind is not ValueKind.STRING:
        return None
    return Violation.at(
        second.span,
        f"The second positional argument of {call.method} is the category, not "
        f"the name: {version.describe()} has {call.method}(user_id, category, "
        f"name, ...); "
        f"pass name={second.text}",
    )


def _javascript(
    call: ApiCall,
    written: CallArguments,
    signature: Signature,
    accepted: str,
) -> Violation | None:
    count = len(written.positional)
    if call.method == "trackAnonymous" and signature.since and count == 1:
        only = written.positional[0]
        if only.kind is ValueKind.OBJECT:
            return Violation.at(
                only.span,
                f"trackAnonymous(data) is the customerio-node 2.x form: {accepted}; "
                f"pass the anonymous id first and the event second",
            )
    if written.open_ended or count <= len(signature.params):
        return None
    extra = written.positional[len(signature.params)]
    return Violation.at(
        extra.span,
        f"{call.method} ignores arguments after the first "
        f"{len(signature.params)}: {accepted}",
    )
