"""The project pass: link calls on imported names to clients in other files.

Each file is analysed alone, so a call on a name imported from another file
(`from .cio import cio`, `const { cio } = require("./cio")`) waits as a
`PendingCall`. Once every file is analysed, the import is resolved to a linted
file; if that file exports a client under the imported name, the call is
bound as if the client had been built in the calling file.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from cio_lint import sdk
from cio_lint.binding import bind_call
from cio_lint.languages import Frontend
from cio_lint.model import ApiCall, Client, FileModel, PendingCall

LOG = logging.getLogger(__name__)


@dataclass(frozen=True)
class AnalyzedFile:
    """A file's model with the front-end that produced it."""

    path: Path
    frontend: Frontend
    model: FileModel


def link(files: Mapping[Path, AnalyzedFile]) -> dict[Path, FileModel]:
    """Return every file's model with its pending calls bound where possible."""
    linked: dict[Path, FileModel] = {}
    for path, analyzed in files.items():
        model = analyzed.model
        if not model.pending_calls:
            linked[path] = model
            continue
        bound = [
            call
            for pending in model.pending_calls
            if (call := _bind_pending(analyzed, pending, files)) is not None
        ]
        linked[path] = replace(model, calls=(*model.calls, *bound))
    return linked


def _bind_pending(
    analyzed: AnalyzedFile, pending: PendingCall, files: Mapping[Path, AnalyzedFile]
) -> ApiCall | None:
    receiver = pending.receiver
    client = _exported_client(analyzed, receiver.specifier, receiver.export, files)
    if client is None:
        return None
    return bind_call(
        sdk.spec_of(client), client, pending.method, pending.arguments, pending.span
    )


def _exported_client(
    analyzed: AnalyzedFile,
    specifier: str,
    export: str,
    files: Mapping[Path, AnalyzedFile],
) -> Client | None:
    target = analyzed.frontend.resolve_import(analyzed.path, specifier, files.keys())
    if target is None:
        return None
    for item in files[target].model.exports:
        if item.name == export:
            LOG.debug("%s: %s from %s is a client", analyzed.path, export, target)
            return item.client
    return None
