"""The event loop a running bot uses: uvloop (libuv) where it is installed, asyncio's own otherwise.

At a thousand messages a second the loop itself is a good part of the CPU: uvloop's is about a fifth cheaper per
send in bench/bench_rate.py. ``EVENT_LOOP=asyncio`` switches back.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any, Literal, TypeVar

Loop = Literal["uvloop", "asyncio"]
_Result = TypeVar("_Result")


def run(main: Coroutine[Any, Any, _Result], loop: Loop = "uvloop") -> _Result:
    """``asyncio.run(main)``, on uvloop when asked for and installed."""
    if loop == "uvloop":
        try:
            import uvloop
        except ImportError:  # not built for this platform (Windows): asyncio's loop does the same work
            pass
        else:
            return uvloop.run(main)
    return asyncio.run(main)
