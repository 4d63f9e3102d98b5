"""`--fix` and `--unsafe-fixes` through the installed command: exact fixed text.

Each case is one file with one finding. To keep the suite fast, the files of
all safe cases are fixed in one run and those of the unsafe cases in another.
A failing case names its file.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import RunCioLint, WriteTree, without_reliability_rules


@pytest.fixture
def cio_lint(cio_lint: RunCioLint) -> RunCioLint:
    """Lint without the reliability rules, which these inputs do not address."""
    return without_reliability_rules(cio_lint)


PY_TRACK = "from customerio import CustomerIO\ncio = CustomerIO(SITE_ID, TRACK_KEY)\n"
JS_TRACK = (
    'const { TrackClient } = require("customerio-node");\n'
    "const cio = new TrackClient(SITE_ID, TRACK_KEY);\n"
)
REGION_VARIABLE = """const { TrackClient } = require("customerio-node");
const region = "eu";
const cio = new TrackClient(S, K, { region });
"""

# name: (before, after). Every case here gets a safe fix.
SAFE_CASES = {
    "ms_multiply.py": (
        "import time\n"
        + PY_TRACK
        + "cio.identify(id=1, created_at=int(time.time() * 1000))\n",
        "import time\n"
        + PY_TRACK
        + "cio.identify(id=1, created_at=int(time.time()))\n",
    ),
    "ms_literal.py": (
        PY_TRACK + "cio.track_anonymous('a1', 'x', timestamp=1704067200000)\n",
        PY_TRACK + "cio.track_anonymous('a1', 'x', timestamp=1704067200)\n",
    ),
    "ns_floor_division.py": (
        "import time\n"
        + PY_TRACK
        + "cio.identify(id=1, seen_at=time.time_ns() // 1_000_000)\n",
        "import time\n"
        + PY_TRACK
        + "cio.identify(id=1, seen_at=time.time_ns() // 1_000_000_000)\n",
    ),
    "ms_sum.py": (
        "import time\n"
        + PY_TRACK
        + "cio.identify(id=1, due_at=time.time() * 1000 + DELAY)\n",
        "import time\n"
        + PY_TRACK
        + "cio.identify(id=1, due_at=int((time.time() * 1000 + DELAY) / 1000))\n",
    ),
    "ms_round.py": (
        PY_TRACK + "cio.identify(id=1, paid_at=round(order.paid.timestamp() * 1000))\n",
        PY_TRACK + "cio.identify(id=1, paid_at=round(order.paid.timestamp()))\n",
    ),
    "naive_now.py": (
        "from datetime import datetime\n"
        + PY_TRACK
        + "cio.identify(id=1, created_at=datetime.now())\n",
        "from datetime import timezone, datetime\n"
        + PY_TRACK
        + "cio.identify(id=1, created_at=datetime.now(timezone.utc))\n",
    ),
    "naive_module.py": (
        "import datetime\n"
        + PY_TRACK
        + "cio.identify(id=1, created_at=datetime.datetime.today())\n",
        "import datetime\n"
        + PY_TRACK
        + "cio.identify(id=1, created_at=datetime.datetime.now("
        + "datetime.timezone.utc))\n",
    ),
    "naive_fromtimestamp.py": (
        "from datetime import datetime, timezone\n"
        + PY_TRACK
        + "cio.identify(id=1, created_at=datetime.fromtimestamp(ts))\n",
        "from datetime import datetime, timezone\n"
        + PY_TRACK
        + "cio.identify(id=1, created_at=datetime.fromtimestamp(ts, timezone.utc))\n",
    ),
    "iso_string.py": (
        "from datetime import datetime, timezone\n"
        + PY_TRACK
        + "cio.identify(id=1, created_at=datetime.now(timezone.utc).isoformat())\n",
        "from datetime import datetime, timezone\n"
        + PY_TRACK
        + "cio.identify(id=1, created_at=int("
        + "datetime.now(timezone.utc).timestamp()))\n",
    ),
    "region_string.py": (
        "import customerio\n"
        'cio = customerio.CustomerIO(SITE_ID, TRACK_KEY, region="eu")\n',
        "import customerio\n"
        "from customerio import Regions\n"
        "\n"
        "cio = customerio.CustomerIO(SITE_ID, TRACK_KEY, region=Regions.EU)\n",
    ),
    "date_now.js": (
        JS_TRACK + "cio.identify(1, { created_at: Date.now() });\n",
        JS_TRACK + "cio.identify(1, { created_at: Math.floor(Date.now() / 1000) });\n",
    ),
    "date_object.js": (
        JS_TRACK + "cio.identify(1, { verified_at: new Date() });\n",
        JS_TRACK
        + "cio.identify(1, { verified_at: "
        + "Math.floor(new Date().getTime() / 1000) });\n",
    ),
    "iso_string.js": (
        JS_TRACK + "cio.identify(1, { created_at: new Date().toISOString() });\n",
        JS_TRACK
        + "cio.identify(1, { created_at: Math.floor(new Date().getTime() / 1000) });\n",
    ),
    "region_options.js": (
        'const { TrackClient, RegionEU } = require("customerio-node");\n'
        "const cio = new TrackClient(SITE_ID, TRACK_KEY, RegionEU);\n",
        'const { TrackClient, RegionEU } = require("customerio-node");\n'
        "const cio = new TrackClient(SITE_ID, TRACK_KEY, { region: RegionEU });\n",
    ),
    "region_string.ts": (
        'import { TrackClient } from "customerio-node";\n'
        'const cio = new TrackClient(SITE_ID, TRACK_KEY, { region: "eu" });\n',
        'import { TrackClient, RegionEU } from "customerio-node";\n'
        "const cio = new TrackClient(SITE_ID, TRACK_KEY, { region: RegionEU });\n",
    ),
}

# name: (before, after). Every case here gets an unsafe fix only.
UNSAFE_CASES = {
    "ms_variable.py": (
        PY_TRACK + "placed_ms = round(order.placed.timestamp() * 1000)\n"
        "cio.track(1, 'placed', timestamp=placed_ms)\n",
        PY_TRACK + "placed_ms = round(order.placed.timestamp() * 1000)\n"
        "cio.track(1, 'placed', timestamp=int(placed_ms / 1000))\n",
    ),
    "date_variable.js": (
        JS_TRACK + "const ends = new Date();\ncio.identify(1, { ends_at: ends });\n",
        JS_TRACK
        + "const ends = new Date();\n"
        + "cio.identify(1, { ends_at: Math.floor(ends.getTime() / 1000) });\n",
    ),
    "event_name.py": (
        PY_TRACK + "cio.track(1, 'SignedUp')\n",
        PY_TRACK + "cio.track(1, 'signed_up')\n",
    ),
    "event_name.js": (
        JS_TRACK + 'cio.track(1, { name: "Order Placed" });\n',
        JS_TRACK + 'cio.track(1, { name: "order_placed" });\n',
    ),
    "swapped.py": (
        "from customerio import CustomerIO\n"
        "cio = CustomerIO(env.CIO_TRACK_API_KEY, env.CIO_SITE_ID)\n",
        "from customerio import CustomerIO\n"
        "cio = CustomerIO(env.CIO_SITE_ID, env.CIO_TRACK_API_KEY)\n",
    ),
    "site_then_app_key.py": (
        "from customerio import APIClient\n"
        "api = APIClient(env.CIO_SITE_ID, env.CIO_APP_API_KEY)\n",
        "from customerio import APIClient\napi = APIClient(env.CIO_APP_API_KEY)\n",
    ),
    "extra_credential.js": (
        'const { APIClient } = require("customerio-node");\n'
        "const api = new APIClient("
        "process.env.CIO_APP_API_KEY, process.env.CIO_SITE_ID);\n",
        'const { APIClient } = require("customerio-node");\n'
        "const api = new APIClient(process.env.CIO_APP_API_KEY);\n",
    ),
    # The name is spelled in another file, which the fix changes.
    "event_constants.py": ('SIGNED_UP = "SignedUp"\n', 'SIGNED_UP = "signed_up"\n'),
    "event_sender.py": (
        "from event_constants import SIGNED_UP\n"
        + PY_TRACK
        + "cio.track(1, SIGNED_UP)\n",
        "from event_constants import SIGNED_UP\n"
        + PY_TRACK
        + "cio.track(1, SIGNED_UP)\n",
    ),
}


def _write(root: Path, cases: dict[str, tuple[str, str]]) -> None:
    for name, (before, _) in cases.items():
        (root / name).write_bytes(before.encode())


def _assert_fixed(root: Path, cases: dict[str, tuple[str, str]]) -> None:
    for name, (_, after) in cases.items():
        assert (root / name).read_text(encoding="utf-8") == after, name


def _snapshot(root: Path, names: list[str]) -> dict[str, tuple[bytes, int]]:
    return {
        name: ((root / name).read_bytes(), os.stat(root / name).st_mtime_ns)
        for name in names
    }


def test_fix_applies_safe_fixes(cio_lint: RunCioLint, tmp_path: Path) -> None:
    _write(tmp_path, SAFE_CASES)

    result = cio_lint("--fix", "--isolated", ".")

    _assert_fixed(tmp_path, SAFE_CASES)
    count = len(SAFE_CASES)
    assert result.stdout == ""
    assert result.stderr == f"Found {count} findings ({count} fixed, 0 remaining).\n"
    assert result.exit_code == 0


def test_fix_twice_changes_nothing(cio_lint: RunCioLint, tmp_path: Path) -> None:
    cases = {**SAFE_CASES, **UNSAFE_CASES}
    _write(tmp_path, cases)
    cio_lint("--fix", "--unsafe-fixes", "--isolated", ".")
    before = _snapshot(tmp_path, list(cases))

    again = cio_lint("--fix", "--unsafe-fixes", "--isolated", ".")

    assert _snapshot(tmp_path, list(cases)) == before
    assert again.stderr == "All checks passed.\n"
    assert again.exit_code == 0


def test_unsafe_fixes_need_the_flag(cio_lint: RunCioLint, tmp_path: Path) -> None:
    _write(tmp_path, UNSAFE_CASES)
    names = list(UNSAFE_CASES)
    before = _snapshot(tmp_path, names)

    safe_only = cio_lint("--fix", "--isolated", ".")

    changing = [name for name, (old, new) in UNSAFE_CASES.items() if old != new]
    assert _snapshot(tmp_path, names) == before
    assert len(safe_only.lines) == len(changing)
    assert not any("[*]" in line for line in safe_only.lines)
    assert safe_only.exit_code == 1

    unsafe = cio_lint("--fix", "--unsafe-fixes", "--isolated", ".")

    _assert_fixed(tmp_path, UNSAFE_CASES)
    count = len(changing)
    assert unsafe.stderr == f"Found {count} findings ({count} fixed, 0 remaining).\n"
    assert unsafe.exit_code == 0


def test_no_fix_for_unknown_or_external_values(
    write_tree: WriteTree, cio_lint: RunCioLint
) -> None:
    root = write_tree(
        {
            "monotonic.py": "import time\n"
            + PY_TRACK
            + "cio.identify(id=1, created_at=time.monotonic())\n",
            "env_region.py": "import os\nfrom customerio import CustomerIO\n"
            'cio = CustomerIO(S, K, region=os.environ["CIO_REGION"])\n',
            "django_zone.py": "from datetime import datetime\n"
            "from django.utils import timezone\n"
            + PY_TRACK
            + "cio.identify(id=1, created_at=datetime.now())\n",
            "date_only.py": PY_TRACK
            + "cio.identify(id=1, created_at=day.isoformat())\n",
            "region_variable.js": REGION_VARIABLE,
        }
    )
    names = [
        "monotonic.py",
        "env_region.py",
        "django_zone.py",
        "date_only.py",
        "region_variable.js",
    ]
    before = _snapshot(root, names)

    result = cio_lint("--fix", "--unsafe-fixes", "--isolated", ".")

    assert _snapshot(root, names) == before
    assert [line.split(" ")[:2] for line in result.lines] == [
        ["date_only.py:3:31:", "CIO102"],
        ["django_zone.py:5:31:", "CIO103"],
        ["env_region.py:3:31:", "CIO302"],
        ["monotonic.py:4:31:", "CIO101"],
        ["region_variable.js:3:37:", "CIO302"],
    ]
    assert result.stderr == "Found 5 findings (0 fixed, 5 remaining).\n"
    assert result.exit_code == 1
