"""The JavaScript front-end's records for factories, URL helpers and axios instances."""

from __future__ import annotations

import textwrap
from pathlib import Path

from cio_lint.languages.javascript import JavascriptFrontend
from cio_lint.model import FileModel, ModuleReference
from cio_lint.project import AnalyzedFile, link
from cio_lint.templates import Hole, Text


def analyze(source: str, name: str = "x.ts") -> FileModel:
    text = textwrap.dedent(source).lstrip("\n")
    return JavascriptFrontend().analyze(text, Path(name))


def test_client_factory_is_exported_and_awaited_by_importers() -> None:
    factory = analyze(
        """
        import { TrackClient } from "customerio-node";

        export function makeClient() {
          return new TrackClient(SITE, KEY);
        }
        export const makeArrow = () => new TrackClient(SITE, KEY);
        export function makeOther() {
          return {};
        }
        """
    )
    user = analyze(
        """
        import { makeClient } from "./clients";
        import makeDefault from "./default";

        const cio = makeClient();
        let changed = makeClient();
        changed = other;

        cio.track("1", { name: "a" });
        makeDefault().identify("1", {});
        changed.track("1", { name: "b" });
        """
    )

    assert [item.name for item in factory.exports] == ["makeClient()", "makeArrow()"]
    assert [(item.receiver, item.method) for item in user.pending_calls] == [
        (ModuleReference("./clients", "makeClient()"), "track"),
        (ModuleReference("./default", "default()"), "identify"),
    ]


def test_url_parameter_fetch_helper_is_wrapper() -> None:
    model = analyze(
        """
        const BASE = "https://track.customer.io/api/v1";

        export async function post(url, body) {
          return fetch(url, { method: "POST", body: JSON.stringify(body) });
        }

        export async function fixed(body) {
          return fetch("https://api.example.com/x", { method: "POST", body });
        }
        """
    )

    assert [wrapper.name for wrapper in model.wrappers] == ["post"]
    site = model.wrappers[0].http_site
    assert site is not None
    assert [type(part) for part in site.url] == [Hole]


def test_axios_instance_methods_are_wrappers() -> None:
    model = analyze(
        """
        import axios from "axios";

        export const cio = axios.create({
          baseURL: "https://track.customer.io/api/v1/",
          auth: { username: SITE, password: KEY },
        });
        const other = axios.create({ baseURL: "https://api.example.com" });
        const plain = axios.create();
        """
    )

    assert [wrapper.name for wrapper in model.wrappers] == [
        "cio.get",
        "cio.delete",
        "cio.head",
        "cio.options",
        "cio.post",
        "cio.put",
        "cio.patch",
    ]
    post = model.wrappers[4]
    assert [item.name for item in post.parameters] == ["url", "data", "config"]
    site = post.http_site
    assert site is not None
    assert (site.method, site.span.start.line) == ("POST", 3)
    text, hole = site.url
    assert isinstance(text, Text) and isinstance(hole, Hole)
    assert (text.text, hole.value.parameter) == (
        "https://track.customer.io/api/v1",
        "url",
    )
    assert site.body is not None and site.body.parameter == "data"
    assert site.auth is not None and site.auth.span.start.line == 5


def test_exported_axios_instance_is_named_by_its_export() -> None:
    esm = analyze(
        """
        import axios from "axios";

        export default axios.create({ baseURL: "https://track.customer.io/api/v1" });
        """
    )
    common = analyze(
        """
        const axios = require("axios");

        module.exports = axios.create({ baseURL: "https://track.customer.io/" });
        """,
        "x.js",
    )

    assert [wrapper.name for wrapper in esm.wrappers][:2] == [
        "default.get",
        "default.delete",
    ]
    assert len(esm.wrappers) == 7
    assert [wrapper.name for wrapper in common.wrappers][-1] == "default.patch"
    assert len(common.wrappers) == 7


def test_direct_call_on_instance_is_not_expanded_again() -> None:
    path = Path("cio.js")
    source = """
        import axios from "axios";

        export const cio = axios.create({ baseURL: "https://track.customer.io/" });
        cio.post("/api/v1/customers/1/events", { name: "signed_up" });
        """
    model = analyze(source, path.name)
    analyzed = AnalyzedFile(path, JavascriptFrontend(), model)

    linked = link({path: analyzed})[path]

    assert [call.callee for call in model.wrapper_calls] == ["cio.post"]
    assert [(call.span.start.line, call.wrapper) for call in linked.calls] == [
        (4, None)
    ]


def test_commonjs_client_factory_is_exported() -> None:
    factory = analyze(
        """
        const { TrackClient } = require("customerio-node");
        function makeClient() {
          return new TrackClient(SITE, KEY);
        }
        module.exports = { makeClient };
        """,
        "clients.js",
    )
    user = analyze(
        """
        const { makeClient } = require("./clients");
        const clients = require("./clients");

        makeClient().track("1", { name: "a" });
        clients.makeClient().identify("1", {});
        """,
        "use.js",
    )

    assert [item.name for item in factory.exports] == ["makeClient()"]
    assert [(item.receiver, item.method) for item in user.pending_calls] == [
        (ModuleReference("./clients", "makeClient()"), "track"),
        (ModuleReference("./clients", "makeClient()"), "identify"),
    ]


def test_getters_name_the_wrappers_of_their_class() -> None:
    model = analyze(
        """
        import { TrackClient } from "customerio-node";

        class Tracker {
          static instance: Tracker | null = null;
          client = new TrackClient(SITE, KEY);

          static get(): Tracker {
            if (!this.instance) this.instance = new Tracker();
            return this.instance;
          }

          track(id: string, name: string) {
            return this.client.track(id, { name });
          }
        }

        class Other {}

        const shared = new Tracker();
        function getTracker() {
          return shared;
        }
        function either(flag: boolean) {
          return flag ? new Tracker() : new Other();
        }
        function mixed(flag: boolean) {
          if (flag) return new Tracker();
          return new Other();
        }

        getTracker().track("1", "a");
        Tracker.get().track("1", "b");
        mixed(true).track("1", "c");
        """
    )

    assert [wrapper.name for wrapper in model.wrappers] == [
        "Tracker.track",
        "getTracker().track",
        "Tracker.get().track",
        "shared.track",
    ]
    assert [call.targets for call in model.wrapper_calls] == [
        (("", "getTracker().track"),),
        (("", "Tracker.get().track"),),
    ]
