"""The ``rls-coach`` console script: ``run`` starts the bot, ``db upgrade`` migrates the database."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError
from telegram import Bot
from telegram.error import InvalidToken, NetworkError

from bot import __version__
from bot.config import ROLES, Role, Settings, SettingsError, load_settings
from bot.content import DEFAULT_LANGUAGE, LANGUAGES, ContentError, load_content
from bot.logs import configure_logging

EXIT_USAGE = 2
EXIT_FAILURE = 1
log = logging.getLogger("bot")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rls-coach",
        description=(
            "RLS Coach: a Telegram bot that sends people with restless legs syndrome an evening reminder "
            "with one tip, and answers /causes, /treatments and /symptoms. Configure it with environment "
            "variables (or a .env file): TELEGRAM_BOT_TOKEN, TELEGRAM_API_URL, DATABASE_URL, "
            "DEFAULT_REMINDER_TIME, SEND_RATE, REMINDER_GRACE_MINUTES, TICK_SECONDS, LOG_LEVEL, LOG_FORMAT, "
            "WEBHOOK_URL, WEBHOOK_SECRET, HTTP_HOST, HTTP_PORT, ADMIN_CHAT_IDS. Without a token, try "
            "`rls-coach chat`."
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
    from bot.runner import serve
    from bot.store.sqlite_lock import SqliteFileInUseError, hold_sqlite_file

    token = settings.require_token()
    configure_logging(settings.log_level, [token], settings.log_format)
    content = load_content()
    try:
        # One bot process per SQLite file, for as long as it runs; `rls-coach chat` shares the file and takes no lock.
        with hold_sqlite_file(settings.database_url):
            asyncio.run(_preflight(settings, token))
            built = build_application(settings, content, token=token, role=role)
            log.info("RLS Coach %s starting (role %s); Bot API at %s", __version__, role, settings.telegram_api_url)
            asyncio.run(serve(built, settings))
    except SqliteFileInUseError as exc:
        return _fail(str(exc))
    log.info("RLS Coach stopped")
    return 0


async def _upgrade_schema(settings: Settings) -> None:
    from bot.store import create_engine_for, upgrade_database

    engine = create_engine_for(settings.database_url)
    try:
        await upgrade_database(engine)
    finally:
        await engine.dispose()


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
    from bot.content_check import check_content  # renders every message: not needed to run the bot

    report = check_content(directory)
    print(report.summary())
    return EXIT_FAILURE if report.problems else 0


def _fail(message: str, status: int = EXIT_FAILURE) -> int:
    print(f"rls-coach: error: {message}", file=sys.stderr)
    return status


def main(argv: Sequence[str] | None = None) -> int:
    arguments = _parser().parse_args(argv)
    if arguments.command == "content":
        return _content_check(arguments.dir)  # needs no settings: a clinician may run it anywhere
    try:
        settings = load_settings()
        if arguments.command == "run":
            return _run(settings, arguments.role)
        if arguments.command == "chat":
            return _chat(settings, arguments.lang)
        return _db_upgrade(settings)
    except (SettingsError, ContentError) as exc:
        return _fail(str(exc), EXIT_USAGE)
    except InvalidToken:
        return _fail(
            "Telegram rejected TELEGRAM_BOT_TOKEN. Check it with @BotFather (/mybots → API Token).", EXIT_USAGE
        )
    except NetworkError as exc:
        return _fail(f"could not reach the Telegram Bot API ({exc.message}). Check TELEGRAM_API_URL and the network.")
    except (OSError, SQLAlchemyError) as exc:
        return _fail(f"could not open the database ({type(exc).__name__}: {exc}). Check DATABASE_URL.")
    except KeyboardInterrupt:
        return 0
