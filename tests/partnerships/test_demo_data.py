"""The demo's data files are read by one loader, which names the file it cannot read."""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.apps import apps

from partnerships import demo_data


def test_a_data_file_arrives_as_plain_dicts_and_lists_with_dates():
    sessions = demo_data.load("workshops", "sessions")["sessions"]

    assert isinstance(sessions, list)
    assert sessions[0]["title"] == "Why screening invitations go unanswered"
    assert sessions[0]["on"] == dt.date(2022, 3, 16)
    assert sessions[0]["starts"] == dt.time(10)


def test_each_caller_gets_its_own_copy():
    first = demo_data.load("workshops", "sessions")
    first["sessions"].clear()

    assert demo_data.load("workshops", "sessions")["sessions"]


def test_a_missing_file_is_named_in_the_error():
    expected = Path(apps.get_app_config("areas").path) / "demo" / "no-such-part.toml"

    with pytest.raises(demo_data.DemoDataError, match=re.escape(f"{expected} does not exist")):
        demo_data.load("areas", "no-such-part")


def test_a_file_that_is_not_toml_is_named_in_the_error(tmp_path, monkeypatch):
    monkeypatch.setattr(apps.get_app_config("learning"), "path", str(tmp_path))
    broken = tmp_path / "demo" / "broken.toml"
    broken.parent.mkdir()
    broken.write_text('title = "no closing quote\n')

    with pytest.raises(demo_data.DemoDataError, match=re.escape(f"{broken} is not valid TOML")):
        demo_data.load("learning", "broken")
