"""What the tests share: the fake Bot API, the process harness, the in-process harness, conversation helpers and
Telegram's checks. Test modules import from here, never from one another."""
