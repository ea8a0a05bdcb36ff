"""Work of a batch in worker processes: the items in order, each done by a forked process that shares the loaded
clause library, Word templates and compiled clause texts with the process that started it."""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

_task: Callable[[int], Any] | None = None  # what a worker does with an item's index; inherited through fork


def default_workers() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    """Whether workers can be forked (Linux, macOS; not Windows): they then need nothing pickled but results."""
    return "fork" in multiprocessing.get_all_start_methods()


def each(items: list[T], task: Callable[[T], R], workers: int) -> Iterator[tuple[T, R]]:
    """``task(item)`` for every item, in the items' order; with ``workers`` > 1 in that many processes.

    The first item is done here, before the workers are forked: everything it loads and compiles on the way
    (library, templates, clause texts) is then already in memory in every worker. Workers take chunks of items,
    so that sending items and results costs little against the work.
    """
    workers = min(workers, len(items) - 1)
    if workers <= 1 or not can_fork():
        for item in items:
            yield item, task(item)
        return
    yield items[0], task(items[0])
    global _task
    _task = lambda index: task(items[index])  # noqa: E731 - read by the forked workers only
    chunk = max(1, min(16, (len(items) - 1) // (workers * 4)))
    gc.freeze()  # the objects loaded so far stay out of the workers' collections: no copy of every page they touch
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"), initializer=_ignore_ctrl_c)
    try:
        for index, result in enumerate(pool.map(_call, range(1, len(items)), chunksize=chunk), start=1):
            yield items[index], result
    except BaseException:  # Ctrl-C or an error in the main process: stop the workers, do not wait for them
        pool.shutdown(wait=False, cancel_futures=True)
        for process in list(getattr(pool, "_processes", {}).values()):
            process.terminate()
        raise
    finally:
        _task = None
        pool.shutdown(wait=True)
        gc.unfreeze()


def _ignore_ctrl_c() -> None:
    # Ctrl-C reaches every process of the terminal; the main process stops the workers itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _call(index: int) -> Any:
    assert _task is not None
    return _task(index)
