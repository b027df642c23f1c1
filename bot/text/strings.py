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
    "/progress — a chart of your nights (<code>/progress 90</code> for 90 nights)\n"
    "/insights — which habits go with your bad nights\n"
    "/weekly — choose the day of your weekly summary\n\n"
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
    ("weekly", "Choose the day of your weekly summary"),
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
    "The last night that has ended is {last} (<code>/log {last_iso}</code>). Nothing was changed."
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
    "📦 <b>Everything I store about you</b>, as a spreadsheet file (CSV): your settings, check-ins, triggers "
    "and the messages I sent you with your answers. To delete it all: /delete"
)
BUTTON_DELETE_CONFIRM = "🗑 Yes, delete everything"
BUTTON_DELETE_CANCEL = "Keep my data"
DELETE_CONFIRM = (
    "🗑 <b>Delete all your data?</b>\n\n"
    "This removes your settings, reminders, check-ins, triggers and the history of messages I sent you. "
    "It cannot be undone. (Send /export first if you want a copy.)"
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
