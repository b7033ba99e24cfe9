"""The battery's headline figures, gathered while it runs and printed at the end."""

FIGURES: dict[str, str] = {}
SECURITY_FIGURES = "security figures"


def report(name: str, text: str) -> None:
    """Record one figure (the last report of a name wins, so reruns do not pile up)."""
    FIGURES[name] = text
