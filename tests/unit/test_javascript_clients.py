"""The JavaScript front-end recognises clients in every form code keeps them."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from cio_lint.languages.javascript import JavascriptFrontend
from cio_lint.model import ClientOrigin, FileModel, ModuleReference


def analyze(source: str, name: str = "x.ts") -> FileModel:
    text = textwrap.dedent(source).lstrip("\n")
    return JavascriptFrontend().analyze(text, Path(name))


def operations(source: str, name: str = "x.ts") -> list[tuple[int, str, str]]:
    """Return (line, client class, operation) of each recognised call."""
    return [
        (
            call.span.start.line,
            call.client.class_name if call.client else "",
            call.operation,
        )
        for call in analyze(source, name).calls
    ]


@pytest.mark.parametrize(
    "header",
    [
        'import { TrackClient } from "customerio-node";',
        'import { TrackClient as Track } from "customerio-node";\n'
        "const TrackClient = Track;",
        'import * as CIO from "customerio-node";\nconst TrackClient = CIO.TrackClient;',
        'import cioNode from "customerio-node";\n'
        "const TrackClient = cioNode.TrackClient;",
        'const { TrackClient } = require("customerio-node");',
        'const { TrackClient: Renamed } = require("customerio-node");\n'
        "const TrackClient = Renamed;",
        'const TrackClient = require("customerio-node").TrackClient;',
        'const sdk = require("customerio-node");\nconst TrackClient = sdk.TrackClient;',
        'import sdk = require("customerio-node");\n'
        "const TrackClient = sdk.TrackClient;",
    ],
    ids=[
        "esm-named",
        "esm-named-as",
        "esm-namespace",
        "esm-default-interop",
        "require-destructured",
        "require-renamed",
        "require-member",
        "require-module",
        "typescript-import-require",
    ],
)
def test_import_forms(header: str) -> None:
    source = (
        header + "\nconst cio = new TrackClient(SITE_ID, KEY);\ncio.track(1, {});\n"
    )
    model = analyze(source)
    calls = [(c.span.start.line, c.client and c.client.class_name) for c in model.calls]
    assert calls == [(header.count("\n") + 3, "TrackClient")]


def test_aliased_named_import_is_used_directly() -> None:
    source = """
    import { TrackClient as Track, APIClient as App } from "customerio-node";
    const track = new Track(SITE_ID, KEY);
    const app = new App(APP_KEY);
    track.identify("1", {});
    app.sendEmail(request);
    """
    assert operations(source) == [
        (4, "TrackClient", "identify"),
        (5, "APIClient", "transactional email"),
    ]


def test_version_two_default_export_is_a_track_client() -> None:
    source = """
    const CIO = require("customerio-node");
    const cio = new CIO(SITE_ID, KEY);
    cio.identify(1, {});
    """
    assert operations(source, "x.js") == [(3, "TrackClient", "identify")]


def test_type_only_import_is_not_a_value() -> None:
    source = """
    import type { TrackClient } from "customerio-node";
    const cio = new TrackClient(SITE_ID, KEY);
    cio.identify("1", {});
    """
    assert operations(source) == []


def test_type_only_import_annotates_a_parameter() -> None:
    source = """
    import type { TrackClient } from "customerio-node";
    export function sync(cio: TrackClient) {
      return cio.identify("1", {});
    }
    """
    model = analyze(source)
    assert operations(source) == [(3, "TrackClient", "identify")]
    assert [client.origin for client in model.clients] == [ClientOrigin.ANNOTATION]


def test_reassigned_let_is_unknown() -> None:
    source = """
    import { TrackClient } from "customerio-node";
    let cio = new TrackClient(SITE_ID, KEY);
    cio = makeOther();
    cio.identify("1", {});
    """
    assert operations(source) == []


def test_let_assigned_once_later_is_followed() -> None:
    source = """
    import { TrackClient } from "customerio-node";
    let cio: TrackClient | undefined;
    export function client() {
      if (!cio) {
        cio = new TrackClient(SITE_ID, KEY);
      }
      return cio;
    }
    client().identify("1", {});
    """
    assert operations(source) == [(9, "TrackClient", "identify")]


def test_class_field() -> None:
    source = """
    import { TrackClient } from "customerio-node";
    export class Service {
      private readonly cio = new TrackClient(SITE_ID, KEY);
      async identify(id: string) {
        await this.cio.identify(id, {});
      }
    }
    """
    assert operations(source) == [(5, "TrackClient", "identify")]


def test_this_assignment_in_constructor() -> None:
    source = """
    const { TrackClient } = require("customerio-node");
    class Service {
      constructor() {
        this.cio = new TrackClient(SITE_ID, KEY);
      }
      identify(id) {
        return this.cio.identify(id, {});
      }
      later(id) {
        setTimeout(() => this.cio.track(id, { name: "x" }), 10);
      }
    }
    """
    assert operations(source, "x.js") == [
        (7, "TrackClient", "identify"),
        (10, "TrackClient", "event"),
    ]


def test_this_in_nested_function() -> None:
    source = """
    const { TrackClient } = require("customerio-node");
    class Service {
      constructor() {
        this.cio = new TrackClient(SITE_ID, KEY);
      }
      later(id) {
        setTimeout(function () { this.cio.track(id, { name: "x" }); }, 10);
      }
    }
    """
    assert operations(source, "x.js") == []


def test_constructor_parameter_property() -> None:
    source = """
    import { TrackClient } from "customerio-node";
    export class Service {
      constructor(private readonly cio: TrackClient) {}
      identify(id: string) {
        return this.cio.identify(id, {});
      }
    }
    """
    assert operations(source) == [(5, "TrackClient", "identify")]


def test_field_annotation_assigned_from_parameter() -> None:
    source = """
    import { APIClient } from "customerio-node";
    export class Mailer {
      private api: APIClient;
      constructor(api: APIClient) {
        this.api = api;
      }
      send(request: unknown) {
        return this.api.sendEmail(request);
      }
    }
    """
    assert operations(source) == [(8, "APIClient", "transactional email")]


def test_parameter_annotations() -> None:
    source = """
    import * as CIO from "customerio-node";
    export function a(cio: CIO.TrackClient) { return cio.identify("1", {}); }
    export function b(cio?: CIO.TrackClient | null) { return cio?.identify("1", {}); }
    export const c = (cio: (CIO.TrackClient)) => cio.identify("1", {});
    export function d(cio: Other) { return cio.identify("1", {}); }
    """
    assert operations(source) == [
        (2, "TrackClient", "identify"),
        (3, "TrackClient", "identify"),
        (4, "TrackClient", "identify"),
    ]


def test_factory_functions_and_getters() -> None:
    source = """
    import { TrackClient } from "customerio-node";
    function makeClient() {
      return new TrackClient(SITE_ID, KEY);
    }
    const getClient = () => new TrackClient(SITE_ID, KEY);
    class Holder {
      get client() {
        return makeClient();
      }
      run() {
        this.client.identify("1", {});
      }
    }
    makeClient().identify("1", {});
    getClient().track("1", { name: "x" });
    """
    assert operations(source) == [
        (11, "TrackClient", "identify"),
        (14, "TrackClient", "identify"),
        (15, "TrackClient", "event"),
    ]


def test_static_field_and_object_member() -> None:
    source = """
    import { TrackClient } from "customerio-node";
    class Clients {
      static track = new TrackClient(SITE_ID, KEY);
    }
    const clients = { track: new TrackClient(SITE_ID, KEY) };
    Clients.track.identify("1", {});
    clients.track.identify("1", {});
    """
    assert operations(source) == [
        (6, "TrackClient", "identify"),
        (7, "TrackClient", "identify"),
    ]


def test_block_scoped_names_do_not_clash() -> None:
    source = """
    import { TrackClient } from "customerio-node";
    if (useEu) {
      const cio = new TrackClient(SITE_ID, KEY);
      cio.identify("1", {});
    } else {
      const cio = other();
      cio.identify("1", {});
    }
    """
    assert operations(source) == [(4, "TrackClient", "identify")]


def test_pipelines_libraries() -> None:
    source = """
    import { Analytics } from "@customerio/cdp-analytics-node";
    import { AnalyticsBrowser } from "@customerio/cdp-analytics-browser";
    import { PipelinesClient } from "customerio-node";
    const server = new Analytics({ writeKey: KEY, host: "https://cdp-eu.customer.io" });
    const browser = AnalyticsBrowser.load({ writeKey: KEY });
    const pipelines = new PipelinesClient(KEY);
    server.track({ userId: "1", event: "Order Completed" });
    browser.track("Order Completed", {}, { timestamp: new Date() });
    pipelines.identify({ userId: "1", traits: {} });
    """
    assert operations(source) == [
        (7, "Analytics", "event"),
        (8, "AnalyticsBrowser", "event"),
        (9, "PipelinesClient", "identify"),
    ]


def test_globals_and_react_native() -> None:
    source = """
    import { CustomerIO } from "customerio-reactnative";
    _cio.identify({ id: "1", created_at: 1 });
    window._cio.track("signed_up", {});
    cioanalytics.track("Signed Up");
    window.cioanalytics.page();
    CustomerIO.track("signed_up", {});
    """
    model = analyze(source)
    assert operations(source) == [
        (2, "_cio", "identify"),
        (3, "_cio", "event"),
        (4, "cioanalytics", "event"),
        (5, "cioanalytics", "page"),
        (6, "CustomerIO", "event"),
    ]
    assert {client.origin for client in model.clients} == {ClientOrigin.MODULE}


def test_local_name_shadows_a_global_client() -> None:
    source = """
    const _cio = [];
    _cio.identify({ id: "1" });
    """
    assert operations(source, "x.js") == []


def test_constructed_clients_are_recorded_with_arguments() -> None:
    source = """
    import { TrackClient, RegionEU } from "customerio-node";
    const cio = new TrackClient(process.env.SITE_ID!, KEY, { region: RegionEU });
    """
    (client,) = analyze(source).clients
    assert client.origin is ClientOrigin.CONSTRUCTED
    assert [field.key for field in client.arguments] == ["siteid", "apikey", "defaults"]
    region = client.arguments[2].value.field("region")
    assert region is not None and region.name == "customerio-node.RegionEU"
    assert client.arguments[0].value.env_var == "SITE_ID"


def test_exports_of_each_form() -> None:
    source = """
    const { TrackClient, APIClient } = require("customerio-node");
    const cio = new TrackClient(SITE_ID, KEY);
    const app = new APIClient(APP_KEY);
    module.exports = { cio, api: app, other: 1 };
    module.exports.track = cio;
    exports.app = app;
    """
    model = analyze(source, "x.js")
    assert sorted(item.name for item in model.exports) == [
        "api",
        "app",
        "cio",
        "track",
    ]


def test_esm_exports() -> None:
    source = """
    import { TrackClient } from "customerio-node";
    export const cio = new TrackClient(SITE_ID, KEY);
    const hidden = new TrackClient(SITE_ID, KEY);
    export { hidden as renamed };
    export default cio;
    """
    assert sorted(item.name for item in analyze(source).exports) == [
        "cio",
        "default",
        "renamed",
    ]


def test_module_exports_whole_client_is_default() -> None:
    source = """
    const { TrackClient } = require("customerio-node");
    module.exports = new TrackClient(SITE_ID, KEY);
    """
    assert [item.name for item in analyze(source, "x.js").exports] == ["default"]


@pytest.mark.parametrize(
    ("header", "receiver", "reference"),
    [
        ('import { cio } from "./cio";', "cio", ModuleReference("./cio", "cio")),
        (
            'import { cio as client } from "../lib/cio";',
            "client",
            ModuleReference("../lib/cio", "cio"),
        ),
        ('import cio from "./cio";', "cio", ModuleReference("./cio", "default")),
        ('import * as m from "./cio";', "m.cio", ModuleReference("./cio", "cio")),
        ('const { cio } = require("./cio");', "cio", ModuleReference("./cio", "cio")),
        ('const m = require("./cio");', "m.cio", ModuleReference("./cio", "cio")),
        ('const cio = require("./cio");', "cio", ModuleReference("./cio", "default")),
        ('const cio = require("./cio").cio;', "cio", ModuleReference("./cio", "cio")),
    ],
)
def test_pending_calls_on_relative_imports(
    header: str, receiver: str, reference: ModuleReference
) -> None:
    model = analyze(f"{header}\n{receiver}.track('1', {{ name: 'x' }});\n")
    (pending,) = model.pending_calls
    assert pending.receiver == reference
    assert pending.method == "track"
    assert pending.span.start.line == 2


def test_no_pending_call_without_client() -> None:
    source = """
    import * as m from "./cio";
    import { helper } from "./helper";
    import { thing } from "some-package";
    m.track("1", {});
    helper.render();
    thing.track("1", {});
    """
    assert analyze(source).pending_calls == ()


def test_this_field_holding_an_imported_client_is_pending() -> None:
    source = """
    import { cio } from "./cio";
    export class Service {
      private readonly client = cio;
      run() {
        return this.client.identify("1", {});
      }
    }
    """
    (pending,) = analyze(source).pending_calls
    assert pending.receiver == ModuleReference("./cio", "cio")
