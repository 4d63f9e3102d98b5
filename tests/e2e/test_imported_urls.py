"""Plain HTTP calls whose URL starts with a constant imported from another file.

The file that sends the request often names no Customer.io host itself: the
URL comes from a settings or config module. The call is bound when the project
is linked, and the importing file is analysed although it has no marker.
"""

from __future__ import annotations

from tests.conftest import RunCioLint, WriteTree

PYTHON_SETTINGS = """
    CIO_TRACK_URL = "https://track.customer.io/api/v1"
    PARTNER_URL = "https://partner.example.com/api"
"""


def _codes(lines: list[str]) -> list[str]:
    """Return `path:line:column: CODE` for each finding line."""
    return [" ".join(line.split(" ")[:2]) for line in lines]


def test_python_url_from_settings(write_tree: WriteTree, cio_lint: RunCioLint) -> None:
    write_tree(
        {
            "app/__init__.py": "",
            "app/settings.py": PYTHON_SETTINGS,
            "app/tracking.py": """
                import time

                import httpx

                from app.settings import CIO_TRACK_URL

                client = httpx.Client(base_url=CIO_TRACK_URL)


                def signed_up(user_id):
                    response = client.post(
                        f"/customers/{user_id}/events",
                        json={
                            "name": "signed_up",
                            "timestamp": int(time.time() * 1000),
                        },
                    )
                    response.raise_for_status()
            """,
        }
    )

    result = cio_lint("--no-cache", ".")

    assert result.exit_code == 1, result.stderr
    assert _codes(result.lines) == [
        "app/tracking.py:11:16: CIO501",
        "app/tracking.py:15:26: CIO101",
    ]
    assert result.lines[0].startswith(
        "app/tracking.py:11:16: CIO501 Nothing retries this Track API call: a "
        "plain HTTP call with httpx.Client.post is never retried"
    )


def test_python_module_attribute_and_relative_urls(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree(
        {
            "app/__init__.py": "",
            "app/settings.py": PYTHON_SETTINGS,
            "app/jobs.py": """
                import requests

                from app import settings
                from .settings import CIO_TRACK_URL, PARTNER_URL


                def sync(user_id, plan):
                    requests.put(
                        f"{settings.CIO_TRACK_URL}/customers/{user_id}",
                        json={"plan": plan},
                        timeout=5,
                    ).raise_for_status()
                    requests.post(
                        f"{CIO_TRACK_URL}/customers/{user_id}/events",
                        json={"name": "plan_changed"},
                        timeout=5,
                    ).raise_for_status()
                    requests.post(f"{PARTNER_URL}/users", json={}, timeout=5)
            """,
        }
    )

    result = cio_lint("--no-cache", ".")

    assert result.exit_code == 1, result.stderr
    assert _codes(result.lines) == [
        "app/jobs.py:8:5: CIO501",
        "app/jobs.py:13:5: CIO501",
    ]


def test_javascript_url_from_config(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree(
        {
            "src/config.ts": """
                export const CIO_TRACK_URL = "https://track-eu.customer.io/api/v1";
                export const PARTNER_URL = "https://partner.example.com";
            """,
            "src/track.ts": """
                import axios from "axios";
                import { CIO_TRACK_URL, PARTNER_URL } from "./config";

                const cio = axios.create({ baseURL: CIO_TRACK_URL });

                export async function signedUp(id: string) {
                  const url = `${CIO_TRACK_URL}/customers/${id}/events`;
                  const response = await fetch(url, {
                    method: "POST",
                    body: JSON.stringify({ name: "signed_up", timestamp: Date.now() }),
                  });
                  if (!response.ok) throw new Error(String(response.status));
                  await fetch(`${PARTNER_URL}/users/${id}`, { method: "POST" });
                }

                export function identify(id: string) {
                  return cio.put(`/customers/${id}`, { created_at: Date.now() });
                }
            """,
        }
    )

    result = cio_lint("--no-cache", ".")

    assert result.exit_code == 1, result.stderr
    assert _codes(result.lines) == [
        "src/track.ts:8:26: CIO501",
        "src/track.ts:10:58: CIO101",
        "src/track.ts:17:10: CIO501",
        "src/track.ts:17:52: CIO101",
    ]


def test_other_host_constant_unbound(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree(
        {
            "app/__init__.py": "",
            "app/settings.py": PYTHON_SETTINGS,
            "app/partner.py": """
                import requests

                from app.settings import PARTNER_URL


                def notify(user_id):
                    requests.post(f"{PARTNER_URL}/customers/{user_id}/events", json={})
            """,
        }
    )

    result = cio_lint("--no-cache", ".")

    assert result.exit_code == 0, result.stderr
    assert result.lines == []


def test_wrappers_around_imported_urls_and_clients(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    """Callers of a helper that sends through imported parts are checked too."""
    write_tree(
        {
            "app/__init__.py": "",
            "app/settings.py": PYTHON_SETTINGS,
            "app/http.py": """
                import httpx

                from app.settings import CIO_TRACK_URL


                def make_track_client():
                    return httpx.Client(base_url=CIO_TRACK_URL, auth=(SITE, KEY))
            """,
            "app/cio.py": """
                import requests

                from app.http import make_track_client
                from app.settings import CIO_TRACK_URL

                track_client = make_track_client()


                def track(customer_id, name):
                    track_client.post(
                        f"/customers/{customer_id}/events", json={"name": name}
                    ).raise_for_status()


                def identify(customer_id, attributes):
                    requests.put(
                        f"{CIO_TRACK_URL}/customers/{customer_id}",
                        json=attributes,
                        timeout=5,
                    ).raise_for_status()
            """,
            "app/views.py": """
                import time

                from app import cio


                def upgrade(user):
                    cio.track(user.id, "UpgradedPlan")
                    cio.identify(user.id, {"upgraded_at": int(time.time() * 1000)})
            """,
        }
    )

    result = cio_lint("--no-cache", "--select", "CIO101,CIO401", ".")

    assert _codes(result.lines) == [
        "app/views.py:7:24: CIO401",
        "app/views.py:8:43: CIO101",
    ]
    assert result.lines[0].endswith(
        "rename it to 'upgraded_plan' in both (sent through the wrapper "
        "cio.track(), app/cio.py line 9)"
    )


def test_imported_base_url_ending_in_slash(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    """httpx and axios join a base URL and a path with one slash."""
    write_tree(
        {
            "app/__init__.py": "",
            "app/settings.py": 'CIO_V2_URL = "https://track.customer.io/api/v2/"\n',
            "app/batch.py": """
                import httpx

                from app.settings import CIO_V2_URL

                client = httpx.Client(base_url=CIO_V2_URL, auth=(SITE, KEY))


                def send_batch(operations):
                    client.post("batch", json={"batch": operations})
                    client.post("batches", json={"batch": operations})
            """,
        }
    )

    result = cio_lint("--no-cache", "--select", "CIO704", ".")

    assert result.lines == [
        "app/batch.py:10:17: CIO704 POST /api/v2/batches is not an endpoint of the "
        "Track API at track.customer.io: the Track API has no such endpoint"
    ]
