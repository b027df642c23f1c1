"""Deleted means gone: after /delete no cache of any instance answers in the person's language, the deleted text
cannot be read in the bytes of the SQLite file or its WAL, and the database file and the console's files folder
are readable by their owner only."""

from __future__ import annotations

import asyncio
import io
import os
import stat
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from datetime import UTC, date, datetime
from datetime import time as clock_time
from pathlib import Path

import pytest
from sqlalchemy import text, update
from telegram import Bot

from bot.console.api import CONSOLE_CHAT_ID, CONSOLE_TOKEN, ConsoleBotApi
from bot.console.terminal import Terminal
from bot.content import DEFAULT_LANGUAGE
from bot.store import create_engine_for, forgets, session_factory, upgrade_database
from bot.store.models import Subscriber
from bot.text.i18n import texts
from bot.text.languages import Languages
from support.stores import Stores, open_stores

ANN, BOB = 4101, 4202
NOW = datetime(2026, 11, 25, 11, 0, tzinfo=UTC)
NIGHT = date(2026, 11, 24)
# Text that occurs nowhere else in the file, so finding its bytes means finding the deleted row.
SECRET_TRIGGER = "zebra-unicorn-licorice"
WAITING_SECONDS = 30.0  # generous: a reconnect on a loaded CI machine can take seconds


@pytest.fixture(autouse=True)
def usual_umask() -> Iterator[None]:
    """The umask most systems give (group and others may read), whatever the test runner was started with."""
    before = os.umask(0o022)
    yield
    os.umask(before)


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


async def open_instance(database_url: str) -> Stores:
    """The stores on an engine of their own, as one bot instance has."""
    engine = create_engine_for(database_url)
    await upgrade_database(engine)
    return open_stores(session_factory(engine), reminder_time=clock_time(21, 0))


async def close_instance(stores: Stores) -> None:
    await stores.engine.dispose()


@pytest.fixture
async def sqlite_stores(sqlite_url: str) -> AsyncIterator[Stores]:
    stores = await open_instance(sqlite_url)
    yield stores
    await close_instance(stores)


async def spanish_speaker(stores: Stores, chat_id: int) -> None:
    """A person who chose Spanish, with a check-in that ticked their own trigger."""
    coaching = stores.coaching
    await stores.subscribers.set_zone(chat_id, "Europe/Madrid", NOW)
    await stores.subscribers.set_language(chat_id, "es", NOW)
    await coaching.add_trigger(chat_id, f"{SECRET_TRIGGER}-{chat_id}", NOW)
    await coaching.record_score(chat_id, NIGHT, 7, NOW)
    [trigger] = await coaching.triggers(chat_id)
    await coaching.set_factor(chat_id, NIGHT, trigger.factor, True, NOW)


async def served_from_cache(languages: Languages, stores: Stores, chat_id: int) -> bool:
    """Whether ``languages`` answers for this Spanish speaker from its cache: it is asked once, then again while
    their row quietly says English (no forget), and then the row says Spanish again. It starts from an empty cache:
    a quiet write read while the cache turned trusted would otherwise stay cached and answer every later call."""
    languages.forget(chat_id)
    await languages.of(chat_id, "en")
    await quietly_set_language(stores, chat_id, "en")
    cached = (await languages.of(chat_id, "en")).language == "es"
    await quietly_set_language(stores, chat_id, "es")
    return cached


async def quietly_set_language(stores: Stores, chat_id: int, language: str) -> None:
    async with stores.sessions.begin() as session:
        await session.execute(update(Subscriber).where(Subscriber.chat_id == chat_id).values(language=language))


async def eventually(condition: Callable[[], Awaitable[bool]]) -> None:
    """Wait until ``condition`` holds (what another instance does happens a little later), at most a few seconds."""
    deadline = time.monotonic() + WAITING_SECONDS
    while not await condition():
        if time.monotonic() >= deadline:
            raise AssertionError(f"still not true after {WAITING_SECONDS} s: {condition}")
        await asyncio.sleep(0.02)


# --- caches ------------------------------------------------------------------------------------------------


async def test_a_language_looked_up_while_the_person_is_deleted_is_not_cached(
    sqlite_stores: Stores, monkeypatch: pytest.MonkeyPatch
) -> None:
    await spanish_speaker(sqlite_stores, ANN)
    languages = Languages(sqlite_stores.subscribers, sqlite_stores.engine)
    read_row = sqlite_stores.subscribers.reader_of

    async def read_while_deleted(chat_id: int) -> tuple[str | None, str | None] | None:
        found = await read_row(chat_id)
        await sqlite_stores.coaching.delete_person(chat_id)  # /delete lands while the row is being read
        languages.forget(chat_id)
        return found

    monkeypatch.setattr(sqlite_stores.subscribers, "reader_of", read_while_deleted)
    assert (await languages.of(ANN, "en")).language == "es"  # what the row said when it was read
    monkeypatch.setattr(sqlite_stores.subscribers, "reader_of", read_row)

    assert (await languages.of(ANN, "en")).language == "en"


@pytest.mark.postgres
async def test_a_delete_on_one_instance_is_forgotten_by_the_cache_of_another(postgres_url: str) -> None:
    first, second = await open_instance(postgres_url), await open_instance(postgres_url)
    languages = [Languages(first.subscribers, first.engine), Languages(second.subscribers, second.engine)]
    try:
        for cache in languages:
            await cache.start()
        await spanish_speaker(first, ANN)
        await spanish_speaker(first, BOB)
        for cache in languages:
            assert (await cache.of(ANN, "en")).language == "es"  # now cached by both
            assert (await cache.of(BOB, "en")).language == "es"

        await first.coaching.delete_person(ANN)

        async def second_answers_ann_in_english() -> bool:
            return (await languages[1].of(ANN, "en")).language == "en"

        await eventually(second_answers_ann_in_english)
        assert (await languages[0].of(ANN, "en")).language == "en"  # the deleting instance hears itself too
        assert await served_from_cache(languages[1], second, BOB)  # nobody else is forgotten
    finally:
        for cache in languages:
            await cache.stop()
        await close_instance(first)
        await close_instance(second)


