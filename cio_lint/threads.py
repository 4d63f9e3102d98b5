"""Run work on a thread whose stack fits deeply nested syntax trees.

LibCST visits trees recursively, so a long chain of `+` or of adjacent
strings nests thousands of frames deep. A thread with a large stack and a
raised recursion limit analyses such files instead of giving up on them.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import ThreadPoolExecutor

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


_SHARED: list[ThreadPoolExecutor] = []
# A forked child has none of its parent's threads, so it starts its own.
if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_SHARED.clear)


def run_on_shared_deep_stack(work: Callable[[], T]) -> T:
    """Return `work()` computed on this process's one large-stack thread.

    Worker processes run one item after another. Reusing one thread keeps its
    stack pages mapped, whereas a new thread per item faults them in again,
    which made analysing the standard library about 7% slower (Python 3.11).
    """
    if not _SHARED:
        from concurrent.futures import ThreadPoolExecutor

        previous_stack = threading.stack_size(STACK_BYTES)
        try:
            runner = ThreadPoolExecutor(max_workers=1, thread_name_prefix="cio-lint")
            # The thread starts on the first submission, with the stack size
            # in effect then.
            runner.submit(_nothing).result()
        finally:
            threading.stack_size(previous_stack)
        _SHARED.append(runner)
    return _SHARED[0].submit(work).result()


def _nothing() -> None:
    """Do nothing: submitted to start a thread."""
