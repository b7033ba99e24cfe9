"""Tracking the actions a partnership agrees: their owners' updates, history and links."""
