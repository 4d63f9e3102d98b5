"""Transactional emails through the App API."""

import time

from customerio import APIClient, Regions, SendEmailRequest

from . import settings

api = APIClient(settings.CUSTOMERIO_APP_API_KEY, region=Regions.EU)

REMINDER_DELAY_MS = 3 * 24 * 3600 * 1000


def send_welcome(user):
    request = SendEmailRequest(
        transactional_message_id="welcome",
        to=user.email,
        identifiers={"id": str(user.id)},
        message_data={"name": user.first_name},
    )
    return api.send_email(request)


def schedule_reminder(user):
    request = SendEmailRequest(
        transactional_message_id="cart_reminder",
        to=user.email,
        identifiers={"id": str(user.id)},
        send_at=time.time() * 1000 + REMINDER_DELAY_MS,
    )
    return api.send_email(request)
