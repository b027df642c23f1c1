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

# --- console ---
# Lines from `rls-coach chat` itself are plain text (printed after "--- "); the CONSOLE_HELP and
# CONSOLE_PREVIEW_* texts are bot messages in HTML like the ones above.
CONSOLE_BANNER = (
    "RLS Coach in your terminal, chatting as {name}: no Telegram, no token, no network. "
    "Type /start to begin and /help for the commands; /preview shows tonight's reminder right away. "
    "Pick a button by typing its number. Ctrl-D quits."
)
CONSOLE_HELP = (
    "<b>Only in this console</b>\n"
    "/preview — see your next evening reminder now, exactly as it will arrive\n"
    "Ctrl-D — quit"
)
CONSOLE_PREVIEW_DUE = (
    "👀 <b>Preview.</b> Your next evening reminder is due <b>{when}</b> and will look like this "
    "(the preview does not use up its tip; a /tip before then moves on to the next one):"
)
CONSOLE_PREVIEW_NEEDS_ZONE = (
    "👀 <b>Preview.</b> Your reminder is waiting for your time zone (send /timezone). Then it will look like this:"
)
CONSOLE_PREVIEW_OFF = (
    "👀 <b>Preview.</b> The evening reminder is off, so none is scheduled; send /subscribe to turn it on. "
    "It will look like this:"
)
CONSOLE_PREVIEW_SAMPLE = (
    "👀 <b>Preview.</b> You have no evening reminder yet; send /subscribe to get one. This is what it looks like:"
)
CONSOLE_PICKED = "you picked “{label}”"
CONSOLE_ASK_LOCATION = (
    "Type the location to share as latitude and longitude, for example 52.52 13.40. "
    "The bot keeps only the time zone it finds there."
)
CONSOLE_BAD_LOCATION = (
    "That is not a latitude and longitude like 52.52 13.40, so nothing was sent. "
    "Type it again, or a command to do something else."
)
CONSOLE_LINK = "in Telegram this button opens {url}; the console opens nothing"

# --- admin ---
# Only chats in ADMIN_CHAT_IDS see these; for anyone else /stats and /broadcast answer UNKNOWN_COMMAND.

STATS = (
    "📊 <b>RLS Coach {version}</b>\n\n"
    "<b>Subscribers</b>\n"
    "Active (reminder scheduled): <b>{active}</b>\n"
    "Waiting for a time zone: {awaiting_zone}\n"
    "Paused (blocked the bot): {blocked}\n"
    "Reminder off: {off}\n\n"
    "<b>Last 24 hours</b>\n"
    "Reminders sent: <b>{sent}</b>\n"
    "Not delivered: {failed_blocked} blocked · {failed} failed · {unknown} unknown · {missed} missed\n\n"
    "<b>Right now</b>\n"
    "Backlog (due, not sent yet): {backlog}\n"
    "Broadcasts in progress: {broadcasts}"
)
STATS_NO_BROADCASTS = "none"
STATS_BROADCAST = "#{id} ({counts})"

BROADCAST_USAGE = (
    "📣 Write the message after the command, for example:\n"
    "<code>/broadcast The bot will be offline tonight from 22:00 to 22:30 UTC. Reminders sent after.</code>\n\n"
    "It goes to every active subscriber as plain text, after you confirm a preview."
)
BROADCAST_TOO_LONG = (
    "That message has {length} characters; a broadcast can have at most {limit}. Please shorten it. Nothing was saved."
)
BROADCAST_NO_RECIPIENTS = "There are no active subscribers right now, so a broadcast would reach nobody."
BROADCAST_PREVIEW = (
    "📣 <b>Broadcast #{id}: preview</b>\n"
    "It goes to <b>{recipients}</b> as plain text (any HTML tags are shown as typed). "
    "Each of them gets exactly this:\n\n"
    "{text}"
)
BROADCAST_CONFIRM_BUTTON = "✅ Confirm"
BROADCAST_CANCEL_BUTTON = "✖️ Cancel"
BROADCAST_STARTED = (
    "📣 <b>Broadcast #{id}: confirmed.</b> Sending to {recipients} now; progress follows here.\n\n{text}"
)
BROADCAST_CANCELLED = "✖️ <b>Broadcast #{id}: cancelled.</b> Nothing was sent.\n\n{text}"
BROADCAST_ANSWER_STARTED = "Sending…"
BROADCAST_ANSWER_CANCELLED = "Cancelled; nothing was sent."
BROADCAST_ANSWER_ALREADY_SENDING = "Already confirmed: this broadcast is being sent."
BROADCAST_ANSWER_ALREADY_DONE = "This broadcast was already sent."
BROADCAST_ANSWER_ALREADY_CANCELLED = "This broadcast was cancelled; send /broadcast to start a new one."
BROADCAST_COUNTS = "{sent}/{total} sent, {blocked} blocked, {failed} failed"
BROADCAST_COUNTS_UNKNOWN = ", {count} unknown (cut off by a restart or a timeout)"
BROADCAST_COUNTS_SKIPPED = ", {count} skipped (turned reminders off first)"
BROADCAST_PROGRESS = "⏳ Broadcast #{id}: {counts}"
BROADCAST_PROGRESS_FINAL = "📣 Broadcast #{id}: {counts}. Finished."
BROADCAST_DONE = "✅ <b>Broadcast #{id} is done:</b> {counts}."
