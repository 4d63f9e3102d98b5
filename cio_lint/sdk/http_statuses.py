"""The HTTP libraries that raise on a 4xx or 5xx response by default.

- `requests` and `httpx` return the response for every status and raise only
  from `raise_for_status()`.
- `aiohttp.ClientSession` raises only with `raise_for_status=True`.
- `fetch` (WHATWG Fetch Standard, also `node-fetch`, `cross-fetch` and
  `undici.fetch`) rejects only on network errors. `undici.request` raises on
  an error status only with its `throwOnError` option.
- axios rejects a status outside 2xx (its default `validateStatus`), and got
  and ky reject with `HTTPError` (their default `throwHttpErrors: true`).
"""

from __future__ import annotations

# The libraries, as the front-ends label their calls, whose calls resolve
# with a 401 or 429 response as if it were a success.
_SILENT = frozenset(
    {"requests", "httpx", "aiohttp", "fetch", "node-fetch", "cross-fetch", "undici"}
)
_PYTHON = frozenset({"requests", "httpx", "aiohttp"})


def returns_error_statuses(library: str) -> bool:
    """Tell whether calls labelled `library` return error responses unraised.

    NOTE: options that change the default, such as axios `validateStatus` or
    got's `throwHttpErrors: false`, are not read.
    """
    return package_of(library) in _SILENT


def status_remedy(library: str) -> str:
    """Return how to check the status with the library a call is labelled with."""
    package = package_of(library)
    if package == "aiohttp":
        return "call response.raise_for_status() or read response.status"
    if package in _PYTHON:
        return "call response.raise_for_status() or read response.status_code"
    if library == "undici.request":
        return "read statusCode from the result and handle a failure"
    return "read response.ok or response.status and handle a failure"


def package_of(library: str) -> str:
    """Return the package of a call label: `requests` for `requests.Session.post`."""
    return library.split(" ", 1)[0].split(".", 1)[0]
