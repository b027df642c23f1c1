"""The real application over the fake Bot API, as tests drive it: settings, the harness, one claim, an engine."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from telegram.ext import ExtBot
from tenacity import wait_none

from bot.app import BotApp
from bot.config import Settings
from bot.content import Content
from bot.core.tips import TipPool
from bot.delivery.engine import DeliveryEngine
from bot.delivery.kinds import message_kinds
from bot.delivery.sender import Sender
from bot.server.metrics import Metrics
from bot.services import Services
from bot.store import Claim, DeliveryStore
from support.clock import FakeClock
from support.fake_bot_api import FakeBotApi
from support.stores import Stores


@dataclass
class BotHarness:
    """The real application, polling the fake Bot API, with ticks driven by the test."""

    api: FakeBotApi
    clock: FakeClock
    engine: DeliveryEngine
    services: Services
    bot_app: BotApp

    async def say(self, chat_id: int, text: str, replies: int = 1) -> list[str]:
        """Send ``text`` as the user of ``chat_id`` and return the texts of the next ``replies`` answers."""
        before = len(self.api.sent_messages(chat_id))
        self.api.send_text(chat_id, text)
        calls = await self.api.await_messages(chat_id, before + replies)
        return [str(call.params["text"]) for call in calls[before:]]

    def texts(self, chat_id: int) -> list[str]:
        return [str(call.params["text"]) for call in self.api.sent_messages(chat_id)]


async def claim_one(deliveries: DeliveryStore, chat_id: int, now: datetime, tip_ids: TipPool) -> Claim | None:
    """Claim the message due for one chat, as the engine would (None if there is nothing to send)."""
    batch = await deliveries.claim_due(now, 1, timedelta(hours=2), tip_ids, only_chat_id=chat_id)
    return batch.claims[0] if batch.claims else None


def make_settings(api: FakeBotApi, database_url: str, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "telegram_bot_token": api.token,
        "telegram_api_url": api.url,
        "database_url": database_url,
        "send_rate": 25,
        "tick_seconds": 60,
    }
    values.update(overrides)
    return Settings.model_validate(values)


GRACE = timedelta(hours=2)  # how late a reminder may still go out


def make_engine(
    bot: ExtBot[Any], stores: Stores, content: Content, clock: FakeClock, send_rate: float = 25
) -> DeliveryEngine:
    sender = Sender(bot, retry_wait=wait_none())
    kinds = message_kinds(content, stores.coaching, stores.medicines)
    return DeliveryEngine(
        sender, stores.deliveries, kinds, content.tip_pool, clock, Metrics(), grace=GRACE, send_rate=send_rate
    )
