"""Property tests: linting generated modules never raises, fixes stay sound."""

from __future__ import annotations

import difflib
from pathlib import Path

import hypothesmith
import libcst
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cio_lint.config import Settings
from cio_lint.discovery import Discovery, SourceFile
from cio_lint.engine import LintReport, lint_files
from cio_lint.fixing.policy import FixPolicy
from cio_lint.fixing.runner import fix_files
from cio_lint.rules import known_rules
from cio_lint.selection import RuleSelection

# The file need not exist: its bytes are passed in as `contents`.
PATH = Path("/nonexistent/cio-lint-property/generated.py")
SETTINGS = Settings(root=PATH.parent, config_path=None)
SELECTION = RuleSelection.build(SETTINGS, known_rules())
POLICY = FixPolicy.build(SETTINGS, known_rules(), unsafe=True)
FOUND = Discovery(files=[SourceFile(path=PATH, resolved=PATH, explicit=True)])

HEADER = """import time
import datetime
from customerio import CustomerIO
cio = CustomerIO(SITE_ID, TRACK_KEY)
"""
TIMES = [
    "time.time()",
    "int(time.time())",
    "time.time() * 1000",
    "int(time.time() * 1000)",
    "round(time.time() * 1000)",
    "time.time_ns()",
    "time.time_ns() // 1000",
    "time.monotonic()",
    "datetime.datetime.now()",
    "datetime.datetime.now().timestamp() * 1000",
    "started",
    "42",
    "'2024-01-01T00:00:00Z'",
    "None",
]
KEYS = ["created_at", "seen_at", "updated_at", "timestamp", "name", "plan"]
EVENTS = ["signed_up", "Order Completed", "", "x"]


@st.composite
def _statements(draw: st.DrawFn) -> str:
    key = draw(st.sampled_from(KEYS))
    value = draw(st.sampled_from(TIMES))
    event = draw(st.sampled_from(EVENTS))
    form = draw(st.integers(0, 4))
    if form == 0:
        return f"cio.identify(7, {key}={value})\n"
    if form == 1:
        return f"cio.track(7, {event!r}, {key}={value})\n"
    if form == 2:
        return f"started = {value}\n"
    if form == 3:
        return f"def send(user):\n    cio.identify(user, {key}={value})\n"
    other = "plan" if key == "timestamp" else key
    return f"cio.track(7, {event!r}, timestamp={value}, {other}={value})\n"


_MODULES = st.lists(_statements(), min_size=1, max_size=8).map(
    lambda statements: HEADER + "".join(statements)
)


def _lint(text: str) -> LintReport:
    return lint_files(FOUND, SETTINGS, SELECTION, contents={PATH: text.encode()})


def _fix(text: str) -> str:
    run = fix_files(FOUND, SETTINGS, SELECTION, POLICY, contents={PATH: text.encode()})
    changed = run.changed.get(PATH)
    return text if changed is None else changed.after.decode()


def _fixed_lines(report: LintReport) -> set[int]:
    """Return the 1-based lines that the fixes of `report` edit."""
    lines: set[int] = set()
    for finding in report.findings:
        if finding.fix is None:
            continue
        for edit in finding.fix.edits:
            lines.update(range(edit.start.line, edit.end.line + 1))
    return lines


def _changed_lines(before: str, after: str) -> set[int]:
    """Return the 1-based lines of `before` that differ in `after`."""
    matcher = difflib.SequenceMatcher(
        None, before.splitlines(), after.splitlines(), autojunk=False
    )
    changed: set[int] = set()
    for tag, start, end, _, _ in matcher.get_opcodes():
        if tag != "equal":
            changed.update(range(start + 1, max(end, start + 1) + 1))
    return changed


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(hypothesmith.from_grammar())
def test_generated_python_never_raises(source: str) -> None:
    report = _lint(source + "\nimport customerio\n")

    assert report.errors == []


@settings(max_examples=60, deadline=None)
@given(_MODULES)
def test_fix_output_parses(source: str) -> None:
    compile(source, str(PATH), "exec")
    fixed = _fix(source)

    libcst.parse_module(fixed)
    compile(fixed, str(PATH), "exec")


@settings(max_examples=60, deadline=None)
@given(_MODULES)
def test_fix_is_idempotent(source: str) -> None:
    fixed = _fix(source)

    assert _fix(fixed) == fixed


@settings(max_examples=60, deadline=None)
@given(_MODULES)
def test_fix_changes_only_named_lines(source: str) -> None:
    report = _lint(source)
    fixed = _fix(source)

    assert report.errors == []
    assert _changed_lines(source, fixed) <= _fixed_lines(report)


def test_generated_module_is_fixed() -> None:
    source = HEADER + "cio.identify(7, seen_at=time.time() * 1000)\n"

    fixed = _fix(source)

    assert fixed == HEADER + "cio.identify(7, seen_at=int(time.time()))\n"
    assert _changed_lines(source, fixed) == {5}
    assert _fixed_lines(_lint(source)) == {5}
