"""The Python front-end recognises clients in the forms real code keeps them."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from cio_lint.languages.python import PythonFrontend
from cio_lint.model import ClientKind, ClientOrigin, FileModel


def analyze(source: str) -> FileModel:
    return PythonFrontend().analyze(textwrap.dedent(source).lstrip("\n"), Path("x.py"))


def operations(source: str) -> list[tuple[int, str, str]]:
    """Return (line, client class, operation) of each recognised call."""
    model = analyze(source)
    return [
        (
            call.span.start.line,
            call.client.class_name if call.client else "",
            call.operation,
        )
        for call in model.calls
    ]


def test_module_variable_client() -> None:
    source = """
    from customerio import CustomerIO
    cio = CustomerIO(SITE_ID, KEY)
    cio.identify(id=1)
    """
    assert operations(source) == [(3, "CustomerIO", "identify")]


def test_import_module_and_alias() -> None:
    source = """
    import customerio as cio_sdk
    client = cio_sdk.CustomerIO(SITE_ID, KEY)
    client.track(1, "signed_up")
    """
    assert operations(source) == [(3, "CustomerIO", "event")]


def test_aliased_class_import() -> None:
    source = """
    from customerio import APIClient as App, SendEmailRequest
    api = App(KEY)
    api.send_email(SendEmailRequest(to="a@b.c"))
    """
    assert operations(source) == [(3, "APIClient", "transactional email")]


def test_submodule_import_path() -> None:
    source = """
    from customerio.track import CustomerIO
    CustomerIO(SITE_ID, KEY).delete(1)
    """
    assert operations(source) == [(2, "CustomerIO", "delete person")]


def test_client_on_self() -> None:
    source = """
    from customerio import CustomerIO

    class Tracker:
        def __init__(self):
            self.client = CustomerIO(SITE_ID, KEY)

        def event(self, user, name):
            self.client.track(user.id, name)
    """
    assert operations(source) == [(8, "CustomerIO", "event")]


def test_lazy_client_on_self_assigned_none_first() -> None:
    source = """
    from customerio import CustomerIO

    class Tracker:
        def __init__(self):
            self._client = None

        def connect(self):
            self._client = CustomerIO(SITE_ID, KEY)

        def event(self, user, name):
            self._client.track(user.id, name)
    """
    assert operations(source) == [(11, "CustomerIO", "event")]


def test_class_attribute_client() -> None:
    source = """
    from customerio import CustomerIO

    class Tracker:
        client = CustomerIO(SITE_ID, KEY)

        @classmethod
        def event(cls, user, name):
            cls.client.track(user.id, name)

        def other(self, user):
            Tracker.client.delete(user.id)
    """
    assert operations(source) == [
        (8, "CustomerIO", "event"),
        (11, "CustomerIO", "delete person"),
    ]


def test_property_returning_client() -> None:
    source = """
    from functools import cached_property
    from customerio import CustomerIO

    class Tracker:
        @cached_property
        def client(self):
            return CustomerIO(SITE_ID, KEY)

        def event(self, user):
            self.client.identify(id=user.id)
    """
    assert operations(source) == [(10, "CustomerIO", "identify")]


@pytest.mark.parametrize(
    "annotation",
    [
        "CustomerIO",
        '"CustomerIO"',
        "Optional[CustomerIO]",
        "CustomerIO | None",
        "customerio.CustomerIO",
    ],
)
def test_annotated_parameter(annotation: str) -> None:
    source = f"""
    from typing import Optional
    import customerio
    from customerio import CustomerIO

    def sync(client: {annotation}, user):
        client.identify(id=user.id)
    """
    model = analyze(source)

    assert [(call.span.start.line, call.operation) for call in model.calls] == [
        (6, "identify")
    ]
    assert model.clients[0].origin is ClientOrigin.ANNOTATION


def test_annotated_class_attribute() -> None:
    source = """
    from customerio import CustomerIO

    class Service:
        client: CustomerIO

        def run(self, user):
            self.client.identify(id=user.id)
    """
    assert operations(source) == [(7, "CustomerIO", "identify")]


def test_factory_function_in_same_module() -> None:
    source = """
    from functools import lru_cache
    from customerio import CustomerIO

    @lru_cache
    def get_client():
        return CustomerIO(SITE_ID, KEY)

    def sync(user):
        get_client().identify(id=user.id)
        cio = get_client()
        cio.delete(user.id)
    """
    assert operations(source) == [
        (9, "CustomerIO", "identify"),
        (11, "CustomerIO", "delete person"),
    ]


def test_factory_with_return_annotation() -> None:
    source = """
    from customerio import CustomerIO

    def get_client() -> CustomerIO:
        return build_from_settings()

    get_client().identify(id=1)
    """
    assert operations(source) == [(6, "CustomerIO", "identify")]


def test_context_manager_client() -> None:
    source = """
    from customerio import CustomerIO

    with CustomerIO(SITE_ID, KEY) as cio:
        cio.identify(id=1)
    """
    assert operations(source) == [(4, "CustomerIO", "identify")]


def test_pipelines_module_functions() -> None:
    source = """
    from customerio import analytics

    analytics.write_key = KEY
    analytics.track(user_id="1", event="Signed Up")
    """
    model = analyze(source)

    assert [(c.span.start.line, c.operation) for c in model.calls] == [(4, "event")]
    assert model.calls[0].client is not None
    assert model.calls[0].client.kind is ClientKind.PIPELINES


def test_pipelines_client_class() -> None:
    source = """
    from customerio.analytics import Client

    analytics = Client(write_key=KEY)
    analytics.identify(user_id="1", traits={})
    """
    assert operations(source) == [(4, "Client", "identify")]


def test_unknown_receivers_are_not_clients() -> None:
    source = """
    from customerio import CustomerIO
    from django.utils.module_loading import import_string

    def backend():
        return import_string(settings.BACKEND)()

    def remember(user, cache):
        backend().identify(id=user.id)
        cache.track(user.id, "SignedUp")
        get_cache().track(user.id, "x")
    """
    assert operations(source) == []


def test_name_reassigned_to_other_object_is_not_a_client() -> None:
    source = """
    from customerio import CustomerIO

    cio = CustomerIO(SITE_ID, KEY)
    cio = FakeClient()
    cio.identify(id=1)
    """
    assert operations(source) == []


def test_shadowed_parameter_is_not_module_client() -> None:
    source = """
    from customerio import CustomerIO

    cio = CustomerIO(SITE_ID, KEY)

    def handler(cio):
        cio.identify(id=1)
    """
    assert operations(source) == []


def test_unknown_method_is_not_a_call() -> None:
    source = """
    from customerio import CustomerIO

    cio = CustomerIO(SITE_ID, KEY)
    cio.not_a_method(1)
    """
    assert operations(source) == []


def test_constructed_clients_are_recorded() -> None:
    source = """
    from customerio import APIClient, CustomerIO, Regions

    track = CustomerIO(SITE_ID, KEY, region=Regions.EU)
    app = APIClient(APP_KEY)
    """
    model = analyze(source)

    assert [
        (client.class_name, client.span.start.line) for client in model.clients
    ] == [
        ("CustomerIO", 3),
        ("APIClient", 4),
    ]
    region = next(item for item in model.clients[0].arguments if item.key == "region")
    assert region.value.name == "customerio.Regions.EU"
