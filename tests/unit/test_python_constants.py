"""Event names that flow from constants, class attributes and enum members."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from cio_lint.languages.python import PythonFrontend
from cio_lint.model import FileModel

HEADER = """
import enum
from django.db import models
from customerio import CustomerIO
from .events import Imported
cio = CustomerIO(SITE_ID, KEY)
NAME = "const_name"
class Plain:
    X = "plain_x"
class Str(str, enum.Enum):
    A = "str_a"
class Pure(enum.Enum):
    B = "pure_b"
class Choice(models.TextChoices):
    C = "choice_c"
"""


def analyze(source: str) -> FileModel:
    text = textwrap.dedent(HEADER).lstrip("\n") + source
    return PythonFrontend().analyze(text, Path("x.py"))


@pytest.mark.parametrize(
    ("expression", "literal", "line"),
    [
        ("NAME", "const_name", 6),
        ("Plain.X", "plain_x", 8),
        ("Str.A", "str_a", 10),
        ("Str.A.value", "str_a", 10),
        ("Str.A.name", "A", 10),
        ("Pure.B.value", "pure_b", 12),
        ("Pure.B.name", "B", 12),
        ("Choice.C", "choice_c", 14),
    ],
)
def test_event_name_resolved_to_definition(
    expression: str, literal: str, line: int
) -> None:
    model = analyze(f"cio.track(1, {expression})\n")

    (call,) = model.calls
    assert call.event_name is not None
    assert call.event_name.literal == literal
    assert call.event_name.origin is not None
    assert call.event_name.origin.start.line == line


def test_plain_enum_member_is_not_a_string() -> None:
    model = analyze("cio.track(1, Pure.B)\n")

    (call,) = model.calls
    assert call.event_name is not None
    assert call.event_name.literal is None


def test_imported_name_is_a_reference() -> None:
    model = analyze("cio.track(1, Imported.SIGNED_UP.value)\n")

    (call,) = model.calls
    assert call.event_name is not None
    assert call.event_name.reference is not None
    assert call.event_name.reference.specifier == ".events"
    assert call.event_name.reference.export == "Imported"
    assert call.event_name.reference_path == ("SIGNED_UP", "value")


def test_constants_exported_for_other_files() -> None:
    model = analyze("")

    names = {constant.name: constant.value.literal for constant in model.constants}
    assert names["NAME"] == "const_name"
    assert names["Str.A"] == "str_a"
    assert names["Pure.B.value"] == "pure_b"
    assert names["Pure.B.name"] == "B"
    assert "Pure.B" not in names


def test_reassigned_constant_is_not_followed() -> None:
    model = analyze('NAME = "other"\ncio.track(1, NAME)\n')

    (call,) = model.calls
    assert call.event_name is not None
    assert call.event_name.literal is None
