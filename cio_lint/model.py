"""The language-neutral model that front-ends emit and rules read.

Front-ends turn syntax into these records; rules never see a syntax tree. Every
record is immutable so that it can be cached and sent between processes.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from typing import TYPE_CHECKING

from msgspec import Struct, field

if TYPE_CHECKING:
    from cio_lint.edits import Rewrite
    from cio_lint.http_binding import HttpCallSite, HttpClientExport
    from cio_lint.wrappers import Wrapper, WrapperCall


class Position(Struct, frozen=True):
    """A place in a file: 1-based line, 1-based column counted in characters."""

    line: int
    column: int


class Span(Struct, frozen=True):
    """A range of source text; offsets count characters from the start of the file."""

    start: Position
    end: Position
    start_offset: int
    end_offset: int

    def contains(self, position: Position) -> bool:
        start = (self.start.line, self.start.column)
        end = (self.end.line, self.end.column)
        return start <= (position.line, position.column) < end


class Language(enum.Enum):
    PYTHON = "python"
    JAVASCRIPT = "javascript"


class TimeUnit(enum.Enum):
    """The unit or kind of time an expression produces, as far as its source shows."""

    SECONDS = "Unix seconds"
    MILLISECONDS = "milliseconds"
    MICROSECONDS = "microseconds"
    NANOSECONDS = "nanoseconds"
    MONOTONIC = "a monotonic clock reading"
    NAIVE_DATETIME = "a naive local datetime"
    NAIVE_UTC_DATETIME = "a naive UTC datetime"
    AWARE_DATETIME = "a timezone-aware datetime"
    DATE_OBJECT = "a Date object"
    ISO_STRING = "an ISO-8601 string"

    @property
    def epoch_exponent(self) -> int | None:
        """Power of ten that turns Unix seconds into this unit, for epoch counts."""
        return _EPOCH_EXPONENTS.get(self)

    @classmethod
    def from_epoch_exponent(cls, exponent: int) -> TimeUnit | None:
        for unit, unit_exponent in _EPOCH_EXPONENTS.items():
            if unit_exponent == exponent:
                return unit
        return None


_EPOCH_EXPONENTS = {
    TimeUnit.SECONDS: 0,
    TimeUnit.MILLISECONDS: 3,
    TimeUnit.MICROSECONDS: 6,
    TimeUnit.NANOSECONDS: 9,
}


class ValueKind(enum.Enum):
    STRING = "string"
    NUMBER = "number"
    BOOLEAN = "boolean"
    NONE = "none"
    ENV_VAR = "environment variable"
    NAME = "name"
    OBJECT = "object"
    TIME = "time"
    UNKNOWN = "unknown"


class TimeInfo(Struct, frozen=True):
    """A classified time expression: its unit and the expression that fixed it."""

    unit: TimeUnit
    source: str
    source_span: Span
    current: bool = False
    """Set when the expression reads the clock: `time.time()`, `Date.now()`,
    `new Date()`, `datetime.now()`, possibly converted."""


class Field(Struct, frozen=True):
    """One key of an object or dict literal, or one keyword argument."""

    key: str
    value: Value
    key_span: Span | None = None


class Value(Struct, frozen=True):
    """An expression as far as the front-end can tell without running it.

    `span` is where the expression is written at the place it is used. When the
    value comes through a variable, `time.source_span` and `origin` point at the
    expression that was assigned. `defined_in` names the file of `origin` when
    that is another file. A name imported from another project file is a
    `reference` (plus attribute names after it, `reference_path`) until the
    project pass looks it up.
    """

    kind: ValueKind
    span: Span
    text: str
    literal: str | int | float | bool | None = None
    env_var: str | None = None
    name: str | None = None
    time: TimeInfo | None = None
    fields: tuple[Field, ...] | None = None
    constructor: str | None = None
    origin: Span | None = None
    reference: ModuleReference | None = None
    reference_path: tuple[str, ...] = ()
    defined_in: str | None = None
    parameter: str | None = None
    """The parameter of the enclosing function that this expression reads."""
    rewrites: tuple[Rewrite, ...] = ()
    """Replacement code for this expression that the front-end computed, such
    as the same time in Unix seconds; rules choose one for a fix."""
    partial: bool = False
    """Set on an object whose `fields` may miss some of its keys: a spread or
    `**mapping` the front-end cannot see into, positional arguments, or a
    variable that code the front-end cannot follow may change."""
    request_input: RequestInput | None = None
    """The web request input this expression reads, spreads or is."""

    def field(self, key: str) -> Value | None:
        """Return the value of `key` when this is an object with that key."""
        for item in self.fields or ():
            if item.key == key:
                return item.value
        return None


class RequestInput(Struct, frozen=True):
    """Data a web request's caller controls: its body, form or query string.

    `source` is the input as written (`req.body`, `request.json`). `whole` is
    set when the expression is all of it, or an object that spreads all of it,
    rather than one field read from it (`req.body.email`).
    """

    source: str
    whole: bool


class ClientKind(enum.Enum):
    TRACK = "track"
    APP = "app"
    PIPELINES = "pipelines"


class Api(enum.Enum):
    TRACK = "Track API"
    APP = "App API"
    PIPELINES = "Data Pipelines API"


class ClientOrigin(enum.Enum):
    CONSTRUCTED = "constructed"
    ANNOTATION = "annotation"
    MODULE = "module singleton"


class Client(Struct, frozen=True):
    """A Customer.io client the code builds, declares or imports."""

    kind: ClientKind
    sdk: str
    class_name: str
    span: Span
    origin: ClientOrigin
    arguments: tuple[Field, ...] = ()
    retries: Value | None = None
    """The retry count given to the constructor (`retries=0`, `retry: {
    maxRetries: 0 }`), or None when the SDK default applies."""


class Expectation(enum.Enum):
    """The form Customer.io expects in a payload field."""

    UNIX_SECONDS = "Unix seconds"
    PIPELINES_TIME = "a datetime or ISO-8601 string"


class PayloadField(Struct, frozen=True):
    """A value that reaches one field of a request, with what that field expects."""

    path: tuple[str, ...]
    value: Value
    expects: Expectation | None = None

    @property
    def dotted_path(self) -> str:
        return ".".join(self.path)


class ApiCall(Struct, frozen=True):
    """One request to Customer.io, whether through an SDK client or plain HTTP."""

    api: Api
    operation: str
    method: str
    client: Client | None
    span: Span
    arguments: tuple[Field, ...]
    fields: tuple[PayloadField, ...]
    event_name: Value | None = None
    event_data: Value | None = None
    http: HttpRequest | None = None
    """The URL, host, region and auth of a plain HTTP call, or None for SDK calls."""
    wrapper: WrapperUse | None = None
    """The project function this call goes through, when it is made at its caller."""

    context: CallContext = field(default_factory=lambda: CallContext())
    """The call's surroundings (function, try blocks, loop) and its result's fate."""
    spreads: tuple[Value, ...] = ()
    """The `**mapping` objects spread into the call's keyword arguments."""

    written: CallArguments | None = None
    """The arguments as written at an SDK call, before binding; None for HTTP."""

    def fields_expecting(self, expectation: Expectation) -> Iterator[PayloadField]:
        return (item for item in self.fields if item.expects is expectation)


