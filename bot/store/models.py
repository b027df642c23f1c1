"""All tables in one place: subscribers (with their schedules), the log of scheduled messages, check-ins and
triggers, the diary (medicines with their events and reminder times, iron results and infusions, onset
warnings), and admin broadcasts."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
    Time,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from bot.core.summaries import DEFAULT_WEEKLY_DAY


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on every backend (SQLite stores naive text, so we reattach UTC)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """The value as the database stores it: in UTC, naive on SQLite; a naive value is refused."""
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given where a UTC instant is required")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """The stored value as an aware UTC datetime."""
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


# Row ids of the tables that grow by a row per person per day: 32 bits would run out within a few years at a
# million people. SQLite's rowid is 64-bit already and must stay INTEGER to keep autoincrementing.
BIG_ID = BigInteger().with_variant(Integer, "sqlite")


class Base(DeclarativeBase):
    """The declarative base of every table; datetimes are stored as UTC."""

    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UTCDateTime, date: Date, time: Time}


class Subscriber(Base):
    """One private chat. Each series (evening reminder, morning check-in) has its local time and its next due
    instant, which is set exactly when that series is scheduled."""

    __tablename__ = "subscribers"
    # The due queue is read in (due instant, chat) order: with the chat in the index, a peak minute shared by
    # many people is read in order, LIMIT by LIMIT, instead of sorted whole on every tick.
    __table_args__ = (
        Index("ix_subscribers_next_due_at_utc", "next_due_at_utc", "chat_id"),
        Index("ix_subscribers_next_checkin_at_utc", "next_checkin_at_utc", "chat_id"),
    )

    chat_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    reminders_on: Mapped[bool] = mapped_column(default=False)
    blocked: Mapped[bool] = mapped_column(default=False)
    zone_name: Mapped[str | None] = mapped_column(String(64))
    local_reminder_time: Mapped[time]
    next_due_at_utc: Mapped[datetime | None]
    tip_seed: Mapped[int] = mapped_column(BigInteger)
    tips_seen: Mapped[list[str]] = mapped_column(JSON, default=list)
    checkin_on: Mapped[bool] = mapped_column(default=False)
    local_checkin_time: Mapped[time]
    next_checkin_at_utc: Mapped[datetime | None]
    # 0 = Monday … 6 = Sunday: the evening whose reminder carries the weekly summary; None = no summary.
    weekly_day: Mapped[int | None] = mapped_column(SmallInteger, default=DEFAULT_WEEKLY_DAY)
    # "en" or "es": set from Telegram's language on first contact, then by /language.
    language: Mapped[str | None] = mapped_column(String(8))
    tip_topics: Mapped[list[str] | None] = mapped_column(JSON)  # the tip topics chosen; None = the defaults
    created_at_utc: Mapped[datetime]
    updated_at_utc: Mapped[datetime]


class Delivery(Base):
    """One scheduled message for one chat: a series occurrence (an evening reminder, a morning check-in, a
    medicine reminder) or a one-off (a snooze, a blood-test reminder). The unique key (chat, kind, local date,
    slot) is what makes delivery at most once."""

    __tablename__ = "deliveries"
    __table_args__ = (
        UniqueConstraint("chat_id", "kind", "local_date", "slot", name="uq_deliveries_chat_kind_local_date_slot"),
        Index("ix_deliveries_status_due_at_utc", "status", "due_at_utc"),  # pending one-offs that fall due
        Index("ix_deliveries_claimed_at_utc", "claimed_at_utc"),
        Index("ix_deliveries_finished_at_utc", "finished_at_utc"),  # /stats counts the last 24 hours
    )

    id: Mapped[int] = mapped_column(BIG_ID, primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("subscribers.chat_id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16), default="reminder")
    local_date: Mapped[date]  # the evening (reminder, snooze) or the morning (check-in) it belongs to
    # Which of a kind's several messages a day this is: a medicine reminder's dose time (its id); "" otherwise.
    slot: Mapped[str] = mapped_column(String(24), default="", server_default="")
    due_at_utc: Mapped[datetime]
    tip_id: Mapped[str | None] = mapped_column(String(64))
    # (pending →) sending → sent | blocked | failed | unknown; missed when downtime outlasted the grace
    # window; cancelled when a pending one-off is no longer wanted. Series rows are born ``sending``.
    status: Mapped[str] = mapped_column(String(16))
    detail: Mapped[str | None] = mapped_column(String(300))
    claimed_at_utc: Mapped[datetime | None]
    claimed_by: Mapped[str | None] = mapped_column(String(36))  # the instance that claimed it (bot.store.instances)
    finished_at_utc: Mapped[datetime | None]
    message_id: Mapped[int | None] = mapped_column(BigInteger)  # Telegram's id of the sent message
    response: Mapped[str | None] = mapped_column(String(16))  # done | snoozed | skipped (evening reminders)
    responded_at_utc: Mapped[datetime | None]


class Checkin(Base):
    """How one night went: a score from 0 (no symptoms) to 10 (worst) and the factors of the day before.

    ``night`` is the local date of the evening the night starts (the night of 20 Nov ends on 21 Nov).
    """

    __tablename__ = "checkins"
    __table_args__ = (UniqueConstraint("chat_id", "night", name="uq_checkins_chat_night"),)

    id: Mapped[int] = mapped_column(BIG_ID, primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("subscribers.chat_id", ondelete="CASCADE"))
    night: Mapped[date]
    score: Mapped[int] = mapped_column(SmallInteger)
    factors: Mapped[list[str]] = mapped_column(JSON, default=list)  # keys of bot.core.checkins
    # The symptom-onset clock (keys of bot.core.onset), each optional: when symptoms started on the night's day,
    # and the weekly questions (reached the arms or elsewhere; how long sitting still before they start).
    onset: Mapped[str | None] = mapped_column(String(12))
    arms: Mapped[bool | None]
    sitting: Mapped[str | None] = mapped_column(String(12))
    created_at_utc: Mapped[datetime]
    updated_at_utc: Mapped[datetime]


class Trigger(Base):
    """A trigger a person tracks besides the built-in ones; removed ones stay (inactive) for their history."""

    __tablename__ = "triggers"
    __table_args__ = (Index("ix_triggers_chat_id", "chat_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("subscribers.chat_id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(40))
    active: Mapped[bool] = mapped_column(default=True)
    created_at_utc: Mapped[datetime]


class Broadcast(Base):
    """One admin message to every active subscriber: draft → sending → done, or draft → cancelled."""

    __tablename__ = "broadcasts"
    __table_args__ = (Index("ix_broadcasts_status", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    admin_chat_id: Mapped[int] = mapped_column(BigInteger)
    text: Mapped[str] = mapped_column(Text)  # as the admin typed it; escaped when rendered
    status: Mapped[str] = mapped_column(String(16))
    created_at_utc: Mapped[datetime]
    confirmed_at_utc: Mapped[datetime | None]
    finished_at_utc: Mapped[datetime | None]
    progress_message_id: Mapped[int | None] = mapped_column(BigInteger)  # the admin's progress message, edited


class BroadcastDelivery(Base):
    """One recipient of one broadcast, written at confirmation; the unique key makes sending exactly-once."""

    __tablename__ = "broadcast_deliveries"
    __table_args__ = (
        UniqueConstraint("broadcast_id", "chat_id", name="uq_broadcast_deliveries_broadcast_chat"),
        Index("ix_broadcast_deliveries_broadcast_status", "broadcast_id", "status"),
    )

    id: Mapped[int] = mapped_column(BIG_ID, primary_key=True)
    broadcast_id: Mapped[int] = mapped_column(ForeignKey("broadcasts.id", ondelete="CASCADE"))
    chat_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("subscribers.chat_id", ondelete="CASCADE"))
    # pending → sending → sent | blocked | failed | unknown; skipped when the person turned reminders off first.
    status: Mapped[str] = mapped_column(String(16))
    claimed_by: Mapped[str | None] = mapped_column(String(36))  # the instance that claimed it
    finished_at_utc: Mapped[datetime | None]
    detail: Mapped[str | None] = mapped_column(String(300))


class SelfCheckRecord(Base):
    """A /selfcheck a person asked to keep (nothing is stored otherwise): each question's id and answer."""

    __tablename__ = "selfchecks"

    id: Mapped[int] = mapped_column(BIG_ID, primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("subscribers.chat_id", ondelete="CASCADE"), index=True)
    answers: Mapped[dict[str, bool]] = mapped_column(JSON)
    taken_at_utc: Mapped[datetime]


