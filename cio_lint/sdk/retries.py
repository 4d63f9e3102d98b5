"""Built-in retry behaviour of each Customer.io SDK and HTTP library, by version.

Where each fact is found in the packages' code, unless noted:

- customerio-node 5.2.0 `dist/lib/request.js`: retries since 5.0.0, and 4.5.1
  and older never retry;
- Python `customerio` 3.2.0 `client_base.py` and 2.4 `_build_session`;
- customerio-cdp-analytics 1.1.0 `consumer.py`;
- @customerio/cdp-analytics-node 0.5.9 `publisher.ts`;
- ky 1.8.2 `distribution/utils/normalize.js`;
- got's retry defaults, from its documentation (`documentation/7-retry.md`).
"""

from __future__ import annotations

from collections.abc import Sequence

from msgspec import Struct

from cio_lint.model import Field, Value

Version = tuple[int, ...]


class RetryPolicy(Struct, frozen=True):
    """Whether a client retries failed requests by itself, and how."""

    retries: bool
    behaviour: str
    """The responses and errors it retries, as a clause for messages."""

    setting: str | None = None
    """The constructor setting that turns the retries off, such as `retries=0`."""


class _Rule(Struct, frozen=True):
    sdk: str
    since: Version
    policy: RetryPolicy


_NODE_RETRIES = RetryPolicy(
    True,
    "retries 408, 429 and 5xx responses and network errors up to 3 times",
    "retry: { maxRetries: 0 }",
)
_NODE_NONE = RetryPolicy(False, "never retries a failed request")
_PYTHON_RETRIES = RetryPolicy(
    True,
    "retries 500, 502, 503 and 504 responses and connection errors up to 3 "
    "times, and 429 only when Customer.io sends Retry-After",
    "retries=0",
)
_PYTHON_CONNECTION_ONLY = RetryPolicy(
    False, "retries connection errors only, never a 429 or 5xx response"
)

# Newest first within each SDK: the first rule whose `since` the version
# reaches applies.
_RULES = (
    _Rule("customerio-node", (5,), _NODE_RETRIES),
    _Rule("customerio-node", (0,), _NODE_NONE),
    _Rule("customerio", (3,), _PYTHON_RETRIES),
    _Rule("customerio", (0,), _PYTHON_CONNECTION_ONLY),
    _Rule(
        "customerio-cdp-analytics",
        (0,),
        RetryPolicy(True, "retries 429, 5xx and network errors in the background"),
    ),
    _Rule(
        "@customerio/cdp-analytics-node",
        (0,),
        RetryPolicy(True, "retries every failure except 400 up to 3 times"),
    ),
    _Rule(
        "@customerio/cdp-analytics-browser",
        (0,),
        RetryPolicy(True, "puts failed sends back in a retry queue"),
    ),
)

# The constructor parameter, and the keys inside it, that give each client
# class its retry count.
_SETTINGS: dict[tuple[str, str], tuple[str, ...]] = {
    ("customerio", "CustomerIO"): ("retries",),
    ("customerio", "APIClient"): ("retries",),
    ("customerio-node", "TrackClient"): ("defaults", "retry", "maxRetries"),
    ("customerio-node", "APIClient"): ("defaults", "retry", "maxRetries"),
    ("customerio-node", "PipelinesClient"): ("defaults", "retry", "maxRetries"),
    ("@customerio/cdp-analytics-node", "Analytics"): ("settings", "maxRetries"),
    ("customerio-cdp-analytics", "Client"): ("max_retries",),
}

# HTTP libraries that retry by themselves, with the methods they retry. got
# and ky retry twice on 408, 413, 429 and 5xx responses, but not POST or PATCH.
IDEMPOTENT_METHODS = frozenset({"GET", "PUT", "HEAD", "DELETE", "OPTIONS", "TRACE"})
HTTP_LIBRARIES_WITH_RETRY = frozenset({"got", "ky"})


# The wrapper name front-ends give a loop that calls again after a failure:
# `for attempt in range(3)` or a `while` loop that sleeps, around a `try`.
RETRY_LOOP = "retry loop"

# Decorators and functions of retry libraries, by qualified name: the call
# they wrap is tried again when it raises or rejects.
RETRY_WRAPPERS = frozenset(
    {
        RETRY_LOOP,
        "tenacity.retry",
        "tenacity.Retrying",
        "tenacity.AsyncRetrying",
        "backoff.on_exception",
        "backoff.on_predicate",
        "retrying.retry",
        "stamina.retry",
        "stamina.retry_context",
        "p-retry",
        "p-retry.default",
        "async-retry",
        "exponential-backoff.backOff",
        "requests.adapters.HTTPAdapter",
        "axios-retry",
    }
)


def sdk_policy(sdk: str, version: Version) -> RetryPolicy | None:
    """Return the retry behaviour of `sdk` at `version`, or None when not known."""
    for rule in _RULES:
        if rule.sdk == sdk and version >= rule.since:
            return rule.policy
    return None


def retry_setting(
    sdk: str, class_name: str, arguments: Sequence[Field]
) -> Value | None:
    """Return the retry count given to a client's constructor, if any."""
    path = _SETTINGS.get((sdk, class_name))
    if path is None:
        return None
    value = next((item.value for item in arguments if item.key == path[0]), None)
    for key in path[1:]:
        if value is None:
            return None
        value = value.field(key)
    return value


def retries_off(setting: Value | None) -> bool:
    """Tell whether a constructor's retry count is a literal zero."""
    if setting is None or isinstance(setting.literal, bool):
        return False
    return setting.literal == 0


def sends_synchronously(sdk: str, arguments: Sequence[Field]) -> bool:
    """Tell whether a customerio-cdp-analytics client is built with sync_mode=True.

    In sync mode each call is sent at once, with no queue and no retries.
    """
    if sdk != "customerio-cdp-analytics":
        return False
    value = next((item.value for item in arguments if item.key == "sync_mode"), None)
    return value is not None and value.literal is True


def http_library_retries(library: str, method: str | None) -> bool:
    """Tell whether a plain HTTP call's library retries this method by itself."""
    name = library.split(".")[0].split(" ")[0]
    if name not in HTTP_LIBRARIES_WITH_RETRY:
        return False
    return (method or "GET").upper() in IDEMPOTENT_METHODS
