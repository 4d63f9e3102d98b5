"""Find the source files to lint under the paths named on the command line.

Directories are walked in name order without following symbolic links to
directories. Three kinds of exclusion skip a directory or file found in the walk:

* the default excluded directory names (``.git``, ``node_modules``, ...); when
  the configuration sets its own ``exclude`` list, even an empty one, only the
  version-control folders (``.git``, ``.hg``, ``.svn``) stay excluded by name;
* the ``exclude`` and ``extend-exclude`` patterns, in gitignore syntax and
  relative to the project root;
* ``.gitignore`` files and the repository's ``.git/info/exclude`` file.

A path named on the command line is linted even when one of these exclusions
matches it, unless ``force_exclude`` is set. That option lets editors and
pre-commit hooks pass every changed file and still honour the exclusions.
"""

from __future__ import annotations

import functools
import logging
import os
import re
from collections.abc import Sequence
from pathlib import Path

from msgspec import Struct, field
from msgspec.structs import replace
from pathspec import GitIgnoreSpec

from cio_lint.errors import ConfigError

LOG = logging.getLogger(__name__)

# Version-control folders are skipped even when `exclude` replaces the defaults.
VCS_DIRECTORIES = (".git", ".hg", ".svn")
DEFAULT_EXCLUDES = (
    ".git",
    "node_modules",
    ".venv",
    "venv",
    "__pycache__",
    "dist",
    "build",
    ".tox",
    ".nox",
    ".mypy_cache",
    ".ruff_cache",
    ".pytest_cache",
    ".cio_lint_cache",
    ".hg",
    ".svn",
)


class SourceFile(Struct, frozen=True):
    """A file to lint."""

    path: Path
    """The path shown to the user: the argument joined with the part below it."""

    resolved: Path
    """The absolute path with symbolic links resolved, used to tell files apart."""

    explicit: bool
    """Whether the file was named on the command line itself."""


class Discovery(Struct):
    """The outcome of a walk: the files to lint and what went wrong on the way."""

    files: list[SourceFile] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    """Paths named on the command line that do not exist, as given."""

    directories: list[Path] = field(default_factory=list)
    """The directories listed, and those of the files named on the command line."""


def discover(
    paths: Sequence[Path],
    *,
    extensions: frozenset[str],
    root: Path,
    exclude: Sequence[str] | None,
    extend_exclude: Sequence[str],
    respect_gitignore: bool,
    force_exclude: bool,
) -> Discovery:
    """Walk ``paths`` and collect the files whose suffix is in ``extensions``.

    ``exclude`` (even an empty one) replaces :data:`DEFAULT_EXCLUDES` except
    :data:`VCS_DIRECTORIES`; None keeps them. ``extend_exclude`` adds patterns
    to either. Raises
    :class:`ConfigError` for an invalid pattern in them.
    """
    excludes = _Excludes.build(root, exclude, extend_exclude)
    walker = _Walker(extensions, excludes, respect_gitignore, force_exclude)
    for path in paths:
        walker.add_argument(path)

    files = sorted(walker.files.values(), key=lambda source: str(source.path))
    return Discovery(
        files=files,
        warnings=walker.warnings,
        missing=walker.missing,
        directories=walker.directories,
    )


def _relative(path: Path, base: Path) -> str | None:
    """Return ``path`` below ``base`` in POSIX form, or None when it is outside.

    Both paths are absolute and normalised, so comparing their text is the same
    as ``Path.relative_to`` and several times faster on a large walk.
    """
    path_text, base_text = str(path), str(base)
    if path_text == base_text:
        return "."
    prefix = base_text if base_text.endswith(os.sep) else base_text + os.sep
    if not path_text.startswith(prefix):
        return None
    relative = path_text[len(prefix) :]
    return relative if os.sep == "/" else relative.replace(os.sep, "/")


def _spec_path(relative: str, is_dir: bool) -> str:
    # A trailing slash lets directory-only patterns such as ``build/`` match.
    return relative + "/" if is_dir else relative


def _compile(lines: Sequence[str]) -> tuple[GitIgnoreSpec, list[str]]:
    """Compile gitignore lines, returning the spec and the lines that are invalid.

    Git skips an invalid line and keeps the rest, so each line that fails to
    compile is left out instead of rejecting the whole file.
    """
    try:
        return GitIgnoreSpec.from_lines(lines), []
    except (ValueError, re.error):
        pass

    valid: list[str] = []
    invalid: list[str] = []
    for line in lines:
        try:
            GitIgnoreSpec.from_lines([line])
        except (ValueError, re.error):
            invalid.append(line)
        else:
            valid.append(line)
    return GitIgnoreSpec.from_lines(valid), invalid


