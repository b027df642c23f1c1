"""Pure logic with no I/O: schedule arithmetic, time and zone parsing, tip rotation, message splitting.

Nothing here imports Telegram or SQLAlchemy, so it can be tested fast and exhaustively.
"""
