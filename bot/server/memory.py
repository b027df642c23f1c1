"""The running bot's memory: what start-up made is kept out of the garbage collector's way."""

from __future__ import annotations

import gc

# The first generation's threshold once start-up is over (Python's default is 700): sending allocates many short-lived
# objects, and a collection every 700 of them is a few per message.
YOUNG_OBJECTS = 20_000


def keep_startup_objects() -> None:
    """Move everything made so far (the content, the translations, the application) out of the collector's way:
    it lives as long as the process, and every collection would walk it again. About a tenth of the CPU of a
    message at a thousand a second (bench/bench_rate.py)."""
    gc.freeze()  # without a collection first: that alone would add a tenth of a second to start-up
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_OBJECTS, middle, old)
