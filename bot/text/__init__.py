"""Every word the bot shows: the message catalogue and its translations, content rendering, coaching text,
keyboards and their callback data, charts and the export."""
