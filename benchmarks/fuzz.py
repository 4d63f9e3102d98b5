"""Fuzz the front-ends and the fixer with hypothesis for a fixed time.

    python benchmarks/fuzz.py [--seconds 240] [--out DIR]

Not part of the test suite, because it runs for minutes. Each target runs
for an equal share of --seconds, in batches of generated inputs:

- python-grammar: modules from hypothesmith's Python grammar, linted;
- python-calls: Customer.io calls with time expressions, linted and fixed;
  the fixed text must parse and a second --fix must change nothing;
- javascript-tokens: sequences of JavaScript and TypeScript tokens after a
  customerio-node import, linted as .js, .jsx, .ts and .tsx;
- mutated-bytes: a Python and a JavaScript file with bytes inserted,
  deleted or replaced, linted (this reaches the decoders).

A run fails when linting raises or reports an internal error. Each failing
input (after hypothesis shrinks it) is written to --out; the summary line
gives the inputs tried and the failures per target. The findings of past
runs and how they were fixed are in benchmarks/FUZZ.md.
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path

import hypothesmith
import libcst
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from cio_lint.config import Settings  # noqa: E402
from cio_lint.discovery import Discovery, SourceFile  # noqa: E402
from cio_lint.engine import LintReport, lint_files  # noqa: E402
from cio_lint.fixing.policy import FixPolicy  # noqa: E402
from cio_lint.fixing.runner import fix_files  # noqa: E402
from cio_lint.rules import known_rules  # noqa: E402
from cio_lint.selection import RuleSelection  # noqa: E402
from cio_lint.threads import run_with_deep_stack  # noqa: E402
from tests.unit.test_fix_properties import _MODULES  # noqa: E402

ROOT = Path("/nonexistent/cio-lint-fuzz")
SETTINGS = Settings(root=ROOT, config_path=None)
SELECTION = RuleSelection.build(SETTINGS, known_rules())
POLICY = FixPolicy.build(SETTINGS, known_rules(), unsafe=True)
BATCH = settings(
    max_examples=200,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)

NODE_IMPORT = 'const { TrackClient } = require("customerio-node");\n'
JS_TOKENS = [
    *"(){}[];,.:?=+-*/%<>!&|^~`'\"\\\n",
    "=>",
    "...",
    "?.",
    "??",
    "${",
    "</",
    "/>",
    "//",
    "/*",
    "*/",
    "const",
    "let",
    "var",
    "function",
    "class",
    "return",
    "async",
    "await",
    "new",
    "import",
    "export",
    "from",
    "default",
    "interface",
    "type",
    "as",
    "enum",
    "extends",
    "satisfies",
    "declare",
    "abstract",
    "implements",
    "cio",
    "TrackClient",
    "APIClient",
    "identify",
    "track",
    "Date",
    "now",
    "created_at",
    "timestamp",
    "1000",
    "0x1",
    "1e3",
    "'a'",
    '"b"',
    "`t`",
    "<div>",
    "</div>",
    "x",
    "y",
    "@",
    "#p",
    "\u00e9",
    "\U0001f600",
    "\x00",
]
SEEDS = {
    "seed.py": b"import time\nfrom customerio import CustomerIO\n"
    b"cio = CustomerIO(SITE_ID, TRACK_KEY)\n"
    b"cio.identify(1, seen_at=time.time_ns(), name='Zo\xc3\xab')\n",
    "seed.js": NODE_IMPORT.encode() + b"const cio = new TrackClient(a, b);\n"
    b"cio.identify(1, { created_at: Date.now(), name: 'Zo\xc3\xab' });\n",
}


class Failure(Exception):
    """Linting raised or reported an internal error for one input."""


def lint(name: str, data: bytes) -> LintReport:
    path = ROOT / name
    found = Discovery(files=[SourceFile(path=path, resolved=path, explicit=True)])
    report = run_with_deep_stack(
        lambda: lint_files(found, SETTINGS, SELECTION, contents={path: data})
    )
    if report.errors:
        raise Failure("; ".join(report.errors))
    return report


def fix(name: str, text: str) -> str:
    path = ROOT / name
    found = Discovery(files=[SourceFile(path=path, resolved=path, explicit=True)])
    run = run_with_deep_stack(
        lambda: fix_files(
            found, SETTINGS, SELECTION, POLICY, contents={path: text.encode()}
        )
    )
    changed = run.changed.get(path)
    return text if changed is None else changed.after.decode()


def python_grammar(source: str) -> None:
    lint("generated.py", (source + "\nimport customerio\n").encode())


def python_calls(source: str) -> None:
    lint("calls.py", source.encode())
    fixed = fix("calls.py", source)
    libcst.parse_module(fixed)
    compile(fixed, "calls.py", "exec")
    if fix("calls.py", fixed) != fixed:
        raise Failure("a second --fix changed the fixed text")


def javascript_tokens(case: tuple[str, list[str]]) -> None:
    suffix, tokens = case
    lint(f"tokens{suffix}", (NODE_IMPORT + " ".join(tokens)).encode())


def mutated_bytes(case: tuple[str, list[tuple[int, int, int]]]) -> None:
    name, mutations = case
    data = bytearray(SEEDS[name])
    for kind, where, value in mutations:
        index = where % (len(data) + 1)
        if kind == 0:
            data.insert(index, value)
        elif kind == 1 and index < len(data):
            del data[index]
        elif index < len(data):
            data[index] = value
    lint(name, bytes(data))


TARGETS: dict[str, tuple[Callable[..., None], st.SearchStrategy[object]]] = {
    "python-grammar": (python_grammar, hypothesmith.from_grammar()),
    "python-calls": (python_calls, _MODULES),
    "javascript-tokens": (
        javascript_tokens,
        st.tuples(
            st.sampled_from([".js", ".jsx", ".ts", ".tsx"]),
            st.lists(st.sampled_from(JS_TOKENS), max_size=60),
        ),
    ),
    "mutated-bytes": (
        mutated_bytes,
        st.tuples(
            st.sampled_from(sorted(SEEDS)),
            st.lists(
                st.tuples(st.integers(0, 2), st.integers(0, 400), st.integers(0, 255)),
                min_size=1,
                max_size=8,
            ),
        ),
    ),
}


def run_target(name: str, seconds: float, out: Path) -> tuple[int, list[str]]:
    """Run one target until `seconds` pass; return inputs tried and failures."""
    check, strategy = TARGETS[name]
    tried = 0
    failures: list[str] = []
    last_failing: list[object] = []

    @BATCH
    @given(strategy)
    def prop(value: object) -> None:
        nonlocal tried
        tried += 1
        try:
            check(value)
        except Exception:
            last_failing[:] = [value]
            raise

    stop = time.monotonic() + seconds
    while time.monotonic() < stop:
        try:
            prop()
        except Exception as error:
            out.mkdir(parents=True, exist_ok=True)
            record = out / f"{name}-{len(failures)}.txt"
            record.write_text(f"{error!r}\n\n{last_failing[0]!r}\n", encoding="utf-8")
            failures.append(f"{type(error).__name__}: {error} ({record})")
    return tried, failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=240.0)
    parser.add_argument("--out", type=Path, default=HERE / ".work" / "fuzz")
    options = parser.parse_args()
    # compile() in the checks warns about generated code such as `1(2)`.
    warnings.simplefilter("ignore", SyntaxWarning)
    share = options.seconds / len(TARGETS)
    failed = 0
    for name in TARGETS:
        tried, failures = run_target(name, share, options.out)
        failed += len(failures)
        print(f"{name:18} {tried:7} inputs {len(failures):3} failures", flush=True)
        for failure in failures:
            print(f"  {failure}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
