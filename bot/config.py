"""Settings from environment variables and an optional ``.env`` file, validated once at start-up."""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterable
from datetime import time
from pathlib import Path
from typing import Annotated, Literal

from dotenv import dotenv_values
from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot.core.timeparse import TimeParseError, parse_local_time

DEFAULT_DATABASE_FILE = "rls-coach.db"
DOTENV_FILE = ".env"
DEFAULT_HTTP_PORT = 8080  # the webhook's port when WEBHOOK_URL is set and HTTP_PORT is not
# The async drivers we ship, and the schemes people type for them (mapped in _async_database_url).
SUPPORTED_DATABASE_DRIVERS = ("sqlite+aiosqlite", "postgresql+asyncpg")
DATABASE_URL_EXAMPLES = "sqlite:///path/to/rls-coach.db or postgresql://user:password@host:5432/dbname"
# Variables of other programs that share the bot's environment and start like ours: proxies, and the local
# Telegram Bot API server (docker images such as aiogram/telegram-bot-api), often run from the same .env file.
FOREIGN_VARIABLES = frozenset(
    {
        "HTTP_PROXY",
        "TELEGRAM_API_ID",
        "TELEGRAM_API_ID_FILE",
        "TELEGRAM_API_HASH",
        "TELEGRAM_API_HASH_FILE",
        "TELEGRAM_WORK_DIR",
        "TELEGRAM_TEMP_DIR",
        "TELEGRAM_HTTP_PORT",
        "TELEGRAM_HTTP_IP_ADDRESS",
        "TELEGRAM_LOCAL",
        "TELEGRAM_STAT",
        "TELEGRAM_STAT_HIDE_SENSIBLE_DATA",
        "TELEGRAM_LOG_FILE",
        "TELEGRAM_FILTER",
        "TELEGRAM_MAX_WEBHOOK_CONNECTIONS",
        "TELEGRAM_VERBOSITY",
        "TELEGRAM_MAX_CONNECTIONS",
        "TELEGRAM_PROXY",
        "TELEGRAM_NO_FILE_LIMIT",
    }
)
# Kubernetes gives every pod <SERVICE>_SERVICE_HOST, <SERVICE>_PORT, <SERVICE>_PORT_8080_TCP_ADDR, … for each
# service: a service named "database" or "metrics" must not stop the bot.
_SERVICE_LINK = re.compile(
    r"_(SERVICE_HOST|SERVICE_PORT(_[A-Z0-9_]+)?|PORT(_[0-9]+_(TCP|UDP|SCTP)(_PROTO|_PORT|_ADDR)?)?)$"
)
# A name this close to one of ours (difflib's ratio) is a typo of it; looser matches only make the suggestion.
TYPO_SIMILARITY = 0.85
SUGGESTION_SIMILARITY = 0.6
FREE_SEND_RATE = 30  # messages per second Telegram allows a bot without paid broadcasts
# What one ``rls-coach run`` process does: answer updates, deliver scheduled messages, or both.
Role = Literal["all", "updates", "delivery"]
ROLES: tuple[Role, ...] = ("all", "updates", "delivery")
TOKEN_HELP = "Create a bot with @BotFather in Telegram (/newbot) and copy the token it gives you."
_TOKEN_PATTERN = re.compile(r"^\d+:[A-Za-z0-9_-]+$")


class SettingsError(Exception):
    """A setting is missing or malformed; the message is one line that names the variable."""


class OperatorError(Exception):
    """Something outside the settings' shape stops the bot (a port in use, a database that does not answer);
    the message is one line that names the setting to check."""


def _parse_time_setting(value: object) -> object:
    if isinstance(value, str):
        try:
            return parse_local_time(value)
        except TimeParseError as exc:
            raise ValueError("expected a time like 21:00") from exc
    return value


def _async_database_url(url: str) -> str:
    """Accept the plain driver names people copy from docs and use the async drivers we ship."""
    for plain, async_prefix in (
        ("sqlite://", "sqlite+aiosqlite://"),
        ("postgresql://", "postgresql+asyncpg://"),
        ("postgres://", "postgresql+asyncpg://"),
    ):
        if url.startswith(plain):
            return async_prefix + url[len(plain) :]
    return url


