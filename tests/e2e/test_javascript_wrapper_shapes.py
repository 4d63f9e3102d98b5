"""JavaScript wrapper shapes: client factories, URL helpers and axios instances."""

from __future__ import annotations

from tests.conftest import RunCioLint, WriteTree

MS = "CIO101 [*] 'timestamp' receives milliseconds from"


def _codes_at(lines: list[str]) -> list[str]:
    return [" ".join(line.split(" ", 2)[:2]) for line in lines]


def test_javascript_client_factory_in_another_file(
    cio_lint: RunCioLint, write_tree: WriteTree
) -> None:
    write_tree(
        {
            "src/clients.ts": """
                import { TrackClient } from "customerio-node";

                export function makeClient() {
                  return new TrackClient(SITE, KEY);
                }

                export const makeOther = () => ({ track() {} });
            """,
            "src/jobs.ts": """
                import { makeClient, makeOther } from "./clients";

                const cio = makeClient();
                const other = makeOther();
                const seconds = Math.floor(Date.now() / 1000);

                export async function run(id: string) {
                  await cio.track(id, { name: "Job Done", timestamp: Date.now() });
                  await makeClient().identify(id, { created_at: seconds });
                  await other.track(id, { name: "Not Customer Io" });
                }
            """,
        }
    )

    result = cio_lint("--select", "CIO101,CIO401", "src")

    assert _codes_at(result.lines) == [
        "src/jobs.ts:8:31: CIO401",
        "src/jobs.ts:8:54: CIO101",
    ]
    assert MS in result.lines[1]


def test_fetch_helpers_with_url_parameters(
    cio_lint: RunCioLint, write_tree: WriteTree
) -> None:
    write_tree(
        {
            "src/cio.js": """
                export async function cioPost(path, body) {
                  return fetch(`https://track.customer.io/api/v1${path}`, {
                    method: "POST",
                    body: JSON.stringify(body),
                  });
                }

                export async function post(url, body) {
                  return fetch(url, { method: "POST", body: JSON.stringify(body) });
                }
            """,
            "src/use.js": """
                import { cioPost, post } from "./cio";

                const B = "https://track.customer.io/api/v1";

                export function go() {
                  cioPost("/customers/1/events", { name: "x", timestamp: Date.now() });
                  post(`${B}/customers/1/events`, { name: "y", timestamp: Date.now() });
                  post("https://api.example.com/events", { timestamp: Date.now() });
                  cioPost("/customers/1/events", { name: "z", timestamp: 1700000000 });
                }
            """,
        }
    )

    result = cio_lint("--select", "CIO101", "src")

    assert _codes_at(result.lines) == [
        "src/use.js:6:58: CIO101",
        "src/use.js:7:59: CIO101",
    ]
    assert result.lines[0].endswith(
        "(sent through the wrapper cioPost(), src/cio.js line 1)"
    )
    assert result.lines[1].endswith(
        "(sent through the wrapper post(), src/cio.js line 8)"
    )


def test_axios_instance_calls_in_this_and_other_files(
    cio_lint: RunCioLint, write_tree: WriteTree
) -> None:
    write_tree(
        {
            "src/cio.ts": """
                import axios from "axios";

                export const cio = axios.create({
                  baseURL: "https://track.customer.io/api/v1",
                  auth: { username: SITE, password: KEY },
                });
                const other = axios.create({ baseURL: "https://api.example.com" });

                export function local() {
                  return cio.post("/customers/1/events", { name: "Local Sent" });
                }
            """,
            "src/eu.js": """
                const axios = require("axios");

                module.exports = axios.create({
                  baseURL: "https://track-eu.customer.io/api/v1",
                });
            """,
            "src/use.ts": """
                import { cio } from "./cio";
                import eu from "./eu";

                export function go() {
                  cio.post("/customers/1/events", { name: "x", timestamp: Date.now() });
                  cio.put("/customers/1", { created_at: Date.now() });
                  cio.post("/customers/1/events", { name: "y", timestamp: 1700000000 });
                  cio.get("/customers/1/attributes");
                  eu.put("/customers/2", { created_at: Date.now() });
                }
            """,
        }
    )

    result = cio_lint("--select", "CIO101,CIO401", "src")

    assert _codes_at(result.lines) == [
        "src/cio.ts:10:50: CIO401",
        "src/use.ts:5:59: CIO101",
        "src/use.ts:6:41: CIO101",
        "src/use.ts:9:40: CIO101",
    ]
    assert result.lines[2].endswith(
        "(sent through the wrapper cio.put(), src/cio.ts line 3)"
    )


def test_url_helper_in_a_file_without_a_host(
    cio_lint: RunCioLint, write_tree: WriteTree
) -> None:
    write_tree(
        {
            "src/http.ts": """
                export async function postJson(url: string, body: object) {
                  const response = await fetch(url, {
                    method: "POST",
                    body: JSON.stringify(body),
                  });
                  return response.json();
                }
            """,
            "src/track.ts": """
                import { postJson } from "./http";

                const CIO = "https://track.customer.io/api/v1";

                export function signedUp(id: string) {
                  postJson(`${CIO}/customers/${id}/events`, { timestamp: Date.now() });
                  postJson("https://api.example.com/x", { timestamp: Date.now() });
                  postJson(`${CIO}/customers/${id}/events`, { name: "signed_up" });
                }
            """,
        }
    )

    result = cio_lint("--select", "CIO101,CIO401", "src")

    assert _codes_at(result.lines) == ["src/track.ts:6:58: CIO101"]
    assert result.lines[0].endswith(
        "(sent through the wrapper postJson(), src/http.ts line 1)"
    )


