"""Prometheus metrics (prometheus-client), one registry per application so tests can run several."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest

# Lateness buckets in seconds: a tick every 10 s and a queue at 25/s put most reminders under a minute.
_LATENESS_BUCKETS = (1, 2, 5, 10, 15, 20, 30, 45, 60, 120, 300, 900, 1800, 3600, 7200)
# The delivery tick recounts the active subscribers (a full count) at most this often, not on every tick.
ACTIVE_SUBSCRIBERS_SECONDS = 300


class Metrics:
    """Counters and gauges the handlers, the delivery engine and the broadcaster update."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.updates_handled = Counter(
            "rls_updates_handled", "Telegram updates handled, by command", ["command"], registry=self.registry
        )
        # The exported names say "reminders" for every scheduled kind: kept as they were, for the dashboards and
        # alerts that already scrape them.
        self.scheduled_sent = Counter(
            "rls_reminders_sent",
            "Scheduled messages delivered, by kind (reminder, snooze, checkin)",
            ["kind"],
            registry=self.registry,
        )
        self.scheduled_failed = Counter(
            "rls_reminders_failed",
            "Scheduled messages that failed, by reason (blocked, rate_limited, server_error, bad_request, unknown)",
            ["reason"],
            registry=self.registry,
        )
        self.broadcast_sent = Counter(
            "rls_broadcast_sent", "Admin broadcast messages delivered", registry=self.registry
        )
        self.broadcast_failed = Counter(
            "rls_broadcast_failed",
            "Admin broadcast messages that failed, by reason (as for reminders)",
            ["reason"],
            registry=self.registry,
        )
        self.due_backlog = Gauge(
            "rls_due_backlog", "Reminders due but not yet sent at the last tick", registry=self.registry
        )
        self.active_subscribers = Gauge(
            "rls_active_subscribers",
            "Subscribers with an evening reminder scheduled; recounted at most every "
            f"{ACTIVE_SUBSCRIBERS_SECONDS // 60} minutes, so up to that old",
            registry=self.registry,
        )
        self.delivery_lateness = Histogram(
            "rls_delivery_lateness_seconds",
            "Seconds between a reminder's due instant and its delivery",
            buckets=_LATENESS_BUCKETS,
            registry=self.registry,
        )

    def render(self) -> bytes:
        """The text exposition format for GET /metrics."""
        return generate_latest(self.registry)
