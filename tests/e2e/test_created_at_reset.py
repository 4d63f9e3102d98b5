"""CIO106 created-at-reset through the installed command."""

from __future__ import annotations

from tests.conftest import RunCioLint, WriteTree

ACCOUNTS_PY = """
import time

from customerio import CustomerIO
from django.db import models

cio = CustomerIO(SITE, KEY)


def on_signup(user):
    cio.identify(id=user.id, created_at=int(time.time()))


def on_login(user):
    now = int(time.time())
    cio.identify(id=user.id, created_at=now, last_login=now)
    cio.identify(id=user.id, created_at=int(user.date_joined.timestamp()))


class Account(models.Model):
    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        cio.identify(id=self.id, created_at=int(time.time()))
"""
PROFILE_TS = """
import { TrackClient } from "customerio-node";
const cio = new TrackClient(SITE, KEY);
export async function updateProfile(user) {
  await cio.identify(user.id, { created_at: Math.floor(Date.now() / 1000) });
  const data = { created_at: Math.floor(Date.now() / 1000) };
  await cio.track(user.id, { name: "updated", data });
}
export async function handle(user) {
  await cio.identify(user.id, { created_at: Math.floor(Date.now() / 1000) });
}
"""


def _reset(repeated: str) -> str:
    return (
        f"CIO106 created_at is set to the current time in an identify that "
        f"{repeated}, so every call moves the profile's signup date to now and "
        "breaks segments and campaigns that use it: send created_at once, at "
        "signup, or send the stored signup time"
    )


def test_created_at_reset_on_login_and_save(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree({"accounts.py": ACCOUNTS_PY, "profile.ts": PROFILE_TS})

    result = cio_lint("--select", "CIO106", ".")

    assert result.lines == [
        f"accounts.py:15:41: {_reset('runs in on_login()')}",
        f"accounts.py:22:45: {_reset('runs on every save (class Account)')}",
        f"profile.ts:4:45: {_reset('runs in updateProfile()')}",
    ]
    assert result.exit_code == 1


SIGNALS_PY = """
import time

from customerio import CustomerIO
from django.db import models
from django.db.models.signals import post_save
from django.dispatch import receiver

cio = CustomerIO(SITE, KEY)


@receiver(post_save, sender="auth.User")
def user_saved(sender, instance, created, **kwargs):
    if created:
        cio.identify(instance.pk, created_at=int(time.time()))
    else:
        cio.identify(instance.pk, created_at=int(time.time()))


@receiver(post_save, sender="shop.Customer")
def customer_saved(sender, instance, created, **kwargs):
    if not created:
        return
    cio.identify(instance.pk, created_at=int(time.time()))


class Account(models.Model):
    def save(self, *args, **kwargs):
        is_new = self._state.adding
        super().save(*args, **kwargs)
        if is_new:
            cio.identify(self.pk, created_at=int(time.time()))
"""
SAVE_USER_TS = """
import { TrackClient } from "customerio-node";
const cio = new TrackClient(SITE, KEY);
export async function saveUser(user, isNew) {
  if (!isNew) return;
  await cio.identify(user.id, { created_at: Math.floor(Date.now() / 1000) });
}
export async function syncUser(user, isNew) {
  if (isNew) return;
  await cio.identify(user.id, { created_at: Math.floor(Date.now() / 1000) });
}
"""


def test_identify_only_on_creation_is_clean(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    write_tree({"signals.py": SIGNALS_PY, "users.ts": SAVE_USER_TS})

    result = cio_lint("--select", "CIO106", ".")

    assert result.lines == [
        f"signals.py:16:46: {_reset('runs on every save (@receiver)')}",
        f"users.ts:9:45: {_reset('runs in syncUser()')}",
    ]
    assert result.exit_code == 1


def test_creation_tests_that_let_updates_through(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    """`or`, `is False` and a value chosen only on creation, loops included."""
    write_tree(
        {
            "signals.py": """
                import time

                from customerio import CustomerIO

                cio = CustomerIO(SITE, KEY)


                def sync_user(user, created, plan_changed):
                    if created or plan_changed:
                        cio.identify(user.pk, created_at=int(time.time()))
                    if created is False:
                        cio.identify(user.pk, created_at=int(time.time()))


                def sync_all(users):
                    for user, created in users:
                        if not created:
                            continue
                        cio.identify(user.pk, created_at=int(time.time()))
            """,
            "users.js": """
                const { TrackClient } = require("customerio-node");
                const cio = new TrackClient(SITE, KEY);
                async function syncUser(user, isNew) {
                  await cio.identify(user.id, {
                    created_at: isNew ? Math.floor(Date.now() / 1000) : undefined,
                  });
                }
            """,
        }
    )

    result = cio_lint("--select", "CIO106", ".")

    assert result.lines == [
        f"signals.py:10:42: {_reset('runs in sync_user()')}",
        f"signals.py:12:42: {_reset('runs in sync_user()')}",
    ]