TRACKER_TS = """
    import { TrackClient } from "customerio-node";

    export class Tracker {
      private static instance?: Tracker;
      private client = new TrackClient(SITE, KEY);

      static getInstance(): Tracker {
        if (!Tracker.instance) {
          Tracker.instance = new Tracker();
        }
        return Tracker.instance;
      }

      track(id: string, name: string) {
        return this.client.track(id, { name });
      }
    }

    const shared = new Tracker();

    export function getTracker() {
      return shared;
    }

    export const makeTracker = () => new Tracker();

    export function getSettings() {
      return { region: "us" };
    }
"""


def test_singletons_and_getters_reach_the_wrapper(
    cio_lint: RunCioLint, write_tree: WriteTree
) -> None:
    write_tree(
        {
            "src/tracker.ts": TRACKER_TS,
            "src/use.ts": """
                import { Tracker, getTracker } from "./tracker";
                import { getSettings, makeTracker } from "./tracker";

                Tracker.getInstance().track("1", "Instance Sent");
                getTracker().track("1", "Getter Sent");
                makeTracker().track("1", "Arrow Sent");
                getSettings().track("1", "Not A Tracker");
                const tracker = getTracker();
                tracker.track("1", "Variable Sent");
                Tracker.getInstance().track("1", "instance_sent");
            """,
        }
    )

    result = cio_lint("--select", "CIO401", "src")

    assert _codes_at(result.lines) == [
        "src/use.ts:4:34: CIO401",
        "src/use.ts:5:25: CIO401",
        "src/use.ts:6:26: CIO401",
        "src/use.ts:9:20: CIO401",
    ]
    assert result.lines[0].endswith(
        "(sent through the wrapper Tracker.getInstance().track(), "
        "src/tracker.ts line 14)"
    )


RETRYING_CIO_JS = """
    const { TrackClient } = require("customerio-node");
    const pRetry = require("p-retry");

    class Cio {
      constructor() {
        this.client = new TrackClient(process.env.CIO_SITE_ID, process.env.CIO_KEY);
      }

      event(userId, name, timestamp) {
        return pRetry(() => this.client.track(userId, { name, timestamp }), {
          retries: 4,
        });
      }
    }

    module.exports = { cio: new Cio() };
"""


def test_wrapper_calling_the_client_in_a_retry_callback(
    cio_lint: RunCioLint, write_tree: WriteTree
) -> None:
    write_tree(
        {
            "package.json": '{"dependencies": {"customerio-node": "4.1.1"}}\n',
            "cio.js": RETRYING_CIO_JS,
            "routes.js": """
                const { cio } = require("./cio");

                async function placed(userId) {
                  await cio.event(userId, "order_placed", Date.now());
                  await cio.event(userId, "order_paid", Math.floor(Date.now() / 1000));
                }

                module.exports = { placed };
            """,
        }
    )

    result = cio_lint("--select", "CIO101,CIO501", ".")

    assert [line.split(" [*]")[0] for line in result.lines] == [
        "routes.js:4:43: CIO101"
    ]
    assert result.lines[0].endswith(
        "(sent through the wrapper cio.event(), cio.js line 9)"
    )


def test_client_given_to_a_constructor(
    cio_lint: RunCioLint, write_tree: WriteTree
) -> None:
    write_tree(
        {
            "src/cio.js": """
                const { TrackClient } = require("customerio-node");
                module.exports.trackClient = new TrackClient(SITE, KEY);
            """,
            "src/notifier.js": """
                const { trackClient } = require("./cio");

                class Notifier {
                  constructor(client) {
                    this.client = client;
                  }

                  async loggedIn(userId) {
                    await this.client.track(userId, { timestamp: Date.now() });
                  }
                }

                module.exports = new Notifier(trackClient);
            """,
            "src/mailer.js": """
                const { TrackClient } = require("customerio-node");

                class Mailer {
                  constructor(cio, other) {
                    this.cio = cio;
                    this.other = other;
                  }

                  async sent(id) {
                    await this.cio.track(id, { name: "x", timestamp: Date.now() });
                    await this.other.track(id, { name: "x", timestamp: Date.now() });
                  }
                }

                const cio = new TrackClient(SITE, KEY);
                new Mailer(cio, { track() {} });
                new Mailer(cio);
            """,
        }
    )

    result = cio_lint("--select", "CIO101", ".")

    assert _codes_at(result.lines) == [
        "src/mailer.js:10:54: CIO101",
        "src/notifier.js:9:50: CIO101",
    ]
    assert result.lines[0].startswith(f"src/mailer.js:10:54: {MS} Date.now()")
