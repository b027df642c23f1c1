"""PTB's HTTP transport on aiohttp: ``telegram.request.BaseRequest``, PTB's documented extension point.

Why not PTB's default (HTTPX): with 200 requests in flight, which is what a thousand messages a second needs
against Telegram's 50–200 ms answers, httpcore's connection pool rescans every connection and waiting request on
each send (encode/httpcore#1035), and a send costs about 2.4 ms of CPU; on aiohttp it costs about a tenth of that
(docs/benchmarks.md). ``TELEGRAM_TRANSPORT=httpx`` switches back.

It does what PTB's ``HTTPXRequest`` does, with the same defaults: read, write, connect and pool timeouts (per call
or the instance's), a longer write timeout for uploads, multipart uploads, a pool of ``connection_pool_size``
connections, an optional proxy, and errors mapped as PTB expects — any timeout to ``TimedOut``, anything else on
the wire to ``NetworkError`` — so that PTB's rate limiter and our sender's retries see what they see on HTTPX.
aiohttp has no write timeout of its own: read, write and connect together bound the whole request instead.
"""

from __future__ import annotations

import asyncio
import json
from functools import lru_cache
from typing import Any

import aiohttp
from telegram._utils.defaultvalue import DefaultValue
from telegram._utils.types import ODVInput
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

DEFAULT_POOL_SIZE = 256  # PTB's default for the bot's requests
_JSON = {"Content-Type": "application/json"}


class AiohttpRequest(BaseRequest):
    """A ``BaseRequest`` on one ``aiohttp.ClientSession``, made by ``initialize`` and closed by ``shutdown``."""

    def __init__(
        self,
        connection_pool_size: int = DEFAULT_POOL_SIZE,
        read_timeout: float | None = 5.0,
        write_timeout: float | None = 5.0,
        connect_timeout: float | None = 5.0,
        pool_timeout: float | None = 1.0,
        media_write_timeout: float | None = 20.0,
        proxy: str | None = None,
    ) -> None:
        if connection_pool_size < 1:
            raise ValueError("connection_pool_size must be at least 1")
        self._pool_size = connection_pool_size
        self._timeouts = (read_timeout, write_timeout, connect_timeout, pool_timeout)
        self._media_write_timeout = media_write_timeout
        self._proxy = proxy
        self._session: aiohttp.ClientSession | None = None
        # The pool's places, taken before a request starts: aiohttp would wait for a free connection as long as
        # its connect timeout, while PTB's pool timeout fails fast, before anything is sent.
        self._places = asyncio.Semaphore(connection_pool_size)

    @property
    def read_timeout(self) -> float | None:
        """The default read timeout; PTB adds it to getUpdates' long-polling timeout."""
        return self._timeouts[0]

    @property
    def pool_size(self) -> int:
        """How many connections the pool holds."""
        return self._pool_size

    async def initialize(self) -> None:
        """Open the session (again after ``shutdown``): it must be made inside the running event loop."""
        if self._session is None or self._session.closed:
            self._places = asyncio.Semaphore(self._pool_size)  # of this event loop
            connector = aiohttp.TCPConnector(limit=self._pool_size, limit_per_host=self._pool_size)
            # No total timeout and no cookies: each request sets its own timeouts, and the Bot API sets none.
            self._session = aiohttp.ClientSession(
                connector=connector,
                timeout=aiohttp.ClientTimeout(total=None),
                cookie_jar=aiohttp.DummyCookieJar(),
                headers={"User-Agent": self.USER_AGENT},
                auto_decompress=True,
            )

    async def shutdown(self) -> None:
        """Close the session; requests still in flight fail with ``NetworkError``. Calling it twice is harmless."""
        session, self._session = self._session, None
        if session is not None and not session.closed:
            await session.close()

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """Send one request; its status and body, as PTB's ``HTTPXRequest.do_request``."""
        session = self._session
        if session is None or session.closed:
            raise RuntimeError("This AiohttpRequest is not initialized!")
        uploads = bool(request_data and request_data.contains_files)
        default_read, default_write, default_connect, default_pool = self._timeouts
        read = _given(read_timeout, default_read)
        write = _given(write_timeout, self._media_write_timeout if uploads else default_write)
        connect = _given(connect_timeout, default_connect)
        pool = _given(pool_timeout, default_pool)
        timeout = _client_timeout(read, write, connect)
        body, headers = _body(request_data)
        try:
            if self._places.locked():  # a free place is taken at once, without arming a timer
                async with asyncio.timeout(pool):
                    await self._places.acquire()
            else:
                await self._places.acquire()
        except TimeoutError:
            # Without a cause: nothing was sent, so the sender may try again.
            raise TimedOut(
                "Pool timeout: all connections in the connection pool are occupied. The request was not sent."
            ) from None
        try:
            async with session.request(
                method, url, data=body, headers=headers, timeout=timeout, proxy=self._proxy
            ) as response:
                return response.status, await response.read()
        except TimeoutError as error:
            raise TimedOut(f"aiohttp: the request timed out ({error.__class__.__name__})") from error
        except aiohttp.ClientError as error:
            raise NetworkError(f"aiohttp.{error.__class__.__name__}: {error}") from error
        except RuntimeError as error:
            # aiohttp says "Session is closed" when the request starts after shutdown closed it: nothing was sent.
            raise NetworkError(f"aiohttp: {error}") from None
        finally:
            self._places.release()


def answer_lost(cause: BaseException | None) -> bool:
    """Whether an aiohttp failure came after the request may have reached the server: the answer was lost, not
    necessarily the message (a read timeout, a connection dropped or reset mid-answer, a broken body). A refused or
    timed-out connection, and a full pool, sent nothing. The sender never repeats a message whose answer was lost.
    """
    if isinstance(cause, aiohttp.ClientConnectorError | aiohttp.ConnectionTimeoutError):
        return False
    return isinstance(
        cause, TimeoutError | aiohttp.ServerDisconnectedError | aiohttp.ClientPayloadError | aiohttp.ClientOSError
    )


@lru_cache(maxsize=64)
def _client_timeout(read: float | None, write: float | None, connect: float | None) -> aiohttp.ClientTimeout:
    """aiohttp's timeouts for PTB's: a handful of combinations in all, so each is made once."""
    return aiohttp.ClientTimeout(total=_sum(read, write, connect), sock_connect=connect, sock_read=read)


def _given(value: ODVInput[float], default: float | None) -> float | None:
    return default if isinstance(value, DefaultValue) else value


def _sum(*timeouts: float | None) -> float | None:
    """The parts added up; None (no limit) when any part has none."""
    return None if any(part is None for part in timeouts) else sum(part or 0.0 for part in timeouts)


def _body(request_data: RequestData | None) -> tuple[Any, dict[str, str] | None]:
    """The request's body: JSON (the Bot API takes it, and encoding it costs a fraction of URL-encoding a long
    message), or multipart, as PTB's HTTPX request sends it, when it uploads files."""
    if request_data is None:
        return None, None
    if not request_data.contains_files:
        # The parameters as they are (a keyboard as an object): one encoding, where PTB's json_payload would
        # encode each value, then the whole.
        parameters = request_data.parameters
        return (json.dumps(parameters, separators=(",", ":")).encode(), _JSON) if parameters else (None, None)
    form = aiohttp.FormData(quote_fields=False)
    for name, value in request_data.json_parameters.items():
        form.add_field(name, value)
    for name, (file_name, content, mime_type) in request_data.multipart_data.items():
        form.add_field(name, content, filename=file_name, content_type=mime_type)
    return form, None