class WrapperUse(Struct, frozen=True):
    """A project wrapper a call goes through: its name as called, and its place.

    `path` is the resolved path of the file that defines the wrapper.
    """

    callee: str
    path: str
    line: int
    guarded: bool = False
    """Set when the wrapper catches the error of the call it makes and neither
    re-raises nor rejects with it."""
    returns_promise: bool = False
    """Set when the wrapper returns or awaits the promise of the call it makes,
    so that the promise its caller receives rejects when the request fails."""
    limited: bool = False
    """Set when the wrapper makes its call under a semaphore or a rate limiter,
    so that callers that start it for many items at once are held back."""


class Region(enum.Enum):
    """The Customer.io data center a host belongs to."""

    US = "US"
    EU = "EU"


class AuthScheme(enum.Enum):
    """The scheme of an HTTP `Authorization` header."""

    BASIC = "Basic"
    BEARER = "Bearer"
    OTHER = "other"


class CredentialForm(enum.Enum):
    """The form of a Basic credential, as far as the source shows it."""

    PAIR = "the base64 of 'user:password'"
    MISSING_PASSWORD = "the base64 of a user name with no password"
    NOT_ENCODED = "text that is not base64-encoded"
    UNKNOWN = "unknown"


class HttpAuth(Struct, frozen=True):
    """The authentication a plain HTTP call sends.

    `span` is the expression that supplies it: the `Authorization` header value
    (where it is assigned, when it comes through a variable) or the auth option.
    `credentials` are the user name and password of Basic auth, as far as they
    are known, or the token of Bearer auth. `scheme_text` is the scheme word as
    written, such as `Token` for an unknown scheme.
    """

    scheme: AuthScheme
    scheme_text: str
    span: Span
    source: str
    credentials: tuple[Value, ...] = ()
    form: CredentialForm = CredentialForm.UNKNOWN


