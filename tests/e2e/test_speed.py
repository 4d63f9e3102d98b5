"""The prefilter, the cache and the worker pool, through the real command."""

from __future__ import annotations

import os
from pathlib import Path

from tests.conftest import RunCioLint, WriteTree

CLIENT = """
    from customerio import CustomerIO
    cio = CustomerIO("site", "key")
"""
IMPORTER = """
    import time
    from app.cio import cio

    def signed_up(user):
        cio.track(customer_id=user, name="signed_up", timestamp=time.time() * 1000)
"""
UNRELATED = """
    def add(a, b):
        return a + b
"""
TREE = {"app/cio.py": CLIENT, "app/views.py": IMPORTER, "app/util.py": UNRELATED}


def _parsed(stderr: str) -> set[str]:
    suffix = ": parsed"
    return {
        line.removeprefix("cio-lint: DEBUG: ").removesuffix(suffix)
        for line in stderr.splitlines()
        if line.endswith(suffix)
    }


def test_prefilter_skips_files_without_markers(
    cio_lint: RunCioLint, write_tree: WriteTree
) -> None:
    write_tree(TREE)

    run = cio_lint("-v", "--no-cache", "app")

    assert "app/util.py: no Customer.io marker" in run.stderr
    assert (
        "app/util.py: imports no module that exports a client or wrapper, skipped"
        in run.stderr
    )
    assert "app/util.py" not in _parsed(run.stderr)


def test_client_importer_is_linted(cio_lint: RunCioLint, write_tree: WriteTree) -> None:
    write_tree(TREE)

    run = cio_lint("-v", "--no-cache", "app")

    assert "app/views.py: no Customer.io marker" in run.stderr
    assert "app/views.py: imports no module" not in run.stderr
    assert _parsed(run.stderr) == {"app/cio.py", "app/views.py"}
    assert any(
        line.startswith("app/views.py:5:") and "CIO101" in line for line in run.lines
    )


def test_second_run_reads_models_from_the_cache(
    cio_lint: RunCioLint, write_tree: WriteTree
) -> None:
    root = write_tree(TREE)

    first = cio_lint("-v", "app")
    second = cio_lint("-v", "app")

    assert _parsed(first.stderr) == {"app/cio.py", "app/views.py"}
    assert _parsed(second.stderr) == set()
    assert "0 files parsed, 2 models read from the cache" in second.stderr
    assert second.stdout == first.stdout
    assert second.exit_code == first.exit_code == 1
    assert (root / ".cio_lint_cache" / "CACHEDIR.TAG").is_file()


def test_unchanged_file_without_marker_is_not_read_again(
    cio_lint: RunCioLint, write_tree: WriteTree
) -> None:
    write_tree(TREE)
    first = cio_lint("-v", "app")
    second = cio_lint("-v", "app")
    write_tree({"app/util.py": UNRELATED + "\n# changed\n"})
    third = cio_lint("-v", "app")

    unread = "app/util.py: unchanged since the last run, not read"
    assert unread not in first.stderr
    assert unread in second.stderr
    assert unread not in third.stderr
    assert "app/util.py: no Customer.io marker" in third.stderr
    assert second.stdout == first.stdout == third.stdout


def test_changed_content_is_parsed_again(
    cio_lint: RunCioLint, write_tree: WriteTree
) -> None:
    write_tree(TREE)
    cio_lint("app")
    write_tree({"app/views.py": IMPORTER.replace("* 1000", "")})

    run = cio_lint("-v", "app")

    assert _parsed(run.stderr) == {"app/views.py"}
    assert run.exit_code == 0


def test_changed_setting_invalidates_the_cache(
    cio_lint: RunCioLint, write_tree: WriteTree
) -> None:
    write_tree(TREE)
    cio_lint("app")
    write_tree({"cio-lint.toml": 'event-name-style = "camelCase"\n'})

    run = cio_lint("-v", "app")

    assert _parsed(run.stderr) == {"app/cio.py", "app/views.py"}


def test_rule_selection_keeps_the_cache(
    cio_lint: RunCioLint, write_tree: WriteTree
) -> None:
    write_tree(TREE)
    cio_lint("app")

    run = cio_lint("-v", "--select", "CIO101", "app")

    assert _parsed(run.stderr) == set()
    assert "CIO101" in run.stdout


