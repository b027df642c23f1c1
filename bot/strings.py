"""Every user-facing sentence the handlers send, in one place. HTML; placeholders are escaped by callers."""

from __future__ import annotations

WELCOME = (
    "👋 <b>Welcome to RLS Coach, {name}!</b>\n\n"
    "I help people with restless legs syndrome (RLS) keep the evening habits that ease it. Every evening, "
    "at a time you choose, I can send you a short reminder with one practical tip: skip the late coffee and "
    "the nightcap, do a few gentle stretches, keep moving during the day.\n\n"
    "You can also ask me what causes RLS (/causes), how it is treated (/treatments) and what the symptoms "
    "are (/symptoms).\n\n"
    "<b>To start:</b>\n"
    "1. Tell me your time zone, for example <code>/timezone Europe/London</code> or just share your location.\n"
    "2. Turn on the evening reminder with /subscribe (21:00) or <code>/subscribe 20:30</code>.\n\n"
    "<i>I give general information, not medical advice. I cannot diagnose RLS or suggest doses. "
    "Please talk to your doctor, nurse or pharmacist about your treatment.</i>"
)

HELP = (
    "<b>What I can do</b>\n\n"
    "/subscribe — turn on the evening reminder (you can add a time: <code>/subscribe 21:30</code>)\n"
    "/unsubscribe — turn the reminder off (/stop works too)\n"
    "/time — change the reminder time, e.g. <code>/time 21:30</code>\n"
    "/timezone — set your time zone, e.g. <code>/timezone Berlin</code>\n"
    "/settings — see your reminder time, time zone and the next reminder\n"
    "/tip — get an evening tip right now\n"
    "/causes — what can cause or worsen RLS\n"
    "/treatments — how RLS is treated today\n"
    "/symptoms — the signs of RLS and when to see a doctor\n"
    "/about — sources, disclaimer and what I store\n"
    "/help — this list"
)

COMMAND_MENU: tuple[tuple[str, str], ...] = (
    ("subscribe", "Turn on the evening reminder"),
    ("unsubscribe", "Turn the evening reminder off"),
    ("time", "Change the reminder time, e.g. /time 21:30"),
    ("timezone", "Set your time zone, e.g. /timezone Berlin"),
    ("settings", "Your reminder time, zone and next reminder"),
    ("tip", "An evening tip right now"),
    ("causes", "What can cause or worsen RLS"),
    ("treatments", "How RLS is treated"),
    ("symptoms", "Signs of RLS and when to see a doctor"),
    ("about", "Sources, disclaimer and privacy"),
    ("help", "All commands"),
)

TIME_EXAMPLES = "<code>21:30</code>, <code>9:30pm</code>, <code>21.30</code> or <code>2130</code>"
TIME_INVALID = (
    "Sorry, I could not read <b>{text}</b> as a time. Please send a time of day such as "
    + TIME_EXAMPLES
    + ", for example <code>/time 21:30</code>. Nothing was changed."
)
TIME_MISSING = "Please add the time you want, for example <code>/time 21:30</code> (also " + TIME_EXAMPLES + ")."

ZONE_EXAMPLES = (
    "• a city: <code>/timezone Berlin</code>, <code>/timezone New York</code>\n"
    "• a time zone name: <code>/timezone Europe/Berlin</code>, <code>/timezone Asia/Kolkata</code>\n"
    "• a UTC offset: <code>/timezone UTC+5:30</code>, <code>/timezone -03:30</code>\n"
    "• or tap the button below to share your location (used once, not stored)."
)
ZONE_ASK = "🌍 <b>Which time zone are you in?</b> I need it to send the reminder at your evening time.\n\n" + (
    ZONE_EXAMPLES
)
ZONE_INVALID = "Sorry, I don't know the time zone <b>{text}</b>. Nothing was changed. You can send:\n\n" + (
    ZONE_EXAMPLES
)
ZONE_AMBIGUOUS = (
    "<b>{text}</b> could mean several time zones: {candidates}. "
    "Please send the full name, for example <code>/timezone {first}</code>. Nothing was changed."
)
ZONE_FROM_LOCATION_FAILED = (
    "Sorry, I could not find a time zone for that location (perhaps it is at sea). "
    "Please type it instead, for example <code>/timezone Berlin</code>. Nothing was changed."
)
ZONE_SET = "🌍 Time zone set to <b>{zone}</b> (your local time now: {local_now})."
ZONE_FIXED_OFFSET_NOTE = (
    "\nNote: a fixed UTC offset does not change for summer time. If your clocks change, send your city instead."
)
LOCATION_BUTTON = "📍 Share my location"

SUBSCRIBED = "✅ <b>Evening reminder on.</b> I'll write every evening at <b>{time}</b> ({zone})."
SUBSCRIBED_NEEDS_ZONE = (
    "✅ Almost done! Your reminder time is <b>{time}</b>. One more step: tell me your time zone.\n\n"
) + ZONE_EXAMPLES
NEXT_REMINDER = "Next reminder: <b>{when}</b>."
TIME_SET = "⏰ Reminder time set to <b>{time}</b>."
TIME_SET_NOT_SUBSCRIBED = "The reminder is off at the moment; send /subscribe to turn it on."
UNSUBSCRIBED = "🔕 Evening reminder off. Your time and time zone are kept; send /subscribe whenever you want it back."
NOT_SUBSCRIBED = "The evening reminder is already off. Send /subscribe to turn it on."

SETTINGS = (
    "<b>Your settings</b>\n\n"
    "Evening reminder: <b>{status}</b>\n"
    "Reminder time: <b>{time}</b>\n"
    "Time zone: <b>{zone}</b>\n"
    "{next_line}"
)
STATUS_ON = "on"
STATUS_OFF = "off"
STATUS_BLOCKED = "paused (my last reminder could not be delivered)"
STATUS_AWAITING_ZONE = "waiting for your time zone"
ZONE_NOT_SET = "not set yet (send /timezone)"
SETTINGS_NEXT = "Next reminder: <b>{when}</b>"
SETTINGS_NO_NEXT = "Send /subscribe to turn the reminder on."

REMINDER_HEADER = (
    "🌙 <b>Good evening! Time to look after your legs tonight.</b>\n"
    "• No more coffee, tea or cola today\n"
    "• Skip the nightcap\n"
    "• A few minutes of gentle stretching before bed"
)
REMINDER_FOOTER = "/tip another tip · /settings change the time · /unsubscribe stop"

UNKNOWN_COMMAND = "Sorry, I don't know that command. Send /help to see what I can do."
UNSUPPORTED_MESSAGE = "I can only read commands, for example /tip or /settings. Send /help to see everything I can do."
STALE_BUTTON = "This button is no longer active. Send /help to see what I can do."
EDITED_MESSAGE = "I only read new messages, not edited ones. Please send your command again."
GROUP_ONLY_PRIVATE = "I work in private chats only. Please message me directly."
ERROR = "Sorry, something went wrong on my side. Please try again in a moment."
