"""The organisations and people directory, scoped by the access policy."""