def _supported_database_url(url: str) -> str:
    """Refuse, before any driver is imported, a URL that does not parse or names a database we do not ship."""
    from sqlalchemy.engine import make_url  # imported late: `rls-coach --help` stays quick
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url)  # raises ValueError for a port that is not a number
    except (ArgumentError, ValueError):
        raise ValueError(f"expected a URL such as {DATABASE_URL_EXAMPLES}, with a numeric port") from None
    if parsed.drivername not in SUPPORTED_DATABASE_DRIVERS:
        raise ValueError(
            f"{parsed.drivername}:// is not supported: use sqlite:// or postgresql:// (the bot ships the aiosqlite "
            "and asyncpg drivers)"
        )
    if parsed.port is not None and not 1 <= parsed.port <= 65535:
        raise ValueError("the port must be between 1 and 65535")
    return url


def _default_database_url() -> str:
    return f"sqlite+aiosqlite:///{Path.cwd() / DEFAULT_DATABASE_FILE}"


class Settings(BaseSettings):
    """Every knob of the bot. Environment variable names are the field names in upper case."""

    # utf-8-sig: a UTF-8 file with a byte-order mark (Windows Notepad) would otherwise hide its first variable.
    model_config = SettingsConfigDict(env_file=DOTENV_FILE, env_file_encoding="utf-8-sig", extra="ignore")

    telegram_bot_token: SecretStr | None = None
    telegram_api_url: str = "https://api.telegram.org"
    # How the bot talks HTTP to the Bot API: aiohttp (bot.server.aiohttp_request), or PTB's default HTTPX.
    telegram_transport: Literal["aiohttp", "httpx"] = "aiohttp"
    telegram_proxy_url: str | None = None  # an HTTP(S) proxy for every Bot API request
    database_url: Annotated[str, AfterValidator(_async_database_url), AfterValidator(_supported_database_url)] = Field(
        default_factory=_default_database_url
    )
    default_reminder_time: Annotated[time, BeforeValidator(_parse_time_setting)] = time(21, 0)
    default_checkin_time: Annotated[time, BeforeValidator(_parse_time_setting)] = time(8, 0)
    snooze_minutes: float = Field(default=30, gt=0, le=12 * 60)  # fractions allowed (tests use seconds)
    send_rate: float = Field(default=25.0, gt=0, le=1000)
    allow_paid_broadcast: bool = False
    reminder_grace_minutes: int = Field(default=120, ge=0, le=24 * 60)
    # The coaching history reads at most a year of nights (habit strength, /log): keep a little more.
    delivery_retention_days: int = Field(default=400, ge=370)
    tick_seconds: float = Field(default=10.0, ge=0.2, le=60)
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"] = "INFO"
    log_format: Literal["text", "json"] = "text"
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None
    http_host: str = "0.0.0.0"
    http_port: int | None = Field(default=None, ge=1, le=65535)
    # /metrics has its own listener, on the loopback interface unless the operator says otherwise.
    metrics_host: str = "127.0.0.1"
    metrics_port: int | None = Field(default=None, ge=1, le=65535)
    admin_chat_ids: Annotated[frozenset[int], NoDecode] = frozenset()

    @model_validator(mode="after")
    def _rate_within_telegram_limits(self) -> Settings:
        if self.send_rate > FREE_SEND_RATE and not self.allow_paid_broadcast:
            raise ValueError(
                f"SEND_RATE above {FREE_SEND_RATE} needs ALLOW_PAID_BROADCAST=true (Telegram's paid broadcasts)"
            )
        return self

    @model_validator(mode="after")
    def _metrics_port_free(self) -> Settings:
        if self.metrics_port is not None and self.metrics_port == self.web_port:
            raise ValueError("METRICS_PORT must differ from HTTP_PORT: /metrics has a listener of its own")
        return self

    @property
    def web_port(self) -> int | None:
        """The port of the webhook and /healthz server, or None when there is no such server."""
        return self.http_port or (DEFAULT_HTTP_PORT if self.webhook_url else None)

    @field_validator("telegram_bot_token")
    @classmethod
    def _token_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not _TOKEN_PATTERN.match(value.get_secret_value().strip()):
            raise ValueError("malformed")
        return SecretStr(value.get_secret_value().strip()) if value is not None else None

    @field_validator("telegram_api_url")
    @classmethod
    def _api_url_shape(cls, value: str) -> str:
        if not re.match(r"^https?://[^\s/]+", value):
            raise ValueError("expected an http(s) URL such as https://api.telegram.org")
        return value.rstrip("/")

    @field_validator("admin_chat_ids", mode="before")
    @classmethod
    def _comma_separated_ids(cls, value: object) -> object:
        if isinstance(value, str):
            parts = [part.strip() for part in value.replace(";", ",").split(",") if part.strip()]
            if not all(re.fullmatch(r"-?[0-9]+", part) for part in parts):
                raise ValueError("expected chat ids separated by commas, such as 111111111,222222222")
            return frozenset(int(part) for part in parts)
        return value

    @field_validator("webhook_url")
    @classmethod
    def _webhook_url_shape(cls, value: str | None) -> str | None:
        if value is not None and not re.match(r"^https://[^\s/]+", value):
            raise ValueError("expected an https:// URL that Telegram can reach, such as https://bot.example.org/tg")
        return value or None

    @field_validator("webhook_secret")
    @classmethod
    def _secret_shape(cls, value: SecretStr | None) -> SecretStr | None:
        # Telegram allows 1-256 characters from A-Z, a-z, 0-9, _ and -.
        if value is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", value.get_secret_value()):
            raise ValueError("use 1-256 characters from A-Z, a-z, 0-9, _ and -")
        return value

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper_level(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    @field_validator("log_format", mode="before")
    @classmethod
    def _lower_format(cls, value: object) -> object:
        return value.lower() if isinstance(value, str) else value

    def require_token(self) -> str:
        """The bot token, or a SettingsError telling the person where to get one."""
        if self.telegram_bot_token is None or not self.telegram_bot_token.get_secret_value():
            raise SettingsError(
                f"TELEGRAM_BOT_TOKEN is not set. {TOKEN_HELP} To try the bot without Telegram: rls-coach chat"
            )
        return self.telegram_bot_token.get_secret_value()


def setting_names() -> list[str]:
    """Every variable the bot reads, as the operator writes it."""
    return [name.upper() for name in Settings.model_fields]


def load_settings() -> Settings:
    """Read the settings, turning every problem into one line that names the variable (values never shown)."""
    problems = unknown_setting_problems([*os.environ, *_dotenv_variables(Path(DOTENV_FILE))])
    try:
        settings = Settings()
    except ValidationError as exc:
        problems.extend(_validation_problems(exc))
    if problems:
        raise SettingsError(" ".join(problems))
    return settings


def unknown_setting_problems(variables: Iterable[str]) -> list[str]:
    """A sentence for each variable that looks like one of ours but is not: a typo, or a setting we lack."""
    ours = setting_names()
    prefixes = tuple(sorted({name.split("_")[0] + "_" for name in ours}))
    problems = []
    for variable in sorted({name.upper() for name in variables}):
        if variable in ours or variable in FOREIGN_VARIABLES or _SERVICE_LINK.search(variable):
            continue
        if variable.startswith(prefixes) or difflib.get_close_matches(variable, ours, 1, TYPO_SIMILARITY):
            problems.append(_unknown_setting(variable, ours))
    return problems


def _unknown_setting(variable: str, ours: list[str]) -> str:
    closest = difflib.get_close_matches(variable, ours, 1, SUGGESTION_SIMILARITY)
    if closest:
        return f"{variable} is not a setting of rls-coach; did you mean {closest[0]}?"
    return f"{variable} is not a setting of rls-coach (the settings are {', '.join(ours)})."


def _dotenv_variables(path: Path) -> list[str]:
    """The names set in the .env file, read as pydantic-settings will read it; a file it cannot read is named."""
    if not path.is_file():
        return []
    try:
        return list(dotenv_values(path, encoding="utf-8-sig"))
    except UnicodeDecodeError:
        raise SettingsError(
            f"{path.resolve()} is not UTF-8 text: save the .env file as UTF-8 (UTF-16 and other encodings are "
            "not read)."
        ) from None
    except OSError as exc:
        raise SettingsError(f"cannot read {path.resolve()} ({exc.strerror}): the .env file must be readable.") from None


def _validation_problems(exc: ValidationError) -> list[str]:
    problems = []
    for error in exc.errors():
        message = error["msg"].removeprefix("Value error, ")
        if not error["loc"]:  # a rule across variables: its message names them
            problems.append(f"{message}.")
            continue
        variable = str(error["loc"][0]).upper()
        hint = f" {TOKEN_HELP}" if variable == "TELEGRAM_BOT_TOKEN" else ""
        problems.append(f"{variable} is invalid ({message}).{hint}")
    return problems
