"""Sessions kept in the database and read through the cache, carrying on from the
database alone when the cache raises (Django's `cached_db` lets a failed cache write
while loading or deleting a session fail the request)."""

import logging

from django.contrib.sessions.backends import cached_db, db

logger = logging.getLogger(__name__)


class SessionStore(cached_db.SessionStore):
    def load(self):
        try:
            data = self._cache.get(self.cache_key)
        except Exception:
            data = None
        if data is not None:
            return data
        stored = self._get_session_from_db()
        if not stored:
            return {}
        data = self.decode(stored.session_data)
        try:
            self._cache.set(self.cache_key, data, self.get_expiry_age(expiry=stored.expire_date))
        except Exception:
            logger.warning("Could not keep a session in the cache; read from the database.")
        return data

    def delete(self, session_key=None):
        # The database first, as Django does: its failure must still fail the request.
        db.SessionStore.delete(self, session_key)
        session_key = session_key or self.session_key
        if session_key is None:
            return
        try:
            self._cache.delete(self.cache_key_prefix + session_key)
        except Exception:
            # A copy left in the cache is refused at its next use (partnerships/signed_in.py).
            logger.warning("Could not remove a session from the cache.")
