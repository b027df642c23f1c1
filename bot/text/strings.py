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
# The {name} of WELCOME when Telegram gives no first name (and the console's name when $USER is unset).
WELCOME_NAME_FALLBACK = "friend"

HELP = (
    "<b>What I can do</b>\n\n"
    "/subscribe — turn on the evening reminder (you can add a time: <code>/subscribe 21:30</code>)\n"
    "/unsubscribe — turn the reminder off (/stop works too)\n"
    "/time — change the reminder time, e.g. <code>/time 21:30</code>\n"
    "/timezone — set your time zone, e.g. <code>/timezone Berlin</code>\n"
    "/settings — see your reminder time, time zone and the next reminder\n"
    "/tip — get an evening tip right now\n"
    "/topics — choose what your evening tips are about\n\n"
    "<b>Your progress</b>\n"
    "/checkin — a one-tap morning check-in: how were your legs last night?\n"
    "/log — record last night now (or <code>/log 2026-11-20</code> for an earlier night)\n"
    "/triggers — add your own triggers to the check-in\n"
    "/meds — your medicines: a dated list, and reminders if you like "
    "(<code>/meds add ropinirole 0.25 mg at 20:00</code>)\n"
    "/progress — a chart of your nights (<code>/progress 90</code> for 90 nights)\n"
    "/insights — which habits go with your bad nights\n"
    "/weekly — choose the day of your weekly summary\n"
    "/iron — your iron results and infusions, and a reminder before a blood test\n"
    "/note — keep a dated note (a side effect, a question for your doctor) · /notes — see or delete them\n"
    "/report — a one-page PDF of your diary to bring to your clinician (<code>/report 180</code> for 180 nights)\n\n"
    "<b>Reading</b>\n"
    "/causes — what can cause or worsen RLS (or straight to a part: <code>/causes iron</code>)\n"
    "/treatments — how RLS is treated today\n"
    "/symptoms — the signs of RLS and when to see a doctor\n"
    "/selfcheck — {questions} questions clinicians ask about RLS (not a diagnosis)\n"
    "/about — sources, disclaimer and what I store\n"
    "/language — English or Spanish (español)\n"
    "/export — all your data as a file · /delete — delete all of it\n"
    "/help — this list"
)