class HttpRequest(Struct, frozen=True):
    """The request line and auth of a plain HTTP call to a Customer.io host.

    `url` is the URL as resolved, with `{…}` where an expression's value is
    unknown. `endpoint` is the catalogue's path template that the method and
    path match, or None. `url_resolved` is set when every part of the URL is
    known except the values of path parameters such as a customer id.
    """

    library: str
    method: str | None
    url: str
    host: str
    path: str
    endpoint: str | None
    region: Region | None
    url_resolved: bool
    url_span: Span
    auth: HttpAuth | None = None
    host_span: Span | None = None
    """The string literal that spells the host, when the front-end found it."""

    body: Value | None = None
    """The JSON body as an object value, when the front-end read one."""
    client_configured_by: str | None = None
    """The code out of view that may set up the client object's retries: a
    function it was handed to (`add_retries(session)`), or the caller that
    passes it in as a parameter."""


class CallArguments(Struct, frozen=True):
    """The arguments written at a call site, before they are bound to parameters.

    `spreads` are `**mapping` (Python) objects whose fields act as keywords;
    `open_ended` is set when a `*args`-style spread hides positional arguments.
    """

    positional: tuple[Value, ...] = ()
    keywords: tuple[Field, ...] = ()
    spreads: tuple[Value, ...] = ()
    open_ended: bool = False


class ModuleReference(Struct, frozen=True):
    """A name imported from another module: the import as written and the export.

    `specifier` is what the import statement names (`./cio`, `.tracking`,
    `app.tracking`); `export` is the exported name (`cio`, or `default`).
    """

    specifier: str
    export: str


class PendingCall(Struct, frozen=True):
    """A method call on an imported name, bound once the project is linked.

    Whether the receiver is a Customer.io client is known only when the file
    that exports it has been analysed, so the call waits for the project pass.
    """

    receiver: ModuleReference
    method: str
    arguments: CallArguments
    span: Span
    context: CallContext = field(default_factory=lambda: CallContext())


class PendingHttpCall(Struct, frozen=True):
    """A plain HTTP call that depends on a name imported from another file.

    Its URL starts with an imported name, or it is made on an imported client
    object. The call reaches Customer.io when the name is a constant that
    names a Customer.io host (`base_url=settings.TRACK_URL`), or the object's
    base URL names one, which is known only once the project is linked.
    """

    site: HttpCallSite
    span: Span
    context: CallContext = field(default_factory=lambda: CallContext())
    receiver: ModuleReference | None = None
    """The imported client object the call is made on (`track_client.put`
    with `track_client = make_track_client()` from another file). The site's
    URL is then the path, and its `library` the method called."""


class Constant(Struct, frozen=True):
    """A value other files can import: a module constant or a class member.

    `name` is dotted within the module: `SIGNED_UP`, `Event.SIGNED_UP.value`,
    `EVENTS.signUp`.
    """

    name: str
    value: Value


class Export(Struct, frozen=True):
    """A module-level name that other files can import, bound to a client."""

    name: str
    client: Client


class SyntaxProblem(Struct, frozen=True):
    """The position and reason of a parse failure.

    `recovered` is set when the parser built a usable tree around the error,
    so that the rest of the file was still analysed.
    """

    message: str
    position: Position
    recovered: bool = False


class StatementRange(Struct, frozen=True):
    """The physical lines of one statement that carries a suppression comment."""

    first_line: int
    last_line: int


class SuppressionComment(Struct, frozen=True):
    """A `noqa` comment: the codes it names (empty means all) and its statement."""

    line: int
    codes: frozenset[str]
    statement: StatementRange


class RequestSource(enum.Enum):
    """The construct that builds a transactional message request."""

    REQUEST_CLASS = "request class"
    SDK_OBJECT = "plain object passed to the SDK"
    HTTP_BODY = "plain HTTP body"


class TransactionalRequest(Struct, frozen=True):
    """One transactional message request: its channel, its fields and its sender.

    `channel` is the send path's last segment (`email`, `push`, `sms`,
    `whatsapp`, `inbox_message`, `in_app`). `span` is where the request is
    built: the request class constructor or the object literal. `fields`
    include the keys set on the same variable after construction. `whole` is
    set only when every field is visible: no spread or `**mapping` of unknown
    content, and no code that could add fields later. `send` is the call that
    sends the request, when it is in the same file. `sdk` is None for plain
    HTTP.
    """

    channel: str
    source: RequestSource
    language: Language
    span: Span
    fields: tuple[Field, ...]
    whole: bool
    sdk: str | None = None
    class_name: str | None = None
    send: Span | None = None

    def field(self, key: str) -> Field | None:
        return next((item for item in self.fields if item.key == key), None)

    def written_fields(self) -> tuple[Field, ...]:
        """Return the fields written as keys of the request's object or call.

        Keys set on the variable afterwards (`req.cc = ...`) carry no key span.
        """
        return tuple(item for item in self.fields if item.key_span is not None)


