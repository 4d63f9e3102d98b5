"""Build the benchmark trees, time cio-lint against its peers, write RESULTS.md.

    python benchmarks/run.py [--runs 5] [--dense-files 0] [--work DIR]

Trees (under --work, default benchmarks/.work):
- sparse-python: the standard library of the running interpreter, with a
  Customer.io call appended to every 100th file;
- sparse-js: the JavaScript and TypeScript files of `npm pack typescript rxjs
  lodash`, with a Customer.io call appended to every 100th file;
- dense-python: the standard library files (or the first --dense-files of
  them), every one with a Customer.io call appended.

Each command runs --runs times; medians and the ratios of the targets are
printed and written to benchmarks/RESULTS.md with the machine described.
Warm runs follow one untimed warm run made a second after the cold runs, so
that it can keep its output (see `settle`).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tarfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SETTLE_SECONDS = 1.2
"""More than cio_lint.replay.SETTLE_NS, the age a path needs for a run to be kept."""
REPO = HERE.parent
BIN = Path(sys.executable).parent
NPM_PACKAGES = ("typescript", "rxjs", "lodash")
MARKERS = r"customerio|customer\.io|_cio|cioanalytics|cdp-analytics"

PYTHON_CALL = """

import time as _bench_time
from customerio import CustomerIO as _BenchClient
_bench_client = _BenchClient("site", "key")
def _bench_signed_up(user):
    _bench_client.track(
        customer_id=user, name="Signed Up", timestamp=_bench_time.time() * 1000
    )
"""
JS_CALL = """
;const { TrackClient: BenchTrackClient } = require("customerio-node");
const benchClient = new BenchTrackClient("site", "key");
benchClient.track("1", { name: "Signed Up", timestamp: Date.now() });
"""
SEMGREP_RULES = """rules:
  - id: CIO101
    languages: [python]
    severity: WARNING
    message: timestamp receives milliseconds
    pattern-either:
      - pattern: $C.track(..., timestamp=time.time() * 1000, ...)
      - pattern: $C.track(..., timestamp=$T.time() * 1000, ...)
  - id: CIO401
    languages: [python]
    severity: WARNING
    message: event name is not snake_case
    patterns:
      - pattern: $C.track(..., name="$NAME", ...)
      - metavariable-regex:
          metavariable: $NAME
          regex: .*[^a-z0-9_].*
  - id: CIO101-js
    languages: [javascript, typescript]
    severity: WARNING
    message: timestamp receives milliseconds
    pattern: '$C.track($ID, {..., timestamp: Date.now(), ...})'
  - id: CIO401-js
    languages: [javascript, typescript]
    severity: WARNING
    message: event name is not snake_case
    patterns:
      - pattern: '$C.track($ID, {..., name: "$NAME", ...})'
      - metavariable-regex:
          metavariable: $NAME
          regex: .*[^a-z0-9_].*
"""
PARSE_SCRIPT = """
import sys, threading, pathlib
sys.setrecursionlimit(50000)
threading.stack_size(512 * 1024 * 1024)
import libcst
def work():
    for path in sorted(pathlib.Path(sys.argv[1]).rglob("*.py")):
        try:
            libcst.parse_module(path.read_text(encoding="utf-8"))
        except Exception:
            pass
