"""Tests for cio_lint.discovery: walking, excludes, .gitignore files and errors."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import pytest

from cio_lint.discovery import DEFAULT_EXCLUDES, Discovery, SourceFile, discover
from cio_lint.errors import ConfigError

PYTHON = frozenset({".py", ".pyi"})


@pytest.fixture(autouse=True)
def in_tmp_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Relative arguments keep the displayed paths short and exact.
    monkeypatch.chdir(tmp_path)


def touch(*names: str) -> None:
    for name in names:
        path = Path(name)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("", encoding="utf-8")


def write(name: str, text: str) -> None:
    path = Path(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def run(
    *paths: str,
    root: str = ".",
    exclude: Sequence[str] | None = None,
    extend_exclude: Sequence[str] = (),
    respect_gitignore: bool = True,
    force_exclude: bool = False,
) -> Discovery:
    return discover(
        [Path(path) for path in paths],
        extensions=PYTHON,
        root=Path(root),
        exclude=exclude,
        extend_exclude=extend_exclude,
        respect_gitignore=respect_gitignore,
        force_exclude=force_exclude,
    )


def shown(discovery: Discovery) -> list[str]:
    return [str(source.path) for source in discovery.files]


def test_walk_finds_supported_suffixes_sorted() -> None:
    touch("b.py", "a.pyi", "Z.py", "notes.txt", "setup.cfg", "pkg/c.py", "pkg/d.js")

    result = run(".")

    assert shown(result) == ["Z.py", "a.pyi", "b.py", "pkg/c.py"]
    assert result.warnings == []
    assert result.missing == []


def test_walk_records_resolved_and_explicit(tmp_path: Path) -> None:
    touch("pkg/a.py")

    result = run("pkg", "pkg/a.py")

    assert result.files == [
        SourceFile(
            path=Path("pkg/a.py"),
            resolved=tmp_path.resolve() / "pkg" / "a.py",
            explicit=True,
        )
    ]


def test_walk_keeps_argument_prefix(tmp_path: Path) -> None:
    touch("src/a.py")

    assert shown(run("./src")) == ["src/a.py"]
    assert shown(run(str(tmp_path / "src"))) == [str(tmp_path / "src" / "a.py")]


def test_default_excludes_skip_directories_anywhere() -> None:
    for name in DEFAULT_EXCLUDES:
        touch(f"{name}/top.py", f"pkg/{name}/nested.py")
    touch("pkg/kept.py", "builder/kept.py")

    assert shown(run(".")) == ["builder/kept.py", "pkg/kept.py"]


def test_exclude_replaces_default_excludes() -> None:
    touch("node_modules/a.py", "generated/b.py", "pkg/generated/c.py", "d.py")

    result = run(".", exclude=["generated"])

    assert shown(result) == ["d.py", "node_modules/a.py"]


def test_extend_exclude_adds_to_defaults() -> None:
    touch("node_modules/a.py", "legacy/b.py", "api_pb2.py", "pkg/c_pb2.py", "d.py")

    result = run(".", extend_exclude=["legacy/", "*_pb2.py"])

    assert shown(result) == ["d.py"]


def test_exclude_pattern_with_slash_is_anchored_to_root() -> None:
    touch("src/gen/a.py", "other/src/gen/b.py", "src/c.py")

    assert shown(run(".", extend_exclude=["src/gen"])) == [
        "other/src/gen/b.py",
        "src/c.py",
    ]
    assert shown(run(".", extend_exclude=["gen"])) == ["src/c.py"]


def test_exclude_is_relative_to_root_not_cwd(tmp_path: Path) -> None:
    touch("proj/src/gen/a.py", "proj/src/b.py")

    result = run("proj/src", root="proj", extend_exclude=["/src/gen"])

    assert shown(result) == ["proj/src/b.py"]


def test_exclude_outside_root_matches_by_name() -> None:
    touch("proj/a.py", "other/vendor/b.py", "other/src/c.py", "other/d.py")

    result = run("other", root="proj", extend_exclude=["vendor", "/src"])

    # The anchored "/src" matches by name too, because there is no relative path.
    assert shown(result) == ["other/d.py"]


def test_invalid_exclude_pattern_raises() -> None:
    with pytest.raises(ConfigError) as caught:
        run(".", extend_exclude=["ok", "!"])

    assert str(caught.value) == "invalid exclude pattern '!'"


def test_gitignore_in_walked_directory_applies_to_its_subtree() -> None:
    touch("local.py", "sub/local.py", "sub/deeper/local.py", "sub/kept.py")
    write("sub/.gitignore", "local.py\n")

    assert shown(run(".")) == ["local.py", "sub/kept.py"]


def test_gitignore_of_repository_parents_applies() -> None:
    Path("repo/.git").mkdir(parents=True)
    write("repo/.gitignore", "gen/\n")
    write("repo/pkg/.gitignore", "*_local.py\n")
    touch("repo/pkg/sub/gen/a.py", "repo/pkg/sub/b_local.py", "repo/pkg/sub/c.py")

    assert shown(run("repo/pkg/sub")) == ["repo/pkg/sub/c.py"]


def test_gitignore_above_repository_root_ignored() -> None:
    write(".gitignore", "*.py\n")
    Path("repo/.git").mkdir(parents=True)
    touch("repo/pkg/a.py")

    assert shown(run("repo/pkg")) == ["repo/pkg/a.py"]


def test_gitignore_parents_ignored_outside_repository() -> None:
    write(".gitignore", "gen/\n")
    touch("pkg/gen/a.py", "pkg/b.py")

    assert shown(run("pkg")) == ["pkg/b.py", "pkg/gen/a.py"]


def test_git_info_exclude_respected() -> None:
    write(".git/info/exclude", "scratch.py\n")
    touch("scratch.py", "pkg/scratch.py", "pkg/a.py")

    assert shown(run(".")) == ["pkg/a.py"]
    assert shown(run("pkg")) == ["pkg/a.py"]


def test_git_file_pointing_to_git_dir() -> None:
    # Submodules and worktrees have a ".git" file instead of a directory.
    write("store/info/exclude", "scratch.py\n")
    write("repo/.git", "gitdir: ../store\n")
    touch("repo/scratch.py", "repo/a.py")

    assert shown(run("repo")) == ["repo/a.py"]


def test_worktree_uses_common_info_exclude() -> None:
    # A worktree's git dir points to the main repository's through "commondir".
    write("main/.git/info/exclude", "scratch.py\n")
    write("main/.git/worktrees/wt/commondir", "../..\n")
    write("wt/.git", "gitdir: ../main/.git/worktrees/wt\n")
    touch("wt/scratch.py", "wt/a.py")

    assert shown(run("wt")) == ["wt/a.py"]


def test_gitignore_negation_reincludes_file() -> None:
    write(".gitignore", "*_gen.py\n!keep_gen.py\n")
    touch("a_gen.py", "keep_gen.py", "pkg/b_gen.py", "pkg/keep_gen.py")

    assert shown(run(".")) == ["keep_gen.py", "pkg/keep_gen.py"]


def test_deeper_gitignore_negates_parent_pattern() -> None:
    write(".gitignore", "*.pyi\n")
    write("stubs/.gitignore", "!*.pyi\n")
    touch("a.pyi", "stubs/b.pyi")

    assert shown(run(".")) == ["stubs/b.pyi"]


def test_gitignore_cannot_reinclude_in_ignored_directory() -> None:
    # Git does not look inside an ignored directory, so the negation is moot.
    write(".gitignore", "out/\n!out/keep.py\n")
    touch("out/keep.py", "a.py")

    assert shown(run(".")) == ["a.py"]


def test_gitignore_directory_pattern_spares_files() -> None:
    write(".gitignore", "cache/\n")
    touch("cache/a.py", "pkg/cache/b.py", "c.py")

    assert shown(run(".")) == ["c.py"]


def test_respect_gitignore_false_ignores_gitignore() -> None:
    write(".git/info/exclude", "b.py\n")
    write(".gitignore", "a.py\n")
    touch("a.py", "b.py")

    assert shown(run(".", respect_gitignore=False)) == ["a.py", "b.py"]


def test_invalid_gitignore_line_warned_and_rest_applies() -> None:
    write(".gitignore", "!\nskip.py\n")
    touch("skip.py", "a.py")

    result = run(".")

    assert shown(result) == ["a.py"]
    assert result.warnings == [".gitignore: invalid pattern '!', ignored"]


def test_nested_repository_ignores_outer_gitignore() -> None:
    write(".gitignore", "gen_*.py\n")
    Path("vendored/.git").mkdir(parents=True)
    touch("gen_a.py", "vendored/gen_b.py")

    assert shown(run(".", exclude=["unused"])) == ["vendored/gen_b.py"]


def test_explicit_excluded_file_is_linted() -> None:
    write(".gitignore", "ignored.py\n")
    touch("node_modules/pkg/a.py", "ignored.py", "legacy/b.py")

    result = run(
        "node_modules/pkg/a.py", "ignored.py", "legacy/b.py", extend_exclude=["legacy"]
    )

    assert shown(result) == ["ignored.py", "legacy/b.py", "node_modules/pkg/a.py"]
    assert all(source.explicit for source in result.files)


def test_force_exclude_skips_explicit_file() -> None:
    Path(".git").mkdir()
    write(".gitignore", "ignored.py\nout/\n")
    touch("node_modules/pkg/a.py", "ignored.py", "legacy/b.py", "out/c.py", "d.py")

    result = run(
        "node_modules/pkg/a.py",
        "ignored.py",
        "legacy/b.py",
        "out/c.py",
        "d.py",
        extend_exclude=["legacy"],
        force_exclude=True,
    )

    assert shown(result) == ["d.py"]
    assert result.warnings == []


def test_explicit_excluded_directory_is_walked() -> None:
    touch("node_modules/pkg/a.py", "node_modules/pkg/node_modules/dep/b.py")

    result = run("node_modules")

    assert shown(result) == ["node_modules/pkg/a.py"]
    assert [source.explicit for source in result.files] == [False]


def test_explicit_gitignored_directory_is_walked() -> None:
    Path(".git").mkdir()
    write(".gitignore", "out/\n*_local.py\n")
    touch("out/a.py", "out/sub/b.py", "out/c_local.py")

    assert shown(run("out")) == ["out/a.py", "out/sub/b.py"]
    assert shown(run("out/sub")) == ["out/sub/b.py"]


def test_explicit_excluded_pattern_directory_is_walked() -> None:
    touch("legacy/a.py", "legacy/old/b.py", "legacy/old/c.py")

    result = run("legacy", extend_exclude=["legacy/", "legacy/old/c.py"])

    assert shown(result) == ["legacy/a.py", "legacy/old/b.py"]


def test_force_exclude_skips_explicit_directory() -> None:
    Path(".git").mkdir()
    write(".gitignore", "out/\n")
    touch("node_modules/a.py", "out/b.py", "out/sub/c.py", "legacy/d.py")

    result = run(
        "node_modules",
        "out",
        "out/sub",
        "legacy",
        extend_exclude=["legacy"],
        force_exclude=True,
    )

    assert result.files == []
    assert result.warnings == []
    assert result.missing == []


def test_force_exclude_keeps_walk_results() -> None:
    touch("a.py", "build/b.py")

    assert shown(run(".", force_exclude=True)) == ["a.py"]


def test_duplicate_paths_linted_once() -> None:
    touch("src/a.py", "src/b.py")

    result = run("src", "src/a.py", "./src/a.py", "src")

    assert shown(result) == ["src/a.py", "src/b.py"]
    # The walk reached src/a.py first, and the later arguments named it.
    assert [source.explicit for source in result.files] == [True, False]


def test_symlinked_file_deduplicated_by_target() -> None:
    touch("pkg/a.py")
    os.symlink("pkg/a.py", "alias.py")

    result = run("pkg", "alias.py")

    assert shown(result) == ["pkg/a.py"]


def test_symlinked_file_in_walk_is_linted(tmp_path: Path) -> None:
    touch("outside/real.py")
    Path("pkg").mkdir()
    os.symlink("../outside/real.py", "pkg/link.py")

    result = run("pkg")

    assert shown(result) == ["pkg/link.py"]
    assert result.files[0].resolved == tmp_path.resolve() / "outside" / "real.py"


def test_missing_paths_listed_as_given() -> None:
    touch("a.py")

    result = run("a.py", "nope.py", "gone/", "./gone/x.py")

    assert shown(result) == ["a.py"]
    assert result.missing == ["nope.py", "gone", "gone/x.py"]


def test_dangling_symlink_warned() -> None:
    Path("pkg").mkdir()
    os.symlink("nowhere.py", "pkg/broken.py")
    os.symlink("nowhere.txt", "pkg/broken.txt")
    touch("pkg/a.py")

    result = run("pkg")

    assert shown(result) == ["pkg/a.py"]
    assert result.warnings == ["pkg/broken.py: broken symbolic link, skipped"]


def test_explicit_dangling_symlink_is_missing() -> None:
    os.symlink("nowhere.py", "broken.py")

    result = run("broken.py")

    assert result.files == []
    assert result.missing == ["broken.py"]


def test_symlink_loop_does_not_hang() -> None:
    touch("pkg/a.py")
    os.symlink(".", "pkg/loop")
    os.symlink("..", "pkg/up")
    os.symlink("y.py", "pkg/x.py")
    os.symlink("x.py", "pkg/y.py")

    result = run("pkg")

    assert shown(result) == ["pkg/a.py"]
    assert result.warnings == [
        "pkg/x.py: cannot read: Too many levels of symbolic links",
        "pkg/y.py: cannot read: Too many levels of symbolic links",
    ]


def test_symlinked_directory_followed_only_when_named() -> None:
    touch("real/a.py")
    Path("pkg").mkdir()
    os.symlink("../real", "pkg/linked")

    assert shown(run("pkg")) == []
    assert shown(run("pkg/linked")) == ["pkg/linked/a.py"]


def test_unreadable_directory_warned() -> None:
    touch("pkg/a.py", "locked/b.py")
    Path("locked").chmod(0)
    try:
        if os.access("locked", os.R_OK):
            pytest.skip("running as root, so the directory stays readable")

        result = run(".")
    finally:
        Path("locked").chmod(0o755)

    assert shown(result) == ["pkg/a.py"]
    assert result.warnings == ["locked: cannot read directory: Permission denied"]


def test_scandir_error_warned_and_walk_continues(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The same failure as above, simulated so that it also runs as root.
    touch("pkg/a.py", "locked/b.py")
    real_scandir = os.scandir

    def scandir(path: Path) -> object:
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)

    result = run(".")

    assert shown(result) == ["pkg/a.py"]
    assert result.warnings == ["locked: cannot read directory: Permission denied"]


def test_directory_named_like_source_file_is_walked() -> None:
    touch("weird.py/inner.py", "weird.py/notes.txt")

    assert shown(run(".")) == ["weird.py/inner.py"]
    assert shown(run("weird.py")) == ["weird.py/inner.py"]


def test_explicit_unsupported_file_warned() -> None:
    touch("notes.txt", "Makefile", "a.py")

    result = run("notes.txt", "Makefile", "a.py")

    assert shown(result) == ["a.py"]
    assert result.warnings == [
        "notes.txt: not a supported source file, skipped",
        "Makefile: not a supported source file, skipped",
    ]


def test_non_ascii_file_names() -> None:
    touch("résumé.py", "日本/数据.py", "ünïcode/.gitignore")
    write("ünïcode/.gitignore", "ignorée.py\n")
    touch("ünïcode/ignorée.py", "ünïcode/gardée.py")

    assert shown(run(".")) == ["résumé.py", "ünïcode/gardée.py", "日本/数据.py"]


def test_output_sorted_by_displayed_path() -> None:
    touch("b/x.py", "a/y.py", "a/b/z.py")

    assert shown(run("b", "a")) == ["a/b/z.py", "a/y.py", "b/x.py"]


def test_empty_exclude_keeps_only_vcs_folders() -> None:
    touch("node_modules/x.py", ".git/x.py", "build/y.py")

    result = run(".", exclude=[])

    assert shown(result) == ["build/y.py", "node_modules/x.py"]


def test_file_reached_through_link_shown_under_real_path() -> None:
    touch("loop/a.py")
    Path("link.py").symlink_to(Path("loop/a.py").resolve())

    result = run(".")

    assert shown(result) == ["loop/a.py"]