class SignatureCheck(Struct, frozen=True):
    """A function that verifies the signature of a Customer.io reporting webhook.

    `span` is the HMAC computation or the SDK's verify call. `plain_compare`
    is the `==`-style comparison of a computed and a received signature, when
    the function uses one instead of a constant-time compare. `checks_age` is
    set when the function compares a time with the current clock.
    """

    span: Span
    function: str | None
    checks_age: bool
    plain_compare: Span | None = None


class FileModel(Struct, frozen=True):
    """Everything the rules need to know about one source file."""

    language: Language
    clients: tuple[Client, ...] = ()
    calls: tuple[ApiCall, ...] = ()
    suppressions: tuple[SuppressionComment, ...] = ()
    syntax_error: SyntaxProblem | None = None
    exports: tuple[Export, ...] = ()
    pending_calls: tuple[PendingCall, ...] = ()
    pending_http: tuple[PendingHttpCall, ...] = ()
    http_clients: tuple[HttpClientExport, ...] = ()
    """HTTP client objects that other files can import, with their defaults."""
    constants: tuple[Constant, ...] = ()
    path: str = ""
    """The file's path as shown to the user, set once the project is linked."""
    wrappers: tuple[Wrapper, ...] = ()
    wrapper_calls: tuple[WrapperCall, ...] = ()
    requests: tuple[TransactionalRequest, ...] = ()
    signature_checks: tuple[SignatureCheck, ...] = ()
    """Transactional requests built with a request class, sent here or not."""

    retry_helpers: tuple[str, ...] = ()
    """Functions defined here that call their callable argument again after a
    failure: they loop, catch, wait and call it."""

    unknown_methods: tuple[MethodCall, ...] = ()
    """Calls on known clients to methods the catalogue does not list."""

    sdk_imports: tuple[SdkImport, ...] = ()
    """The imports of Customer.io package modules."""

    framework_handlers: tuple[ErrorHandler, ...] = ()
    """The exception handlers registered with a web application in this file,
    which turn an error raised in any of its routes into a response."""

    unfollowed_imports: frozenset[str] = frozenset()
    """Words of imports that the analysis did not follow into code it left out
    (module path parts and imported names). If one names a module that exports
    a client or a wrapper, the file is analysed again following it."""

    unconnected_lines: tuple[tuple[int, int], ...] = ()
    """The first and last line of each part of the file that the analysis found
    unconnected to Customer.io: left out, or kept without counting."""


class MethodCall(Struct, frozen=True):
    """A call on a Customer.io client to a method its catalogue entry lacks.

    Such calls are kept apart from `ApiCall`s, so that only the rule about
    unknown methods reads them and no other rule takes them for requests.
    """

    client: Client
    method: str
    span: Span
    arguments: CallArguments = CallArguments()


class SdkImport(Struct, frozen=True):
    """An import from a Customer.io package: the module and the name taken.

    `module` is the module path or specifier as written (`customerio`,
    `customerio-node/api`); `name` is the imported name, or None when the
    whole module is imported. `span` is the name, or the module when there is
    no name.
    """

    module: str
    name: str | None
    span: Span


class ResultHandling(enum.Enum):
    """The handling of the value a call returns, such as a promise."""

    AWAITED = "awaited"
    RETURNED = "returned"
    CAUGHT = "chained to a rejection handler"
    COLLECTED = "passed to Promise.all or Promise.allSettled"
    ASSIGNED = "assigned"
    ARGUMENT = "passed to another function"
    VOIDED = "discarded with void"
    FLOATING = "neither awaited, returned nor handled"


class ErrorHandler(Struct, frozen=True):
    """One `except` clause or `catch` block around a call.

    `exception_types` are qualified names as far as imports show them (`requests
    .RequestException`); an empty tuple catches everything. `type_span` is the
    written type expression, or the clause when there is none.
    `status_reads` are the places that read `.status_code` on the caught
    exception.
    """

    exception_types: tuple[str, ...]
    type_span: Span
    reraises: bool = False
    logs: bool = False
    status_reads: tuple[Span, ...] = ()
    empty: bool = False
    """Set when the handler does nothing with the error: its body is empty or
    only `pass`, `...`, `continue`, or a `return` of nothing, None, null or
    undefined."""
    error_logs: tuple[Span, ...] = ()
    """The log calls at info level or above that write the caught
    exception's message or traceback."""
    exits: bool = False
    """Set when the handler always leaves the loop or function around it: its
    body has a `raise`, `throw`, `return` or `break` outside any condition."""
    traceback_logs: tuple[Span, ...] = ()
    """The `error_logs` that write the exception's traceback
    (`logger.exception(...)`, `exc_info=...`), whose last line is the
    exception's text."""
    responds: bool = False
    """Set when the handler raises a web framework's HTTP error
    (`HTTPException(...)`), which the framework turns into a response with the
    status it names instead of a 500."""


