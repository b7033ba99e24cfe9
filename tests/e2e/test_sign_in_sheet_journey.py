"""A steering group member prints the sign-in sheet for a session not held yet, from its
page: on A4, and readable on a phone first."""

import datetime as dt
import os
from pathlib import Path

from django.utils import timezone
from playwright.sync_api import expect

from partnerships.models import AreaRole
from tests.browser import assert_accessible, fits, resize, shoot, sign_in
from tests.factories import AreaFactory, user_with_role
from tests.workshops.factories import SessionFactory
from workshops.models import SessionStatus
from workshops.reportback import links


def test_a_sheet_is_printed_from_the_session_page_before_the_day(
    page, browser, live_server, transactional_db
):
    area = AreaFactory(name="Eastbourne")
    session = SessionFactory(
        area=area,
        status=SessionStatus.PLANNED,
        title="Screening for Polish, Bengali and Arabic speaking women",
        starts_at=timezone.make_aware(dt.datetime(2027, 3, 4, 10)),
        ends_at=timezone.make_aware(dt.datetime(2027, 3, 4, 13)),
        venue="Hampden Park Community Centre, Brassey Avenue",
    )
    steering = user_with_role(area, AreaRole.STEERING_MEMBER)

    sign_in(page, steering.email)
    page.goto(session.get_absolute_url())
    page.get_by_role("link", name="Print the sign-in sheet").click()
    expect(page.get_by_role("heading", name=session.title)).to_be_visible()
    expect(page.get_by_text(links.url_for(session))).to_be_visible()
    assert_accessible(page)
    shoot(page, "sign-in-sheet-1280")
    resize(page, 320)
    fits(page, 320)
    assert_accessible(page)
    shoot(page, "sign-in-sheet-320")

    # On A4 (186 mm between the margins, about 703 px) every column is on the paper.
    page.emulate_media(media="print")
    resize(page, 703)
    table = page.locator(".app-sheet-table").bounding_box()
    assert table["x"] >= 0
    assert table["x"] + table["width"] <= page.evaluate("document.documentElement.clientWidth")

    if os.environ.get("SCREENSHOTS"):
        page.pdf(path=str(Path(os.environ["SCREENSHOTS"]) / "sign-in-sheet.pdf"), format="A4")
