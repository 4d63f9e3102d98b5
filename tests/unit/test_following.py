"""The exporting modules that each file's analysis follows."""

from __future__ import annotations

from pathlib import Path

from cio_lint.following import Following
from cio_lint.model import FileModel, Language

PATH = Path("/project/app/views.py")
SOURCE = b"""\
from app import tracking

def signup(user):
    tracking.track_signup(user)

def other():
    return tracking.VERSION
"""


def _following() -> Following:
    following = Following()
    following.update({"tracking": {"track_signup"}, "billing": {"charge"}})
    return following


def test_module_followed_when_imported_and_used() -> None:
    following = _following()

    assert following.modules_for(PATH, SOURCE) == frozenset({"tracking"})


def test_module_not_followed_without_exported_name() -> None:
    following = _following()
    source = b"from app import tracking\n\nprint(tracking.VERSION)\n"

    assert following.modules_for(PATH, source) == frozenset()


def test_module_not_followed_when_not_imported() -> None:
    following = _following()
    source = b"def charge():\n    return 1\n"

    assert following.modules_for(PATH, source) == frozenset()


def test_default_export_matches_any_use() -> None:
    following = Following()
    following.update({"cio": {"default"}})

    assert following.modules_for(PATH, b'import client from "./cio";\n') == {"cio"}


def test_record_tells_whether_modules_changed() -> None:
    following = _following()

    assert following.record(PATH, frozenset())
    assert not following.record(PATH, frozenset())
    assert following.record(PATH, frozenset({"tracking"}))


def test_left_out_import_of_exporting_module_needs_again() -> None:
    following = Following()
    model = FileModel(
        Language.PYTHON,
        unfollowed_imports=frozenset({"app", "tracking"}),
        unconnected_lines=((3, 4),),
    )
    assert not following.needs_again(PATH, model)

    following.update({"tracking": {"track_signup"}})

    assert following.needs_again(PATH, model)
    assert following.modules_for(PATH, SOURCE) == frozenset({"tracking"})
    assert not following.needs_again(PATH, model)


def test_again_searches_only_unconnected_lines() -> None:
    following = Following()
    following.update({"tracking": {"track_signup"}})
    # Lines 6-7 left out: they use the module but no exported name.
    model = FileModel(
        Language.PYTHON,
        unfollowed_imports=frozenset({"app", "tracking"}),
        unconnected_lines=((6, 7),),
    )

    assert following.needs_again(PATH, model)
    assert following.modules_for(PATH, SOURCE) == frozenset()


def test_again_keeps_modules_followed_before() -> None:
    following = Following()
    following.update({"clients": {"cio"}})
    source = b"from app.clients import cio\nfrom app.services import send\n"
    assert following.modules_for(PATH, source) == frozenset({"clients"})
    assert following.record(PATH, frozenset({"clients"}))
    following.update({"services": {"send"}})
    model = FileModel(
        Language.PYTHON,
        unfollowed_imports=frozenset({"app", "services", "send"}),
        unconnected_lines=((3, 4),),
    )

    assert following.needs_again(PATH, model)
    assert following.modules_for(PATH, source + b"\ndef f():\n    send()\n") == {
        "clients",
        "services",
    }


def test_again_finds_renamed_export_in_import() -> None:
    following = Following()
    source = b"from app.clients import cio as crm\n\ndef f():\n    crm.track()\n"
    model = FileModel(
        Language.PYTHON,
        unfollowed_imports=frozenset({"app", "clients", "cio", "crm"}),
        unconnected_lines=((3, 4),),
    )
    following.update({"clients": {"cio"}})

    assert following.needs_again(PATH, model)
    assert following.modules_for(PATH, source) == frozenset({"clients"})