class TryBlock(Struct, frozen=True):
    """A `try` statement whose body contains the call, with its handlers."""

    span: Span
    handlers: tuple[ErrorHandler, ...] = ()
    body_calls: tuple[str, ...] = ()
    """The names of the functions the `try` body calls, the Customer.io call
    included, qualified where imports show them."""


class Loop(Struct, frozen=True):
    """A loop over a collection that runs the call once per item.

    `collection` is the source text of what is iterated; `throttled` is set
    when the loop body visibly waits between items or acquires a rate limiter.
    """

    span: Span
    collection: str
    throttled: bool = False
    concurrent: str | None = None
    """The construct that starts every item's call at once (`Promise.all`,
    `asyncio.gather`, `ThreadPoolExecutor.map`), or None when the items run one
    after another."""
    workers: int | None = None
    """The `max_workers` of the thread pool that runs the items, when an integer
    literal or a module-level name bound once to one fixes it, or the smallest
    such argument of a `min(...)` given as `max_workers`."""
    size: int | None = None
    """The maximum number of items in the collection, when its source fixes it:
    the length of a literal, or the literal bounds of a slice."""


class RetryCandidate(Struct, frozen=True):
    """Code around a call that may call it again: a decorator, a function or a loop.

    `name` is the qualified name where imports show it (`tenacity.retry`),
    else the name as written (`with_retries`, `pRetry`), or `retry loop`;
    `span` is where it is applied.
    """

    name: str
    span: Span
    module: str | None = None
    """The import specifier of the module that defines it, when imported."""
    reports_exhaustion: bool = False
    """Set on a retry loop whose `else` clause logs or raises, so that the
    failure of the last attempt is reported even when each handler in the loop
    only goes on to the next attempt."""


class EntryKind(enum.Enum):
    """The role a framework runs a function in, where an escaping error does harm."""

    REQUEST_HANDLER = "request handler"
    QUEUE_CONSUMER = "queue consumer"
    MODEL_SAVE = "model save hook"


class EntryPoint(Struct, frozen=True):
    """A function that a web framework, task queue or ORM calls.

    `source` is how it was recognised, as written (`@app.post`, `@shared_task`,
    `Next.js route handler`). `retries` is set for a task that the queue runs
    again after an error, such as a Celery task with `autoretry_for`.
    """

    kind: EntryKind
    source: str
    retries: bool = False


class CallContext(Struct, frozen=True):
    """The surroundings of a Customer.io call and the handling of its result.

    `result` is None where the language has no promises to handle.
    `try_blocks` list the enclosing `try` statements, the innermost first,
    up to the enclosing function, whose name is `function`.
    `retry_candidates` are the decorators of that function, the functions
    that the call is passed into inside a lambda or arrow function, and the
    loops that run it again after a failure, the innermost first. Rules
    decide which of them retry.
    """

    result: ResultHandling | None = None
    in_async_function: bool = False
    retry_candidates: tuple[RetryCandidate, ...] = ()
    loop: Loop | None = None
    try_blocks: tuple[TryBlock, ...] = ()
    function: str | None = None
    rejection_handler: ErrorHandler | None = None
    """The function chained with `.catch(fn)` or `.then(ok, fn)` onto the
    promise the call returns, or None."""
    status_checked: bool = False
    """Set when the code reads the status of the HTTP response the call
    returns (`.ok`, `.status`, `.status_code`, `raise_for_status()`), or
    hands the response on: returns it or passes it to another function."""
    entry_point: EntryPoint | None = None
    """The entry point the enclosing function is, when the call runs in its
    body and not in a function passed to another call."""
    limited: bool = False
    """Set when the call runs inside `with` or `async with` on a semaphore or a
    rate limiter (`asyncio.Semaphore`, `aiolimiter.AsyncLimiter`), which bounds
    how many calls run at once."""
    conditions: tuple[str, ...] = ()
    """The conditions that hold where the call runs, as source text, innermost
    first, up to the enclosing function.

    Each `if` whose body contains the call gives its test, and its `else` branch
    gives `not (test)`. An earlier `if test: return` (or `raise`, `throw`,
    `continue`) in the same block gives `not (test)` too."""
