"""Reading and choosing, through the real application and the fake Bot API: browsing /causes and /treatments
by buttons, /topics and the tip rotation, the /selfcheck paths, and /language with Spanish throughout."""

from __future__ import annotations

import re
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.content import Content
from bot.core.selfcheck import encode, parse, result
from bot.core.tips import pool_ids
from bot.store.models import SelfCheckRecord
from bot.text import strings
from bot.text.i18n import texts
from support.conversation import BUTTON_MESSAGE_ID, HELP, buttons, callback_data, exchange, with_questions
from support.fake_bot_api import Call
from support.harness import BotHarness
from support.telegram_checks import check_message

ANN, ROSA = 5101, 5202
ES = texts("es")


async def ask(harness: BotHarness, chat_id: int, text: str, language_code: str = "en") -> Call:
    """Send a message; return the one reply."""
    send = lambda: harness.api.send_text(chat_id, text, language_code=language_code)  # noqa: E731
    [reply] = await exchange(harness, chat_id, send)
    check_message(reply)
    return reply


async def tap(harness: BotHarness, chat_id: int, data: str, language_code: str = "en") -> tuple[str, Call | None]:
    """Press a button; the callback answer's text and the edit it made (None when it made none)."""
    edits, answers = len(harness.api.calls("editMessageText")), len(harness.api.calls("answerCallbackQuery"))
    send = lambda: harness.api.send_callback(chat_id, data, BUTTON_MESSAGE_ID, language_code=language_code)  # noqa: E731
    await exchange(harness, chat_id, send)
    await harness.api.wait_for_async(lambda: len(harness.api.calls("answerCallbackQuery")) > answers)
    [answered] = harness.api.calls("answerCallbackQuery")[answers:]
    made = harness.api.calls("editMessageText")[edits:]
    return str(answered.params.get("text", "")), made[-1] if made else None


def labels(call: Call) -> list[str]:
    return [str(button["text"]) for row in buttons(call) for button in row]


def edited(call: Call | None) -> Call:
    assert call is not None, "the press edited no message"
    return call


def text_of(call: Call | None) -> str:
    return str(edited(call).params["text"])


# ---------------------------------------------------------------- browsing


async def test_causes_is_an_overview_with_a_button_per_section(harness: BotHarness, content: Content) -> None:
    page = content.library("en").page("causes")
    reply = await ask(harness, ANN, "/causes")
    assert text_of(reply).startswith(f"<b>{page.title}</b>")
    assert callback_data(reply) == [f"pg:causes:{section.id}" for section in page.sections]
    assert labels(reply) == [section.button for section in page.sections]


async def test_a_section_button_opens_its_page_in_place_and_back_returns(harness: BotHarness, content: Content) -> None:
    page = content.library("en").page("treatments")
    _, opened = await tap(harness, ANN, "pg:treatments:iron")
    iron = page.section("iron")
    assert iron is not None and opened is not None
    assert f"<b>{iron.heading}</b>" in text_of(opened)
    assert re.search(r"<i>Sources?:</i> <a href=\"https://[^\"]+\">[^<]+</a>(; <a [^>]+>[^<]+</a>)*$", text_of(opened))
    assert callback_data(opened) == ["pg:treatments"]
    _, back = await tap(harness, ANN, "pg:treatments")
    assert text_of(back).startswith(f"<b>{page.title}</b>") and len(callback_data(edited(back))) == len(page.sections)


@pytest.mark.parametrize(
    ("command", "heading_of"),
    [
        ("/causes iron", ("causes", "iron")),
        ("/treatments exercise", ("treatments", "exercise")),
        ("/causes Hierro", ("causes", "iron")),
        ("/symptoms URGENT", ("symptoms", "urgent")),
    ],
)
async def test_a_word_after_the_command_jumps_to_its_section(
    harness: BotHarness, content: Content, command: str, heading_of: tuple[str, str]
) -> None:
    section = content.library("en").page(heading_of[0]).section(heading_of[1])
    assert section is not None
    reply = await ask(harness, ANN, command)
    assert f"<b>{section.heading}</b>" in text_of(reply) and callback_data(reply) == [f"pg:{heading_of[0]}"]


async def test_an_unknown_section_says_so_and_shows_the_overview(harness: BotHarness) -> None:
    replies = await exchange(harness, ANN, "/causes <b>moon</b>")
    assert len(replies) == 2
    assert "&lt;b&gt;moon&lt;/b&gt;" in text_of(replies[0])
    assert callback_data(replies[1])[0] == "pg:causes:dopamine"


