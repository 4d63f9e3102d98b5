"""Refund receipts, sent with plain requests to the App API."""

import requests

from . import settings

APP_API = "https://api.customer.io/v1"


def send_refund_receipt(user, refund):
    return requests.post(
        f"{APP_API}/send/email",
        auth=(settings.CUSTOMERIO_SITE_ID, settings.CUSTOMERIO_TRACK_API_KEY),
        json={
            "transactional_message_id": "refund_receipt",
            "to": user.email,
            "identifiers": {"id": str(user.id)},
            "message_data": {"amount": refund.amount},
        },
        timeout=10,
    )
