"""The iCalendar writer against RFC 5545: CRLF, folding at 75 octets, escaping."""

import datetime as dt
from zoneinfo import ZoneInfo

from workshops import ical

STAMP = dt.datetime(2026, 3, 11, 9, 30, tzinfo=dt.UTC)


def unfold(text):
    return text.replace("\r\n ", "")


def test_every_line_ends_in_crlf_and_fits_in_75_octets():
    long = "Cultural-competency training for receptionists — ‘Ça va’ 日本語 " * 6
    text = ical.calendar(
        [ical.Event(uid="action-1@example.org", summary=long, start=dt.date(2026, 3, 11))],
        name="Health Partnerships",
        stamp=STAMP,
    )
    assert text.endswith("\r\n")
    lines = text.split("\r\n")[:-1]
    assert all("\n" not in line and "\r" not in line for line in lines)
    assert all(len(line.encode()) <= 75 for line in lines)
    assert any(line.startswith(" ") for line in lines)
    assert f"SUMMARY:{long}" in unfold(text)


def test_folding_never_splits_a_character():
    line = "DESCRIPTION:" + "é" * 100
    folded = ical.fold(line)
    for part in folded.split("\r\n"):
        part.encode().decode()
        assert len(part.encode()) <= 75
    assert folded.replace("\r\n ", "") == line


def test_text_is_escaped():
    assert ical.escape("a\\b;c,d\ne\r\nf") == "a\\\\b\\;c\\,d\\ne\\nf"


def test_events_have_the_required_properties_and_utc_times():
    start = dt.datetime(2026, 7, 1, 10, 0, tzinfo=ZoneInfo("Europe/London"))
    text = ical.calendar(
        [
            ical.Event(
                uid="session-7@example.org",
                summary="Partnership day",
                start=start,
                end=start + dt.timedelta(hours=3),
                location="Hampden Park Hall, Eastbourne",
                url="https://example.org/areas/east-sussex/sessions/7/",
            )
        ],
        name="Health Partnerships",
        stamp=STAMP,
    )
    lines = text.split("\r\n")
    assert lines[:3] == ["BEGIN:VCALENDAR", "VERSION:2.0", lines[2]]
    assert lines[2].startswith("PRODID:")
    assert "DTSTAMP:20260311T093000Z" in lines
    assert "DTSTART:20260701T090000Z" in lines
    assert "DTEND:20260701T120000Z" in lines
    assert "LOCATION:Hampden Park Hall\\, Eastbourne" in lines
    assert "URL:https://example.org/areas/east-sussex/sessions/7/" in lines
    assert lines.index("BEGIN:VEVENT") < lines.index("END:VEVENT") < lines.index("END:VCALENDAR")