@pytest.mark.parametrize("language", ["en", "es"])
async def test_about_offers_the_full_references_page_by_page(
    harness: BotHarness, content: Content, language: str
) -> None:
    reply = await ask(harness, ANN, "/about", language)
    assert "pg:about:refs" in callback_data(reply)
    _, shown = await tap(harness, ANN, "pg:about:refs", language)
    pages = [text_of(shown)]
    while following := [data for data in callback_data(edited(shown)) if data.endswith(f"refs-{len(pages) + 1}")]:
        _, shown = await tap(harness, ANN, following[0], language)
        pages.append(text_of(shown))
    assert len(pages) > 1 and callback_data(edited(shown)) == [f"pg:about:refs-{len(pages) - 1}", "pg:about"]
    for source in content.sources:
        assert sum(source.url_for(language) in page for page in pages) >= 1, source.id
    _, beyond = await tap(harness, ANN, f"pg:about:refs-{len(pages) + 1}", language)
    assert beyond is not None and callback_data(beyond)[0] == "pg:about:what"  # past the end: the overview


async def test_a_section_removed_by_a_content_update_falls_back_to_the_overview(harness: BotHarness) -> None:
    _, shown = await tap(harness, ANN, "pg:causes:no-longer-there")
    assert callback_data(edited(shown))[0] == "pg:causes:dopamine"


# ---------------------------------------------------------------- /topics and the rotation


async def test_topics_starts_with_the_four_defaults_on(harness: BotHarness, content: Content) -> None:
    reply = await ask(harness, ANN, "/topics")
    on = [label for label in labels(reply) if label.startswith("✅")]
    assert len(on) == 4 and {"☕ Caffeine", "🍷 Alcohol", "🧘 Stretching", "🚶 Exercise"} == {label[2:] for label in on}
    assert callback_data(reply)[-1] == "tp:done"


async def test_toggling_topics_changes_where_tips_come_from(harness: BotHarness, content: Content) -> None:
    for key in ("dialysis", "caffeine", "alcohol", "stretching", "exercise"):
        said, _ = await tap(harness, ANN, f"tp:{key}")
        assert said.startswith("Turned")
    view = await harness.services.subscribers.get(ANN)
    assert view is not None and view.tip_topics == ("dialysis",)
    said, edit = await tap(harness, ANN, "tp:dialysis")
    assert said == strings.ANSWER_LAST_TOPIC and edit is None  # the last topic stays on
    dialysis = content.library("en").topic("dialysis")
    assert dialysis is not None
    titles = [re.sub(r"^💡 <b>(.*?)</b>.*", r"\1", text_of(await ask(harness, ANN, "/tip")), flags=re.S)
              for _ in dialysis.tips]  # fmt: skip
    assert sorted(titles) == sorted(tip.title for tip in dialysis.tips)  # each once, none from other topics
    _, done = await tap(harness, ANN, "tp:done")
    assert text_of(done) == strings.TOPICS_DONE.format(topics="🩺 Dialysis")


async def test_a_topic_added_midway_joins_the_cycle_without_repeats(harness: BotHarness, content: Content) -> None:
    library = content.library("en")
    first = [text_of(await ask(harness, ANN, "/tip")) for _ in range(5)]
    await tap(harness, ANN, "tp:travel")
    pool = sorted(pool_ids(content.tip_pool(["caffeine", "alcohol", "stretching", "exercise", "travel"])))
    rest = [text_of(await ask(harness, ANN, "/tip")) for _ in range(len(pool) - 5)]
    titles = [re.sub(r"^💡 <b>(.*?)</b>.*", r"\1", text, flags=re.S) for text in first + rest]
    expected = [tip.title for tip_id in pool if (tip := library.tip(tip_id)) is not None]
    assert sorted(titles) == sorted(expected)


# ---------------------------------------------------------------- /selfcheck


def test_the_self_check_result_describes_the_answers() -> None:
    flags = ["augmentation", "pregnancy", "weakness"]
    assert result([True] * 5 + [False] * 3, 5, flags) == result(parse("yyyyynnn", 8) or [], 5, flags)
    everything = result([True] * 5 + [False] * 3, 5, flags)
    assert everything.count == 5 and everything.described == (True,) * 5 and everything.red_flags == ()
    some = result([True, True, False, True, True, False, False, False], 5, flags)
    assert some.count == 4 and some.described == (True, True, False, True, True)
    assert result([False, True, True, True, True, False, True, False], 5, flags).red_flags == ("pregnancy",)
    assert result([False] * 8, 5, flags).count == 0
    assert parse("yx", 8) is None and parse("y" * 9, 8) is None and encode([True, False]) == "yn"
    with pytest.raises(ValueError, match="needs 8 answers"):
        result([True], 5, flags)


