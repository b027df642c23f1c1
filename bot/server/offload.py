"""CPU-heavy work (drawing a chart, the insights' statistics, an export) in worker processes, off the event loop.

A thread would not do: drawing holds the interpreter lock, and every other person's update waits for it. The
pool is bounded (one core is left for the event loop), made at the first job so start-up and idle memory stay as
they are, and shared by every application in the process. Workers are spawned, not forked: a fork of a process
running an event loop and threads can inherit a held lock.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import cache, partial
from typing import ParamSpec, TypeVar

_Params = ParamSpec("_Params")
_Result = TypeVar("_Result")


def worker_count() -> int:
    """One worker per core but one, at least one and at most four."""
    return min(4, max(1, (os.cpu_count() or 2) - 1))


@cache
def _pool() -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=worker_count(), mp_context=multiprocessing.get_context("spawn"))


async def run_cpu(function: Callable[_Params, _Result], *args: _Params.args, **kwargs: _Params.kwargs) -> _Result:
    """``function(*args, **kwargs)`` in a worker process; its arguments and result travel by pickle.

    If a worker dies (killed, out of memory), this job fails and the next one gets a fresh pool: a broken pool
    would otherwise fail every chart from then on.
    """
    try:
        return await asyncio.get_running_loop().run_in_executor(_pool(), partial(function, *args, **kwargs))
    except BrokenProcessPool:
        _pool.cache_clear()
        raise
