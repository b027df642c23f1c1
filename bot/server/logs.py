"""Logging set-up: human-readable or JSON lines, with secrets and personal data kept out of them.

Secrets (the bot token, the webhook secret) are redacted on the finished line, after any formatter ran, so
neither a message argument, nor a traceback, nor an HTTP client's logged request URL (which contains the token)
can leak them, at any level.

Personal data: at INFO and above, the values a database error carries are hidden. SQLAlchemy writes a failed
statement's parameters into the exception (``[parameters: (…, 'a trigger name', …)]``) and PostgreSQL names
the duplicate key (``DETAIL:  Key (chat_id, name)=(…)``): either could hold a trigger name, a score or a note.
DEBUG is for debugging and holds everything, message texts and chat ids included (README, Logging).
"""

from __future__ import annotations

import logging
import re
import traceback
from typing import TextIO

from pythonjsonlogger.json import JsonFormatter

_TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
REDACTED = "[REDACTED]"
HIDDEN_PARAMETERS = "[parameters: hidden]"
HIDDEN_DETAIL = "DETAIL:  hidden"
# Each occupies the rest of its line: SQLAlchemy writes parameters as one repr, PostgreSQL the detail on one line.
_PERSONAL_DATA = (
    (re.compile(r"^\[parameters: .*$", re.MULTILINE), HIDDEN_PARAMETERS),
    (re.compile(r"^DETAIL: .*$", re.MULTILINE), HIDDEN_DETAIL),
)


_PLAIN = logging.Formatter()


class RedactingFormatter(logging.Formatter):
    """Wraps another formatter and replaces every secret in what it produced."""

    def __init__(self, inner: logging.Formatter, secrets: list[str]) -> None:
        super().__init__()
        self._inner = inner
        self._secrets = [secret for secret in secrets if secret]

    def format(self, record: logging.LogRecord) -> str:
        """The inner formatter's line, every secret in it replaced by ``REDACTED``."""
        line = self._inner.format(record)
        for secret in self._secrets:
            line = line.replace(secret, REDACTED)
        return line


def hide_personal_data(text: str) -> str:
    """``text`` with the values of failed database statements replaced."""
    for pattern, replacement in _PERSONAL_DATA:
        text = pattern.sub(replacement, text)
    return text


class PersonalDataFilter(logging.Filter):
    """At INFO and above, hides what ``hide_personal_data`` hides, in the message and in the traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the record in place when it carries personal data; it is always kept (True)."""
        if record.levelno < logging.INFO:
            return True
        try:
            message = record.getMessage()
        except Exception:  # arguments that do not fit the message: the handler reports that when it formats
            return True
        hidden = hide_personal_data(message)
        if hidden != message:
            record.msg, record.args = hidden, None
        if record.exc_info is not None:
            # Both formatters print exc_text when exc_info is gone: the traceback as logging would format it.
            record.exc_text = hide_personal_data(_PLAIN.formatException(record.exc_info))
            record.exc_info = None
        elif record.exc_text:
            record.exc_text = hide_personal_data(record.exc_text)
        return True


def error_outline(error: BaseException | None) -> str:
    """Where ``error`` happened and its type, and the same for what caused it, without any message: a message may
    quote what a person typed (``invalid literal for int(): '²'``). Log the message itself at DEBUG only."""
    parts, seen = [], set()
    current = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        frames = "".join(traceback.format_tb(current.__traceback__)).rstrip()
        parts.append(f"{type(current).__qualname__}" + (f", at\n{frames}" if frames else ""))
        current = current.__cause__ or (None if current.__suppress_context__ else current.__context__)
    return "\nwhich came from: ".join(parts) or "no exception"


def configure_logging(level: str, secrets: list[str], log_format: str = "text", stream: TextIO | None = None) -> None:
    """Log to ``stream`` (stderr) at ``level`` as text or JSON lines; the HTTP client's per-request lines only at
    DEBUG."""
    inner: logging.Formatter
    if log_format == "json":
        inner = JsonFormatter("%(asctime)s %(levelname)s %(name)s %(message)s", rename_fields={"levelname": "level"})
    else:
        inner = logging.Formatter(_TEXT_FORMAT)
    handler = logging.StreamHandler(stream)
    handler.setFormatter(RedactingFormatter(inner, secrets))
    handler.addFilter(PersonalDataFilter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    quiet_level = level if level == "DEBUG" else "WARNING"
    for noisy in ("httpx", "httpcore", "apscheduler.executors.default", "aiohttp.access"):
        logging.getLogger(noisy).setLevel(quiet_level)
