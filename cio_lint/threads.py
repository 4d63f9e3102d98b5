"""Run work on a thread whose stack fits deeply nested syntax trees.

LibCST visits trees recursively, so a long chain of `+` or of adjacent
strings nests thousands of frames deep. A thread with a large stack and a
raised recursion limit analyses such files instead of giving up on them.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

STACK_BYTES = 512 * 1024 * 1024  # reserved address space, not committed memory
RECURSION_LIMIT = 50_000


def run_with_deep_stack(work: Callable[[], T]) -> T:
    """Return `work()` computed on a large-stack thread; re-raise its error."""
    results: list[T] = []
    errors: list[BaseException] = []

    def target() -> None:
        try:
            results.append(work())
        except BaseException as error:  # handed to the calling thread
            errors.append(error)

    previous_stack = threading.stack_size(STACK_BYTES)
    previous_limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(previous_limit, RECURSION_LIMIT))
    try:
        thread = threading.Thread(target=target, name="cio-lint")
        thread.start()
        thread.join()
    finally:
        threading.stack_size(previous_stack)
        sys.setrecursionlimit(previous_limit)
    if errors:
        raise errors[0]
    return results[0]
