import re

from playwright.sync_api import expect

from partnerships.models import AreaRole, AuditAction, AuditEvent, ProgrammeRole
from resources.reports.models import CohortFunding
from tests.browser import assert_accessible, sign_in, watch_for_errors
from tests.factories import AreaFactory, user_with_role
from tests.resources.casestudies.conftest import pdf_text
from tests.resources.casestudies.story import PRIVATE, SHARED_QUOTE, tell_story


def test_a_facilitator_drafts_a_colleague_approves_and_a_funder_downloads(
    page, browser, live_server, transactional_db
):
    area = AreaFactory(name="East Sussex")
    tell_story(area)
    author = user_with_role(area, AreaRole.FACILITATOR)
    approver = user_with_role(area, AreaRole.FACILITATOR)
    funder = user_with_role(programme_role=ProgrammeRole.FUNDER)
    CohortFunding.objects.create(funder=funder.person, cohort=area.cohort)

    # The facilitator starts a case study from the area's data and edits it.
    sign_in(page, author.email, two_factor=True)
    page.goto(area.get_absolute_url())
    page.get_by_role("link", name="See the area’s case studies").click()
    assert_accessible(page)
    page.get_by_role("button", name="Start from the area’s data").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Enter a title")
    assert_accessible(page)
    page.get_by_label("Title").fill("Screening with community leaders")
    page.get_by_role("button", name="Start from the area’s data").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Edit the draft")
    expect(page.get_by_label("Who was involved")).to_have_value(
        re.compile("6 organisations from 6 sectors")
    )
    assert_accessible(page)
    page.get_by_label("Tips for others").fill("- Let a trusted local group recruit the leaders")
    page.get_by_role("button", name="Save the draft").click()
    expect(page.get_by_text("Case study saved.")).to_be_visible()
    expect(page.get_by_text("Let a trusted local group recruit the leaders")).to_be_visible()
    expect(page.get_by_text(SHARED_QUOTE)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Send for review").click()
    expect(
        page.get_by_text("another facilitator of East Sussex or a programme lead must")
    ).to_be_visible()
    expect(page.get_by_role("button", name="Approve and publish")).to_have_count(0)
    assert_accessible(page)
    detail_url = page.url

    # A second facilitator approves it.
    second = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    colleague = watch_for_errors(second.new_page())
    sign_in(colleague, approver.email, two_factor=True)
    colleague.goto(detail_url)
    colleague.get_by_role("button", name="Approve and publish").click()
    expect(colleague.get_by_text("Approved and published.")).to_be_visible()
    assert_accessible(colleague)
    second.close()

    # The funder finds it on the reports page and downloads the PDF.
    third = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    reader = watch_for_errors(third.new_page())
    sign_in(reader, funder.email)
    reader.goto("/reports/")
    expect(
        reader.get_by_role("link", name="Screening with community leaders", exact=True)
    ).to_be_visible()
    assert_accessible(reader)
    # One click: the worker builds it while the page waits, and when htmx swaps in the
    # ready state the download starts by itself.
    with reader.expect_download() as download_info:
        reader.get_by_role(
            "link", name="Download the PDF of Screening with community leaders"
        ).click()
    download = download_info.value
    expect(reader.get_by_role("link", name="Download the PDF")).to_be_visible()
    assert_accessible(reader)
    assert download.suggested_filename == f"{area.slug}-case-study-v1.pdf"
    with open(download.path(), "rb") as pdf:
        text = pdf_text(pdf.read())
    assert "Screening with community leaders" in text
    assert "Let a trusted local group recruit the leaders" in text
    for private in PRIVATE:
        assert private not in text
    assert AuditEvent.objects.filter(action=AuditAction.DOWNLOADED, actor_id=funder.pk).exists()
    third.close()


def test_a_funder_downloads_every_report_of_their_cohort_in_one_click(
    page, live_server, transactional_db
):
    import io
    import zipfile

    area = AreaFactory(name="East Sussex")
    tell_story(area)
    funder = user_with_role(programme_role=ProgrammeRole.FUNDER)
    CohortFunding.objects.create(funder=funder.person, cohort=area.cohort)

    sign_in(page, funder.email)
    page.goto("/reports/")
    with page.expect_download(timeout=60_000) as download_info:
        page.get_by_role("button", name="Download the funder pack").click()
    download = download_info.value

    assert download.suggested_filename.startswith("funder-pack-")
    expect(page.get_by_role("link", name="Download the ZIP file")).to_be_visible()
    assert_accessible(page)
    with open(download.path(), "rb") as pack, zipfile.ZipFile(io.BytesIO(pack.read())) as zipped:
        names = zipped.namelist()
    assert [name.split("/")[0] for name in names] == ["programme-reports", "progress-reports"]
