"""Build the transactional requests of a file from what the front-end found.

A request is built by a request class constructor (recorded by the front-end
wherever it is written), passed as a plain object to an SDK send method, or
sent as the JSON body of a plain HTTP call to `/v1/send/<channel>`. This
module depends on no syntax: it reads the file's model after the project pass,
so sends through clients imported from other files count too.
"""

from __future__ import annotations

from cio_lint.model import (
    ApiCall,
    FileModel,
    Language,
    RequestSource,
    Span,
    TransactionalRequest,
    Value,
    ValueKind,
)
from cio_lint.sdk import transactional as catalogue

_SEND_PATH = "/v1/send/"


def constructed(
    value: Value, language: Language, sdk: str
) -> TransactionalRequest | None:
    """Return the request a request class constructor builds, not yet sent."""
    channel = catalogue.channel_of_class(value.constructor or "")
    if channel is None:
        return None
    return TransactionalRequest(
        channel=channel,
        source=RequestSource.REQUEST_CLASS,
        language=language,
        span=value.span,
        fields=value.fields or (),
        whole=False,
        sdk=sdk,
        class_name=value.constructor,
    )


def requests_of(model: FileModel) -> list[TransactionalRequest]:
    """Return every request of a file once, with the send call when it is seen.

    A constructed request that reaches a send call is replaced by the record
    seen at the call, which includes the fields set on its variable.
    """
    sent: dict[int, TransactionalRequest] = {}
    for call in model.calls:
        request = _sent_request(call, model.language)
        if request is not None:
            sent.setdefault(request.span.start_offset, request)
    built = {
        item.span.start_offset: item
        for item in model.requests
        if item.span.start_offset not in sent
    }
    found = [*sent.values(), *built.values()]
    return sorted(found, key=lambda item: item.span.start_offset)


def _sent_request(call: ApiCall, language: Language) -> TransactionalRequest | None:
    if call.http is not None:
        return _http_request(call, language)
    channel = catalogue.channel_of_operation(call.operation)
    value = next((item.value for item in call.arguments if item.key == "request"), None)
    if channel is None or value is None or value.kind is not ValueKind.OBJECT:
        return None
    source = (
        RequestSource.REQUEST_CLASS if value.constructor else RequestSource.SDK_OBJECT
    )
    if value.constructor is not None:
        channel = catalogue.channel_of_class(value.constructor) or channel
    return _record(call, value, channel, source, language)


def _http_request(call: ApiCall, language: Language) -> TransactionalRequest | None:
    http = call.http
    if http is None or http.endpoint is None:
        return None
    if not http.endpoint.startswith(_SEND_PATH):
        return None
    body = next((item.value for item in call.arguments if item.key == "body"), None)
    if body is None or body.kind is not ValueKind.OBJECT:
        return None
    channel = http.endpoint.removeprefix(_SEND_PATH)
    return _record(call, body, channel, RequestSource.HTTP_BODY, language)


def _record(
    call: ApiCall,
    value: Value,
    channel: str,
    source: RequestSource,
    language: Language,
) -> TransactionalRequest:
    sdk = call.client.sdk if call.client is not None else None
    return TransactionalRequest(
        channel=channel,
        source=source,
        language=language,
        span=value.origin or value.span,
        fields=value.fields or (),
        whole=_is_whole(value, call.span),
        sdk=sdk,
        class_name=value.constructor,
        send=call.span,
    )


def _is_whole(value: Value, call: Span) -> bool:
    """Tell whether every field of a sent request is visible.

    A value that came through a variable has an `origin`, and the front-end
    marks it partial unless its variable is used only there. A value without
    one must be written inside the call: an object found elsewhere by
    following strings and options was not checked for later changes.
    """
    if value.partial:
        return False
    if value.origin is not None:
        return True
    return (
        call.start_offset <= value.span.start_offset
        and value.span.end_offset <= call.end_offset
    )
