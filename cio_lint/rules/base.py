"""The base class of rules."""

from __future__ import annotations

import abc
import enum
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import ClassVar

from cio_lint.config import Settings
from cio_lint.findings import Violation
from cio_lint.model import FileModel


class Severity(enum.Enum):
    """How much a finding matters. Every finding still makes the run fail;
    SARIF and GitHub output show the level, and JSON carries it."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Rule(abc.ABC):
    """A check over the model of one file.

    `code` is `CIO` plus three digits and is never reused; `name` is the
    kebab-case alias accepted wherever a code is; `summary` is one line.
    """

    code: ClassVar[str]
    name: ClassVar[str]
    summary: ClassVar[str]
    severity: ClassVar[Severity] = Severity.ERROR

    @abc.abstractmethod
    def check(self, model: FileModel) -> Iterator[Violation]:
        """Yield the violations of this rule in one file."""

    def reads_clock(self, model: FileModel) -> bool:
        """Tell whether checking `model` compares with the current time.

        The outcome of such a check can change while the files do not, so a
        run that made one is not kept for replay.
        """
        return False

    def configured(self, settings: Settings) -> Rule:
        """Return the rule with its options read from `settings`."""
        return self


class ProjectRule(Rule):
    """A rule that also compares what all files of the project do."""

    @abc.abstractmethod
    def check_project(
        self, models: Mapping[Path, FileModel]
    ) -> Iterator[tuple[Path, Violation]]:
        """Yield violations with the resolved path of the file they land in."""
