"""The process pool: order of results and workers that die."""

from __future__ import annotations

import os
import subprocess
import sys

from cio_lint import parallel


def _square(number: int) -> int:
    return number * number


def _die_on_three(number: int) -> int:
    if number == 3:
        os._exit(1)
    return number


def test_results_keep_the_order_of_the_items() -> None:
    items = list(range(40))

    assert parallel.run_all(_square, items, 2, lambda item: -1) == [
        n * n for n in items
    ]


def test_one_job_runs_in_this_process() -> None:
    assert parallel.run_all(_pid, [1, 2], 1, _pid) == [os.getpid()] * 2


def _pid(_: int) -> int:
    return os.getpid()


def test_a_dying_worker_fails_only_its_item() -> None:
    results = parallel.run_all(_die_on_three, list(range(6)), 2, lambda item: -item)

    assert results == [0, 1, 2, -3, 4, 5]


def test_costliest_items_are_handed_out_first() -> None:
    items = [1, 5, 2, 9, 3]

    order = parallel.submission_order(items, cost=lambda item: item)
    results = parallel.run_all(_square, items, 2, lambda item: -1, cost=lambda n: n)

    assert order == [3, 1, 4, 2, 0]
    assert parallel.submission_order(items, cost=None) == [0, 1, 2, 3, 4]
    assert results == [1, 25, 4, 81, 9]


def test_collect_less_freezes_and_raises_threshold() -> None:
    script = (
        "import gc\n"
        "from cio_lint import parallel\n"
        "parallel.collect_less()\n"
        "print(gc.get_threshold()[0], gc.get_freeze_count() > 0)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )

    assert done.stdout == f"{parallel.GC_THRESHOLD} True\n"
