"""Top-level definitions left out before LibCST parses a Python file."""

from __future__ import annotations

import textwrap

from cio_lint.languages.python.pruning import Pruned, prune

HEADER = """\
import json
import time
from customerio import CustomerIO

cio = CustomerIO("site", "key")
"""


def _kept_definitions(source: str, follow: frozenset[str] = frozenset()) -> list[str]:
    pruned = prune(textwrap.dedent(source), follow)
    return [
        line.split()[1].split("(")[0].rstrip(":")
        for line in pruned.text.splitlines()
        if line.startswith(("def ", "class "))
    ]


def test_unrelated_definitions_are_left_out() -> None:
    source = (
        HEADER
        + """
def parse(text):
    return json.loads(text)

class Cache:
    def get(self, key):
        return None

def signed_up(user):
    cio.track(customer_id=user, name="signed_up")
"""
    )
    assert _kept_definitions(source) == ["signed_up"]


CONNECTED = (
    HEADER
    + """
from app.tracking import track_signup
from django.http import JsonResponse

def helper(user):
    return {"id": user}

def signed_up(user):
    cio.identify(**helper(user))

def caller(user):
    signed_up(user)

def through_project_import(user):
    track_signup(user)

def view(request):
    return JsonResponse({})

def unrelated():
    return 1
"""
)


def test_definitions_connected_to_customerio_are_kept() -> None:
    assert _kept_definitions(CONNECTED) == ["helper", "signed_up", "caller"]


def test_followed_module_keeps_its_users() -> None:
    assert _kept_definitions(CONNECTED, frozenset({"tracking"})) == [
        "helper",
        "signed_up",
        "caller",
        "through_project_import",
    ]


def test_unfollowed_import_words_are_returned() -> None:
    pruned = prune(CONNECTED, frozenset({"tracking"}))
    unfollowed = prune(CONNECTED).unfollowed

    assert pruned.unfollowed == frozenset({"django", "http", "JsonResponse"})
    assert unfollowed == frozenset(
        {"app", "tracking", "track_signup", "django", "http", "JsonResponse"}
    )
    assert prune(HEADER).unfollowed == frozenset()


def test_local_project_import_keeps_only_its_function() -> None:
    source = (
        HEADER
        + """
def signed_up(user):
    from app.tracking import track_signup

    track_signup(user)

def local_standard_import():
    import os

    return os.getcwd()

def same_word(track_signup):
    return track_signup
"""
    )
    assert _kept_definitions(source, frozenset({"tracking"})) == ["signed_up"]
    assert _kept_definitions(source) == []


def test_helpers_handlers_constants_kept() -> None:
    source = (
        HEADER
        + """
import enum

def with_retries(send):
    for _ in range(3):
        try:
            return send()
        except OSError:
            time.sleep(1)

@app.errorhandler(Exception)
def on_error(error):
    return "", 500

class Events(enum.Enum):
    SIGNED_UP = "signed_up"

class Names:
    SIGNED_UP = "signed_up"

    def all(self):
        return [self.SIGNED_UP]

class Service:
    def run(self):
        return 1
"""
    )
    assert _kept_definitions(source) == [
        "with_retries",
        "on_error",
        "Events",
        "Names",
    ]


def test_verifiers_waiting_code_and_class_attributes_are_kept() -> None:
    source = (
        HEADER
        + """
import hmac
import threading

_stop = threading.Event()

def verify(secret, timestamp, body):
    return hmac.new(secret, b"v0:" + timestamp + b":" + body, "sha256")

def retry(send):
    for attempt in range(3):
        try:
            return send()
        except OSError:
            _stop.wait(2 ** attempt)

class Backoff:
    def call(self, send):
        time.sleep(1)
        return send()

class Launch:
    STARTS_AT = 1717171717000

    def label(self):
        return "launch"

async def awaits(client):
    await client.close()
"""
    )
    assert _kept_definitions(source) == ["verify", "retry", "Backoff", "Launch"]


def test_class_naming_other_constants_is_kept() -> None:
    source = (
        HEADER
        + """
ORDER_PLACED = "OrderPlaced"

class OrderEvent:
    PLACED = ORDER_PLACED
    PAID = Events.ORDER_PAID

    def all(self):
        return [self.PLACED]

class Unpacked:
    SIGNUP, LOGIN = "UserSignedUp", "UserLoggedIn"

    def names(self):
        return [self.SIGNUP]

class View:
    model = Order
    template = None

    def get(self):
        return 1
"""
    )
    assert _kept_definitions(source) == ["OrderEvent", "Unpacked"]


def test_unconnected_lines_include_users_of_unfollowed_imports() -> None:
    source = (
        HEADER
        + """
from app import crm_service

service = crm_service.Crm()
LIMIT = 3

def checkout(user):
    service.event(user.id, "placed")
"""
    )
    pruned = prune(source)

    assert pruned.unconnected_lines == ((9, 9), (12, 13))


def test_urlopen_helper_is_kept() -> None:
    source = """
import json
import urllib.request

def post_json(url, body):
    data = json.dumps(body).encode()
    return urllib.request.urlopen(urllib.request.Request(url, data=data))

def load(path):
    with open(path) as handle:
        return json.load(handle)
"""
    assert _kept_definitions(source) == ["post_json"]


def test_helpers_around_standard_http_clients_are_kept() -> None:
    source = """
import json
from urllib.request import Request, urlopen as open_url
import urllib.request

def post_json(url, body):
    return open_url(Request(url, data=json.dumps(body).encode()))

class JsonClient:
    def post(self, url, body):
        return urllib.request.urlopen(url, data=json.dumps(body).encode())

def load(path):
    return json.load(open(path))
"""
    assert _kept_definitions(source) == ["post_json", "JsonClient"]


def test_comprehension_variable_not_module_name() -> None:
    # `key` is bound inside the comprehension only, so the call's `key` does not
    # make the statement relevant, nor `helper`, which only it calls.
    source = (
        HEADER
        + """
LOOKUP = {key: helper(key) for key in ("a", "b")}

def helper(key):
    return key.upper()

def signed_up(key):
    cio.track(customer_id=key, name="signed_up")
"""
    )
    assert _kept_definitions(source) == ["signed_up"]


def test_offsets_map_back_across_adjacent_gaps() -> None:
    text = "a = 1\ndef f():\n    pass\ndef g():\n    pass\nb = cio()\n"
    pruned = prune(text)

    assert pruned.text == "a = 1\nb = cio()\n"
    start = pruned.text.index("cio")
    assert pruned.original_range(start, start + 5) == (
        text.index("cio"),
        text.index("cio") + 5,
    )
    # A range that ends where lines were left out ends before them.
    assert pruned.original_range(0, 6) == (0, 6)


def test_unparsable_or_untouched_text_is_unchanged() -> None:
    broken = "def f(:\n    pass\n"
    assert prune(broken) == Pruned(broken)
    assert not prune(HEADER).left_out
