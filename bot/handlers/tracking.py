"""Count every update by what it asked for, before any other handler runs (metrics only; never replies)."""

from __future__ import annotations

from collections.abc import Iterable

from telegram import Update

from bot.services import BotContext


class UpdateCounter:
    """Callback for a TypeHandler in group -1; labels stay bounded: unknown commands share one label."""

    def __init__(self, known_commands: Iterable[str]) -> None:
        """Count ``known_commands`` by name; every other command is ``unknown_command``."""
        self._known = frozenset(known_commands)

    def label(self, update: Update) -> str:
        """What the update asked for: a known command's name, or the kind of update."""
        if update.callback_query is not None:
            return "callback_query"
        if update.edited_message is not None:
            return "edited_message"
        message = update.message
        if message is None:
            return "other"
        if message.text and message.text.startswith("/"):
            command = message.text.split(maxsplit=1)[0][1:].partition("@")[0].lower()
            return command if command in self._known else "unknown_command"
        if message.location is not None:
            return "location"
        return "text" if message.text else "other_message"

    async def __call__(self, update: Update, context: BotContext) -> None:
        """Count the update under its label."""
        context.services.metrics.updates_handled.labels(command=self.label(update)).inc()