class Medicine(Base):
    """One medicine a person takes or took: named from the catalogue (content/medicines.toml) or as typed, with the
    dose as the person wrote it (stored and shown, never read). Its history is its events."""

    __tablename__ = "medicines"

    id: Mapped[int] = mapped_column(primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("subscribers.chat_id", ondelete="CASCADE"), index=True)
    catalogue_key: Mapped[str | None] = mapped_column(String(24))  # None: a name the person typed
    name: Mapped[str] = mapped_column(String(80))  # as typed, or the catalogue's name in the person's language
    dose: Mapped[str | None] = mapped_column(String(60))  # the current dose, free text as written
    reminders_on: Mapped[bool] = mapped_column(default=False)
    stopped_on: Mapped[date | None]  # None while the person takes it
    created_at_utc: Mapped[datetime]
    updated_at_utc: Mapped[datetime]


class MedicineEvent(Base):
    """A dated change of one medicine: started, dose changed, stopped, restarted (the timeline)."""

    __tablename__ = "medicine_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("subscribers.chat_id", ondelete="CASCADE"), index=True)
    medicine_id: Mapped[int] = mapped_column(ForeignKey("medicines.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # started | dose_changed | stopped | restarted
    on_date: Mapped[date]  # the person's local date of the change
    dose: Mapped[str | None] = mapped_column(String(60))  # the dose from that date on, as written
    created_at_utc: Mapped[datetime]


class DoseTime(Base):
    """One usual time of day of a medicine, and the schedule of its reminder: the next due instant is set exactly
    when the medicine is taken, its reminders are on, the zone is known and the chat has not blocked the bot."""

    __tablename__ = "dose_times"
    # AUTOINCREMENT on SQLite: a dropped time's id is its reminders' slot and must never come back for a new one.
    __table_args__ = (
        Index("ix_dose_times_next_due_at_utc", "next_due_at_utc", "chat_id"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("subscribers.chat_id", ondelete="CASCADE"), index=True)
    medicine_id: Mapped[int] = mapped_column(ForeignKey("medicines.id", ondelete="CASCADE"), index=True)
    local_time: Mapped[time]
    next_due_at_utc: Mapped[datetime | None]


class IronResult(Base):
    """One iron blood test as the person copied it from the lab report."""

    __tablename__ = "iron_results"
    __table_args__ = (UniqueConstraint("chat_id", "drawn_on", name="uq_iron_results_chat_drawn_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("subscribers.chat_id", ondelete="CASCADE"), index=True)
    drawn_on: Mapped[date]
    ferritin: Mapped[float | None]  # ng/mL (= µg/L)
    tsat: Mapped[float | None]  # transferrin saturation, %; computed from serum iron and TIBC when both were given
    serum_iron: Mapped[float | None]  # in the unit the lab used, the same as TIBC's
    tibc: Mapped[float | None]
    haemoglobin: Mapped[float | None]  # g/dL
    morning_no_iron: Mapped[bool | None]  # drawn in the morning after 24 h without iron; None: not said
    created_at_utc: Mapped[datetime]


class IronInfusion(Base):
    """An iron infusion (iron through a drip), a dated event of the diary."""

    __tablename__ = "iron_infusions"
    __table_args__ = (UniqueConstraint("chat_id", "given_on", name="uq_iron_infusions_chat_given_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("subscribers.chat_id", ondelete="CASCADE"), index=True)
    given_on: Mapped[date]
    created_at_utc: Mapped[datetime]


class OnsetAlert(Base):
    """One early-warning message about a change in when symptoms start (bot.core.onset); ``state`` is the episode
    state after the latest evaluation, kept on the newest row."""

    __tablename__ = "onset_alerts"

    id: Mapped[int] = mapped_column(primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("subscribers.chat_id", ondelete="CASCADE"), index=True)
    night: Mapped[date]  # the night whose answers completed the pattern
    changes: Mapped[list[dict[str, Any]]] = mapped_column(JSON)  # what the message described
    state: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at_utc: Mapped[datetime]


class Note(Base):
    """A dated note the person kept with /note (a side effect, a question for the doctor, a bad week), its text
    exactly as written."""

    __tablename__ = "notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("subscribers.chat_id", ondelete="CASCADE"), index=True)
    local_date: Mapped[date]  # the person's day when they wrote it (their zone; UTC without one)
    text: Mapped[str] = mapped_column(Text)
    created_at_utc: Mapped[datetime]
