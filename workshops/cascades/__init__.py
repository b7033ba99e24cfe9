"""Cascades: after each session the LCO passes its notes on to local networks.

compose.py writes the first draft from the notes with personal data left out; contacts.py
keeps the distribution lists and reads them from CSV; services.py holds the writes;
sending.py sends a cascade in batches through its recipients, an outbox of one row per
address; selectors.py holds the reads the pages share.
"""