def _without_matches_of(spec: GitIgnoreSpec, directory: str) -> GitIgnoreSpec:
    """Drop the patterns that exclude ``directory`` (a spec path).

    pathspec matches a pattern for a directory against every path below it, so
    these patterns would otherwise exclude everything in a directory that the
    user named on purpose.
    """
    remaining = [
        pattern
        for pattern in spec.patterns
        if not (pattern.include and pattern.match_file(directory))
    ]
    return GitIgnoreSpec(remaining)


class _Excludes(Struct, frozen=True):
    """The ``exclude`` and ``extend-exclude`` settings, ready to match."""

    root: Path
    names: frozenset[str]
    """Directory names skipped wherever they appear (the defaults)."""
    spec: GitIgnoreSpec

    @classmethod
    def build(
        cls, root: Path, exclude: Sequence[str] | None, extend_exclude: Sequence[str]
    ) -> _Excludes:
        names = frozenset(DEFAULT_EXCLUDES if exclude is None else VCS_DIRECTORIES)
        lines = [*(exclude or ()), *extend_exclude]
        spec, invalid = _compile(lines)
        if invalid:
            raise ConfigError(f"invalid exclude pattern {invalid[0]!r}")
        return cls(root=root.resolve(), names=names, spec=spec)

    def _spec_matches(self, path: Path, is_dir: bool) -> bool:
        if not self.spec.patterns:
            return False
        # NOTE: a path outside the root is matched by its name alone, so an
        # anchored pattern such as "/src" matches any directory named "src" there.
        relative = _relative(path, self.root)
        if relative is None:
            relative = path.name
        if relative == ".":
            return False
        return self.spec.check_file(_spec_path(relative, is_dir)).include is True

    def match_entry(self, path: Path, is_dir: bool) -> bool:
        """Return whether a walked entry is excluded, judging its own name only.

        Its parent directories were checked when the walk entered them.
        """
        if is_dir and path.name in self.names:
            return True
        return self._spec_matches(path, is_dir)

    def match_argument(self, path: Path, is_dir: bool) -> bool:
        """Return whether a command-line path or one of its parents is excluded."""
        relative = _relative(path, self.root)
        parts = Path(relative).parts if relative is not None else (path.name,)
        directories = parts if is_dir else parts[:-1]
        if self.names.intersection(directories):
            return True
        return self._spec_matches(path, is_dir)

    def without_matches_of(self, directory: Path) -> _Excludes:
        relative = _relative(directory, self.root) or directory.name
        return replace(self, spec=_without_matches_of(self.spec, relative + "/"))


class _Layer(Struct, frozen=True, dict=True):
    """The patterns of one ignore file, which apply to the paths below ``base``.

    `dict=True` gives instances the `__dict__` that `_file_spec` is cached in.
    """

    base: Path
    spec: GitIgnoreSpec

    def verdict(
        self, path: Path, is_dir: bool, parents_checked: bool = False
    ) -> bool | None:
        """Return True (ignored), False (re-included) or None (no pattern matches).

        With `parents_checked`, as for an entry found by the walk, the
        directories above `path` were judged already.
        """
        spec = self.spec if is_dir or not parents_checked else self._file_spec
        if not spec.patterns:
            return None
        relative = _relative(path, self.base)
        if relative is None or relative == ".":
            return None
        return spec.check_file(_spec_path(relative, is_dir)).include

    @functools.cached_property
    def _file_spec(self) -> GitIgnoreSpec:
        """The patterns that can match a file below directories judged already.

        A pattern ending in `/` matches directories only. pathspec also applies
        it to every path below such a directory, which the walk never enters.
        """
        return GitIgnoreSpec(
            [
                pattern
                for pattern in self.spec.patterns
                if not str(getattr(pattern, "pattern", "")).rstrip().endswith("/")
            ]
        )

    def without_matches_of(self, directory: Path) -> _Layer:
        relative = _relative(directory, self.base)
        if relative is None or relative == ".":
            return self
        return replace(self, spec=_without_matches_of(self.spec, relative + "/"))


Layers = tuple[_Layer, ...]