def test_no_cache_neither_reads_nor_writes(
    cio_lint: RunCioLint, write_tree: WriteTree
) -> None:
    root = write_tree(TREE)

    cio_lint("--no-cache", "app")
    run = cio_lint("-v", "--no-cache", "app")

    assert _parsed(run.stderr) == {"app/cio.py", "app/views.py"}
    assert not (root / ".cio_lint_cache").exists()


def test_cache_dir_option_and_clean(
    cio_lint: RunCioLint, write_tree: WriteTree, tmp_path: Path
) -> None:
    write_tree(TREE)
    elsewhere = tmp_path / "cache-here"

    cio_lint("--cache-dir", str(elsewhere), "app")
    cleaned = cio_lint("clean", "--cache-dir", str(elsewhere))

    assert cleaned.exit_code == 0
    assert not elsewhere.exists()
    assert not (tmp_path / ".cio_lint_cache").exists()


def test_cache_dir_config_key(cio_lint: RunCioLint, write_tree: WriteTree) -> None:
    root = write_tree({**TREE, "cio-lint.toml": 'cache-dir = "build/lint-cache"\n'})

    cio_lint("app")
    assert (root / "build" / "lint-cache" / "CACHEDIR.TAG").is_file()
    cleaned = cio_lint("clean")

    assert cleaned.exit_code == 0
    assert not (root / "build" / "lint-cache").exists()


def test_clean_keeps_foreign_folder(
    cio_lint: RunCioLint, write_tree: WriteTree
) -> None:
    root = write_tree({"keep/me.txt": "data\n"})

    run = cio_lint("clean", "--cache-dir", "keep")

    assert run.exit_code == 2
    assert "is not a cio-lint cache" in run.stderr
    assert (root / "keep" / "me.txt").is_file()


def test_damaged_cache_entries_are_ignored(
    cio_lint: RunCioLint, write_tree: WriteTree
) -> None:
    root = write_tree(TREE)
    first = cio_lint("app")
    for entry in (root / ".cio_lint_cache").rglob("*"):
        if entry.is_file() and entry.parent.parent.name.startswith("v"):
            entry.write_bytes(b"not a pickle")

    run = cio_lint("-v", "app")

    assert run.stdout == first.stdout
    assert _parsed(run.stderr) == {"app/cio.py", "app/views.py"}


def test_two_jobs_give_the_same_output_as_one(
    cio_lint: RunCioLint, write_tree: WriteTree
) -> None:
    files = dict(TREE)
    # Enough source for a pool: less is analysed in one process.
    padding = "    # " + "x" * 6_000 + "\n"
    for number in range(12):
        files[f"app/job{number}.py"] = padding + IMPORTER.replace(
            'name="signed_up"', f'name="Event {number}"'
        )
    write_tree(files)

    serial = cio_lint("--no-cache", "--jobs", "1", "app")
    pooled = cio_lint("-v", "--no-cache", "--jobs", "2", "app")
    small = cio_lint("-v", "--no-cache", "--jobs", "2", "app/cio.py", "app/views.py")

    assert "with 2 worker processes" in pooled.stderr
    assert "worker processes" not in small.stderr
    assert pooled.stdout == serial.stdout
    assert pooled.exit_code == serial.exit_code == 1
    assert len(serial.lines) == 25


def test_rewrite_keeping_size_mtime_reread(
    cio_lint: RunCioLint, write_tree: WriteTree
) -> None:
    hidden = """
        from xxxxxxxxxx import XXXXXXXXXX

        client = XXXXXXXXXX("site", "key")
        client.identify(id=1, created_at=1700000000000)
    """
    root = write_tree({"a.py": hidden})
    first = cio_lint("a.py")
    before = os.stat(root / "a.py")
    write_tree(
        {
            "a.py": hidden.replace("xxxxxxxxxx", "customerio").replace(
                "XXXXXXXXXX", "CustomerIO"
            )
        }
    )
    os.utime(root / "a.py", ns=(before.st_atime_ns, before.st_mtime_ns))

    second = cio_lint("a.py")

    assert os.stat(root / "a.py").st_size == before.st_size
    assert (first.exit_code, second.exit_code) == (0, 1)
    assert second.lines[0].startswith("a.py:4:34: CIO101")


