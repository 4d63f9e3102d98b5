"""Python HTTP clients that come from a factory function or a typed parameter."""

from __future__ import annotations

from tests.conftest import RunCioLint, WriteTree


def _codes(lines: list[str]) -> list[str]:
    return [" ".join(line.split(" ")[:2]) for line in lines]


def test_session_from_factory_function(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree(
        {
            "push.py": """
                import os

                import httpx
                import requests

                TRACK = "https://track.customer.io/api/v1"


                def make_session():
                    session = requests.Session()
                    session.headers["Authorization"] = f"Bearer {os.environ['KEY']}"
                    return session


                def make_client():
                    return httpx.Client(base_url=TRACK, auth=(SITE, KEY))


                def recursive():
                    return recursive()


                session = make_session()
                client = make_client()
                other = recursive()


                def login(user_id):
                    session.put(f"{TRACK}/customers/{user_id}", json={}, timeout=5)
                    client.put(f"/customers/{user_id}", json={}).raise_for_status()
                    other.put(f"{TRACK}/customers/{user_id}", json={})
            """,
        }
    )

    result = cio_lint("--no-cache", ".")

    assert result.exit_code == 1, result.stderr
    assert _codes(result.lines) == [
        "push.py:11:40: CIO205",
        "push.py:29:5: CIO501",
        "push.py:29:5: CIO508",
        "push.py:30:5: CIO501",
    ]


def test_session_from_annotated_parameter(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree(
        {
            "sync.py": """
                from typing import Optional

                import httpx
                import requests


                def identify(session: requests.Session, user_id):
                    session.put(
                        f"https://track.customer.io/api/v1/customers/{user_id}",
                        json={},
                        timeout=5,
                    ).raise_for_status()


                async def track(client: Optional[httpx.AsyncClient], user_id):
                    await client.post(
                        f"https://track.customer.io/api/v1/customers/{user_id}/events",
                        json={"name": "signed_up"},
                    )
            """,
        }
    )

    result = cio_lint("--no-cache", ".")

    assert result.exit_code == 1, result.stderr
    # The caller may have mounted retries on the client it passes in, so
    # CIO501 does not judge these calls. The unread status is still found.
    assert _codes(result.lines) == ["sync.py:16:11: CIO508"]


def test_session_handed_to_retry_setup_is_not_judged(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    """What `add_retries(session)` mounts is in another file: retries unknown."""
    write_tree(
        {
            "retries.py": """
                from requests.adapters import HTTPAdapter
                from urllib3.util.retry import Retry


                def add_retries(session):
                    retry = Retry(total=5, status_forcelist=(429, 500, 502, 503))
                    session.mount("https://", HTTPAdapter(max_retries=retry))
            """,
            "push.py": """
                import requests

                from retries import add_retries

                TRACK = "https://track.customer.io/api/v1"
                session = requests.Session()
                add_retries(session)
                plain = requests.Session()
                print(plain)


                def identify(user_id):
                    url = f"{TRACK}/customers/{user_id}"
                    session.put(url, json={}).raise_for_status()
                    plain.put(url, json={}).raise_for_status()
            """,
        }
    )

    result = cio_lint("--no-cache", "--select", "CIO501", ".")

    assert _codes(result.lines) == ["push.py:15:5: CIO501"]


def test_client_objects_from_another_module(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree(
        {
            "app/__init__.py": "",
            "app/settings.py": 'TRACK_URL = "https://track.customer.io/api/v1"\n',
            "app/http.py": """
                import httpx
                import requests
                from requests.adapters import HTTPAdapter

                from app import settings


                def make_track_client():
                    return httpx.Client(base_url=settings.TRACK_URL, auth=(SITE, KEY))


                def make_retrying_session():
                    session = requests.Session()
                    session.mount("https://", HTTPAdapter(max_retries=3))
                    return session


                def make_plain_session():
                    return requests.Session()


                partner = httpx.Client(base_url="https://partner.example.com")
            """,
            "app/jobs.py": """
                import time

                from app.http import make_plain_session, make_retrying_session
                from app.http import make_track_client, partner

                track_client = make_track_client()
                session = make_retrying_session()
                plain = make_plain_session()


                def sync(user_id):
                    track_client.put(
                        f"/customers/{user_id}",
                        json={"seen_at": int(time.time() * 1000)},
                    ).raise_for_status()
                    session.put(
                        f"https://track.customer.io/api/v1/customers/{user_id}", json={}
                    ).raise_for_status()
                    partner.put(f"/customers/{user_id}", json={}).raise_for_status()
                    plain.put(
                        f"https://track.customer.io/api/v1/customers/{user_id}", json={}
                    ).raise_for_status()
            """,
        }
    )

    result = cio_lint("--no-cache", ".")

    assert result.exit_code == 1, result.stderr
    assert _codes(result.lines) == [
        "app/jobs.py:12:5: CIO501",
        "app/jobs.py:14:26: CIO101",
        "app/jobs.py:20:5: CIO501",
    ]
    assert result.lines[0].startswith(
        "app/jobs.py:12:5: CIO501 Nothing retries this Track API call: a plain "
        "HTTP call with httpx.Client.put is never retried"
    )


def test_adapter_mounted_from_another_module(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree(
        {
            "app/__init__.py": "",
            "app/adapters.py": """
                from requests.adapters import HTTPAdapter
                from urllib3.util.retry import Retry

                RETRYING_ADAPTER = HTTPAdapter(max_retries=Retry(total=5))
            """,
            "app/push.py": """
                import requests

                from app.adapters import RETRYING_ADAPTER

                TRACK = "https://track.customer.io/api/v1"
                session = requests.Session()
                session.mount("https://", RETRYING_ADAPTER)


                def identify(user_id):
                    url = f"{TRACK}/customers/{user_id}"
                    session.put(url, json={}, timeout=5).raise_for_status()
            """,
        }
    )

    result = cio_lint("--no-cache", "--select", "CIO501", ".")

    assert result.exit_code == 0, result.stdout
    assert result.lines == []
