"""CIO206: secrets sent as profile attributes, event data or request bodies."""

from __future__ import annotations

from tests.conftest import RunCioLint, WriteTree

PYTHON = """
    import requests
    from customerio import CustomerIO

    cio = CustomerIO(SITE_ID, TRACK_API_KEY)


    def sync(user, card):
        cio.identify(
            id=user.id,
            userPassword=user.raw_password,
            auth_token=user.token,
            device_token=user.device,
            password_changed_at=user.changed,
            has_password=True,
            profile={"ssn": user.ssn, "card_number": card.number, "last4": card.last4},
        )
        cio.track(user.id, "token_issued", data={"access_token": user.token, "cvv": 1})
        requests.put(
            f"https://track.customer.io/api/v1/customers/{user.id}",
            json={"client_secret": user.secret, "apiKey": 3},
            auth=(SITE_ID, TRACK_API_KEY),
        )
"""


def _located(lines: list[str]) -> list[str]:
    return [" ".join(line.split(" ", 3)[:3]) for line in lines]


def test_secret_keys_in_python_payloads(
    cio_lint: RunCioLint, write_tree: WriteTree
) -> None:
    write_tree({"app.py": PYTHON})

    result = cio_lint("--select", "CIO206", "app.py")

    assert _located(result.lines) == [
        "app.py:10:9: CIO206 'userPassword'",
        "app.py:11:9: CIO206 'auth_token'",
        "app.py:15:18: CIO206 'ssn'",
        "app.py:15:35: CIO206 'card_number'",
        "app.py:20:15: CIO206 'client_secret'",
    ]
    assert result.lines[0].endswith(
        "'userPassword' looks like a secret, sent to Customer.io by identify() and "
        "stored on the person's profile; what a workspace stores is visible to its "
        "members and included in its exports, so a secret there leaks: leave it "
        "out, or send a flag such as 'has_password' instead"
    )
    assert "looks like a token" in result.lines[1]
    assert "by requests.put() and stored on the person" in result.lines[4]
    assert result.exit_code == 1


def test_event_and_device_tokens_allowed(
    cio_lint: RunCioLint, write_tree: WriteTree
) -> None:
    write_tree(
        {
            "reset.ts": """
                import { TrackClient } from "customerio-node";

                const cio = new TrackClient(SITE, KEY);

                export async function reset(user: { id: string }, token: string) {
                  await cio.track(user.id, {
                    name: "password_reset_requested",
                    data: { resetToken: token, reset_password_url: link(token) },
                  });
                  await cio.identify(user.id, { pushToken: user.push, isSecret: flag });
                  await cio.identify(user.id, { stripeSecretKey: user.key });
                  await cio.identify(user.id, { masked_card_number: user.masked });
                }
            """
        }
    )

    result = cio_lint("--select", "CIO206", "reset.ts")

    assert _located(result.lines) == ["reset.ts:11:33: CIO206 'stripeSecretKey'"]