def _is_ignored(
    layers: Layers, path: Path, is_dir: bool, parents_checked: bool = False
) -> bool:
    # Layers run from the lowest precedence (.git/info/exclude) to the deepest
    # .gitignore. As in Git, the deepest file with a matching pattern decides.
    for layer in reversed(layers):
        verdict = layer.verdict(path, is_dir, parents_checked)
        if verdict is not None:
            return verdict
    return False


def git_directory(repository: Path) -> Path | None:
    """Return the Git directory of a repository, following a ``.git`` file."""
    marker = repository / ".git"
    if marker.is_dir():
        return marker
    try:
        text = marker.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None

    # Submodules and worktrees have a ".git" file with a "gitdir: <path>" line.
    prefix = "gitdir:"
    if not text.startswith(prefix):
        return None
    git_dir = repository / text[len(prefix) :].strip()
    common = git_dir / "commondir"
    if common.is_file():
        git_dir = git_dir / common.read_text(encoding="utf-8").strip()
    return git_dir


def _is_link(source: SourceFile) -> bool:
    """Tell whether the displayed path reaches the file through a symbolic link."""
    return Path(os.path.abspath(source.path)) != source.resolved


class _Directory(Struct):
    """A directory to walk, with the rules that apply to its entries."""

    real: Path
    display: Path
    excludes: _Excludes
    layers: Layers