thread = threading.Thread(target=work)
thread.start()
thread.join()
"""


def build_python(work: Path, dense: bool, limit: int) -> Path:
    tree = work / ("dense-python" if dense else "sparse-python")
    if tree.exists():
        return tree
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    files = sorted(
        path
        for path in stdlib.rglob("*.py")
        if "site-packages" not in path.parts and "dist-packages" not in path.parts
    )
    if limit:
        files = files[:limit]
    for index, source in enumerate(files):
        target = tree / source.relative_to(stdlib)
        target.parent.mkdir(parents=True, exist_ok=True)
        data = source.read_bytes()
        if dense or index % 100 == 0:
            data += PYTHON_CALL.encode()
        target.write_bytes(data)
    (tree / ".semgrepignore").write_text("", encoding="utf-8")
    return tree


def build_js(work: Path) -> Path | None:
    tree = work / "sparse-js"
    if tree.exists():
        return tree
    packs = work / "npm"
    packs.mkdir(parents=True, exist_ok=True)
    try:
        subprocess.run(
            ["npm", "pack", *NPM_PACKAGES, "--silent"],
            cwd=packs,
            check=True,
            capture_output=True,
        )
    except (OSError, subprocess.CalledProcessError) as error:
        print(f"npm pack failed: {error}", file=sys.stderr)
        return None
    for archive in sorted(packs.glob("*.tgz")):
        with tarfile.open(archive) as opened:
            opened.extractall(tree / archive.stem, filter="data")
    suffixes = {".js", ".mjs", ".cjs", ".ts", ".mts", ".cts", ".jsx", ".tsx"}
    files = sorted(
        path
        for path in tree.rglob("*")
        if path.suffix in suffixes and not path.name.endswith(".d.ts")
    )
    for index, path in enumerate(files):
        if index % 100 == 0:
            with path.open("a", encoding="utf-8") as stream:
                stream.write(JS_CALL)
    (tree / ".semgrepignore").write_text("", encoding="utf-8")
    return tree


def timed(command: list[str], runs: int, cwd: Path, before: list[str] | None = None):
    """Return the median wall time of `runs` runs and the largest peak RSS."""
    times, peaks = [], []
    for _ in range(runs):
        if before:
            subprocess.run(before, cwd=cwd, capture_output=True)
        start = time.perf_counter()
        completed = subprocess.run(
            ["/usr/bin/time", "-f", "%M", *command],
            cwd=cwd,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        times.append(time.perf_counter() - start)
        last = completed.stderr.strip().splitlines()[-1:] or ["0"]
        peaks.append(int(last[0]) / 1024 if last[0].isdigit() else 0.0)
    return statistics.median(times), max(peaks)


def settle(command: list[str], cwd: Path) -> None:
    """Wait out the settling time, then run `command` once, untimed.

    A run keeps its output for replay only when no path it reads changed in
    the second before it, and the cold run has just created the cache. The
    untimed run after the pause is the first warm run, which keeps its output.
    """
    time.sleep(SETTLE_SECONDS)
    subprocess.run(command, cwd=cwd, capture_output=True)


def semgrep_command() -> list[str] | None:
    found = shutil.which("semgrep") or (
        str(BIN / "semgrep") if (BIN / "semgrep").exists() else None
    )
    if os.environ.get("SEMGREP"):
        found = os.environ["SEMGREP"]
    if found is None:
        return None
    rules = HERE / ".work" / "semgrep-rules.yml"
    rules.parent.mkdir(parents=True, exist_ok=True)
    rules.write_text(SEMGREP_RULES, encoding="utf-8")
    return [
        found,
        "scan",
        "--config",
        str(rules),
        "--metrics",
        "off",
        "--disable-version-check",
        "--no-git-ignore",
        "--max-target-bytes",
        "0",
        "--quiet",
        ".",
    ]


def compile_bytecode() -> None:
    """Compile cio-lint's modules, as pip does when it installs a package.

    An editable checkout run with PYTHONDONTWRITEBYTECODE set would otherwise
    compile every module on each run, which no installed copy does.
    """
    where = "import cio_lint, os; print(os.path.dirname(cio_lint.__file__))"
    found = subprocess.run(
        [sys.executable, "-c", where], check=True, capture_output=True, text=True
    )
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", found.stdout.strip()], check=True
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--dense-files", type=int, default=0)
    parser.add_argument("--work", type=Path, default=HERE / ".work")
    options = parser.parse_args()
    work: Path = options.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    runs = options.runs
    cio = str(BIN / "cio-lint")
    compile_bytecode()
    ruff = shutil.which("ruff", path=str(BIN)) or shutil.which("ruff") or "ruff"
    semgrep = semgrep_command()
    env_line = []
    rows: list[tuple[str, str, float, float]] = []
    measured: dict[tuple[str, str], float] = {}

    def measure(tree_name, label, command, tree, before=None, count=runs):
        seconds, peak = timed(command, count, tree, before)
        measured[(tree_name, label)] = seconds
        rows.append((tree_name, label, seconds, peak))
        print(f"{tree_name:14} {label:28} {seconds:8.3f} s {peak:7.0f} MB", flush=True)

    cache_dir = work / "cio-cache"
    cold = [cio, "--exit-zero", "--cache-dir", str(cache_dir), "."]
    clean = [cio, "clean", "--cache-dir", str(cache_dir)]
    sparse = build_python(work, dense=False, limit=0)
    measure("sparse-python", "grep -rl", ["grep", "-rliE", MARKERS, "."], sparse)
    measure(
        "sparse-python",
        "ruff --no-cache (1 rule)",
        [
            ruff,
            "check",
            "--no-cache",
            "--isolated",
            "--select",
            "DTZ005",
            "--exit-zero",
            ".",
        ],
        sparse,
    )
    measure("sparse-python", "cio-lint cold", cold, sparse, before=clean)
    settle(cold, sparse)
    measure("sparse-python", "cio-lint warm", cold, sparse)
    if semgrep:
        measure("sparse-python", "semgrep", semgrep, sparse, count=max(runs // 2, 1))

    js = build_js(work)
    if js is not None:
        measure("sparse-js", "grep -rl", ["grep", "-rliE", MARKERS, "."], js)
        measure("sparse-js", "cio-lint cold", cold, js, before=clean)
        settle(cold, js)
        measure("sparse-js", "cio-lint warm", cold, js)
        if semgrep:
            measure("sparse-js", "semgrep", semgrep, js, count=max(runs // 2, 1))

    dense = build_python(work, dense=True, limit=options.dense_files)
    measure(
        "dense-python",
        "libcst.parse_module, 1 core",
        [sys.executable, "-I", "-c", PARSE_SCRIPT, "."],
        dense,
    )
    for jobs in ("1", "2"):
        measure(
            "dense-python",
            f"cio-lint --jobs {jobs}",
            [cio, "--exit-zero", "--no-cache", "--jobs", jobs, "."],
            dense,
        )

    ratios = _ratios(measured, semgrep is not None, js is not None)
    for line in ratios:
        print(line)
    _write_results(rows, ratios, options, semgrep, js, env_line)


def _ratio(measured, top, bottom) -> float | None:
    if top not in measured or bottom not in measured:
        return None
    return measured[top] / measured[bottom]


def _ratios(measured, have_semgrep: bool, have_js: bool) -> list[str]:
    checks = [
        ("sparse-python", "cio-lint cold", "ruff --no-cache (1 rule)", 2.0, "≤"),
        ("sparse-python", "cio-lint cold", "semgrep", 0.25, "≤"),
        ("sparse-python", "cio-lint warm", "ruff --no-cache (1 rule)", 0.5, "≤"),
        ("sparse-js", "cio-lint cold", "semgrep", 0.1, "≤"),
        ("sparse-js", "cio-lint cold", "grep -rl", 8.0, "≤"),
        ("dense-python", "cio-lint --jobs 1", "libcst.parse_module, 1 core", 2.0, "≤"),
        ("dense-python", "cio-lint --jobs 1", "cio-lint --jobs 2", 1.7, "≥"),
    ]
    lines = []
    for tree, top, bottom, target, sense in checks:
        value = _ratio(measured, (tree, top), (tree, bottom))
        if value is None:
            lines.append(
                f"| {tree} | {top} / {bottom} | not measured | {sense} {target} | — |"
            )
            continue
        met = value <= target if sense == "≤" else value >= target
        lines.append(
            f"| {tree} | {top} / {bottom} | {value:.2f} | {sense} {target} | "
            f"{'met' if met else 'not met'} |"
        )
    return lines


def _machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kib / 1024 / 1024:.1f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return (
        f"{os.cpu_count()} CPUs ({cpu}){memory}; {platform.platform()}; "
        f"Python {platform.python_version()}"
    )


def _write_results(rows, ratios, options, semgrep, js, _env) -> None:
    lines = [
        "# Benchmark results",
        "",
        f"Machine: {_machine()}.",
        "",
        f"Command: `python benchmarks/run.py --runs {options.runs}"
        + (f" --dense-files {options.dense_files}" if options.dense_files else "")
        + "`; times are medians of the runs (semgrep: half as many runs), peak "
        "memory is the largest resident set of any one process (`/usr/bin/time "
        "-f %M`).",
        "",
        "| Tree | Command | Median | Peak memory |",
        "| --- | --- | --- | --- |",
    ]
    lines += [f"| {t} | {label} | {s:.3f} s | {p:.0f} MB |" for t, label, s, p in rows]
    lines += [
        "",
        "| Tree | Ratio | Measured | Target | |",
        "| --- | --- | --- | --- | --- |",
        *ratios,
        "",
    ]
    if semgrep is None:
        lines.append("semgrep was not installed, so its ratios were not measured.")
    if js is None:
        lines.append("`npm pack` failed, so the JavaScript tree was not measured.")
    (HERE / "RESULTS.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
