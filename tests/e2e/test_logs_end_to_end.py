"""Log lines of the real process carry no secrets, even at DEBUG."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from support.bot_process import BotProcess, bot_environment, free_port
from support.fake_bot_api import FakeBotApi

pytestmark = pytest.mark.e2e


def test_the_webhook_secret_never_reaches_the_debug_log(
    tmp_path: Path, sqlite_url: str, processes: list[BotProcess]
) -> None:
    secret = "operator-chosen_" + "s3cret" * 4
    with FakeBotApi() as api:
        env = bot_environment(
            api,
            sqlite_url,
            WEBHOOK_URL="https://bot.example.org/tg",
            WEBHOOK_SECRET=secret,
            HTTP_HOST="127.0.0.1",
            HTTP_PORT=str(free_port()),
            LOG_LEVEL="DEBUG",
        )
        bot = BotProcess(tmp_path, env, "webhook-secret")
        processes.append(bot)
        api.wait_for(lambda: bool(api.calls("setWebhook")), timeout=60)
        registered: dict[str, Any] = api.calls("setWebhook")[-1].params
        assert registered["secret_token"] == secret
        assert bot.terminate() == 0
    log = bot.log()
    assert "setWebhook" in log  # the DEBUG line that used to carry it
    assert secret not in log