class _Walker:
    """The state of one :func:`discover` call."""

    def __init__(
        self,
        extensions: frozenset[str],
        excludes: _Excludes,
        respect_gitignore: bool,
        force_exclude: bool,
    ) -> None:
        self.extensions = extensions
        self.excludes = excludes
        self.respect_gitignore = respect_gitignore
        self.force_exclude = force_exclude
        self.files: dict[Path, SourceFile] = {}
        self.warnings: list[str] = []
        self.missing: list[str] = []
        self.directories: list[Path] = []
        self._layers_cache: dict[Path, Layers] = {}

    def add_argument(self, path: Path) -> None:
        """Add a path named on the command line."""
        # os.path.exists is False for a broken symbolic link and a link loop
        # too, which cannot be linted either.
        if not os.path.exists(path):
            self.missing.append(str(path))
            return

        real = path.resolve()
        if path.is_dir():
            self._add_directory_argument(path, real)
        else:
            self._add_file_argument(path, real)

    def _add_file_argument(self, path: Path, real: Path) -> None:
        self.directories.append(real.parent)
        if self.force_exclude and self._argument_excluded(real, is_dir=False):
            LOG.debug("%s: excluded, skipped because of force-exclude", path)
            return

        if path.suffix not in self.extensions:
            self.warnings.append(f"{path}: not a supported source file, skipped")
            return

        if not path.is_file():
            self.warnings.append(f"{path}: not a regular file, skipped")
            return

        self._add_file(SourceFile(path=path, resolved=real, explicit=True))

    def _add_directory_argument(self, path: Path, real: Path) -> None:
        excludes = self.excludes
        layers = self._layers_above(real)
        excluded = excludes.match_argument(real, is_dir=True)
        ignored = _is_ignored(layers, real, is_dir=True)
        if (excluded or ignored) and self.force_exclude:
            LOG.debug("%s: excluded, skipped because of force-exclude", path)
            return

        # A directory named on purpose is walked even when it is excluded, so
        # the patterns that exclude it must not exclude its contents either.
        if excluded:
            excludes = excludes.without_matches_of(real)
        if ignored:
            layers = tuple(layer.without_matches_of(real) for layer in layers)
        self._walk(_Directory(real, path, excludes, layers))

    def _argument_excluded(self, real: Path, is_dir: bool) -> bool:
        if self.excludes.match_argument(real, is_dir):
            return True
        layers = self._layers_of(real.parent)
        return _is_ignored(layers, real, is_dir)

    def _add_file(self, source: SourceFile) -> None:
        """Keep one entry per real file, shown under a path that is no link."""
        first = self.files.get(source.resolved)
        if first is None:
            self.files[source.resolved] = source
            return
        shown = source if _is_link(first) and not _is_link(source) else first
        explicit = first.explicit or source.explicit
        self.files[source.resolved] = replace(shown, explicit=explicit)

    def _walk(self, top: _Directory) -> None:
        # An explicit stack instead of recursion, so deep trees cannot reach the
        # recursion limit.
        stack = [top]
        while stack:
            directory = stack.pop()
            entries = self._scan(directory)
            if entries is None:
                continue

            names = {entry.name for entry in entries}
            layers = self._directory_layers(
                directory.real,
                directory.layers,
                has_git=".git" in names,
                has_gitignore=".gitignore" in names,
                display=directory.display,
            )
            children = [
                child
                for entry in entries
                if (child := self._visit(entry, directory, layers)) is not None
            ]
            stack.extend(reversed(children))

    def _scan(self, directory: _Directory) -> list[os.DirEntry[str]] | None:
        self.directories.append(directory.real)
        try:
            with os.scandir(directory.real) as iterator:
                return sorted(iterator, key=lambda entry: entry.name)
        except OSError as exc:
            self._warn_os_error(directory.display, "cannot read directory", exc)
            return None

    def _visit(
        self, entry: os.DirEntry[str], parent: _Directory, layers: Layers
    ) -> _Directory | None:
        """Add a file entry, or return a directory entry that should be walked."""
        try:
            is_dir = entry.is_dir(follow_symlinks=False)
            if not is_dir and os.path.splitext(entry.name)[1] not in self.extensions:
                return None
            is_file = entry.is_file()
        except OSError as exc:
            self._warn_os_error(parent.display / entry.name, "cannot read", exc)
            return None

        display = parent.display / entry.name
        real = parent.real / entry.name

        if not (is_dir or is_file):
            self._check_link(entry, display)
            return None

        if parent.excludes.match_entry(real, is_dir) or _is_ignored(
            layers, real, is_dir, parents_checked=True
        ):
            return None

        if is_dir:
            return _Directory(real, display, parent.excludes, layers)

        resolved = real.resolve() if entry.is_symlink() else real
        self._add_file(SourceFile(path=display, resolved=resolved, explicit=False))
        return None

    def _check_link(self, entry: os.DirEntry[str], display: Path) -> None:
        """Warn about a broken link, and skip a link to a directory or a device."""
        if not entry.is_symlink():
            LOG.debug("%s: not a regular file, skipped", display)
        elif os.path.exists(entry.path):
            LOG.debug("%s: link to a directory or special file, skipped", display)
        else:
            self.warnings.append(f"{display}: broken symbolic link, skipped")

    def _warn_os_error(self, display: Path, action: str, exc: OSError) -> None:
        reason = exc.strerror or str(exc)
        self.warnings.append(f"{display}: {action}: {reason}")

    def _layers_of(self, directory: Path) -> Layers:
        """Return the ignore layers that apply to the entries of ``directory``."""
        cached = self._layers_cache.get(directory)
        if cached is not None:
            return cached

        layers = self._directory_layers(
            directory,
            self._layers_above(directory),
            has_git=os.path.lexists(directory / ".git"),
            has_gitignore=(directory / ".gitignore").is_file(),
            display=directory,
        )
        self._layers_cache[directory] = layers
        return layers

    def _layers_above(self, directory: Path) -> Layers:
        """Return the layers from the parents of ``directory`` in its repository.

        Outside a Git repository no parent's ``.gitignore`` applies, as in Git.
        """
        if not self.respect_gitignore or os.path.lexists(directory / ".git"):
            return ()
        if not any(os.path.lexists(parent / ".git") for parent in directory.parents):
            return ()
        return self._layers_of(directory.parent)

    def _directory_layers(
        self,
        directory: Path,
        inherited: Layers,
        *,
        has_git: bool,
        has_gitignore: bool,
        display: Path,
    ) -> Layers:
        """Add the ignore files of ``directory`` to the layers of its parent."""
        if not self.respect_gitignore:
            return ()

        layers = inherited
        if has_git:
            # A nested repository does not inherit the ignore files around it.
            layers = ()
            git_dir = git_directory(directory)
            if git_dir is not None:
                exclude_file = git_dir / "info" / "exclude"
                layers = self._read_layer(directory, exclude_file, exclude_file)
        if has_gitignore:
            layers += self._read_layer(
                directory, directory / ".gitignore", display / ".gitignore"
            )
        return layers

    def _read_layer(self, base: Path, path: Path, display: Path) -> Layers:
        try:
            text = path.read_text(encoding="utf-8", errors="surrogateescape")
        except FileNotFoundError:
            return ()
        except OSError as exc:
            self._warn_os_error(display, "cannot read ignore file", exc)
            return ()

        spec, invalid = _compile(text.splitlines())
        for line in invalid:
            self.warnings.append(f"{display}: invalid pattern {line!r}, ignored")
        return (_Layer(base, spec),) if len(spec) else ()
