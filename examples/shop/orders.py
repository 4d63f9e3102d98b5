"""Order events, sent straight from the checkout code."""

import time

from customerio import CustomerIO

from . import settings

cio = CustomerIO(settings.CUSTOMERIO_SITE_ID, settings.CUSTOMERIO_TRACK_API_KEY)


def order_placed(user, order):
    placed_ms = round(order.placed_at.timestamp() * 1000)
    cio.track(
        user.id,
        "order_placed",
        data={"order_id": order.id, "total": order.total},
        timestamp=placed_ms,
    )


def import_history(user, orders):
    for order in orders:
        cio.backfill(user.id, "order_placed", int(order.placed_at.timestamp()))
    cio.identify(id=user.id, history_imported_at=time.monotonic())