LEFT_OUT = '''
    import time
    from customerio import CustomerIO

    cio = CustomerIO("site", "key")


    def unrelated(value):
        """Left out of the parse: nothing connects it to the client."""
        return value * 1000


    class Other:
        def now(self):
            return int(time.time() * 1000)


    def signed_up(user):
        cio.identify(id=user, created_at=int(time.time() * 1000))
'''


def test_left_out_definitions_keep_positions_and_fixes(
    cio_lint: RunCioLint, write_tree: WriteTree
) -> None:
    root = write_tree({"app.py": LEFT_OUT})

    found = cio_lint("--no-cache", "--select", "CIO101", "app.py")
    fixed = cio_lint("--no-cache", "--select", "CIO101", "--fix", "app.py")

    assert [line.split(" '")[0] for line in found.lines] == ["app.py:18:38: CIO101 [*]"]
    text = (root / "app.py").read_text(encoding="utf-8")
    assert text.endswith(
        "    def now(self):\n"
        "        return int(time.time() * 1000)\n\n\n"
        "def signed_up(user):\n"
        "    cio.identify(id=user, created_at=int(time.time()))\n"
    )
    assert fixed.exit_code == 0


CALLER = """
    from app import events, helpers
    from app.tracking import send

    def signed_up(user):
        helpers.log_event(events.LOGGED)
        send(user, events.SIGNED_UP)
"""
TRACKING = """
    from customerio import CustomerIO
    cio = CustomerIO("site", "key")

    def send(user, name):
        cio.track(customer_id=user, name=name)
"""
CONSTANT_TREES = {
    "app/__init__.py": "",
    "app/views.py": CALLER,
    "app/tracking.py": TRACKING,
    "app/events.py": 'SIGNED_UP = "Signed Up"\nLOGGED = "logged"\n',
    "app/helpers.py": "def log_event(name):\n    print(name)\n",
}


def test_only_sent_constants_are_followed(
    cio_lint: RunCioLint, write_tree: WriteTree
) -> None:
    write_tree(CONSTANT_TREES)

    run = cio_lint("-v", "--no-cache", "--select", "CIO401", "app")

    # `events.SIGNED_UP` may be an attribute of the package or a module's constant.
    assert _parsed(run.stderr) == {
        "app/__init__.py",
        "app/views.py",
        "app/tracking.py",
        "app/events.py",
    }
    assert [line.split(" (")[0] for line in run.lines] == [
        "app/events.py:1:13: CIO401 Event name 'Signed Up' does not follow snake_case"
    ]


WRAPPER_MODULE = """
    from customerio import CustomerIO
    cio = CustomerIO("site", "key")

    def track_signup(user, at):
        cio.track(customer_id=user, name="signed_up", timestamp=at)
"""
MARKED_CALLER = """
    # Sign-ups are sent to Customer.io through app.tracking.
    import time
    from app.tracking import track_signup

    def signup(user):
        track_signup(user, time.time() * 1000)
"""


def test_file_reanalysed_when_import_exports(
    cio_lint: RunCioLint, write_tree: WriteTree
) -> None:
    write_tree({"app/tracking.py": WRAPPER_MODULE, "app/views.py": MARKED_CALLER})

    run = cio_lint("-v", "--no-cache", "--select", "CIO101", "app")

    parsed = [line for line in run.stderr.splitlines() if line.endswith(": parsed")]
    assert parsed.count("cio-lint: DEBUG: app/views.py: parsed") == 2
    assert [line.split(" '")[0] for line in run.lines] == [
        "app/views.py:6:24: CIO101 [*]"
    ]


UNRELATED_USE = """
    # Sign-ups are sent to Customer.io through app.tracking.
    from app import tracking

    def version():
        return tracking.VERSION
"""


