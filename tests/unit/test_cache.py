"""The cache of file models: keys, damaged entries, atomic writes."""

from __future__ import annotations

from pathlib import Path

import msgspec.structs
import pytest

from cio_lint import cache
from cio_lint.config import Settings
from cio_lint.errors import UsageError
from cio_lint.model import FileModel, Language

MODEL = FileModel(Language.PYTHON, path="app.py")


def _cache(directory: Path, *, settings: str = "s", tool: str = "t") -> cache.Cache:
    return cache.Cache(directory, settings, tool)


def test_stored_model_is_read_back(tmp_path: Path) -> None:
    store = _cache(tmp_path)
    key = store.key(Path("app.py"), b"import customerio\n")

    store.store(key, MODEL)

    assert store.load(key) == MODEL
    assert (store.hits, store.misses) == (1, 0)
    assert not list(tmp_path.rglob("*.tmp"))


def test_key_changes_with_content_path_settings_and_version(tmp_path: Path) -> None:
    path, content = Path("app.py"), b"x = 1\n"
    base = _cache(tmp_path).key(path, content)

    assert _cache(tmp_path).key(path, b"x = 2\n") != base
    assert _cache(tmp_path).key(Path("app.pyi"), content) != base
    assert _cache(tmp_path, settings="other").key(path, content) != base
    assert _cache(tmp_path, tool="other").key(path, content) != base


def test_new_version_misses_old_entries(tmp_path: Path) -> None:
    old = cache.Cache(tmp_path, "s", cache.tool_key("0.1.0"))
    new = cache.Cache(tmp_path, "s", cache.tool_key("0.2.0"))
    old.store(old.key(Path("a.py"), b""), MODEL)

    assert new.load(new.key(Path("a.py"), b"")) is None


def test_settings_key_ignores_rule_selection() -> None:
    settings = Settings(root=Path("/project"), config_path=None)

    selected = msgspec.structs.replace(settings, select=("CIO101",))
    restyled = msgspec.structs.replace(settings, event_name_style="camelCase")

    assert cache.settings_key(selected) == cache.settings_key(settings)
    assert cache.settings_key(restyled) != cache.settings_key(settings)


@pytest.mark.parametrize("damage", [b"", b"garbage", b"\x80\x04K\x01."])
def test_unreadable_entry_is_a_miss(tmp_path: Path, damage: bytes) -> None:
    store = _cache(tmp_path)
    key = store.key(Path("app.py"), b"")
    store.store(key, MODEL)
    next(p for p in tmp_path.rglob("*") if p.is_file() and p.name == key).write_bytes(
        damage
    )

    assert store.load(key) is None
    assert store.misses == 1


def test_unwritable_directory_is_skipped(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    store = _cache(blocker / "cache")

    store.store(store.key(Path("a.py"), b""), MODEL)

    assert store.load(store.key(Path("a.py"), b"")) is None


def test_clear_removes_only_a_cache(tmp_path: Path) -> None:
    store = _cache(tmp_path / "cache")
    store.store(store.key(Path("a.py"), b""), MODEL)
    (tmp_path / "other").mkdir()

    assert cache.clear(tmp_path / "cache") is True
    assert cache.clear(tmp_path / "cache") is False
    with pytest.raises(UsageError, match="not a cio-lint cache"):
        cache.clear(tmp_path / "other")
