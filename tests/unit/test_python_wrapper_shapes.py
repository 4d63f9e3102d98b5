"""The Python front-end's records for Celery, FastAPI, singleton and factory shapes."""

from __future__ import annotations

import textwrap
from pathlib import Path

from cio_lint.languages.python import PythonFrontend
from cio_lint.model import FileModel, ModuleReference


def analyze(source: str, follow: frozenset[str] = frozenset()) -> FileModel:
    text = textwrap.dedent(source).lstrip("\n")
    return PythonFrontend().analyze(text, Path("x.py"), follow)


TASK = """
from celery import shared_task
from customerio import CustomerIO

cio = CustomerIO(SITE_ID, KEY)


@shared_task
def send_event(user_id, name, when=None):
    cio.track(user_id, name, timestamp=when)


"""


def test_apply_async_gives_the_task_its_arguments() -> None:
    model = analyze(
        TASK
        + """
send_event.apply_async(args=[1, "a_done"], kwargs={"when": 5}, countdown=3)
send_event.apply_async((2, "b_done"), {"when": 6})
send_event.apply_async(args=job_args)
send_event.apply_async([3, *rest])
"""
    )

    found = [
        (
            call.targets,
            [item.text for item in call.arguments.positional],
            [(item.key, item.value.text) for item in call.arguments.keywords],
            call.arguments.open_ended,
        )
        for call in model.wrapper_calls
    ]
    assert found == [
        ((("", "send_event"),), ["1", '"a_done"'], [("when", "5")], False),
        ((("", "send_event"),), ["2", '"b_done"'], [("when", "6")], False),
        ((("", "send_event"),), [], [], True),
        ((("", "send_event"),), ["3"], [], True),
    ]


SINGLETONS = """
from customerio import CustomerIO


class Tracker:
    _instance = None

    def __init__(self):
        self.client = CustomerIO(SITE_ID, KEY)

    @classmethod
    def instance(cls):
        if cls._instance is None:
            cls._instance = cls()
        return cls._instance

    def track(self, user_id, name):
        self.client.track(user_id, name)


class Other:
    pass


tracker = Tracker()


def get_tracker() -> Tracker:
    return make()


def shared():
    return tracker


def built():
    return Tracker()


def either(flag):
    if flag:
        return Tracker()
    return Other()


def settings():
    return {}


_made = None


def made_once():
    global _made
    if _made is None:
        _made = Tracker()
    return _made


def made_locally():
    made = Tracker()
    return made


def shadowed():
    _made = settings()
    return _made


current = made_once()
"""


def test_functions_that_return_an_instance_name_its_wrappers() -> None:
    model = analyze(SINGLETONS)

    assert [wrapper.name for wrapper in model.wrappers] == [
        "Tracker.track",
        "get_tracker().track",
        "shared().track",
        "built().track",
        "made_once().track",
        "made_locally().track",
        "Tracker.instance().track",
        "tracker.track",
        "current.track",
    ]


def test_calls_on_returned_instances_target_those_names() -> None:
    model = analyze(
        SINGLETONS
        + """
from fastapi import Depends


def use(user, cio=Depends(built)):
    Tracker.instance().track(user, "a")
    shared().track(user, "b")
    either(True).track(user, "c")
    cio.track(user, "d")
"""
    )

    found = [
        call.targets for call in model.wrapper_calls if call.callee.endswith("track")
    ]
    assert found == [
        (("", "Tracker.instance().track"),),
        (("", "shared().track"),),
        (("", "built().track"),),
    ]


def test_annotated_and_optional_parameters_name_their_class() -> None:
    model = analyze(
        """
        from typing import Annotated, Optional

        from fastapi import Depends

        from app.tracking import Tracker, get_tracker


        def one(cio: Annotated[Tracker, Depends(get_tracker)]):
            cio.track(1, "a")


        def two(cio: Optional[Tracker] = Depends(get_tracker)):
            cio.track(1, "b")


        def three(cio=Depends(get_tracker)):
            cio.track(1, "c")
        """,
        # The file is analysed as an importer of app/tracking.py.
        follow=frozenset({"tracking"}),
    )

    tracker = (
        ("app.tracking.Tracker", "track"),
        ("app.tracking", "Tracker.track"),
        ("app", "tracking.Tracker.track"),
    )
    # `get_tracker` may be a class or a function: both readings are targets.
    getter = (
        ("app.tracking.get_tracker", "track"),
        ("app.tracking", "get_tracker.track"),
        ("app", "tracking.get_tracker.track"),
        ("app.tracking.get_tracker()", "track"),
        ("app.tracking", "get_tracker().track"),
        ("app", "tracking.get_tracker().track"),
    )
    found = [call.targets for call in model.wrapper_calls if call.callee == "cio.track"]
    assert found == [tracker, tracker, getter]


def test_client_factory_is_exported_and_awaited_by_importers() -> None:
    factory = analyze(
        """
        from customerio import CustomerIO


        def make_client():
            return CustomerIO(SITE_ID, KEY)


        def make_other():
            return dict()
        """
    )
    user = analyze(
        """
        from app.clients import make_client

        cio = make_client()


        def run(user):
            cio.track(user.id, "done")
            make_client().identify(id=user.id)
        """,
        follow=frozenset({"clients"}),
    )

    assert [item.name for item in factory.exports] == ["make_client()"]
    assert [(item.receiver, item.method) for item in user.pending_calls] == [
        (ModuleReference("app.clients", "make_client()"), "track"),
        (ModuleReference("app.clients", "make_client()"), "identify"),
    ]
