"""The large-stack threads that analysis runs on."""

from __future__ import annotations

import multiprocessing
import sys
import threading

import pytest

from cio_lint.threads import run_on_shared_deep_stack, run_with_deep_stack


def _depth(levels: int) -> int:
    return 0 if levels == 0 else 1 + _depth(levels - 1)


def test_deep_stack_thread_fits_deep_recursion() -> None:
    previous = sys.getrecursionlimit()
    sys.setrecursionlimit(30_000)
    try:
        assert run_with_deep_stack(lambda: _depth(20_000)) == 20_000
        assert run_on_shared_deep_stack(lambda: _depth(20_000)) == 20_000
    finally:
        sys.setrecursionlimit(previous)


def test_shared_thread_is_reused() -> None:
    first = run_on_shared_deep_stack(threading.get_ident)
    second = run_on_shared_deep_stack(threading.get_ident)

    assert first == second
    assert first != threading.get_ident()


def test_errors_reach_the_caller() -> None:
    def fail() -> None:
        raise ValueError("bad input")

    with pytest.raises(ValueError, match="bad input"):
        run_on_shared_deep_stack(fail)


def _child_ident(queue: multiprocessing.Queue[int]) -> None:
    queue.put(run_on_shared_deep_stack(threading.get_ident))


@pytest.mark.skipif(sys.platform != "linux", reason="fork is used on Linux only")
def test_forked_child_starts_its_own_thread() -> None:
    run_on_shared_deep_stack(threading.get_ident)
    context = multiprocessing.get_context("fork")
    queue: multiprocessing.Queue[int] = context.Queue()
    child = context.Process(target=_child_ident, args=(queue,))
    child.start()
    ident = queue.get(timeout=30)
    child.join(timeout=30)

    assert child.exitcode == 0
    assert isinstance(ident, int)
