"""Reading SDK versions from manifests and lock files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cio_lint.config import Settings
from cio_lint.manifests import CONFIG_SOURCE, VersionLookup
from cio_lint.manifests.python import MAX_INCLUDE_DEPTH, read_requirements
from cio_lint.manifests.versions import lowest_version
from cio_lint.sdk.releases import Ecosystem, packages

NAMES = packages(Ecosystem.PYPI)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("^4.4.0", (4, 4, 0)),
        ("~5.0", (5, 0)),
        ("4.x", (4,)),
        (">=2.0,<3", (2, 0)),
        (">=4 <6", (4,)),
        ("==3.2.0", (3, 2, 0)),
        ("^3.0.0 || ^4.0.0", (3, 0, 0)),
        ("<5", None),
        ("*", None),
        ("latest", None),
        ("github:customerio/customerio-node#v5.0.1", None),
    ],
)
def test_lowest_version_of_range(text: str, expected: tuple[int, ...] | None) -> None:
    assert lowest_version(text) == expected


def _tree(root: Path, files: dict[str, str]) -> Path:
    (root / ".git").mkdir(parents=True)
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    return root


def _version(root: Path, source: str, package: str) -> tuple[str, str | None]:
    found = VersionLookup().version(root / source, package)
    return ".".join(map(str, found.version)), found.source


def test_package_json_range(tmp_path: Path) -> None:
    manifest = {"devDependencies": {"customerio-node": "^4.4.0"}}
    root = _tree(tmp_path, {"package.json": json.dumps(manifest)})

    assert _version(root, "src/a.js", "customerio-node") == (
        "4.4.0",
        str(root / "package.json"),
    )


def test_lock_wins_over_range(tmp_path: Path) -> None:
    lock = {
        "lockfileVersion": 3,
        "packages": {"node_modules/customerio-node": {"version": "5.2.0"}},
    }
    root = _tree(
        tmp_path,
        {
            "package.json": '{"dependencies": {"customerio-node": "^4.4.0"}}',
            "package-lock.json": json.dumps(lock),
        },
    )

    assert _version(root, "a.js", "customerio-node")[0] == "5.2.0"


def test_package_lock_version_1(tmp_path: Path) -> None:
    lock = {
        "lockfileVersion": 1,
        "dependencies": {"customerio-node": {"version": "3.5.1"}},
    }
    root = _tree(tmp_path, {"package-lock.json": json.dumps(lock)})

    assert _version(root, "a.js", "customerio-node")[0] == "3.5.1"


def test_yarn_classic_and_berry_locks(tmp_path: Path) -> None:
    classic = (
        '"@customerio/cdp-analytics-node@^0.5.0", '
        '"@customerio/cdp-analytics-node@^0.5.9":\n'
        '  version "0.5.9"\n'
        "customerio-node@^4.0.0:\n"
        '  version "4.5.1"\n'
    )
    berry = '"customerio-node@npm:^5.0.0":\n  version: 5.0.1\n  resolution: "x"\n'
    root = _tree(tmp_path, {"one/yarn.lock": classic, "two/yarn.lock": berry})

    assert _version(root, "one/a.js", "customerio-node")[0] == "4.5.1"
    assert _version(root, "one/a.js", "@customerio/cdp-analytics-node")[0] == "0.5.9"
    assert _version(root, "two/a.js", "customerio-node")[0] == "5.0.1"


def test_pnpm_lock_package_keys(tmp_path: Path) -> None:
    v9 = "lockfileVersion: '9.0'\npackages:\n\n  customerio-node@4.4.0:\n    os: []\n"
    v5 = "lockfileVersion: 5.4\npackages:\n  /customerio-node/3.5.1:\n    dev: false\n"
    root = _tree(tmp_path, {"a/pnpm-lock.yaml": v9, "b/pnpm-lock.yaml": v5})

    assert _version(root, "a/x.ts", "customerio-node")[0] == "4.4.0"
    assert _version(root, "b/x.ts", "customerio-node")[0] == "3.5.1"


def test_requirements_files(tmp_path: Path) -> None:
    requirements = (
        "# pinned\n-r base.txt\nCustomerIO[extra]==2.4 ; python_version >= '3.8'\n"
    )
    root = _tree(tmp_path, {"requirements-prod.txt": requirements})

    assert _version(root, "app/x.py", "customerio")[0] == "2.4"


def test_requirements_include_depth_limit(tmp_path: Path) -> None:
    last = MAX_INCLUDE_DEPTH + 1
    chain = {f"r{level}.txt": f"-r r{level + 1}.txt\n" for level in range(last)}
    _tree(tmp_path, {**chain, f"r{last}.txt": "customerio==2.4\n"})

    too_deep = read_requirements(tmp_path / "r0.txt", NAMES)
    deepest = read_requirements(tmp_path / "r1.txt", NAMES)

    assert too_deep == {}
    assert deepest["customerio"].version == (2, 4)


def test_requirements_include_forms(tmp_path: Path) -> None:
    files = {
        "requirements.txt": (
            "customerio-cdp-analytics \\\n    ==1.0\n"
            "-rbase.txt\n"
            "--requirement https://example.invalid/pins.txt\n"
            "--constraint=pins/c.txt # shared\n"
        ),
        "base.txt": "customerio-cdp-analytics==1.1.0\n",
        "pins/c.txt": "customerio>=2.4,<3\n",
    }
    _tree(tmp_path, files)
    included: list[Path] = []

    found = read_requirements(tmp_path / "requirements.txt", NAMES, included)

    assert found["customerio-cdp-analytics"].version == (1, 0)
    assert found["customerio-cdp-analytics"].source == str(
        tmp_path / "requirements.txt"
    )
    assert found["customerio"].version == (2, 4)
    assert found["customerio"].source == str(tmp_path / "pins/c.txt")
    assert included == [tmp_path / "base.txt", tmp_path / "pins/c.txt"]


def test_constraint_below_requirement_is_passed_over(tmp_path: Path) -> None:
    files = {
        "requirements.txt": "customerio>=3.1\n-c c.txt\n",
        "c.txt": "customerio>=2\n",
    }
    _tree(tmp_path, files)

    found = read_requirements(tmp_path / "requirements.txt", NAMES)

    assert found["customerio"].version == (3, 1)
    assert found["customerio"].text == ">=3.1"


def test_requirement_options_are_not_the_version(tmp_path: Path) -> None:
    hashed = (
        "customerio==2.1 \\\n"
        "    --hash=sha256:0b4a7c3f5e2d1a9b8c7d6e5f4a3b2c1d\n"
        "    # via -r requirements.in\n"
    )
    _tree(tmp_path, {"requirements.txt": hashed})

    found = read_requirements(tmp_path / "requirements.txt", NAMES)

    assert found["customerio"].version == (2, 1)
    assert found["customerio"].text == "==2.1"


def test_pyproject_pep621_and_poetry(tmp_path: Path) -> None:
    pep621 = '[project]\ndependencies = ["customerio>=3.0,<4", "requests"]\n'
    poetry = (
        '[tool.poetry.dependencies]\npython = "^3.11"\n'
        'customerio = { version = "^2.1" }\n'
    )
    root = _tree(tmp_path, {"a/pyproject.toml": pep621, "b/pyproject.toml": poetry})

    assert _version(root, "a/x.py", "customerio")[0] == "3.0"
    assert _version(root, "b/x.py", "customerio")[0] == "2.1"


def test_python_lock_files(tmp_path: Path) -> None:
    package = '[[package]]\nname = "customerio"\nversion = "{}"\n'
    pipfile = {"default": {"customerio": {"version": "==3.1.0"}}}
    root = _tree(
        tmp_path,
        {
            "a/poetry.lock": package.format("2.4"),
            "b/uv.lock": package.format("3.2.0"),
            "c/Pipfile.lock": json.dumps(pipfile),
        },
    )

    assert _version(root, "a/x.py", "customerio")[0] == "2.4"
    assert _version(root, "b/x.py", "customerio")[0] == "3.2.0"
    assert _version(root, "c/x.py", "customerio")[0] == "3.1.0"


def test_nearest_manifest_naming_the_package(tmp_path: Path) -> None:
    root = _tree(
        tmp_path,
        {
            "package.json": '{"dependencies": {"customerio-node": "^4.4.0"}}',
            "services/api/package.json": (
                '{"dependencies": {"customerio-node": "^5.1.0"}}'
            ),
            "services/web/package.json": '{"dependencies": {"react": "^18.0.0"}}',
        },
    )

    assert _version(root, "services/api/src/a.ts", "customerio-node")[0] == "5.1.0"
    assert _version(root, "services/web/src/a.ts", "customerio-node")[0] == "4.4.0"


def test_search_stops_at_repository_top(tmp_path: Path) -> None:
    (tmp_path / "package.json").write_text(
        '{"dependencies": {"customerio-node": "^4.4.0"}}', encoding="utf-8"
    )
    _tree(tmp_path / "repo", {})

    found = VersionLookup().version(tmp_path / "repo" / "a.js", "customerio-node")

    assert found.assumed
    assert found.version == (5, 2, 0)
    assert found.describe() == "customerio-node 5.2.0 (assumed: the newest release)"


def test_override_wins(tmp_path: Path) -> None:
    root = _tree(
        tmp_path, {"package.json": '{"dependencies": {"customerio-node": "^5"}}'}
    )

    found = VersionLookup({"customerio-node": "4.5"}).version(
        root / "a.js", "customerio-node"
    )

    assert found.version == (4, 5)
    assert found.source == CONFIG_SOURCE
    assert found.describe() == "customerio-node 4.5 (sdk-versions setting: 4.5)"


def test_broken_manifest_is_passed_over(tmp_path: Path) -> None:
    root = _tree(
        tmp_path,
        {
            "sub/package.json": "{ not json",
            "package.json": '{"dependencies": {"customerio-node": "4.4.0"}}',
        },
    )

    assert _version(root, "sub/a.js", "customerio-node")[0] == "4.4.0"


def test_rules_of_one_run_share_a_lookup() -> None:
    pins = (("customerio", "2.0"),)
    settings = Settings(root=Path("/project"), config_path=None, sdk_versions=pins)
    other = Settings(root=Path("/project"), config_path=None, sdk_versions=pins)

    first = VersionLookup.from_settings(settings)

    assert VersionLookup.from_settings(settings) is first
    assert VersionLookup.from_settings(other) is not first
    assert VersionLookup.from_settings(None) is not VersionLookup.from_settings(None)
