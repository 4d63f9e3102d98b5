"""The JavaScript front-end turns the arguments of calls into values."""

from __future__ import annotations

import textwrap
from pathlib import Path

from cio_lint.languages.javascript import JavascriptFrontend
from cio_lint.model import ApiCall, Value, ValueKind

HEADER = """
import { APIClient, SendEmailRequest, TrackClient, RegionEU } from "customerio-node";
const cio = new TrackClient(SITE_ID, KEY);
const api = new APIClient(APP_KEY);
"""


def calls(source: str, name: str = "x.ts") -> list[ApiCall]:
    text = (HEADER + textwrap.dedent(source)).lstrip("\n")
    return list(JavascriptFrontend().analyze(text, Path(name)).calls)


def attributes(expression: str, setup: str = "") -> Value:
    """Return the value of the `data` argument of `identify`."""
    (call,) = calls(setup + f"cio.identify('1', {expression});\n")
    (data,) = [item.value for item in call.arguments if item.key == "data"]
    return data


def test_literals() -> None:
    value = attributes(
        "{ a: 'x\\ty', b: `plain`, c: `with ${name}`, d: 12, e: -3, f: 0x10,"
        " g: true, h: null, i: undefined, 'j-k': 1.5 }"
    )
    fields = {item.key: item.value for item in value.fields or ()}
    assert fields["a"].literal == "x\ty"
    assert fields["b"].literal == "plain"
    assert fields["c"].kind is ValueKind.STRING
    assert fields["c"].literal is None
    assert [fields[key].literal for key in ("d", "e", "f", "j-k")] == [12, -3, 16, 1.5]
    assert fields["g"].kind is ValueKind.BOOLEAN
    assert fields["g"].literal is True
    assert fields["h"].kind is ValueKind.NONE
    assert fields["i"].kind is ValueKind.NONE


def test_environment_variables() -> None:
    value = attributes(
        "{ a: process.env.CIO_KEY, b: process.env['CIO_SITE'], c: env.OTHER,"
        " d: import.meta.env.VITE_KEY }",
        "const env = process.env;\n",
    )
    fields = {item.key: item.value for item in value.fields or ()}
    assert [fields[key].kind for key in "abcd"] == [ValueKind.ENV_VAR] * 4
    assert [fields[key].env_var for key in "abcd"] == [
        "CIO_KEY",
        "CIO_SITE",
        "OTHER",
        "VITE_KEY",
    ]


def test_shorthand_spread_and_computed_keys() -> None:
    setup = """
    const email = "a@b.c";
    const base = { plan: "pro", created_at: 1 };
    """
    value = attributes("{ email, ...base, [key]: 2, ...unknown, method() {} }", setup)
    assert [item.key for item in value.fields or ()] == ["email", "plan", "created_at"]
    assert value.field("email") is not None
    assert value.field("email").literal == "a@b.c"  # type: ignore[union-attr]


def test_object_name_keeps_field_spans() -> None:
    setup = """
    const attrs = { created_at: Date.now() };
    attrs.updated_at = Date.now();
    attrs["plan"] = "pro";
    """
    value = attributes("attrs", setup)
    assert value.span.start.line == 8
    assert value.origin is not None and value.origin.start.line == 5
    created = value.field("created_at")
    assert created is not None and created.span.start.line == 5
    assert [item.key for item in value.fields or ()] == [
        "created_at",
        "updated_at",
        "plan",
    ]


def test_member_expressions_are_qualified_names() -> None:
    value = attributes("{ region: RegionEU, plan: user.plan.name }")
    region = value.field("region")
    plan = value.field("plan")
    assert region is not None and region.name == "customerio-node.RegionEU"
    assert plan is not None and plan.kind is ValueKind.NAME
    assert plan.name == "user.plan.name"


def test_typescript_wrappers_are_transparent() -> None:
    value = attributes("({ plan: ('pro' as string), total: total! } satisfies Attrs)")
    assert value.kind is ValueKind.OBJECT
    plan = value.field("plan")
    assert plan is not None and plan.literal == "pro"


def test_request_class_becomes_an_object_with_its_constructor() -> None:
    source = """
    const request = new SendEmailRequest({
      to: "a@b.c",
      send_at: Date.now(),
    });
    api.sendEmail(request);
    """
    (call,) = calls(source)
    (field,) = call.fields
    assert field.path == ("request", "send_at")
    assert field.value.span.start.line == 7
    request = call.arguments[0].value
    assert request.constructor == "SendEmailRequest"


def test_reassigned_name_is_not_followed() -> None:
    setup = """
    let stamp = Date.now();
    stamp = Math.floor(stamp / 1000);
    """
    value = attributes("{ seen_at: stamp }", setup)
    seen = value.field("seen_at")
    assert seen is not None and seen.time is None


def test_event_name_of_track() -> None:
    (call,) = calls("cio.track('1', { name: 'signed_up', data: { plan: 'pro' } });\n")
    assert call.event_name is not None
    assert call.event_name.literal == "signed_up"