async def selfcheck(harness: BotHarness, answers: str, language_code: str = "en", chat_id: int = ANN) -> Call:
    """Run the whole self-check from /selfcheck, answering as given; return the result edit."""
    start = await ask(harness, chat_id, "/selfcheck", language_code)
    assert callback_data(start) == ["sc:"]
    _, shown = await tap(harness, chat_id, "sc:", language_code)
    for index in range(len(answers)):
        assert shown is not None and callback_data(shown) == [f"sc:{answers[:index]}y", f"sc:{answers[:index]}n"]
        _, shown = await tap(harness, chat_id, f"sc:{answers[: index + 1]}", language_code)
    assert shown is not None
    return shown


VERDICTS = re.compile(r"\b(match|matches|no match|sounds like rls|you have rls|does not sound)\b", re.IGNORECASE)


@pytest.mark.parametrize(("answers", "count"), [("yyyyynnn", 5), ("yyynynnn", 4), ("nyyyynnn", 4), ("nnnnnnnn", 0)])
async def test_the_self_check_lists_the_features_described_and_never_gives_a_verdict(
    harness: BotHarness, content: Content, answers: str, count: int
) -> None:
    check = content.library("en").selfcheck
    shown = text_of(await selfcheck(harness, answers))
    total = len(check.criteria)
    described = check.result.described.format(count=count, total=total)
    assert described in shown and str(count) in described and str(total) in described
    for criterion, answer in zip(check.criteria, answers, strict=False):
        assert (f"✔️ {criterion.feature}" in shown) == (answer == "y"), criterion.id
        assert (f"▫️ {criterion.feature}" in shown) == (answer == "n"), criterion.id
    assert (strings.SELFCHECK_NOT_DESCRIBED in shown) == (count < total)
    # Whatever the answers, never to change a medicine, and what to bring to a clinician.
    assert check.result.medicine.split("\n")[0] in shown and check.result.clinician.split("\n")[0] in shown
    assert check.result.lookalikes.split("\n")[0] in shown and strings.SELFCHECK_RED_FLAG_TITLE not in shown
    assert not VERDICTS.search(shown.replace(check.title, ""))
    assert strings.SELFCHECK_NOT_STORED in shown
    assert await kept(harness) == 0


@pytest.mark.parametrize("flag", ["augmentation", "pregnancy", "weakness"])
async def test_each_red_flag_comes_first(harness: BotHarness, content: Content, flag: str) -> None:
    check = content.library("en").selfcheck
    answers = "yyyyy" + "".join("y" if red.id == flag else "n" for red in check.red_flags)
    shown = text_of(await selfcheck(harness, answers))
    advice = next(red.advice for red in check.red_flags if red.id == flag)
    first_advice_line = content.fill(advice, "en", None).split("\n")[0]
    assert strings.SELFCHECK_RED_FLAG_TITLE in shown and first_advice_line in shown
    assert shown.index(first_advice_line) < shown.index(check.result.described.split("{")[0])
    others = [red.advice.split("\n")[0] for red in check.red_flags if red.id != flag]
    assert not any(other in shown for other in others)


async def kept(harness: BotHarness) -> int:
    async with harness.bot_app.store_context.sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(SelfCheckRecord)) or 0)


async def test_answers_are_kept_only_when_asked(harness: BotHarness) -> None:
    shown = await selfcheck(harness, "yyyyynyn")
    assert "sc:keep:yyyyynyn" in callback_data(shown)
    said, kept_edit = await tap(harness, ANN, "sc:keep:yyyyynyn")
    assert said == strings.ANSWER_KEPT and "sc:keep:yyyyynyn" not in callback_data(kept_edit)  # type: ignore[arg-type]
    assert await kept(harness) == 1
    data = await harness.services.coaching.person_data(ANN)
    assert data.selfchecks[0][1] == {
        "urge": True, "rest": True, "movement": True, "evening": True, "not-other": True,
        "augmentation": False, "pregnancy": True, "weakness": False,
    }  # fmt: skip
    await harness.services.coaching.delete_person(ANN)
    assert await kept(harness) == 0


async def test_a_broken_self_check_button_changes_nothing(harness: BotHarness) -> None:
    said, edit = await tap(harness, ANN, "sc:" + "y" * 12)
    assert said == strings.STALE_BUTTON and edit is None


# ---------------------------------------------------------------- Spanish


