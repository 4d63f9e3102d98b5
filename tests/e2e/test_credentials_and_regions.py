"""Credential (CIO201–CIO204) and region (CIO301–CIO304) rules, end to end.

Each test lints a temporary project with the installed command and compares
exact codes, positions and, where the wording matters, messages.
"""

from __future__ import annotations

import json

import pytest

from tests.conftest import RunCioLint, WriteTree, without_reliability_rules


@pytest.fixture
def cio_lint(cio_lint: RunCioLint) -> RunCioLint:
    """Lint without the reliability rules, which these inputs do not address."""
    return without_reliability_rules(cio_lint)


SECRET = "3f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c"


def _findings(stdout: str) -> list[str]:
    """Return `path:line:column: CODE` for each finding line."""
    return [" ".join(line.split(" ")[:2]) for line in stdout.splitlines()]


def _lint(
    files: dict[str, str], write_tree: WriteTree, cio_lint: RunCioLint, *args: str
) -> list[str]:
    write_tree(files)
    result = cio_lint("--no-cache", *args, ".")
    assert result.exit_code == (1 if result.stdout else 0), result.stderr
    return result.lines


# A Track key given to the App client in one file, to the Track client in another.


def test_track_key_in_app_client_across_files(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    files = {
        "a.ts": """
            import { APIClient } from "customerio-node";

            export const app = new APIClient(process.env.CIO_TRACK_API_KEY!);
        """,
        "b.py": """
            import os

            from customerio import CustomerIO

            cio = CustomerIO(os.environ["CIO_SITE_ID"], os.environ["CIO_TRACK_API_KEY"])
        """,
    }

    lines = _lint(files, write_tree, cio_lint)

    assert lines == [
        "a.ts:3:34: CIO201 Environment variable CIO_TRACK_API_KEY is a Track API "
        "key, but the appKey argument of new APIClient(...) takes an App API key, "
        "so Customer.io answers every request with 401 Unauthorized: give it an "
        "App API key"
    ]


# Two EU clients and one fetch to the US Track host, in three files.

THREE_FILES = {
    "track.ts": """
        import { RegionEU, TrackClient } from "customerio-node";

        export const track = new TrackClient(process.env.CIO_SITE_ID!, process.env.CIO_TRACK_API_KEY!, { region: RegionEU });
    """,  # noqa: E501
    "app.ts": """
        import { APIClient, RegionEU } from "customerio-node";

        export const app = new APIClient(process.env.CIO_APP_API_KEY!, { region: RegionEU });
    """,  # noqa: E501
    "suppress.ts": """
        export async function suppress(id: string, auth: string) {
          await fetch(`https://track.customer.io/api/v1/customers/${id}/suppress`, {
            method: "POST",
            headers: { Authorization: auth },
          });
        }
    """,
}


def test_us_fetch_among_eu_clients(write_tree: WriteTree, cio_lint: RunCioLint) -> None:
    lines = _lint(THREE_FILES, write_tree, cio_lint)

    assert lines == [
        "suppress.ts:2:16: CIO303 Host track.customer.io addresses the US region, "
        "but the project addresses the EU region 2 times (RegionEU, app.ts line 3); "
        "a workspace lives in one region, and requests to the other region's hosts "
        "are rejected or redirected through it: use one region everywhere, or set "
        "`region` in the configuration"
    ]


def test_configured_us_reports_eu_clients(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    files = {**THREE_FILES, "cio-lint.toml": 'region = "us"\n'}

    lines = _lint(files, write_tree, cio_lint)

    assert _findings("\n".join(lines)) == [
        "app.ts:3:74: CIO303",
        "track.ts:3:106: CIO303",
    ]
    assert "but the configuration in cio-lint.toml sets region = 'us'" in lines[0]


def test_configured_eu_reports_default_client(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    files = {
        "cio-lint.toml": 'region = "eu"\n',
        "cio.py": """
            import os

            from customerio import CustomerIO

            cio = CustomerIO(os.environ["CIO_SITE_ID"], os.environ["CIO_TRACK_API_KEY"])
        """,
    }

    lines = _lint(files, write_tree, cio_lint)

    assert lines == [
        "cio.py:5:7: CIO303 CustomerIO(...) with no region (the US default) "
        "addresses the US region, but the configuration in cio-lint.toml sets "
        "region = 'eu'; a workspace lives in one region, and requests to the "
        "other region's hosts are rejected or redirected through it: address "
        "the EU region"
    ]


# A literal key is never printed in full, in any output format.

LEAKY = {
    "cio.py": f"""
        from customerio import APIClient, CustomerIO

        TRACK_KEY = "{SECRET}"
        api = APIClient("{SECRET}")
        cio = CustomerIO("site1234", TRACK_KEY)
    """,
    "send.js": f"""
        async function send(id) {{
          await fetch("https://api.customer.io/v1/send/email", {{
            method: "POST",
            headers: {{ Authorization: "Bearer {SECRET}" }},
            body: JSON.stringify({{
              identifiers: {{ id }}, to: "ann@example.com", transactional_message_id: 7
            }}),
          }});
        }}
    """,
}


def test_hard_coded_keys_redacted(write_tree: WriteTree, cio_lint: RunCioLint) -> None:
    lines = _lint(LEAKY, write_tree, cio_lint)

    assert _findings("\n".join(lines)) == [
        "cio.py:4:17: CIO204",
        "cio.py:5:30: CIO204",
        "send.js:4:31: CIO204",
    ]
    assert lines[0] == (
        "cio.py:4:17: CIO204 The key argument of APIClient(...) is an App API key "
        'written in the source as "3f9a…": anyone who can read the code or its '
        "history can send data to the workspace with it; read it from an "
        "environment variable or a secret store, and rotate the key"
    )
    assert "through TRACK_KEY" in lines[1]


def test_no_format_prints_full_key(write_tree: WriteTree, cio_lint: RunCioLint) -> None:
    write_tree(LEAKY)

    for output_format in ("concise", "full", "json", "sarif", "github"):
        result = cio_lint("--no-cache", "--output-format", output_format, ".")
        assert result.exit_code == 1, result.stderr
        assert "CIO204" in result.stdout
        # Any eight characters in a row of the key would give too much away.
        for start in range(len(SECRET) - 7):
            assert SECRET[start : start + 8] not in result.stdout, output_format
            assert SECRET[start : start + 8] not in result.stderr, output_format


def test_json_message_redacted(write_tree: WriteTree, cio_lint: RunCioLint) -> None:
    write_tree(LEAKY)

    result = cio_lint("--no-cache", "--output-format", "json", ".")

    findings = json.loads(result.stdout)
    assert [item["code"] for item in findings] == ["CIO204"] * 3
    assert all('"3f9a…"' in item["message"] for item in findings)


def test_public_credentials_not_reported(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    files = {
        "web.ts": """
            import { AnalyticsBrowser } from "@customerio/cdp-analytics-browser";

            export const analytics = AnalyticsBrowser.load({ writeKey: "a1b2c3d4e5f6a7b8" });
        """,  # noqa: E501
        "cio.py": """
            import os

            from customerio import CustomerIO

            cio = CustomerIO("a1b2c3d4e5f6", os.environ["CIO_TRACK_API_KEY"])
            api = CustomerIO("a1b2c3d4e5f6", "YOUR_API_KEY")
        """,
    }

    assert _lint(files, write_tree, cio_lint) == []


# CIO201 across the project, and next to CIO205.


def test_unnamed_variable_in_two_slots(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    files = {
        "track.js": """
            const { TrackClient } = require("customerio-node");

            module.exports = new TrackClient(process.env.CIO_SITE_ID, process.env.CUSTOMERIO_API_KEY);
        """,  # noqa: E501
        "app.py": """
            import os

            from customerio import APIClient

            api = APIClient(os.environ["CUSTOMERIO_API_KEY"])
        """,
    }

    lines = _lint(files, write_tree, cio_lint)

    assert _findings("\n".join(lines)) == [
        "app.py:5:17: CIO201",
        "track.js:3:59: CIO201",
    ]
    assert lines[0] == (
        "app.py:5:17: CIO201 Environment variable CUSTOMERIO_API_KEY is given as an "
        "App API key here (the key argument of APIClient(...)) and as a Track API "
        "key in track.js line 3 (the apikey argument of new TrackClient(...)); one "
        "credential cannot be both, so Customer.io answers every request with 401 "
        "Unauthorized in one of the two places: use a variable for each "
        "credential, named for it"
    )


def test_app_key_as_track_password(write_tree: WriteTree, cio_lint: RunCioLint) -> None:
    files = {
        "sync.py": """
            import os

            import requests


            def identify(customer_id, traits):
                requests.put(
                    f"https://track.customer.io/api/v1/customers/{customer_id}",
                    auth=(os.environ["CIO_SITE_ID"], os.environ["CIO_APP_API_KEY"]),
                    json=traits,
                    timeout=10,
                )
        """,
    }

    assert _findings("\n".join(_lint(files, write_tree, cio_lint))) == [
        "sync.py:9:42: CIO201"
    ]


def test_settings_key_named_in_full_and_as_written(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    files = {
        "tracking.py": """
            from django.conf import settings

            from customerio import CustomerIO

            cio = CustomerIO(
                settings.CUSTOMERIO["SITE_ID"], settings.CUSTOMERIO["APP_API_KEY"]
            )
        """,
    }

    assert _lint(files, write_tree, cio_lint) == [
        'tracking.py:6:37: CIO201 settings.CUSTOMERIO["APP_API_KEY"] is an App API '
        "key, but the api_key argument of CustomerIO(...) takes a Track API key, so "
        "Customer.io answers every request with 401 Unauthorized: give it a Track "
        "API key"
    ]


def test_app_request_on_track_host_reports_host_only(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    """The Bearer token fits the App API the path belongs to: only the host is wrong."""
    files = {
        "receipts.py": """
            import os

            import requests


            def send_receipt(email):
                requests.post(
                    "https://track-eu.customer.io/v1/send/email",
                    headers={"Authorization": f"Bearer {os.environ['CIO_APP_KEY']}"},
                    json={"transactional_message_id": 3, "to": email},
                    timeout=10,
                )
        """,
    }

    assert _lint(files, write_tree, cio_lint) == [
        "receipts.py:8:9: CIO704 POST /v1/send/email is not an endpoint of the "
        "Track API at track-eu.customer.io: it is the App API's transactional "
        "email request; send POST https://api-eu.customer.io/v1/send/email"
    ]


def test_app_style_path_on_track_host_reports_host_only(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    """A `/v1/...` path has the form of the App API's paths."""
    files = {
        "messages.py": """
            import os

            import requests


            def messages(customer_id):
                requests.get(
                    f"https://track.customer.io/v1/customers/{customer_id}/messages",
                    headers={"Authorization": f"Bearer {os.environ['CIO_APP_KEY']}"},
                    timeout=10,
                )
        """,
    }

    assert [line.split(" ")[:2] for line in _lint(files, write_tree, cio_lint)] == [
        ["messages.py:8:9:", "CIO704"]
    ]


def test_wrong_scheme_left_to_cio205(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    files = {
        "identify.ts": """
            export async function identify(id: string) {
              await fetch(`https://track.customer.io/api/v1/customers/${id}`, {
                method: "PUT",
                headers: { Authorization: `Bearer ${process.env.CIO_APP_API_KEY}` },
              });
            }
        """,
    }

    assert _findings("\n".join(_lint(files, write_tree, cio_lint))) == [
        "identify.ts:4:31: CIO205"
    ]


# CIO202 and CIO203.


def test_swapped_track_credentials(write_tree: WriteTree, cio_lint: RunCioLint) -> None:
    files = {
        "cio.py": """
            from customerio import CustomerIO


            def client(api_key, site_id):
                return CustomerIO(api_key, site_id)
        """,
        "cio.js": """
            const { TrackClient } = require("customerio-node");

            module.exports = new TrackClient(process.env.CIO_TRACK_API_KEY, process.env.CIO_SITE_ID);
        """,  # noqa: E501
    }

    lines = _lint(files, write_tree, cio_lint)

    assert _findings("\n".join(lines)) == ["cio.js:3:34: CIO202", "cio.py:5:23: CIO202"]
    assert lines[1] == (
        "cio.py:5:23: CIO202 The site ID and the Track API key are swapped: "
        "api_key, an API key of unnamed type, is given as the site_id argument and "
        "site_id, a site ID, is given as the api_key argument; CustomerIO(...) "
        "takes the site ID first and the Track API key second, so Customer.io "
        "answers every request with 401 Unauthorized: swap the two"
    )


def test_extra_app_credential(write_tree: WriteTree, cio_lint: RunCioLint) -> None:
    files = {
        "api.py": """
            import os

            from customerio import APIClient

            api = APIClient(os.environ["CIO_SITE_ID"], os.environ["CIO_API_KEY"])
            ok = APIClient(os.environ["CIO_APP_API_KEY"], "https://api-eu.customer.io")
        """,
        "api.ts": """
            import { APIClient } from "customerio-node";

            export const api = new APIClient(process.env.CIO_SITE_ID!, process.env.CIO_API_KEY!);
        """,  # noqa: E501
    }

    lines = _lint(files, write_tree, cio_lint)

    assert _findings("\n".join(lines)) == ["api.py:5:44: CIO203", "api.ts:3:60: CIO203"]
    assert "its second parameter is the base URL `url`" in lines[0]
    assert (
        "environment variable CIO_SITE_ID, a site ID, is sent as the Bearer token"
        in lines[1]
    )


# CIO301, CIO302, CIO304.


def test_region_rules_both_languages(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    files = {
        "cio.ts": """
            import { PipelinesClient, RegionEU, TrackClient } from "customerio-node";

            export const track = new TrackClient(process.env.CIO_SITE_ID!, process.env.CIO_TRACK_API_KEY!, RegionEU);
            export const cdp = new PipelinesClient(process.env.CIO_WRITE_KEY!, { region: "eu" });
        """,  # noqa: E501
        "cio.py": """
            import os

            from customerio import APIClient, CustomerIO, Regions

            cio = CustomerIO(os.environ["CIO_SITE_ID"], os.environ["CIO_TRACK_API_KEY"], region=os.environ["CIO_REGION"])
            api = APIClient(os.environ["CIO_APP_API_KEY"], url="https://api.customer.io", region=Regions.EU)
        """,  # noqa: E501
    }

    lines = _lint(files, write_tree, cio_lint)

    assert _findings("\n".join(lines)) == [
        "cio.py:5:85: CIO302",
        "cio.py:6:52: CIO304",
        "cio.ts:3:96: CIO301",
        "cio.ts:4:78: CIO302",
    ]
    assert lines[0] == (
        "cio.py:5:85: CIO302 region is a string read from environment variable "
        "CIO_REGION, but CustomerIO(...) accepts only a Region object and raises "
        "CustomerIOException('invalid region provided'): pass Regions.US or "
        "Regions.EU, chosen from the setting"
    )
    assert lines[1].endswith("use api-eu.customer.io")
    assert lines[2] == (
        "cio.ts:3:96: CIO301 [*] RegionEU is passed where new TrackClient(...) takes "
        "its options object, which it reads as options without `region`, so the "
        "client silently sends the EU workspace's data to the US: write "
        "{ region: RegionEU }"
    )
    assert "pass RegionEU" in lines[3]


def test_host_without_scheme_and_retired(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    files = {
        "cdp.py": """
            import os

            from customerio.analytics import Client

            analytics = Client(os.environ["CIO_WRITE_KEY"], host="cdp-eu.customer.io")
        """,
        "broadcast.js": """
            async function trigger(id, auth) {
              await fetch(`https://beta-api-eu.customer.io/v1/campaigns/${id}/triggers`, {
                method: "POST",
                headers: { Authorization: auth },
              });
            }
        """,  # noqa: E501
    }

    lines = _lint(files, write_tree, cio_lint)

    assert _findings("\n".join(lines)) == [
        "broadcast.js:2:16: CIO304",
        "cdp.py:5:54: CIO304",
    ]
    assert "use api-eu.customer.io" in lines[0]
    assert "write https://cdp-eu.customer.io" in lines[1]


def test_same_file_host_is_cio304(write_tree: WriteTree, cio_lint: RunCioLint) -> None:
    files = {
        "client.py": """
            import os

            import requests
            from customerio import CustomerIO, Regions

            BASE = "https://track.customer.io/api/v1"
            cio = CustomerIO(os.environ["CIO_SITE_ID"], os.environ["CIO_TRACK_API_KEY"], region=Regions.EU)


            def suppress(customer_id, auth):
                requests.post(f"{BASE}/customers/{customer_id}/suppress", auth=auth, timeout=10)
        """,  # noqa: E501
    }

    lines = _lint(files, write_tree, cio_lint)

    assert _findings("\n".join(lines)) == ["client.py:6:8: CIO304"]
    assert "this file chooses the EU region (Regions.EU, line 7)" in lines[0]


# The `region` setting.


def test_region_setting_validated(write_tree: WriteTree, cio_lint: RunCioLint) -> None:
    root = write_tree({"cio-lint.toml": 'region = "europe"\n', "x.py": ""})

    result = cio_lint(".")

    assert result.exit_code == 2
    assert result.stderr.strip().endswith(
        f"{root / 'cio-lint.toml'}: 'region' must be 'us' or 'eu', got 'europe'"
    )


def test_region_setting_shown(write_tree: WriteTree, cio_lint: RunCioLint) -> None:
    write_tree({"cio-lint.toml": 'region = "EU"\n', "x.py": ""})

    assert 'region = "eu"' in cio_lint("--show-settings", "x.py").lines
    assert (
        'region = ""  # not set'
        in cio_lint("--show-settings", "--isolated", "x.py").lines
    )
