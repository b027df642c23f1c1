"""Pure logic with no I/O: schedule arithmetic, parsing (numbers, dates, times, zones), the rule for nights
recorded, tip rotation, message splitting.

Nothing here imports Telegram or SQLAlchemy, so it can be tested fast and exhaustively.
"""
