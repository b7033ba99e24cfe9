"""What every PDF opens with: a cover that says what changed, and a one-page summary.

Each kind of document (case study, progress and programme reports, learning brief,
statements as of a date, session notes) fills a `Cover` and a `Summary` from its own data;
`templates/pdf/_cover.html` and `_summary.html` draw them the same way for all of them.
A cover holds only figures the document itself shows and a quote that may be shared.
"""

from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.template.defaultfilters import pluralize

# A cover shows at most this many figures: enough to say what changed, few enough to read.
HEADLINES_SHOWN = 4
# Each part of the summary is a few lines, so the three of them fit on one page.
SUMMARY_LINES = 6


@dataclass(frozen=True)
class Headline:
    """A figure on the cover: "76" over "attendances at 4 sessions"."""

    value: str
    label: str


@dataclass(frozen=True)
class PullQuote:
    text: str
    attribution: str


@dataclass
class Cover:
    kind: str
    title: str
    place: str
    as_of: date
    lede: str = ""
    headlines: list[Headline] = field(default_factory=list)
    quote: PullQuote | None = None
    credits: list[str] = field(default_factory=list)
    notice: str = ""
    # What the reader can rely on about the people in it; each kind says what is true of it.
    note: str = "People are counted, never named; quotes appear only with the speaker’s consent."

    def __post_init__(self):
        self.headlines = self.headlines[:HEADLINES_SHOWN]
        self.credits = list(dict.fromkeys(credit for credit in self.credits if credit))

    @property
    def programme(self) -> str:
        return settings.PROGRAMME_NAME


@dataclass
class SummaryPart:
    heading: str
    lines: list[str]
    empty: str = ""

    def __post_init__(self):
        self.lines = [line for line in self.lines if line][:SUMMARY_LINES]


@dataclass
class Summary:
    """What changed, for whom, and what's next: before any table, on a page of its own."""

    changed: SummaryPart
    for_whom: SummaryPart
    next: SummaryPart
    title: str = "What changed, for whom, and what’s next"

    @property
    def parts(self) -> list[SummaryPart]:
        return [self.changed, self.for_whom, self.next]


def counted(number: int, singular: str, plural: str = "") -> str:
    """ "1 session", "4 sessions", "1,250 areas"."""
    plural = plural or f"{singular}s"
    return f"{number:,} {pluralize(number, f'{singular},{plural}')}"


def joined(items: list[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    items = [item for item in items if item]
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"
