"""The registry of language front-ends, chosen by file extension."""

from __future__ import annotations

from pathlib import Path

from cio_lint.languages.base import AnalysisError, DecodeError, Frontend

__all__ = [
    "AnalysisError",
    "DecodeError",
    "Frontend",
    "frontend_for",
    "supported_extensions",
]


def _frontends() -> list[Frontend]:
    # Imported here so that LibCST loads only when a file needs it.
    from cio_lint.languages.javascript import JavascriptFrontend
    from cio_lint.languages.python import PythonFrontend

    return [PythonFrontend(), JavascriptFrontend()]


_BY_EXTENSION: dict[str, Frontend] | None = None


def _registry() -> dict[str, Frontend]:
    global _BY_EXTENSION
    if _BY_EXTENSION is None:
        _BY_EXTENSION = {
            extension: frontend
            for frontend in _frontends()
            for extension in frontend.extensions
        }
    return _BY_EXTENSION


def supported_extensions() -> frozenset[str]:
    return frozenset(_registry())


def frontend_for(path: Path) -> Frontend | None:
    frontend = _registry().get(path.suffix)
    if frontend is None or not frontend.accepts(path):
        return None
    return frontend