async def test_a_spanish_telegram_gets_spanish_and_keeps_it_for_scheduled_messages(
    harness: BotHarness, content: Content
) -> None:
    assert text_of(await ask(harness, ROSA, "/help", "es-MX")) == with_questions(ES(strings.HELP))
    await ask(harness, ROSA, "/timezone America/Phoenix", "es")
    assert await harness.services.subscribers.language_of(ROSA) == "es"  # kept after the first write
    view = await harness.services.subscribers.subscribe(ROSA, harness.clock())
    assert view.next_due_at_utc is not None
    harness.clock.set(view.next_due_at_utc)
    await harness.engine.tick()
    reminder = harness.api.sent_messages(ROSA)[-1]
    assert text_of(reminder).startswith(ES(strings.REMINDER_HEADER))
    tip_title = re.search(r"💡 <b>(.*?)</b>", text_of(reminder))
    assert tip_title is not None
    assert tip_title.group(1) in {tip.title for topic in content.library("es").topics for tip in topic.tips}


async def test_language_switches_and_is_remembered(harness: BotHarness) -> None:
    reply = await ask(harness, ROSA, "/language", "es")
    assert callback_data(reply) == ["lang:en", "lang:es"] and labels(reply) == ["English", "Español"]
    said, edit = await tap(harness, ROSA, "lang:en", "es")
    assert said == strings.ANSWER_LANGUAGE_SET and text_of(edit) == strings.LANGUAGE_SET
    assert text_of(await ask(harness, ROSA, "/help", "es")) == HELP  # the choice beats Telegram's
    await tap(harness, ROSA, "lang:es", "es")
    assert text_of(await ask(harness, ROSA, "/help", "en")) == with_questions(ES(strings.HELP))


async def test_browsing_topics_and_the_self_check_in_spanish(harness: BotHarness, content: Content) -> None:
    library = content.library("es")
    reply = await ask(harness, ROSA, "/causes hierro", "es")
    iron = library.page("causes").section("iron")
    assert iron is not None and iron.heading in text_of(reply)
    assert labels(reply) == [ES(strings.BUTTON_BACK)]
    topics = await ask(harness, ROSA, "/topics", "es")
    assert text_of(topics) == ES(strings.TOPICS) and "✅ ☕ Cafeína" in labels(topics)
    shown = text_of(await selfcheck(harness, "yyyyynnn", "es", ROSA))
    described = library.selfcheck.result.described.format(count=5, total=5)
    assert described in shown and ES(strings.SELFCHECK_NOT_STORED) in shown


async def test_command_menus_are_registered_in_both_languages(harness: BotHarness) -> None:
    await harness.api.wait_for_async(lambda: len(harness.api.calls("setMyCommands")) == 2)
    calls = harness.api.calls("setMyCommands")
    menus: dict[str, Any] = {str(call.params.get("language_code") or ""): call.params["commands"] for call in calls}
    assert set(menus) == {"", "es"}
    english = {command["command"]: command["description"] for command in menus[""]}
    spanish = {command["command"]: command["description"] for command in menus["es"]}
    assert english.keys() == spanish.keys() >= {"topics", "selfcheck", "language", "causes"}
    assert all(spanish[name] == with_questions(ES(text)) for name, text in strings.COMMAND_MENU)


@pytest.mark.parametrize(("typed", "weekday"), [("domingo", 6), ("miércoles", 2), ("miercoles", 2), ("friday", 4)])
async def test_weekday_names_in_either_language(harness: BotHarness, typed: str, weekday: int) -> None:
    await ask(harness, ROSA, "/timezone America/Phoenix", "es")
    await harness.services.subscribers.subscribe(ROSA, harness.clock())
    reply = text_of(await ask(harness, ROSA, f"/weekly {typed}", "es"))
    assert reply == ES(strings.WEEKLY_SET).format(days=ES(strings.WEEKDAYS_PLURAL[weekday]))
    view = await harness.services.subscribers.get(ROSA)
    assert view is not None and view.weekly_day == weekday


async def test_settings_in_spanish_show_spanish_dates(harness: BotHarness) -> None:
    await ask(harness, ROSA, "/timezone America/Phoenix", "es")
    reply = text_of(await ask(harness, ROSA, "/subscribe 21:00", "es"))
    assert reply.startswith(ES(strings.SUBSCRIBED).split("<b>{time}")[0])
    assert re.search(
        r"\((lun|mar|mié|jue|vie|sáb|dom) \d{1,2} (ene|feb|mar|abr|may|jun|jul|ago|sept?|oct|nov|dic)\)", reply
    )
