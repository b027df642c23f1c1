"""The tests' fake Bot API (tests/support/fake_bot_api.py) in a child process of its own, for the benchmarks: its
CPU does not compete with the bot's for the benchmark process's GIL (Telegram is not in the bot's process either).
``Call.at`` is time.monotonic(), one clock for both processes.
"""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path
from types import TracebackType
from typing import Any

TESTS = Path(__file__).resolve().parent.parent / "tests"
# Prints its URL and token, answers sendMessage after DELAY seconds, serves until stdin closes, then
# prints every sendMessage attempt as [chat_id, at] and the parameters of the last one, as JSON.
SERVER_SCRIPT = """
import json, sys
sys.path.insert(0, sys.argv[1])
from support.fake_bot_api import FakeBotApi
with FakeBotApi() as api:
    api.delay("sendMessage", float(sys.argv[2]))
    print(api.url, api.token, flush=True)
    sys.stdin.read()
    calls = api.attempts("sendMessage")
    sends = [[call.params["chat_id"], call.at] for call in calls]
    json.dump({"sends": sends, "last": calls[-1].params if calls else {}}, sys.stdout)
"""


class FakeServer:
    """The fake Bot API in a child process, answering sendMessage after ``delay`` seconds (as Telegram takes
    50–200 ms); ``sends`` and ``last`` are filled on exit."""

    def __init__(self, delay: float = 0.0) -> None:
        self.url = self.token = ""
        self.delay = delay
        self.sends: list[tuple[int, float]] = []
        self.last: dict[str, Any] = {}
        self._process: asyncio.subprocess.Process | None = None

    async def __aenter__(self) -> FakeServer:
        pipe = asyncio.subprocess.PIPE
        self._process = await asyncio.create_subprocess_exec(
            sys.executable, "-c", SERVER_SCRIPT, str(TESTS), str(self.delay), stdin=pipe, stdout=pipe
        )
        assert self._process.stdout is not None
        self.url, self.token = (await self._process.stdout.readline()).decode().split()
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        assert self._process is not None and self._process.stdin is not None
        self._process.stdin.close()
        output, _ = await self._process.communicate()
        if output:
            answer = json.loads(output)
            self.sends = [(int(chat_id), float(at)) for chat_id, at in answer["sends"]]
            self.last = answer["last"]
