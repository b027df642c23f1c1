"""The ``rls-coach`` console script: ``run`` starts the bot, ``db upgrade`` migrates the database."""

from __future__ import annotations

import argparse
import asyncio
import logging
import re
import sys
import threading
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from telegram import Bot
from telegram.error import InvalidToken, NetworkError

from bot import __version__
from bot.config import ROLES, OperatorError, Role, Settings, SettingsError, load_settings, setting_names
from bot.content import DEFAULT_LANGUAGE, LANGUAGES, ContentError, load_content
from bot.server.logs import configure_logging

EXIT_USAGE = 2
EXIT_FAILURE = 1
SQLITE_THREAD_WAIT_SECONDS = 1.0
log = logging.getLogger("bot")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rls-coach",
        description=(
            "RLS Coach: a Telegram bot that sends people with restless legs syndrome an evening reminder "
            "with one tip, and answers /causes, /treatments and /symptoms. Configure it with environment "
            f"variables (or a .env file): {', '.join(setting_names())}. Without a token, try `rls-coach chat`."
        ),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    run = commands.add_parser("run", help="start the bot and the evening reminders (long polling, or a webhook)")
    run.add_argument(
        "--role",
        choices=ROLES,
        default="all",
        help="all: answer people and deliver scheduled messages (default); updates: only answer; delivery: only "
        "deliver. Several instances may share one PostgreSQL database.",
    )
    chat = commands.add_parser("chat", help="try the whole bot in this terminal: no token, no network")
    chat.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=DEFAULT_LANGUAGE,
        help=f"the Telegram language of the person chatting, which the bot answers in (default: {DEFAULT_LANGUAGE})",
    )
    content = commands.add_parser("content", help="the medical texts, tips and self-check in content/")
    content_commands = content.add_subparsers(dest="content_command", required=True, metavar="ACTION")
    check = content_commands.add_parser(
        "check", help="validate every content file, both languages, Telegram's limits and the UI catalogues"
    )
    check.add_argument("--dir", type=Path, default=None, help="a content folder (default: the shipped content)")
    database = commands.add_parser("db", help="database maintenance")
    database_commands = database.add_subparsers(dest="db_command", required=True, metavar="ACTION")
    database_commands.add_parser("upgrade", help="create or upgrade the database schema to the newest version")
    return parser


def _run(settings: Settings, role: Role) -> int:
    from bot.app import build_application  # imported late: `--help` and `db` stay quick
    from bot.server.memory import keep_startup_objects
    from bot.server.runner import serve, webhook_secret
    from bot.store.sqlite_lock import SqliteFileInUseError, hold_sqlite_file

    token = settings.require_token()
    secret = webhook_secret(settings)  # chosen before logging starts, so that no line can carry it
    configure_logging(settings.log_level, [token, secret], settings.log_format)
    content = load_content()
    try:
        # One bot process per SQLite file, for as long as it runs; `rls-coach chat` shares the file and takes no lock.
        with hold_sqlite_file(settings.database_url):
            asyncio.run(_preflight(settings, token))
            built = build_application(settings, content, token=token, role=role)
            keep_startup_objects()
            log.info("RLS Coach %s starting (role %s); Bot API at %s", __version__, role, settings.telegram_api_url)
            asyncio.run(serve(built, settings, secret=secret))
    except SqliteFileInUseError as exc:
        return _fail(str(exc))
    log.info("RLS Coach stopped")
    return 0


async def _upgrade_schema(settings: Settings) -> None:
    from bot.store import create_engine_for, upgrade_database

    engine = create_engine_for(settings.database_url)
    try:
        await upgrade_database(engine)
    except (OSError, SQLAlchemyError) as exc:  # TimeoutError, refused connections and DNS failures are OSErrors
        await engine.dispose()
        await _let_sqlite_threads_finish()
        raise OperatorError(database_problem(exc, settings.database_url)) from exc
    finally:
        await engine.dispose()


async def _let_sqlite_threads_finish() -> None:
    """After a failed connect, aiosqlite's thread still hands its last result to the event loop; if
    ``asyncio.run`` closed the loop first, that thread would print a traceback under our one line."""
    for thread in threading.enumerate():
        if thread.name.endswith("(_connection_worker_thread)"):
            await asyncio.to_thread(thread.join, SQLITE_THREAD_WAIT_SECONDS)