COMMAND_MENU: tuple[tuple[str, str], ...] = (
    ("subscribe", "Turn on the evening reminder"),
    ("unsubscribe", "Turn the evening reminder off"),
    ("time", "Change the reminder time, e.g. /time 21:30"),
    ("timezone", "Set your time zone, e.g. /timezone Berlin"),
    ("settings", "Your reminder time, zone and next reminder"),
    ("tip", "An evening tip right now"),
    ("topics", "Choose what your evening tips are about"),
    ("checkin", "Morning check-in: on, off or a time"),
    ("log", "Record how last night went"),
    ("progress", "A chart of your nights"),
    ("insights", "Which habits go with bad nights"),
    ("triggers", "Your own triggers for the check-in"),
    ("meds", "Your medicines, their history and reminders"),
    ("weekly", "Choose the day of your weekly summary"),
    ("iron", "Iron results, infusions and test reminders"),
    ("note", "Keep a dated note, e.g. a question for your doctor"),
    ("notes", "Your notes, newest first"),
    ("report", "A one-page PDF for your clinician"),
    ("causes", "What can cause or worsen RLS"),
    ("treatments", "How RLS is treated"),
    ("symptoms", "Signs of RLS and when to see a doctor"),
    ("selfcheck", "{questions} questions clinicians ask about RLS"),
    ("about", "Sources, disclaimer and privacy"),
    ("language", "English or Spanish (español)"),
    ("export", "All your data as a file"),
    ("delete", "Delete all your data"),
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
# When the next reminder or check-in comes, in the person's zone: the {when} of NEXT_REMINDER, SETTINGS_NEXT,
# CHECKIN_ON and CONSOLE_PREVIEW_DUE. {clock} is "21:00"; {date} is a short day such as "Wed 25 Nov".
TODAY_AT = "today at {clock} ({date})"
TOMORROW_AT = "tomorrow at {clock} ({date})"
DAY_AT = "{date} at {clock}"
TIME_SET = "⏰ Reminder time set to <b>{time}</b>."
TIME_SET_NOT_SUBSCRIBED = "The reminder is off at the moment; send /subscribe to turn it on."
UNSUBSCRIBED = "🔕 Evening reminder off. Your time and time zone are kept; send /subscribe whenever you want it back."
NOT_SUBSCRIBED = "The evening reminder is already off. Send /subscribe to turn it on."

SETTINGS = (
    "<b>Your settings</b>\n\n"
    "Evening reminder: <b>{status}</b>\n"
    "Reminder time: <b>{time}</b>\n"
    "Time zone: <b>{zone}</b>\n"
    "{next_line}\n"
    "Morning check-in: {checkin}\n"
    "Weekly summary: <b>{weekly}</b>"
)
# The diary's lines under /settings: medicine reminders always, a planned blood test and a recall when there are.
SETTINGS_MEDICINE_REMINDERS = "Medicine reminders: <b>{items}</b> (/meds)"
SETTINGS_MEDICINE_REMINDER_ITEM = "{name} at {times}"
SETTINGS_NO_MEDICINE_REMINDERS = "Medicine reminders: <b>none</b> (/meds)"
SETTINGS_IRON_TEST = "Blood test planned: <b>{date}</b>, with a reminder the evening before (/iron)"
SETTINGS_IRON_RECALL = "Reminder to ask about a new iron test: <b>{date}</b> (/iron)"
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
    "(the preview does not use up its tip; a /tip before then moves on to the next one). The real one has "
    "✅ Done, ⏰ Snooze and Skip tonight buttons under it:"
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
# Shown in place of a photo or file the bot sends (its caption follows on the next line).
CONSOLE_CHART_SAVED = "📎 Chart saved: {path}"
CONSOLE_FILE_SAVED = "📎 File saved: {path}"
# Marks on the console's copy of a message the bot edited.
CONSOLE_EDITED = "(edited) {line}"
CONSOLE_BUTTONS_CHANGED = "(buttons changed)"
CONSOLE_BUTTONS_REMOVED = "(buttons removed)"

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
# The {recipients} of BROADCAST_PREVIEW and BROADCAST_STARTED.
BROADCAST_RECIPIENTS_ONE = "{count} active subscriber"
BROADCAST_RECIPIENTS = "{count} active subscribers"
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
# The {counts} of STATS_BROADCAST, BROADCAST_PROGRESS, BROADCAST_PROGRESS_FINAL and BROADCAST_DONE.
BROADCAST_COUNTS = "{sent}/{total} sent, {blocked} blocked, {failed} failed"
BROADCAST_COUNTS_WITH_UNKNOWN = (
    "{sent}/{total} sent, {blocked} blocked, {failed} failed, {unknown} unknown (cut off by a restart or a timeout)"
)
BROADCAST_COUNTS_WITH_SKIPPED = (
    "{sent}/{total} sent, {blocked} blocked, {failed} failed, {skipped} skipped (turned reminders off first)"
)
BROADCAST_COUNTS_WITH_UNKNOWN_AND_SKIPPED = (
    "{sent}/{total} sent, {blocked} blocked, {failed} failed, {unknown} unknown (cut off by a restart or a timeout), "
    "{skipped} skipped (turned reminders off first)"
)
BROADCAST_PROGRESS = "⏳ Broadcast #{id}: {counts}"
BROADCAST_PROGRESS_FINAL = "📣 Broadcast #{id}: {counts}. Finished."
BROADCAST_DONE = "✅ <b>Broadcast #{id} is done:</b> {counts}."

# --- coaching: the evening reminder's buttons ---

BUTTON_DONE = "✅ Done"
BUTTON_SNOOZE = "⏰ Snooze"
BUTTON_SKIP = "Skip tonight"
SNOOZE_HEADER = "⏰ <b>Your snoozed reminder: time to look after your legs tonight.</b>"
REMINDER_DONE = "✅ <b>Done — well done!</b> Every evening you follow a tip counts. See how it adds up: /progress"
REMINDER_SKIPPED = "<i>Skipped tonight. That's fine — see you tomorrow evening.</i>"
REMINDER_SNOOZED = "⏰ <i>Snoozed: I'll remind you again at {time}.</i>"
ANSWER_DONE = "Marked as done ✅"
ANSWER_SKIPPED = "Skipped for tonight"
ANSWER_SNOOZED = "I'll remind you again at {time}"
ANSWER_ALREADY_DONE = "Already marked as done ✅"
ANSWER_ALREADY_SKIPPED = "Already skipped for tonight"
ANSWER_ALREADY_SNOOZED = "Already snoozed: I'll remind you again at {time}"
ANSWER_ALREADY_SNOOZED_NO_TIME = "Already snoozed once tonight"
ANSWER_CLOSED = "You already answered this reminder"
ANSWER_TOO_LATE = "This reminder is from an earlier evening, so it can't be snoozed"
ANSWER_GONE = "This reminder is no longer available"

# --- coaching: the morning check-in and /log ---

FACTOR_ON = "✅"
FACTOR_OFF = "▫️"
FACTOR_LABELS = {
    "caffeine": "Caffeine after midday",
    "alcohol": "Alcohol",
    "nicotine": "Nicotine",
    "stretched": "Stretched",
    "exercised": "Exercised",
    "short_sleep": "Short or late sleep",
}
# Row labels of the /progress chart: short enough to fit beside it on a phone.
CHART_FACTOR_LABELS = {
    "caffeine": "Caffeine",
    "alcohol": "Alcohol",
    "nicotine": "Nicotine",
    "stretched": "Stretched",
    "exercised": "Exercised",
    "short_sleep": "Short sleep",
}
# After days with …: how each factor reads inside an insight sentence.
FACTOR_PHRASES = {
    "caffeine": "caffeine after midday",
    "alcohol": "alcohol",
    "nicotine": "nicotine",
    "stretched": "stretching",
    "exercised": "exercise",
    "short_sleep": "short or late sleep",
}
BUTTON_SAVE = "💾 Save"
BUTTON_CHANGE_SCORE = "↩️ Change score"
CHECKIN_SCORE_QUESTION = (
    "🌅 <b>How were your legs last night?</b>\n"
    "<i>Night of {night}</i>\n\n"
    "Tap a number: <b>0</b> = no symptoms, <b>10</b> = the worst."
)
# The night going on now: from 18:00, and after midnight until 06:00 (when "last night" would read oddly).
CHECKIN_SCORE_QUESTION_TONIGHT = (
    "🌙 <b>How have your legs been tonight?</b>\n"
    "<i>Night of {night}</i>\n\n"
    "Tap a number: <b>0</b> = no symptoms, <b>10</b> = the worst."
)
CHECKIN_SCORE_QUESTION_EARLIER = (
    "📝 <b>How were your legs that night?</b>\n"
    "<i>Night of {night}</i>\n\n"
    "Tap a number: <b>0</b> = no symptoms, <b>10</b> = the worst."
)
CHECKIN_CURRENT_SCORE = "\nYou recorded <b>{score}</b> for this night; tap another number to change it."
CHECKIN_FACTORS_QUESTION = (
    "🌅 <i>Night of {night}</i>: legs <b>{score}/10</b>.\n\n"
    "<b>Yesterday, did you have…</b>\nTap everything that applies, then Save."
)
# Any night but last night once it is over: "yesterday" would be another day, or unclear before 06:00.
# {day} is the day the night began ("Tue 24 Nov").
CHECKIN_FACTORS_QUESTION_ON_DAY = (
    "🌅 <i>Night of {night}</i>: legs <b>{score}/10</b>.\n\n"
    "<b>On {day}, did you have…</b>\nTap everything that applies, then Save."
)
CHECKIN_SAVED = (
    "✅ <b>Saved.</b> Night of {night}: legs <b>{score}/10</b>.\n"
    "<i>To correct it: <code>/log {iso}</code>. Your progress: /progress</i>"
)
# {factors}: what the person ticked, as a list ("alcohol, stretched").
CHECKIN_SAVED_WITH_FACTORS = (
    "✅ <b>Saved.</b> Night of {night}: legs <b>{score}/10</b>; {factors}.\n"
    "<i>To correct it: <code>/log {iso}</code>. Your progress: /progress</i>"
)
ANSWER_SCORE = "Saved: {score}/10"
ANSWER_FACTOR_ON = "Noted: {factor}"
ANSWER_FACTOR_OFF = "Removed: {factor}"
ANSWER_SAVED = "Saved ✅"
ANSWER_CHECKIN_GONE = "This check-in is no longer available. Send /log to record a night."
LOG_BAD_DATE = (
    "Sorry, I could not read <b>{text}</b> as a date. Please write it as year-month-day, for example "
    "<code>/log {example}</code> for the night of {example_long}. Nothing was changed."
)
LOG_FUTURE = (
    "The night of {night} has not begun yet in your time zone, so there is nothing to record yet. "
    "For last night, {last}, send <code>/log {last_iso}</code>. Nothing was changed."
)
LOG_TOO_OLD = (
    "That night is more than a year ago. The oldest night you can record is {first} "
    "(<code>/log {first_iso}</code>). Nothing was changed."
)

CHECKIN_USAGE = (
    "🌅 <b>Morning check-in</b>: {status}\n\n"
    "Every morning I ask how your legs were last night (one tap, 0–10) and what you did the day before. "
    "After two weeks I can show you which habits go with your bad nights (/insights).\n\n"
    "<code>/checkin on</code> — ask me every morning at {time}\n"
    "<code>/checkin 7:30</code> — choose the time\n"
    "<code>/checkin off</code> — stop asking\n"
    "/log — record last night now"
)
CHECKIN_STATUS_ON = "on, every morning at <b>{time}</b>"
CHECKIN_STATUS_OFF = "off"
CHECKIN_ON = "🌅 <b>Morning check-in on.</b> I'll ask every morning at <b>{time}</b> ({zone}). Next: <b>{when}</b>."
CHECKIN_ON_NEEDS_ZONE = "🌅 Morning check-in on at <b>{time}</b>. One more step: tell me your time zone.\n\n" + (
    ZONE_EXAMPLES
)
CHECKIN_OFF = "Morning check-in off. Your check-ins are kept; /log still records a night whenever you like."
CHECKIN_BAD_ARGUMENT = (
    "Sorry, I could not read <b>{text}</b>. Send <code>/checkin on</code>, <code>/checkin off</code> or a time "
    "such as <code>/checkin 8:00</code>. Nothing was changed."
)

TRIGGERS_LIST = (
    "🏷 <b>Your own triggers</b> (asked in every check-in, up to {max}):\n{items}\n\n"
    "<code>/triggers add late dinner</code> — add one\n"
    "<code>/triggers rename 1 big dinner</code> — rename one\n"
    "<code>/triggers remove 1</code> — stop asking about one (past check-ins keep it)"
)
TRIGGERS_NONE = "<i>none yet</i>"
TRIGGER_ADDED = "🏷 Added <b>{name}</b>. I'll ask about it in every check-in."
TRIGGER_RENAMED = "🏷 Renamed to <b>{name}</b>; its past check-ins keep counting."
TRIGGER_REMOVED = "🏷 Removed <b>{name}</b>. I won't ask about it any more; past check-ins keep it."
TRIGGER_TOO_MANY = "You already track {max} triggers of your own. Remove one first (<code>/triggers remove 1</code>)."
TRIGGER_DUPLICATE = "You already track <b>{name}</b>. Nothing was changed."
TRIGGER_NOT_FOUND = "There is no trigger number {position}. Send /triggers to see the list. Nothing was changed."
TRIGGER_BAD = (
    "Sorry, I did not understand that. Send <code>/triggers add late dinner</code>, "
    "<code>/triggers rename 1 big dinner</code> or <code>/triggers remove 1</code>. Nothing was changed."
)
TRIGGER_NAME_RULES = (
    "A trigger's name needs 1 to {max} characters of text, for example <code>/triggers add late dinner</code>. "
    "Nothing was changed."
)
TRIGGER_HISTORY_FULL = (
    "You have had {max} triggers of your own, the most I keep: removed ones stay in your past check-ins. "
    "Add back one you removed, or rename one you track (<code>/triggers rename 1 stress</code>). Nothing was changed."
)

WEEKLY_USAGE = (
    "📅 <b>Weekly summary</b>: {status}\n\n"
    "Once a week your evening reminder brings a short summary of your week.\n"
    "<code>/weekly sunday</code> — choose the day\n"
    "<code>/weekly off</code> — no summary"
)
# {days} is one of WEEKDAYS_PLURAL ("Sundays").
WEEKLY_STATUS_ON = "on {days}"
WEEKLY_STATUS_OFF = "off"
WEEKLY_SET = "📅 Weekly summary on {days}, with your evening reminder."
# Follows WEEKLY_SET (after a space) when the evening reminder is off.
WEEKLY_SET_NO_REMINDER = "It comes with the evening reminder, which is off: send /subscribe to turn it on."
WEEKLY_OFF = "📅 Weekly summary off."
WEEKLY_BAD = (
    "Sorry, I don't know the day <b>{text}</b>. Send a day such as <code>/weekly sunday</code>, or "
    "<code>/weekly off</code>. Nothing was changed."
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# Every week on that day: the {days} of WEEKLY_STATUS_ON and WEEKLY_SET, and the weekly summary in /settings.
WEEKDAYS_PLURAL = ("Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays", "Saturdays", "Sundays")
LOG_NEEDS_ZONE = "📝 To know which night was last night, I need your time zone first.\n\n" + ZONE_EXAMPLES

# --- coaching: progress, insights and the weekly summary ---

PROGRESS_USAGE = (
    "Sorry, I could not read <b>{text}</b>. Send /progress for the last 30 nights, or a number of nights from "
    "{min} to {max}, for example <code>/progress 90</code>. Nothing was changed."
)
PROGRESS_EMPTY = (
    "📈 Nothing to show yet: you have no check-ins and no evening reminders in the last {days} nights.\n\n"
    "Turn on the morning check-in with <code>/checkin on</code>, or record last night now with /log."
)
PROGRESS_WORKING = "📈 Drawing your chart…"
CHART_TITLE = "Your legs, last {days} nights"
CHART_SCORE_LABEL = "Symptoms (0 = none, 10 = worst)"
CHART_DONE_LABEL = "Tip done"
CHART_NO_DATA = "No check-ins yet"
PROGRESS_HEADER = "📈 <b>Your last {days} nights</b> ({first} – {last})"
PROGRESS_CHECKINS = "Check-ins: <b>{checkins}</b> of {days} nights"
PROGRESS_AVERAGE = "Average score: <b>{average}</b> (0 = no symptoms, 10 = worst)"
PROGRESS_CHANGE_BETTER = "That is <b>{change} points better</b> than the {days} nights before ({previous})."
PROGRESS_CHANGE_WORSE = "That is <b>{change} points worse</b> than the {days} nights before ({previous})."
PROGRESS_CHANGE_SAME = "About the same as the {days} nights before ({previous})."
PROGRESS_GOOD_NIGHTS = "Good nights (0–3): <b>{good}</b>"
PROGRESS_BEST_WORST = "Best night: {best} ({best_score}) · hardest: {worst} ({worst_score})"
PROGRESS_DONE = "Evening tips done: <b>{done}</b> of {reminders} reminders"
PROGRESS_HABIT = "Habit strength: <b>{percent}%</b> (one missed evening barely moves it; weeks of effort count)"
PROGRESS_NO_CHECKINS = "No check-ins in these nights yet: /log records last night, <code>/checkin on</code> asks daily."
PROGRESS_FOOTER = "<i>/insights: which habits go with your bad nights.</i>"

WEEKLY_HEADER = "📅 <b>Your week</b> (nights {first} – {last})"
WEEKLY_AVERAGE = "Average score: <b>{average}</b>"
WEEKLY_NO_CHECKINS = (
    "No check-ins this week. A tap each morning (<code>/checkin on</code>) shows how your legs are doing."
)
WEEKLY_BEST_WORST = "Best night: {best} ({best_score}) · hardest: {worst} ({worst_score})"
WEEKLY_BEST = "Best night: {best} ({best_score})"
WEEKLY_DONE = "Tips done: <b>{done}</b> of {reminders} evenings"

INSIGHTS_HEADER = "🔎 <b>Your patterns</b> (from {checkins} check-ins in the last {days} nights)"
INSIGHTS_NEED_MORE = (
    "🔎 <b>Not enough check-ins yet.</b> To look for patterns honestly I need at least {min} check-ins; "
    "you have {checkins}, so <b>{needed} more</b> to go. A tap each morning (<code>/checkin on</code>) or /log "
    "gets you there."
)
INSIGHT_WORSE = (
    "After days with <b>{factor}</b> your nights scored <b>{difference} points worse</b> on average "
    "({n_with} nights with, {n_without} without)."
)
INSIGHT_BETTER = (
    "After days with <b>{factor}</b> your nights scored <b>{difference} points better</b> on average "
    "({n_with} nights with, {n_without} without)."
)
INSIGHTS_FINDINGS = "<b>Clear differences</b>"
INSIGHTS_NO_FINDINGS = "<b>No clear differences yet.</b> Patterns need more nights to stand out from chance."
INSIGHTS_UNCLEAR = "<b>No clear difference yet</b> (could be chance):"
INSIGHT_UNCLEAR = "• {factor}: {mean_with} with vs {mean_without} without ({n_with} with, {n_without} without)"
INSIGHTS_TOO_FEW = "<b>Not enough nights to compare yet</b> (3 with and 3 without needed): {factors}"
INSIGHTS_FOOTER = (
    "<i>These are associations in your own records, not proof that one thing causes another. A difference "
    "counts as clear only when a statistical test says chance alone would rarely produce it. Please don't change "
    "any medicine because of this; talk it over with your doctor or nurse.</i>"
)

# --- coaching: the person's data ---

EXPORT_NOTHING = "I have nothing stored about you, so there is nothing to export."
EXPORT_CAPTION = (
    "📦 <b>Everything I store about you</b>, as a spreadsheet file (CSV): your settings, check-ins (with when "
    "symptoms started), triggers, medicines and their changes, iron results, your notes, and the messages I sent "
    "you with your answers. To delete it all: /delete"
)
BUTTON_DELETE_CONFIRM = "🗑 Yes, delete everything"
BUTTON_DELETE_CANCEL = "Keep my data"
DELETE_CONFIRM = (
    "🗑 <b>Delete all your data?</b>\n\n"
    "This removes your settings, reminders, check-ins, triggers, medicines and their reminders, iron results, "
    "planned tests, your notes and the history of messages I sent you. It cannot be undone. (Send /export first "
    "if you want a copy.)"
)
DELETED = (
    "🗑 <b>All your data has been deleted.</b> I no longer store anything about you and won't send you "
    "reminders. If you ever want to start again, send /start."
)
DELETE_CANCELLED = "Nothing was deleted. Your data is kept."
ANSWER_DELETED = "Deleted"
ANSWER_DELETE_CANCELLED = "Nothing was deleted"

# --- reading: /causes, /treatments, /symptoms, /about ---

SOURCE_LABEL = "Source"
SOURCES_LABEL = "Sources"
REFERENCES_PAGE = "<b>References</b> ({number} of {total})"
BUTTON_REFERENCES = "📚 References"
BUTTON_PREVIOUS = "◀️ Previous"
BUTTON_NEXT = "Next ▶️"
BUTTON_BACK = "⬅️ Back"
SECTION_NOT_FOUND = "I have no part called <b>{text}</b> here. Tap one of the buttons below instead."

# --- /topics: where the nightly tips come from ---

TOPICS = (
    "🗂 <b>Your tip topics</b>\n\n"
    "Your evening tip comes from the topics marked ✅. Tap a topic to turn it on or off. You will see every "
    "tip of your topics once before any tip comes again."
)
TOPICS_DONE = "🗂 Your evening tips now come from: <b>{topics}</b>."
BUTTON_TOPICS_DONE = "✔️ Done"
ANSWER_TOPIC_ON = "Turned on: {topic}"
ANSWER_TOPIC_OFF = "Turned off: {topic}"
ANSWER_LAST_TOPIC = "Keep at least one topic on."

# --- expensive commands (bot.server.fairness) ---

EXPENSIVE_BUSY = "⏳ Still working on your last request. It will be here in a moment."
EXPENSIVE_TOO_MANY = "⏳ That is a lot of charts and reports in one minute. Please try again in a minute."

# --- /language ---

LANGUAGE_ASK = "🌐 <b>Which language would you like?</b>"
LANGUAGE_SET = "🌐 I'll write to you in English from now on. Send /help to see what I can do."
ANSWER_LANGUAGE_SET = "English"

# --- /selfcheck ---

SELFCHECK_PROGRESS = "<i>Question {number} of {total}</i>"
SELFCHECK_RED_FLAG_TITLE = "⚠️ <b>Please read this first</b>"
SELFCHECK_NOT_DESCRIBED = "<b>Not in your answers:</b>"
SELFCHECK_ANSWERS = "<b>Your answers</b>"
SELFCHECK_YES = "Yes"
SELFCHECK_NO = "No"
SELFCHECK_NOT_STORED = "<i>Nothing from this self-check is stored unless you tap “Keep my answers”.</i>"
BUTTON_START = "▶️ Start"
BUTTON_YES = "Yes"
BUTTON_NO = "No"
BUTTON_KEEP_ANSWERS = "💾 Keep my answers"
BUTTON_AGAIN = "🔁 Start again"
ANSWER_KEPT = "Kept. /export shows them; /delete removes them."
ANSWER_ALREADY_KEPT = "Already kept. /export shows them; /delete removes them."
SELFCHECK_KEPT = "💾 <i>Your answers were kept on {date}. /export shows them; /delete removes them.</i>"

# --- /meds: medicines, their timeline and reminders ---
# A dose is the person's own text: shown as written, never checked, compared or suggested, so no message here puts a
# number next to a medicine's name.

MEDS_TITLE = "💊 <b>Your medicines</b>"
MEDS_EMPTY = (
    "Nothing here yet. I can keep a dated list of the medicines you take, with each dose as you write it, and "
    "remind you at your usual times if you like. I never check, suggest or compare doses.\n\n"
    "Tap ➕ Add a medicine, or type it, for example <code>/meds add ropinirole 0.25 mg at 20:00</code>."
)
MEDS_TAKING = "<b>Taking</b>"
MEDS_STOPPED_HEADING = "<b>Stopped</b>"
MEDS_STOPPED_ON = "stopped {date}"
MEDS_LIST_FOOTER = "🔔 = reminder on. Tap a medicine to change it. To type instead: <code>/meds help</code>"
MEDS_USAGE = (
    "<b>/meds by typing</b> (N is the medicine's number in /meds)\n\n"
    "<code>/meds add ropinirole 0.25 mg at 20:00</code> — add one; started earlier? add <code>from {day}</code>\n"
    "<code>/meds dose N 0.5 mg</code> — its dose from today (or add <code>from {day}</code>)\n"
    "<code>/meds times N 8:00, 20:00</code> — its usual times (<code>none</code> clears them)\n"
    "<code>/meds remind N on</code> — a reminder at those times (<code>off</code> ends it)\n"
    "<code>/meds stop N</code> — you stopped taking it today (or add the date: <code>{day}</code>)\n"
    "<code>/meds restart N</code> — you take it again\n"
    "<code>/meds history</code> — every start, new dose and stop, by date"
)
MEDS_CARD_TITLE = "💊 <b>{name}</b> (number {number})"
MEDS_CARD_DOSE = "Dose: {dose}"
MEDS_CARD_LAST_DOSE = "Last dose: {dose}"
MEDS_CARD_NO_DOSE = "Dose: not given"
MEDS_CARD_TIMES = "Usual times: {times}"
MEDS_CARD_NO_TIMES = "Usual times: none yet"
MEDS_CARD_REMINDER_ON = "Reminder: 🔔 on, next {when}"
MEDS_CARD_REMINDER_WAITING = "Reminder: 🔔 on, waiting for your time zone (/timezone)"
MEDS_CARD_REMINDER_OFF = "Reminder: off"
MEDS_CARD_SINCE = "Taking it since {date}"
MEDS_CARD_STOPPED = "Stopped on {date}"
MEDS_PICK = "➕ <b>Which medicine?</b> Tap its name, or ✍️ Another medicine to type it."
MEDS_ASK_NAME = (
    "✍️ Type the medicine's name as it is on the box, for example <code>Requip XL</code> or <code>melatonin</code>."
)
MEDS_ADDED = "✅ <b>{name}</b> is on your list as number {number}."
MEDS_ASK_DOSE = (
    "What dose is on the label? Type it exactly as written there or as your prescriber wrote it (the strength and "
    "how many), or tap Skip. I keep it as you write it."
)
MEDS_ASK_TIMES = (
    "At what time of day do you usually take it? For example <code>20:00</code>, or <code>8:00, 20:00</code> for "
    "more than one (up to {max}). Or tap Skip."
)
MEDS_ASK_REMIND = "Shall I remind you at {times} to take <b>{name}</b>, as prescribed?"
MEDS_ASK_NEW_DOSE = (
    "✏️ Type the dose of <b>{name}</b> exactly as on the label or as your prescriber wrote it. It counts from today; "
    "from another day: <code>/meds dose {number}</code>, the dose, then <code>from {day}</code>."
)
MEDS_ASK_NEW_TIMES = (
    "🕒 Type the usual times for <b>{name}</b>, for example <code>20:00</code> or <code>8:00, 20:00</code> (up to "
    "{max}), or <code>none</code> to clear them."
)
MEDS_DOSE_NOTED = "✏️ Dose: {dose}"
MEDS_DOSE_CHANGED = "✏️ <b>{name}</b>: {dose} from {date}. It is in your history (/meds history)."
MEDS_DOSE_SAME = "<b>{name}</b> is recorded at {dose} already. Nothing was changed."
MEDS_TIMES_SET = "🕒 <b>{name}</b>: usual times {times}."
MEDS_TIMES_CLEARED = "🕒 <b>{name}</b> has no usual times now, so no reminder."
MEDS_TIMES_SAME = "<b>{name}</b> has these times already. Nothing was changed."
MEDS_REMINDING = "🔔 I'll remind you at {times} to take <b>{name}</b>, as prescribed. Next: {when}."
MEDS_REMINDING_NEEDS_ZONE = (
    "🔔 Reminder on for <b>{name}</b> at {times}. One more step: tell me your time zone, so that it comes at your "
    "time.\n\n"
) + ZONE_EXAMPLES
MEDS_NOT_REMINDING = "🔕 No reminders for <b>{name}</b>. It stays on your list."
MEDS_REMIND_NEEDS_TIMES = (
    "<b>{name}</b> has no usual times yet, so there is nothing to remind you of. Add them first, for example "
    "<code>/meds times {number} 20:00</code>."
)
MEDS_STOP_ASK = (
    "⏹ <b>Record that you stopped {name}?</b>\n\n"
    "It stays in your history, and its reminders end. Stopping or changing a medicine is best agreed with your "
    "prescriber.\n\n"
    "Stopped on another day? Type <code>/meds stop {number} {day}</code> with that date."
)
MEDS_STOPPED_DONE = (
    "⏹ <b>{name}</b>: stopped on {date}. It stays in your history, and it has no reminders now. If you take it "
    "again: <code>/meds restart {number}</code>."
)
MEDS_ALREADY_STOPPED = (
    "<b>{name}</b> is recorded as stopped on {date} already. If you take it again: <code>/meds restart {number}</code>."
)
MEDS_RESTARTED = "▶️ <b>{name}</b>: taking it again from {date}."
MEDS_NOT_STOPPED = "<b>{name}</b> is not recorded as stopped. Nothing was changed."
MEDS_IS_STOPPED = (
    "<b>{name}</b> is recorded as stopped. If you take it again: <code>/meds restart {number}</code> (with the "
    "dose after it if it is a different one). Nothing was changed."
)
MEDS_DUPLICATE = (
    "<b>{name}</b> is on your list already, as number {number}. A new dose: <code>/meds dose {number}</code> and "
    "the dose. Nothing was added."
)
MEDS_DUPLICATE_STOPPED = (
    "<b>{name}</b> is on your list as stopped (number {number}). If you take it again: "
    "<code>/meds restart {number}</code>. Nothing was added."
)
MEDS_TOO_MANY = (
    "You have {max} medicines recorded as taken, the most I keep. Record one as stopped first. Nothing was added."
)
MEDS_FULL = "Your list holds {max} medicines, stopped ones included: the most I keep. Nothing was added."
MEDS_TOO_MANY_CHANGES = "<b>{name}</b> has {max} changes recorded, the most I keep. Nothing was changed."
MEDS_FUTURE = "{date} has not come yet. I record a change on its day or afterwards. Nothing was changed."
MEDS_TOO_OLD = "{date} is a very long time ago: please check the year. Nothing was changed."
MEDS_BEFORE_LAST = (
    "The latest change of <b>{name}</b> is recorded on {date}, so a new one must be on that day or after. "
    "Nothing was changed."
)
MEDS_NOT_FOUND = "There is no number <b>{number}</b> in your list: /meds shows the numbers. Nothing was changed."
MEDS_NOT_FOUND_EMPTY = (
    "Your list is empty so far. Add a medicine first, for example <code>/meds add ropinirole 0.25 mg at 20:00</code>."
)
# What the /meds text could not read (bot.core.medicine_commands), then MEDS_NOTHING_CHANGED and an example.
MEDS_PROBLEMS = {
    "unknown_verb": "Sorry, I don't know <b>{text}</b> after /meds.",
    "missing_name": "Please put the medicine's name after <code>add</code>.",
    "missing_number": "Please put the medicine's number in your list after the word (/meds shows the numbers).",
    "bad_number": "<b>{text}</b> is not a number in your list (/meds shows the numbers).",
    "missing_dose": "Please put the dose after the number, as written on the label.",
    "missing_times": "Please give at least one time of day.",
    "bad_time": (
        "I could not read <b>{text}</b> as a time of day. Write times like <code>20:00</code> or <code>8:30</code>, "
        "with a comma between two: <code>8:00, 20:00</code>."
    ),
    "too_many_times": "That is more than {limit} times: I keep up to {limit} a day for each medicine.",
    "missing_date": "Please put the date after it, as YYYY-MM-DD, for example <code>{day}</code>.",
    "bad_date": (
        "I could not read <b>{text}</b> as a date. Please write it as YYYY-MM-DD, for example <code>{day}</code>."
    ),
    "bad_switch": "Please end with <code>on</code> or <code>off</code>.",
    "too_long_name": "That name is longer than {limit} characters. Please shorten it.",
    "too_long_dose": "That dose is longer than {limit} characters. Please shorten it.",
    "unexpected": "I did not understand <b>{text}</b> there.",
}
MEDS_NOTHING_CHANGED = "Nothing was changed."
MEDS_FOR_EXAMPLE = "For example: {example}"
MEDS_EXAMPLES = {
    "add": "<code>/meds add ropinirole 0.25 mg at 20:00</code>",
    "dose": "<code>/meds dose 1 0.5 mg</code>",
    "times": "<code>/meds times 1 8:00, 20:00</code>",
    "stop": "<code>/meds stop 1</code> or <code>/meds stop 1 {day}</code>",
    "restart": "<code>/meds restart 1</code>",
    "remind": "<code>/meds remind 1 on</code> or <code>/meds remind 1 off</code>",
    "list": "/meds",
    "history": "/meds history",
}
MEDS_WORSENING = "ℹ️ <b>{group}</b>\n{note}\n{sources}"
MEDS_HISTORY_TITLE = "📜 <b>Your medicine history</b>"
MEDS_HISTORY_EMPTY = "📜 Nothing in your medicine history yet. Send /meds to add a medicine."
MEDS_EVENTS = {"started": "started", "dose_changed": "new dose", "stopped": "stopped", "restarted": "taken again"}
MEDS_HISTORY_FOOTER = "<i>Doses as you wrote them. You can show this list to your clinician.</i>"
BUTTON_MEDS_ADD = "➕ Add a medicine"
BUTTON_MEDS_HISTORY = "📜 History"
BUTTON_MEDS_OTHER = "✍️ Another medicine"
BUTTON_MEDS_ALL = "⬅️ All medicines"
BUTTON_MEDS_DOSE = "✏️ Change dose"
BUTTON_MEDS_TIMES = "🕒 Times"
BUTTON_MEDS_REMIND_ON = "🔔 Turn reminder on"
BUTTON_MEDS_REMIND_OFF = "🔕 Turn reminder off"
BUTTON_MEDS_STOP = "⏹ Stopped taking it"
BUTTON_MEDS_STOPPED_TODAY = "⏹ Stopped today"
BUTTON_MEDS_RESTART = "▶️ Taking it again"
BUTTON_MEDS_SKIP = "⏭ Skip"
BUTTON_MEDS_REMIND_YES = "🔔 Yes, remind me"
BUTTON_MEDS_REMIND_NO = "No, thanks"
ANSWER_MEDS_GONE = "This medicine is no longer on your list"
ANSWER_MEDS_REMIND_ON = "Reminder on 🔔"
ANSWER_MEDS_REMIND_OFF = "Reminder off 🔕"
ANSWER_MEDS_STOPPED = "Recorded as stopped today"
ANSWER_MEDS_RESTARTED = "Recorded: taking it again"
ANSWER_MEDS_NEEDS_TIMES = "First tell me the usual times"
# A medicine reminder (bot.delivery.dose, dose_snooze) and its buttons.
DOSE_REMINDER = "💊 <b>Time for {name}</b> ({dose}), {time} — as prescribed."
DOSE_REMINDER_NO_DOSE = "💊 <b>Time for {name}</b>, {time} — as prescribed."
DOSE_SNOOZE_HEADER = "⏰ <b>Your snoozed reminder</b>"
DOSE_FOOTER = "<i>/meds changes the times or turns this reminder off.</i>"
BUTTON_TAKEN = "✅ Taken"
BUTTON_DOSE_SKIP = "Skip"
DOSE_TAKEN = "✅ <i>Taken ({time}).</i>"
DOSE_SKIPPED = "<i>Skipped this time.</i>"
ANSWER_TAKEN = "Marked as taken ✅"
ANSWER_DOSE_SKIPPED = "Skipped this time"
ANSWER_ALREADY_TAKEN = "Already marked as taken ✅"
ANSWER_ALREADY_DOSE_SKIPPED = "Already skipped"
ANSWER_DOSE_ALREADY_SNOOZED_NO_TIME = "Already snoozed once"
ANSWER_DOSE_TOO_LATE = "This reminder is more than {hours} hours old, so it can't be snoozed"

# --- /iron: iron results, infusions, planned tests and recalls ---

# /iron: the history, oldest first; results numbered as /iron delete N counts them, infusions between them.
IRON_TITLE = "🩸 <b>Your iron results</b>"
IRON_NONE = "No results yet. Tap ➕ Add a result, or type one as in the example below."
# {position}. {date}: values. {date} has its year: "Fri 20 Nov 2026".
IRON_RESULT_LINE = "{position}. <b>{date}</b>: {values}"
IRON_RESULT = "<b>{date}</b>: {values}"
IRON_INFUSION_LINE = "💉 <b>{date}</b>: iron infusion"
IRON_FERRITIN = "ferritin {value} ng/mL"
IRON_TSAT = "TSAT {value} %"
IRON_TSAT_FROM = "TSAT {value} % (from iron {iron} and TIBC {tibc})"
IRON_HB = "Hb {value} g/dL"
IRON_MORNING_YES = "<i>morning, after 24 h without iron</i>"
IRON_MORNING_NO = "<i>not a morning test after 24 h without iron</i>"
IRON_PLANNED_TEST = "🗓 Blood test planned for <b>{date}</b>. Reminder: {when}."
IRON_PLANNED_RECALL = "🔔 Reminder to ask about a new iron test: {when}."
IRON_FOOTER = (
    "<i>Type a result: <code>/iron {today} ferritin 45 tsat 18</code> (also <code>iron 60 tibc 300</code>, "
    "<code>hb 13.5</code>, <code>morning fasting</code>). Delete one: <code>/iron delete 1</code>. "
    "These are the numbers from your reports; ℹ️ says what they mean in general.</i>"
)
BUTTON_IRON_ADD = "➕ Add a result"
BUTTON_IRON_INFUSION = "💉 Infusion"
BUTTON_IRON_TEST = "🗓 Plan a test"
BUTTON_IRON_RECALL = "🔔 Recall"
BUTTON_IRON_INFO = "ℹ️ What the numbers mean"
BUTTON_IRON_TODAY = "📅 Today, {date}"
BUTTON_IRON_SKIP = "⏭ Skip"
BUTTON_IRON_NOT_SURE = "Not sure"
BUTTON_IRON_MONTHS = "{months} months"
BUTTON_IRON_RECALL_OFF = "🔕 Turn it off"
BUTTON_IRON_TEST_OFF = "🗑 Cancel the test reminder"
BUTTON_IRON_DELETE_INFUSION = "🗑 {date}"

# ➕ Add a result: one question at a time; a typed answer that cannot be read gets the question again.
IRON_ASK_DAY = (
    "🩸 <b>New result.</b> On which day was the blood drawn? Tap Today, or type the date as YYYY-MM-DD, "
    "for example <code>{example}</code>."
)
IRON_ASK_FERRITIN = (
    "🩸 <b>{date}</b>. What is your <b>ferritin</b>? Type the number, for example <code>45</code> "
    "(ng/mL, the same as µg/L), or tap Skip."
)
IRON_ASK_TSAT = (
    "What is your <b>transferrin saturation</b> (TSAT)? Type the percentage, for example <code>18</code>. "
    "If the report gives serum iron and TIBC instead, type both, for example <code>iron 60 tibc 300</code>, "
    "and I'll work it out."
)
IRON_ASK_OR_SKIP = "Or tap Skip."
IRON_ASK_HB = (
    "And your <b>haemoglobin</b> (Hb), if the report has it? Type it, for example <code>13.5</code> (g/dL; "
    "<code>135 g/L</code> works too), or tap Skip."
)
IRON_ASK_MORNING = (
    "Was the blood drawn <b>in the morning, after 24 hours without iron</b> (no iron tablets or iron-rich foods)?"
)
IRON_NOT_READ = (
    "I lost track of the result you were adding, so nothing was saved. Tap ➕ Add a result in /iron to start "
    "again, or type it."
)
IRON_NEEDS_A_VALUE = (
    "A result needs at least ferritin or transferrin saturation, so nothing was saved. Tap ➕ Add a result in "
    "/iron to start again."
)
IRON_SAVED = "✅ <b>Saved.</b> {line}"
IRON_SAVED_REPLACING = "✅ <b>Saved</b>, in place of the result you had for that day. {line}"
IRON_SEE_ALL = "<i>All your results: /iron</i>"
ANSWER_IRON_NOTED = "Noted"
ANSWER_IRON_GONE = "That is no longer stored. Send /iron to see what is."

# Dates people type for a result or an infusion.
IRON_DAY_AHEAD = "<b>{date}</b> is still to come. Please type the day the blood was drawn, up to today."
IRON_INFUSION_DAY_AHEAD = "<b>{date}</b> is still to come. Please type the day of the infusion, up to today."
IRON_DAY_TOO_OLD = "Please check the year of <b>{date}</b>: I take dates from {first} on."

IRON_DELETED = "🗑 Result {position} deleted. {line}"
IRON_DELETE_NOT_FOUND = "There is no result {position}. Send /iron to see your results with their numbers."

# 💉 Infusion
IRON_INFUSIONS = (
    "💉 <b>Iron infusions</b>\n{infusions}\n\n"
    "To add one, tap Today or type its date as YYYY-MM-DD, for example <code>{example}</code>."
)
IRON_INFUSIONS_DELETE = "To delete one, tap it."
IRON_INFUSIONS_NONE = "None noted yet."
IRON_INFUSION_SAVED = "💉 Infusion on <b>{date}</b> noted. /iron shows it with your results."
IRON_INFUSION_ALREADY = "The infusion on <b>{date}</b> was noted already."
IRON_INFUSION_DELETED = "🗑 Deleted the infusion on <b>{date}</b>."
ANSWER_IRON_INFUSION_DELETED = "Infusion deleted"

# 🗓 Plan a test (/iron test DATE): the reminder the evening before, at the evening reminder time.
IRON_ASK_TEST = (
    "🗓 <b>On which day is your blood test?</b> Type the date as YYYY-MM-DD, for example <code>{example}</code>. "
    "I'll remind you the evening before at {time}."
)
IRON_TEST_PLANNED = "🗓 <b>Blood test planned for {date}.</b> I'll remind you the evening before: {when}."
IRON_TEST_REPLACED = "It replaces the test planned for {date}."
IRON_TEST_NOT_AHEAD = "<b>{date}</b> is not ahead of us. A test can be planned from tomorrow on. Nothing was changed."
IRON_TEST_TOO_FAR = "<b>{date}</b> is more than two years ahead. Please plan a nearer test. Nothing was changed."
IRON_TEST_TOO_LATE = (
    "Your test on <b>{date}</b> is too soon for a reminder the evening before, so here it is now: it is best done "
    "in the morning. Ask your clinician whether to pause iron tablets and iron-rich foods for 24 hours before "
    "it — only on their advice."
)
IRON_TEST_CANCELLED = "🗑 The reminder for the test on <b>{date}</b> is cancelled."
IRON_TEST_NONE = "No test is planned, so there was nothing to cancel."
IRON_NEEDS_ZONE = (
    "To remind you at the right time I need your time zone first, for example <code>/timezone Berlin</code>, "
    "or share your location with the button below. Nothing was changed."
)

# 🔔 Recall (/iron recall N): ask about a new test N months from now, at the morning check-in time.
IRON_ASK_RECALL = "🔔 <b>When should I remind you to ask your clinician about a new iron test?</b>"
IRON_RECALL_SET = "🔔 I'll remind you to ask your clinician about a new iron test: {when}."
IRON_RECALL_OFF = "🔕 The reminder to ask about a new iron test is off."
IRON_RECALL_NONE = "No reminder to ask about a new iron test was set."

# The scheduled messages (bot.delivery.iron_test, bot.delivery.iron_recall). {date}: "Friday 15 January".
IRON_TEST_REMINDER = (
    "🩸 <b>Your blood test is tomorrow, {date}.</b>\n\n"
    "It is best done in the morning. Ask your clinician whether to pause iron tablets and iron-rich foods for "
    "24 hours before it — only on their advice.\n\n"
    "<i>Afterwards you can note the results with /iron.</i>"
)
IRON_RECALL_REMINDER = (
    "🔔 <b>You asked me to remind you:</b> ask your clinician about a new iron test (ferritin and transferrin "
    "saturation).\n\n"
    "<i>Once it is booked, <code>/iron test YYYY-MM-DD</code> reminds you the evening before.</i>"
)

# ℹ️ What the numbers mean: the reviewed iron section of /treatments, under this line.
IRON_INFO_INTRO = (
    "<i>General information, not a reading of your own results: your clinician looks at those with you. "
    "It is also under /treatments iron.</i>"
)

# What could not be read in /iron …; then "Nothing was changed." and an example of the form.
IRON_PROBLEMS = {
    "unknown_verb": "I don't know <b>{text}</b> after /iron.",
    "missing_date": "Please start with the date, as YYYY-MM-DD.",
    "bad_date": "I could not read <b>{text}</b> as a date. Please write it as YYYY-MM-DD.",
    "missing_value": "A result needs at least ferritin, TSAT, or serum iron with TIBC.",
    "missing_number": "Please add a number after <b>{field}</b>.",
    "bad_number": "I could not read <b>{text}</b> as a number for {field}.",
    "bad_unit": "<b>{text}</b> is not a unit for {field}, which takes {units}.",
    "out_of_range": "{field} <b>{text}</b> looks unlikely. Please check the number and its unit on the report.",
    "repeated": "<b>{text}</b> is there twice.",
    "missing_pair": "Serum iron and TIBC go together. Please add {field} too.",
    "iron_not_below_tibc": "Serum iron should be lower than TIBC (<b>{text}</b>). Please check both on the report.",
    "units_differ": "Serum iron and TIBC need the same unit (<b>{text}</b>).",
    "disagree": (
        "The TSAT you typed, <b>{text}</b>, does not match serum iron and TIBC, which give {computed} %. "
        "Please check them on the report, or leave TSAT out."
    ),
    "unexpected": "I did not expect <b>{text}</b> there.",
    "missing_months": "Please add the number of months, from 1 to 24.",
    "bad_months": "Please give the months as a whole number from 1 to 24, not <b>{text}</b>.",
    "missing_position": "Please add the number of the result, as /iron lists it.",
    "bad_position": "Please give the number of the result as /iron lists it, not <b>{text}</b>.",
}
IRON_FIELDS = {
    "ferritin": "ferritin",
    "tsat": "TSAT",
    "iron": "serum iron",
    "tibc": "TIBC",
    "hb": "haemoglobin",
}
IRON_NOTHING_CHANGED = "Nothing was changed."
IRON_EXAMPLE = "For example: {example}"
# One example per form of /iron; {today} and {ahead} are dates.
IRON_EXAMPLES = {
    "result": "<code>/iron {today} ferritin 45 tsat 18</code>",
    "infusion": "<code>/iron infusion {today}</code>",
    "test": "<code>/iron test {ahead}</code> (or <code>/iron test off</code>)",
    "recall": "<code>/iron recall 6</code> (or <code>/iron recall off</code>)",
    "delete": "<code>/iron delete 1</code>",
    "list": "<code>/iron</code>",
}
IRON_USAGE = (
    "<b>/iron</b> keeps your iron results:\n"
    "• <code>/iron {today} ferritin 45 tsat 18</code>: a result (also <code>iron 60 tibc 300</code>, "
    "<code>hb 13.5</code>, <code>morning fasting</code>)\n"
    "• <code>/iron infusion {today}</code>: an iron infusion\n"
    "• <code>/iron test {ahead}</code>: a reminder the evening before a blood test\n"
    "• <code>/iron recall 6</code>: a reminder in 6 months to ask about a new test\n"
    "• <code>/iron delete 1</code>: delete result 1\n"
    "• <code>/iron</code>: your results, with buttons"
)

# --- the symptom-onset clock and its early warning ---

# The check-in's step after the score; keys are those of bot.core.onset. {day} is the day the night began.
ONSET_QUESTION = (
    "🌅 <i>Night of {night}</i>: legs <b>{score}/10</b>.\n\n"
    "🕒 <b>When did your symptoms start yesterday?</b>\nOne tap, or Skip."
)
# Any night but last night once it is over, as CHECKIN_FACTORS_QUESTION_ON_DAY.
ONSET_QUESTION_ON_DAY = (
    "🌅 <i>Night of {night}</i>: legs <b>{score}/10</b>.\n\n"
    "🕒 <b>On {day}, when did your symptoms start?</b>\nOne tap, or Skip."
)
ONSET_BUTTONS = {
    "none": "No symptoms",
    "bed": "In bed",
    "evening": "In the evening",
    "afternoon": "In the afternoon",
    "morning": "In the morning",
}
# Asked on the check-in of the weekly-summary day (and on a person's first check-in).
ARMS_QUESTION = (
    "🌅 <i>Night of {night}</i>: legs <b>{score}/10</b>.\n\n"
    "📅 <b>Once a week:</b> did your symptoms reach your arms or other parts of your body this week?"
)
ARMS_QUESTION_ON_DAY = (
    "🌅 <i>Night of {night}</i>: legs <b>{score}/10</b>.\n\n"
    "📅 <b>Once a week:</b> in the week up to {day}, did your symptoms reach your arms or other parts of your body?"
)
SITTING_QUESTION = (
    "🌅 <i>Night of {night}</i>: legs <b>{score}/10</b>.\n\n"
    "📅 <b>Once a week:</b> in the evening, how long can you sit still before your symptoms start?"
)
SITTING_QUESTION_ON_DAY = (
    "🌅 <i>Night of {night}</i>: legs <b>{score}/10</b>.\n\n"
    "📅 <b>Once a week:</b> in the week up to {day}, how long could you sit still in the evening before your "
    "symptoms started?"
)
SITTING_BUTTONS = {
    "under15": "Under 15 min",
    "15to60": "15–60 min",
    "over60": "Over an hour",
    "none": "No symptoms",
}
BUTTON_SKIP_QUESTION = "⏭ Skip"
ANSWER_ONSET_NOTED = "Noted: {answer}"
ANSWER_ONSET_SKIPPED = "Skipped"
# Lines of the saved check-in, under its score.
ONSET_SAVED = {
    "none": "🕒 No symptoms that day.",
    "bed": "🕒 Symptoms started in bed.",
    "evening": "🕒 Symptoms started in the evening.",
    "afternoon": "🕒 Symptoms started in the afternoon.",
    "morning": "🕒 Symptoms started in the morning.",
}
ARMS_SAVED_YES = "📅 That week, symptoms reached your arms or other parts of your body."
ARMS_SAVED_NO = "📅 That week, symptoms did not reach your arms or other parts of your body."
SITTING_SAVED = {
    "under15": "📅 Sitting still in the evening: symptoms within 15 minutes.",
    "15to60": "📅 Sitting still in the evening: symptoms after 15–60 minutes.",
    "over60": "📅 Sitting still in the evening: symptoms after more than an hour.",
    "none": "📅 Sitting still in the evening: no symptoms.",
}

# The early warning: a calm description of a change in the person's own answers (bot.core.onset.Change), never a
# verdict, never a dose. {recent} and {baseline} are ONSET_PHRASES or SITTING_PHRASES.
ONSET_PHRASES = {
    "bed": "in bed",
    "evening": "in the evening",
    "afternoon": "in the afternoon",
    "morning": "in the morning",
}
SITTING_PHRASES = {
    "under15": "under 15 minutes",
    "15to60": "15–60 minutes",
    "over60": "over an hour",
}
ONSET_WARNING_HEADER = "🕒 <b>A change in your diary</b>\n\nYour last three weeks of answers, next to your first weeks:"
ONSET_CHANGE_ONSET = (
    "• Your symptoms have been starting <b>{recent}</b> for the last three weeks; in your first weeks they "
    "started {baseline}."
)
ONSET_CHANGE_ONSET_FROM_NONE = (
    "• Your symptoms have been starting <b>{recent}</b> for the last three weeks; in your first weeks you mostly "
    "had none."
)
ONSET_CHANGE_SITTING = (
    "• You can sit still in the evening for a shorter time before symptoms start: <b>{recent}</b> lately, "
    "{baseline} in your first weeks."
)
ONSET_CHANGE_SITTING_FROM_NONE = (
    "• You can sit still in the evening for a shorter time before symptoms start: <b>{recent}</b> lately; in "
    "your first weeks you could sit still without symptoms."
)
ONSET_CHANGE_ARMS = (
    "• Your symptoms have reached <b>your arms or other parts of your body</b> on {supporting} of the last "
    "{answers} weekly check-ins; in your first weeks they had not."
)
ONSET_WARNING_CLINICIAN = "This kind of change is worth showing a clinician soon."
# {medicines}: the dopamine medicines on the person's list, as they entered them ("ropinirole, levodopa").
ONSET_WARNING_CLINICIAN_DOPAMINE = (
    "This kind of change is worth showing a clinician soon, particularly with a dopamine medicine or levodopa on "
    "your list ({medicines})."
)
ONSET_WARNING_MEDICINES = "Please do not change or stop any medicine on your own: talk it over with your clinician."
ONSET_WARNING_FOOTER = (
    "<i>This describes your own answers; it is not a diagnosis. Your nights on a chart, to show at the "
    "appointment: /progress</i>"
)

# The weekly summary's line when the usual time symptoms start changed from the week before.
WEEKLY_ONSET = (
    "🕒 Symptoms started {when} on {count} of the {nights} nights you answered this week (the week before: {before})."
)
WEEKLY_ONSET_NONE = (
    "🕒 No symptoms on {count} of the {nights} nights you answered this week (the week before: {before})."
)
# {before} of WEEKLY_ONSET and WEEKLY_ONSET_NONE.
WEEKLY_ONSET_BEFORE = {
    "none": "mostly no symptoms",
    "bed": "mostly in bed",
    "evening": "mostly in the evening",
    "afternoon": "mostly in the afternoon",
    "morning": "mostly in the morning",
}

# --- /progress: the diary's rows ---

# Labels of the chart's rows: about 15 characters at most, or they are cut short with "…".
CHART_ONSET_LABEL = "Symptoms from"
CHART_SITTING_LABEL = "Sitting still"
CHART_ARMS_LABEL = "Arms or body"
CHART_FERRITIN_LABEL = "Ferritin ng/mL"
CHART_TSAT_LABEL = "TSAT %"
# The legend under the chart: what each height of bar means ("Symptoms from: afternoon"), short. "none" is a thin
# grey line that needs no word.
CHART_ONSET_WORDS = {
    "bed": "bedtime",
    "evening": "evening",
    "afternoon": "afternoon",
    "morning": "morning",
}
CHART_SITTING_WORDS = {
    "over60": "over 1 hour",
    "15to60": "15–60 min",
    "under15": "under 15 min",
}
# Flags across the scores on the day a medicine changed; {name} is the medicine as the person knows it.
CHART_MEDICINE_MARKS = {
    "started": "Started {name}",
    "dose_changed": "{name}: new dose",
    "stopped": "Stopped {name}",
    "restarted": "Restarted {name}",
}
CHART_INFUSION_LABEL = "Iron infusion"

# --- /note and /notes ---

# /note alone. {example} is a note as an example, already wrapped in <code>.
NOTE_HOW = (
    "📝 <b>Notes</b> keep what you want to remember, with its date: a side effect, a question for your doctor, a "
    "bad week. Write it after the command, for example:\n{example}\n\n"
    "/notes shows your notes, newest first. A note with a question mark goes on the “Questions I want to ask” "
    "list of your /report."
)
NOTE_EXAMPLE = "/note Legs worse after the long flight. Ask about iron?"
NOTE_SAVED = "📝 Note kept for <b>{date}</b>. /notes shows all your notes."
# {length}: the characters sent; {limit}: the most a note can have.
NOTE_TOO_LONG = (
    "Sorry, that note has {length} characters and a note can have at most {limit}. Please shorten it (or split it "
    "in two) and send it again. Nothing was stored."
)
NOTE_LIMIT = (
    "You have {limit} notes already, the most I keep. Please delete some you no longer need with /notes, then "
    "send this one again. Nothing was stored."
)
NOTES_NONE = "You have no notes yet. Keep one with /note, for example:\n{example}"
NOTES_TITLE = "📝 <b>Your notes</b>, newest first:"
# One note of the list: {number} as in /notes delete N, {date} its day, {clock} the time it was written (in the
# person's zone), {text} the note itself.
NOTES_LINE = "<b>{number}.</b> {date}, {clock}\n{text}"
# Under the list (the latest notes have a 🗑 button; any note can be deleted by its number).
NOTES_HOW_TO_DELETE = (
    "To delete a note, tap 🗑 with its number below, or send <code>/notes delete</code> and its number, for "
    "example <code>/notes delete 1</code>."
)
NOTES_USAGE = (
    "Sorry, I could not read that. /notes lists your notes; <code>/notes delete 2</code> deletes note 2 of the "
    "list. Nothing was changed."
)
NOTES_DELETE_NOT_FOUND = "There is no note {position}. /notes shows the numbers. Nothing was deleted."
# {date} the deleted note's day; {text} its beginning, shortened.
NOTE_DELETED = "🗑 Deleted your note of {date}: <i>{text}</i>"
BUTTON_NOTE_DELETE = "🗑 {number}"
ANSWER_NOTE_DELETED = "Note deleted"
ANSWER_NOTE_GONE = "Already deleted"

# --- /report: the one-page PDF for the clinician ---
# The PDF is read by a busy clinician: plain labels, numbers with their units, no advice, no verdict. Every text
# below is printed as plain text (no HTML). Dates are like "20 Nov 2026".

REPORT_USAGE = (
    "Sorry, I could not read <b>{text}</b> as a number of nights. Send /report for the last 90 nights, or a number "
    "from {min} to {max}, for example <code>/report 180</code>. Nothing was changed."
)
REPORT_EMPTY = (
    "📄 Your diary has nothing in the last {days} nights yet, so the report would be an empty page.\n\n"
    "It fills in as you record your nights (/log, or the morning /checkin), your medicines (/meds), iron results "
    "(/iron) and notes (/note). Then send /report again before your appointment."
)
REPORT_CAPTION = (
    "📄 Your diary for the nights of {period}, on one page for your clinician. Print it or show it on "
    "your phone. It holds only what you entered; /notes and /meds change what it shows."
)
REPORT_FILE_NAME = "rls-diary-report"
REPORT_TITLE = "RLS diary: report for the clinician"
# {first}, {last}: the period's first and last nights; {nights}: how many nights it spans.
REPORT_SUBTITLE = "Nights of {first} to {last} ({nights} nights) · Name: ______________________________"
REPORT_FOOTER = (
    "Made by the person with RLS Coach from their own diary. Not a medical record. Made on {date}. "
    "Page {{page}} of {{pages}}"
)
REPORT_SYMPTOMS = "Symptoms"
# {period}: REPORT_RANGE, "8 Sep – 6 Dec 2026".
REPORT_THIS_PERIOD = "This period: {period}"
REPORT_PERIOD_BEFORE = "The {nights} nights before: {period}"
REPORT_NIGHTS_RECORDED = "Nights recorded"
REPORT_OF_NIGHTS = "{count} of {nights}"
REPORT_SYMPTOM_NIGHTS = "Nights with symptoms"
# {per_week}: nights with symptoms in seven recorded nights; {count} of {recorded} recorded nights.
REPORT_PER_WEEK = "{per_week} per week ({count} of {recorded})"
REPORT_MEDIAN = "Median score (0–10)"
REPORT_EVENINGS_DONE = "Evening tip marked done"
REPORT_OF_EVENINGS = "{count} of {evenings} evenings"
REPORT_NONE = "–"
REPORT_SCORE_EXPLAINED = (
    "Score: the person's own rating each morning of the night's symptoms, 0 = none, 10 = worst. Nights with "
    "symptoms: a score above 0, per 7 recorded nights."
)
REPORT_CHART_TITLE = "Each night, {period}"
REPORT_ONSET = "When symptoms start"
REPORT_ONSET_COLUMN = "Symptoms started (nights answered)"
REPORT_RANGE = "{first} – {last}"
REPORT_SITTING_COLUMN = "Sitting still in the evening before symptoms (weekly answers)"
# {answered} weekly answers, {yes} of them yes; {first} the first night answered yes.
REPORT_ARMS = "Symptoms in the arms or other parts of the body: yes in {yes} of {answered} weekly answers."
REPORT_ARMS_FIRST = (
    "Symptoms in the arms or other parts of the body: yes in {yes} of {answered} weekly answers (first on {first})."
)
# An early warning the bot sent (bot.core.onset): {date} the night it was found, {said} its sentences as sent.
REPORT_ONSET_WARNING = "Change notice the bot sent after the night of {date}: “{said}”"
REPORT_ONSET_EXPLAINED = "Counts of the person's answers in each half of the period."
REPORT_MEDICINES = "Medicines, as the person entered them"
REPORT_DATE = "Date"
REPORT_MEDICINE = "Medicine"
REPORT_CHANGE = "Change"
REPORT_DOSE = "Dose as written"
REPORT_MEDICINES_EARLIER = "{count} earlier changes are not shown; /meds in the bot lists them all."
REPORT_MEDICINES_EXPLAINED = "Changes before {first} are shown for the medicines taken when the period began."
REPORT_IRON = "Iron blood tests"
REPORT_DRAWN = "Drawn"
REPORT_FERRITIN = "Ferritin ng/mL"
REPORT_TSAT = "TSAT %"  # the same words as the chart's CHART_TSAT_LABEL
REPORT_SERUM_IRON = "Serum iron"
REPORT_TIBC = "TIBC"
REPORT_HB = "Hb g/dL"
REPORT_MORNING = "Morning, no iron for 24 h"
REPORT_YES = "yes"
REPORT_NO = "no"
REPORT_NOT_SAID = "not said"
REPORT_IRON_BEFORE = "The first result, from before {first}, is there for comparison."
REPORT_IRON_EARLIER = "{count} earlier results are not shown; /iron in the bot lists them all."
REPORT_INFUSIONS = "Iron infusions: {dates}."
REPORT_INFUSIONS_EARLIER = "Iron infusions: {dates}, and {count} earlier."
REPORT_HABITS = "Habits and scores"
REPORT_HABIT = "Marked on the check-in"
REPORT_NIGHTS_MARKED = "Nights marked"
REPORT_MEAN_WITH = "Mean score with"
REPORT_MEAN_WITHOUT = "Mean score without"
REPORT_HABITS_FINDINGS = "Differences unlikely to be chance (permutation test, Holm-adjusted p < 0.05): {findings}."
REPORT_HABITS_NO_FINDINGS = (
    "No habit went with a difference in scores beyond what chance could give, in the {checkins} recorded nights."
)
REPORT_HABITS_MORE = "{count} more habits, marked on fewer nights, are not shown."
REPORT_HABITS_TOO_FEW = "Too few recorded nights ({checkins}) to compare habits and scores."
REPORT_SELFCHECK = "Self-check answers (kept on {date})"
REPORT_QUESTION = "Question"
REPORT_ANSWER = "Answer"
REPORT_SELFCHECK_EXPLAINED = "The person's answers to questions clinicians ask about RLS; not a diagnosis."
REPORT_NOTES = "Notes"
REPORT_NOTE = "Note"
REPORT_NOTES_EARLIER = "{count} earlier notes are not shown; /notes in the bot lists them all."
REPORT_QUESTIONS = "Questions I want to ask"
REPORT_QUESTIONS_EARLIER = "{count} more questions in /notes."
