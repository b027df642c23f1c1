"""Logging set-up: human-readable or JSON lines, and the bot token kept out of every line.

Redaction happens on the finished line, after any formatter ran, so neither a message argument, nor a
traceback, nor an HTTP client's logged request URL (which contains the token) can leak it.
"""

from __future__ import annotations

import logging

from pythonjsonlogger.json import JsonFormatter

_TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
REDACTED = "[REDACTED]"


class RedactingFormatter(logging.Formatter):
    """Wraps another formatter and replaces every secret in what it produced."""

    def __init__(self, inner: logging.Formatter, secrets: list[str]) -> None:
        super().__init__()
        self._inner = inner
        self._secrets = [secret for secret in secrets if secret]

    def format(self, record: logging.LogRecord) -> str:
        line = self._inner.format(record)
        for secret in self._secrets:
            line = line.replace(secret, REDACTED)
        return line


def configure_logging(level: str, secrets: list[str], log_format: str = "text") -> None:
    """Log to stderr at ``level`` as text or JSON lines; the HTTP client's per-request lines only at DEBUG."""
    inner: logging.Formatter
    if log_format == "json":
        inner = JsonFormatter("%(asctime)s %(levelname)s %(name)s %(message)s", rename_fields={"levelname": "level"})
    else:
        inner = logging.Formatter(_TEXT_FORMAT)
    handler = logging.StreamHandler()
    handler.setFormatter(RedactingFormatter(inner, secrets))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    quiet_level = level if level == "DEBUG" else "WARNING"
    for noisy in ("httpx", "httpcore", "apscheduler.executors.default", "aiohttp.access"):
        logging.getLogger(noisy).setLevel(quiet_level)
