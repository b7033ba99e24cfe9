"""What the platform holds about a person, and their rights over it.

Consent per use, subject access exports, erasure and retention. The core cannot import
the apps above it, so each app tells this package about its own personal data through
`registry` (see each app's `privacy.py`).
"""
