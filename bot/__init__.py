"""RLS Coach: a Telegram bot with evening reminders and plain-words facts for people with Restless Legs Syndrome."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("rls-coach")
except PackageNotFoundError:  # running from a checkout that was never installed
    __version__ = "0.0.0"
