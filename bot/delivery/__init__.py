"""Scheduled messages: the one delivery engine, when it ticks, the sender, broadcasts, and each kind of message."""
