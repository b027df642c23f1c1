"""Settings from environment variables and an optional ``.env`` file, validated once at start-up."""

from __future__ import annotations

import re
from datetime import time
from pathlib import Path
from typing import Annotated, Literal

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
FREE_SEND_RATE = 30  # messages per second Telegram allows a bot without paid broadcasts
# What one ``rls-coach run`` process does: answer updates, deliver scheduled messages, or both.
Role = Literal["all", "updates", "delivery"]
ROLES: tuple[Role, ...] = ("all", "updates", "delivery")
TOKEN_HELP = "Create a bot with @BotFather in Telegram (/newbot) and copy the token it gives you."
_TOKEN_PATTERN = re.compile(r"^\d+:[A-Za-z0-9_-]+$")


class SettingsError(Exception):
    """A setting is missing or malformed; the message is one line that names the variable."""


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


def _default_database_url() -> str:
    return f"sqlite+aiosqlite:///{Path.cwd() / DEFAULT_DATABASE_FILE}"


class Settings(BaseSettings):
    """Every knob of the bot. Environment variable names are the field names in upper case."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    telegram_bot_token: SecretStr | None = None
    telegram_api_url: str = "https://api.telegram.org"
    database_url: Annotated[str, AfterValidator(_async_database_url)] = Field(default_factory=_default_database_url)
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
    admin_chat_ids: Annotated[frozenset[int], NoDecode] = frozenset()

    @model_validator(mode="after")
    def _rate_within_telegram_limits(self) -> Settings:
        if self.send_rate > FREE_SEND_RATE and not self.allow_paid_broadcast:
            raise ValueError(
                f"SEND_RATE above {FREE_SEND_RATE} needs ALLOW_PAID_BROADCAST=true (Telegram's paid broadcasts)"
            )
        return self

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
            return frozenset(int(part) for part in value.replace(";", ",").split(",") if part.strip())
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


def load_settings() -> Settings:
    """Read the settings, turning pydantic's report into one line per bad variable (values never shown)."""
    try:
        return Settings()
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            if not error["loc"]:  # a rule across variables: its message names them
                problems.append(f"{error['msg'].removeprefix('Value error, ')}.")
                continue
            variable = str(error["loc"][0]).upper()
            hint = f" {TOKEN_HELP}" if variable == "TELEGRAM_BOT_TOKEN" else ""
            problems.append(f"{variable} is invalid ({error['msg']}).{hint}")
        raise SettingsError(" ".join(problems)) from None
