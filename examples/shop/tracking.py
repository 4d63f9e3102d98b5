"""The shop's Customer.io client and the helpers the views call."""

import enum
import time
from datetime import datetime, timezone

from customerio import CustomerIO, Regions

from . import settings


class Event(str, enum.Enum):
    SIGNED_UP = "signed_up"
    TRIAL_STARTED = "TrialStarted"


class Tracker:
    def __init__(self):
        self.client = CustomerIO(
            settings.CUSTOMERIO_SITE_ID,
            settings.CUSTOMERIO_TRACK_API_KEY,
            region=Regions.EU,
        )

    def signed_up(self, user):
        self.client.identify(
            id=user.id,
            email=user.email,
            created_at=int(time.time() * 1000),
            plan=user.plan,
        )
        self.client.track(user.id, Event.SIGNED_UP.value, data={"plan": user.plan})

    def logged_in(self, user):
        attributes = {
            "last_login_at": datetime.now(),
            "last_seen_at": time.time_ns() // 1_000_000,
        }
        self.client.identify(id=user.id, **attributes)

    def trial_started(self, user):
        ends = datetime.now(timezone.utc).timestamp() + settings.TRIAL_DAYS * 86400
        self.client.identify(id=user.id, trial_ends_at=int(ends))
        self.client.track(user.id, Event.TRIAL_STARTED.value)


tracker = Tracker()
