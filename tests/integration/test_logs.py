"""Log lines carry no secrets at any level, and no personal data (texts, trigger names, scores) at INFO and above."""

from __future__ import annotations

import asyncio
import io
import json
import logging
import traceback
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import IntegrityError
from telegram import Update
from telegram.ext import TypeHandler

from bot.config import Settings
from bot.server.logs import REDACTED, configure_logging
from bot.services import BotContext
from bot.store import create_engine_for
from support.harness import BotHarness

# Built at run time, so that no traceback can show them as a literal in a source line.
TRIGGER_NAME = "-".join(["Marzipan", "after", "nine"])
MESSAGE_TEXT = " ".join(["my", "legs", "ache", "tonight"])


class WatchedStream(io.StringIO):
    """A log stream that wakes whoever waits for a line (logging writes from the event loop's thread here)."""

    def __init__(self) -> None:
        super().__init__()
        self.written = asyncio.Event()

    def write(self, line: str) -> int:
        self.written.set()
        return super().write(line)

    async def wait_for(self, fragment: str) -> None:
        async with asyncio.timeout(10):
            while fragment not in self.getvalue():
                self.written.clear()
                await self.written.wait()


@pytest.fixture
def log_lines() -> Iterator[WatchedStream]:
    """Where configure_logging writes in these tests; the root logger is restored afterwards."""
    root = logging.getLogger()
    saved_handlers, saved_level = root.handlers[:], root.level
    stream = WatchedStream()
    yield stream
    root.handlers[:] = saved_handlers
    root.setLevel(saved_level)


def failed_insert(value: str) -> IntegrityError:
    """A real SQLAlchemy error for a statement that stored ``value``: its message carries the parameters."""
    engine = create_engine("sqlite://")
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE triggers (chat_id INTEGER, name TEXT, UNIQUE (chat_id, name))"))
        connection.execute(text("INSERT INTO triggers VALUES (1, :name)"), {"name": value})
        try:
            connection.execute(text("INSERT INTO triggers VALUES (1, :name)"), {"name": value})
        except IntegrityError as error:
            return error
    raise AssertionError("the duplicate was stored")


def log_failure(error: BaseException, level: int) -> None:
    try:
        raise error
    except IntegrityError:
        logging.getLogger("bot.handlers.errors").log(level, "error while handling an update", exc_info=True)


@pytest.mark.parametrize("log_format", ["text", "json"])
def test_parameters_of_a_failed_statement_are_hidden_at_info_and_above(log_lines: io.StringIO, log_format: str) -> None:
    configure_logging("INFO", [], log_format, stream=log_lines)
    error = failed_insert(TRIGGER_NAME)
    assert TRIGGER_NAME in str(error)  # what SQLAlchemy would write out

    log_failure(error, logging.ERROR)
    logging.getLogger("bot.delivery.engine").warning("tick failed: %s", error)

    output = log_lines.getvalue()
    assert TRIGGER_NAME not in output
    assert "[parameters: hidden]" in output
    assert "UNIQUE constraint failed" in output  # what went wrong is still there
    if log_format == "json":
        records = [json.loads(line) for line in output.splitlines()]
        assert "IntegrityError" in records[0]["exc_info"]


def test_debug_lines_keep_the_parameters_as_the_readme_warns(log_lines: io.StringIO) -> None:
    configure_logging("DEBUG", [], stream=log_lines)
    log_failure(failed_insert(TRIGGER_NAME), logging.DEBUG)
    assert TRIGGER_NAME in log_lines.getvalue()


@pytest.mark.postgres
async def test_the_key_postgresql_names_in_a_duplicate_is_hidden(log_lines: io.StringIO, postgres_url: str) -> None:
    configure_logging("INFO", [], stream=log_lines)
    engine = create_engine_for(postgres_url)
    insert = text("INSERT INTO triggers VALUES (1, :name)")
    try:
        async with engine.begin() as connection:
            await connection.execute(text("CREATE TABLE triggers (chat_id bigint, name text, UNIQUE (chat_id, name))"))
            await connection.execute(insert, {"name": TRIGGER_NAME})
        with pytest.raises(IntegrityError) as failure:
            async with engine.begin() as connection:
                await connection.execute(insert, {"name": TRIGGER_NAME})
    finally:
        await engine.dispose()
    assert TRIGGER_NAME in "".join(traceback.format_exception(failure.value))  # asyncpg's DETAIL line names it

    log_failure(failure.value, logging.ERROR)

    output = log_lines.getvalue()
    assert TRIGGER_NAME not in output
    assert "DETAIL:  hidden" in output


def test_secrets_are_redacted_at_every_level_and_in_tracebacks(log_lines: io.StringIO) -> None:
    secret = "webhook-secret_" + "x" * 20
    configure_logging("DEBUG", ["123:token", secret], stream=log_lines)
    log = logging.getLogger("telegram.ext.ExtBot")
    log.debug("Calling Bot API endpoint `setWebhook` with parameters `%s`", {"secret_token": secret})
    try:
        raise RuntimeError(f"failed with {secret}")
    except RuntimeError:
        log.error("failed", exc_info=True)
    output = log_lines.getvalue()
    assert secret not in output
    assert output.count(REDACTED) == 2


async def test_the_running_bot_logs_no_message_text_or_trigger_name_at_info(
    harness: BotHarness, harness_settings: Settings, log_lines: WatchedStream
) -> None:
    configure_logging("INFO", [harness_settings.require_token()], stream=log_lines)
    engine = create_engine_for(harness_settings.database_url)

    async def store_text_and_fail(update: Update, context: BotContext) -> None:
        # A handler whose write fails, as a bug or a full disk would make it: the error handler logs it at ERROR.
        if update.message is not None and update.message.text == MESSAGE_TEXT:
            async with engine.begin() as connection:
                await connection.execute(text("INSERT INTO no_such_table VALUES (:text)"), {"text": MESSAGE_TEXT})
        if update.message is not None and update.message.text == f"/progress {MESSAGE_TEXT}":
            int(MESSAGE_TEXT)  # a bug that quotes what the person typed in its message

    # A group of its own, before every other: within a group only the first handler that matches runs.
    harness.bot_app.application.add_handler(TypeHandler(Update, store_text_and_fail), group=-100)
    try:
        await harness.say(801, f"/triggers add {TRIGGER_NAME}")
        await harness.say(801, "/triggers")
        harness.api.send_text(801, MESSAGE_TEXT)
        await log_lines.wait_for("error while handling an update")
        harness.api.send_text(801, f"/progress {MESSAGE_TEXT}")
        await log_lines.wait_for("ValueError")
    finally:
        await engine.dispose()

    output = log_lines.getvalue()
    assert "OperationalError" in output and "store_text_and_fail" in output  # what failed, and where
    for personal in (TRIGGER_NAME, MESSAGE_TEXT):
        assert personal not in output
