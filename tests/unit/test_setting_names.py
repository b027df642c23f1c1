"""Which environment variables are taken for settings: ours in any case, never another program's."""

from __future__ import annotations

import pytest

from bot.config import setting_names, unknown_setting_problems


@pytest.mark.parametrize(
    "name",
    [
        *("PATH", "HOME", "LANG", "LOGNAME", "HOSTNAME", "PGPORT", "POSTGRES_PASSWORD", "TEST_POSTGRES_URL"),
        *("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "PTB_TIMEDELTA", "TELEGRAM_API_ID", "TELEGRAM_API_HASH"),
        "TELEGRAM_LOCAL",
        # Kubernetes service links for services named "database", "metrics" or "http"
        *("DATABASE_SERVICE_HOST", "DATABASE_PORT", "DATABASE_PORT_5432_TCP_ADDR", "METRICS_SERVICE_PORT_WEB"),
        "HTTP_PORT_8080_TCP",
    ],
)
def test_other_programs_variables_are_left_alone(name: str) -> None:
    assert unknown_setting_problems([name]) == []


def test_our_own_names_in_any_case_are_not_unknown() -> None:
    assert unknown_setting_problems([*setting_names(), "send_rate", "Log_Level"]) == []
