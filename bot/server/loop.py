"""The event loop a running bot uses: uvloop (libuv) where it is installed, asyncio's own otherwise.

At a thousand messages a second the loop itself is a good part of the CPU: uvloop's is about a fifth cheaper per
send in bench/bench_rate.py. ``EVENT_LOOP=asyncio`` switches back.
"""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Coroutine
from typing import Any, Literal, TypeVar

Loop = Literal["uvloop", "asyncio"]
_Result = TypeVar("_Result")


# The first generation's threshold once start-up is over (Python's default is 700): sending allocates many short-lived
# objects, and a collection every 700 of them is a few per message.
YOUNG_OBJECTS = 20_000


def keep_startup_objects() -> None:
    """Move everything made so far (the content, the translations, the application) out of the collector's way:
    it lives as long as the process, and every collection would walk it again. About a tenth of the CPU of a
    message at a thousand a second (bench/bench_rate.py)."""
    gc.collect()
    gc.freeze()
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_OBJECTS, middle, old)


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