def test_file_not_reanalysed_without_exported_name(
    cio_lint: RunCioLint, write_tree: WriteTree
) -> None:
    write_tree({"app/tracking.py": WRAPPER_MODULE, "app/views.py": UNRELATED_USE})

    run = cio_lint("-v", "--no-cache", "app")

    parsed = [line for line in run.stderr.splitlines() if line.endswith(": parsed")]
    assert parsed.count("cio-lint: DEBUG: app/views.py: parsed") == 1
    assert run.lines == []


CLIENTS = """
    from customerio import CustomerIO

    cio = CustomerIO("site", "key")
"""
SERVICES = """
    from app.clients import cio


    def record_signup(user_id, when):
        cio.track(user_id, "signed_up", timestamp=when)
"""
CHAIN_VIEWS = """
    import time

    from app.clients import cio
    from app.services import record_signup


    def signup(user_id):
        record_signup(user_id, 1)


    def update_profile(user_id):
        cio.identify(id=user_id, updated_at=int(time.time() * 1000))
"""


def test_second_analysis_keeps_followed_modules(
    cio_lint: RunCioLint, write_tree: WriteTree
) -> None:
    # clients.py exports in the first round, services.py in the second: the
    # second analysis of views.py must still follow clients.py.
    write_tree(
        {
            "app/clients.py": CLIENTS,
            "app/services.py": SERVICES,
            "app/views.py": CHAIN_VIEWS,
        }
    )

    run = cio_lint("--no-cache", "--select", "CIO101", "app")

    assert [line.split(" '")[0] for line in run.lines] == [
        "app/views.py:12:41: CIO101 [*]"
    ]


ALIASED = '''
    """Account hooks; profile data goes to Customer.io."""

    import time

    from app.clients import cio as marketing


    def on_created(account_id):
        marketing.identify(id=account_id, created_at=int(time.time() * 1000))
'''


def test_renamed_import_of_client_is_followed(
    cio_lint: RunCioLint, write_tree: WriteTree
) -> None:
    write_tree({"app/clients.py": CLIENTS, "app/accounts.py": ALIASED})

    run = cio_lint("--no-cache", "--select", "CIO101", "app")

    assert [line.split(" '")[0] for line in run.lines] == [
        "app/accounts.py:9:50: CIO101 [*]"
    ]


EVENTS_CLASS = """
    ORDER_PLACED = "OrderPlaced"


    class OrderEvent:
        PLACED = ORDER_PLACED

        @staticmethod
        def all():
            return [OrderEvent.PLACED]
"""
ORDER_TRACKING = """
    from customerio import CustomerIO

    from app.events import OrderEvent

    cio = CustomerIO("site", "key")


    def order_placed(user_id):
        cio.track(user_id, OrderEvent.PLACED)
"""


def test_class_naming_constant_is_kept(
    cio_lint: RunCioLint, write_tree: WriteTree
) -> None:
    write_tree({"app/events.py": EVENTS_CLASS, "app/tracking.py": ORDER_TRACKING})

    run = cio_lint("--no-cache", "--select", "CIO401", "app")

    assert [line.split(" (")[0] for line in run.lines] == [
        "app/events.py:1:16: CIO401 Event name 'OrderPlaced' does not follow snake_case"
    ]


CRM_SERVICE = """
    import os

    from customerio import CustomerIO


    class Crm:
        def __init__(self):
            self.client = CustomerIO(os.environ["SITE_ID"], os.environ["KEY"])

        def event(self, user_id, name, **data):
            self.client.track(user_id, name, **data)
"""
SERVICE_VIEWS = """
    # Account views; events go to Customer.io.
    from app import crm_service

    service = crm_service.Crm()


    def checkout(user):
        service.event(user.id, "OrderPlaced")
"""


def test_instance_made_at_module_level_is_followed(
    cio_lint: RunCioLint, write_tree: WriteTree
) -> None:
    write_tree(
        {
            "app/__init__.py": "",
            "app/crm_service.py": CRM_SERVICE,
            "app/views.py": SERVICE_VIEWS,
        }
    )

    run = cio_lint("--no-cache", "--select", "CIO401", "app")

    assert [line.split(" (")[0] for line in run.lines] == [
        "app/views.py:8:28: CIO401 Event name 'OrderPlaced' does not follow snake_case"
    ]
