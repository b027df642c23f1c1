"""The statuses a delivery row goes through; ``Outcome`` is how a claimed message ended."""

from __future__ import annotations

import enum


class Outcome(enum.StrEnum):
    """How one reminder ended; stored as the delivery row's status."""

    SENT = "sent"
    BLOCKED = "blocked"
    FAILED = "failed"
    UNKNOWN = "unknown"  # the process or the network died mid-send: never resent, to never double


PENDING = "pending"
SENDING = "sending"
MISSED = "missed"
CANCELLED = "cancelled"
# The failures /stats counts: every final status but sent.
FAILURE_STATUSES = (Outcome.BLOCKED.value, Outcome.FAILED.value, Outcome.UNKNOWN.value, MISSED)