def database_problem(exc: BaseException, database_url: str) -> str:
    """One line saying which database failed and how, for the operator; never the password."""
    from sqlalchemy.engine import make_url

    from bot.store.db import CONNECT_TIMEOUT_SECONDS

    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        where = f"the SQLite database {url.database or '(in memory)'}"
    else:
        host = url.host or "localhost"
        where = f"the database at {f'[{host}]' if ':' in host else host}:{url.port or 5432}"  # [::1]:5432
    if isinstance(exc, TimeoutError):
        return (
            f"{where} did not answer within {CONNECT_TIMEOUT_SECONDS:g} seconds. Check DATABASE_URL, and that the "
            "database server is running and reachable from here."
        )
    return f"could not open {where} ({_reason(exc, url.password)}). Check DATABASE_URL."


def _reason(exc: BaseException, password: str | None) -> str:
    """The driver's own words, on one line: SQLAlchemy adds the statement and a link on further lines."""
    original = exc.orig if isinstance(exc, DBAPIError) and exc.orig is not None else exc
    lines = str(original).strip().splitlines()
    reason = lines[0] if lines else type(original).__name__
    reason = re.sub(r"^<class '[\w.]+'>: ", "", reason)  # how SQLAlchemy's asyncpg adapter prefixes the message
    return reason.replace(password, "***") if password else reason


async def _preflight(settings: Settings, token: str) -> None:
    """Fail fast with one clear line: the schema is upgraded and the token is checked before polling starts."""
    await _upgrade_schema(settings)
    async with Bot(token, base_url=f"{settings.telegram_api_url}/bot") as bot:
        log.info("connected to the Bot API as @%s", bot.username)


def _chat(settings: Settings, language: str) -> int:
    from bot.console import run_console

    configure_logging("WARNING", [])  # the terminal is the conversation; only problems are logged
    asyncio.run(_upgrade_schema(settings))
    return run_console(settings, load_content(), language=language)


def _db_upgrade(settings: Settings) -> int:
    configure_logging(settings.log_level, [], settings.log_format)
    asyncio.run(_upgrade_schema(settings))
    print("database schema is up to date")
    return 0


def _content_check(directory: Path | None) -> int:
    from bot.content.check import check_content  # renders every message: not needed to run the bot

    report = check_content(directory)
    print(report.summary())
    return EXIT_FAILURE if report.problems else 0


def _fail(message: str, status: int = EXIT_FAILURE) -> int:
    print(f"rls-coach: error: {message}", file=sys.stderr)
    return status


def main(argv: Sequence[str] | None = None) -> int:
    """Run one ``rls-coach`` command; the exit status, with known failures as one line on stderr, not a traceback."""
    arguments = _parser().parse_args(argv)
    if arguments.command == "content":
        return _content_check(arguments.dir)  # needs no settings: a clinician may run it anywhere
    try:
        settings = load_settings()
    except SettingsError as exc:
        return _fail(str(exc), EXIT_USAGE)
    try:
        return _command(arguments, settings)
    except (SettingsError, ContentError) as exc:
        return _fail(str(exc), EXIT_USAGE)
    except OperatorError as exc:
        return _fail(str(exc))
    except InvalidToken:
        return _fail(
            "Telegram rejected TELEGRAM_BOT_TOKEN. Check it with @BotFather (/mybots → API Token).", EXIT_USAGE
        )
    except NetworkError as exc:
        return _fail(f"could not reach the Telegram Bot API ({exc.message}). Check TELEGRAM_API_URL and the network.")
    except (OSError, SQLAlchemyError) as exc:  # the SQLite lock file, or the database after the start-up check
        return _fail(database_problem(exc, settings.database_url))
    except KeyboardInterrupt:
        return 0


def _command(arguments: argparse.Namespace, settings: Settings) -> int:
    if arguments.command == "run":
        return _run(settings, arguments.role)
    if arguments.command == "chat":
        return _chat(settings, arguments.lang)
    return _db_upgrade(settings)