@pytest.mark.postgres
async def test_an_instance_that_cannot_hear_deletes_does_not_trust_its_cache(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(forgets, "RETRY_SECONDS", 3600)  # stays deaf for the whole test
    stores, other = await open_instance(postgres_url), await open_instance(postgres_url)
    languages = Languages(stores.subscribers, stores.engine)
    try:
        await spanish_speaker(stores, ANN)
        assert not await served_from_cache(languages, stores, ANN)  # not listening yet: nothing is cached
        await languages.start()
        assert await served_from_cache(languages, stores, ANN)

        await drop_listening_connections(stores)
        await eventually(lambda: cache_unused(languages, stores, ANN))  # as soon as it notices
        assert (await languages.of(ANN, "en")).language == "es"  # read from the row, and not kept
        await other.coaching.delete_person(ANN)  # a delete it cannot hear
        assert (await languages.of(ANN, "en")).language == "en"
    finally:
        await languages.stop()
        await close_instance(stores)
        await close_instance(other)


@pytest.mark.postgres
async def test_an_instance_hears_deletes_again_once_its_connection_is_back(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(forgets, "RETRY_SECONDS", 0.5)
    stores, other = await open_instance(postgres_url), await open_instance(postgres_url)
    languages = Languages(stores.subscribers, stores.engine)
    try:
        await languages.start()
        await spanish_speaker(stores, ANN)
        await drop_listening_connections(stores)
        await eventually(lambda: cache_unused(languages, stores, ANN))

        await eventually(lambda: served_from_cache(languages, stores, ANN))  # listening again: caching again
        await other.coaching.delete_person(ANN)

        async def answers_ann_in_english() -> bool:
            return (await languages.of(ANN, "en")).language == "en"

        await eventually(answers_ann_in_english)
    finally:
        await languages.stop()
        await close_instance(stores)
        await close_instance(other)


async def drop_listening_connections(stores: Stores) -> None:
    """What a restart of the server does to every instance's listening connection."""
    async with stores.sessions() as session:
        await session.execute(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND query LIKE 'LISTEN%'"
            )
        )


async def cache_unused(languages: Languages, stores: Stores, chat_id: int) -> bool:
    return not await served_from_cache(languages, stores, chat_id)


# --- the bytes on disk -------------------------------------------------------------------------------------


async def test_deleted_text_cannot_be_read_in_the_sqlite_file_or_its_wal(
    sqlite_stores: Stores, sqlite_url: str
) -> None:
    database_file = Path(sqlite_url.removeprefix("sqlite+aiosqlite:///"))
    files = [database_file, database_file.with_name(f"{database_file.name}-wal")]
    await spanish_speaker(sqlite_stores, ANN)
    await spanish_speaker(sqlite_stores, BOB)

    def on_disk(secret: str) -> list[str]:
        return [path.name for path in files if path.exists() and secret.encode() in path.read_bytes()]

    ann_secret, bob_secret = f"{SECRET_TRIGGER}-{ANN}", f"{SECRET_TRIGGER}-{BOB}"
    assert on_disk(ann_secret)  # the search can find it: written, so far, to the WAL

    await sqlite_stores.coaching.delete_person(ANN)

    assert on_disk(ann_secret) == []
    assert on_disk(bob_secret) == [database_file.name]  # the others' data is safe in the file itself
    assert [trigger.name for trigger in await sqlite_stores.coaching.triggers(BOB)] == [bob_secret]


async def test_the_sqlite_file_and_its_wal_are_created_readable_by_their_owner_only(
    sqlite_stores: Stores, sqlite_url: str
) -> None:
    await spanish_speaker(sqlite_stores, ANN)  # the engine is open and has written: the -wal and -shm exist

    database_file = Path(sqlite_url.removeprefix("sqlite+aiosqlite:///"))
    companions = [database_file.with_name(f"{database_file.name}{end}") for end in ("-wal", "-shm")]
    assert {path.name: mode_of(path) for path in [database_file, *companions]} == {
        path.name: 0o600 for path in [database_file, *companions]
    }


async def test_a_sqlite_file_others_could_read_is_made_private_when_opened(tmp_path: Path) -> None:
    database_file = tmp_path / "old.db"
    database_file.touch(mode=0o644)
    assert mode_of(database_file) == 0o644

    stores = await open_instance(f"sqlite+aiosqlite:///{database_file}")
    await close_instance(stores)

    assert mode_of(database_file) == 0o600


async def test_the_console_files_folder_and_its_files_are_for_the_owner_only(tmp_path: Path) -> None:
    terminal = Terminal(texts(DEFAULT_LANGUAGE), io.StringIO(), io.StringIO(), interactive=False, color=False)
    files = tmp_path / "rls-coach-files"
    api = ConsoleBotApi(terminal, first_name="Ann", files_dir=files)
    async with Bot(CONSOLE_TOKEN, request=api, get_updates_request=api) as bot:
        await bot.send_document(CONSOLE_CHAT_ID, b"record,score\ncheckin,7\n", filename="rls-coach-data.csv")

    [export] = files.iterdir()
    assert (mode_of(files), mode_of(export)) == (0o700, 0o600)
