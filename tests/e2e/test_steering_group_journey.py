from playwright.sync_api import expect

from partnerships.models import AreaRole, Sector
from tests.browser import assert_accessible, sign_in
from tests.factories import AreaFactory, LcoFactory, OrganisationFactory, user_with_role

# (name, seat, organisation, sector) — eight people from across sectors.
TABLE = [
    ("Grace Mensah", "Chair", "Wandsworth Community Champions", Sector.VCSE),
    ("Farid Chowdhury", "Member", "Battersea Community Kitchen", Sector.VCSE),
    ("Lena Kowalski", "Local authority representative", "Wandsworth Council", None),
    ("Esther Adeyemi", "VCSE representative", "Tooting Women's Group", None),
    ("Marcus Hughes", "Member", "St Anne's Church", None),
    ("Priya Gupta", "Member", "Roehampton Housing", None),
    ("Amara Evans", "Community leader / lived experience", None, None),
    ("Samir Ibrahim", "NHS representative", "South West London ICB", None),
]


def test_facilitator_builds_a_representative_steering_group(page, transactional_db):
    area = AreaFactory(name="Wandsworth")
    champions = OrganisationFactory(name="Wandsworth Community Champions", sector=Sector.VCSE)
    kitchen = OrganisationFactory(name="Battersea Community Kitchen", sector=Sector.VCSE)
    facilitator = user_with_role(area, AreaRole.FACILITATOR)
    # Organisations already working in the area are the ones a facilitator can pick.
    LcoFactory(area=area, organisation=champions)
    LcoFactory(area=area, organisation=kitchen)
    sign_in(page, facilitator.email, two_factor=True)
    page.get_by_role("link", name="See and change who is on the steering group").click()
    warnings = page.locator("#representation")
    expect(warnings).to_contain_text("The group has 0 members.")
    assert_accessible(page)

    new_sectors = {
        "Wandsworth Council": "Local authority",
        "Tooting Women's Group": "VCSE / charity",
        "St Anne's Church": "Faith group",
        "Roehampton Housing": "Housing",
        "South West London ICB": "NHS integrated care board",
    }
    for number, (name, seat, organisation, existing_sector) in enumerate(TABLE, start=1):
        form = page.locator("form", has=page.get_by_role("button", name="Add and invite"))
        form.get_by_label("Full name").fill(name)
        form.get_by_label("Email address").fill(name.lower().replace(" ", ".") + "@example.org")
        form.get_by_label(seat, exact=True).check()
        if existing_sector:
            form.get_by_label("Organisation they represent").select_option(label=organisation)
        elif organisation:
            form.get_by_label("Or add a new organisation").fill(organisation)
            form.get_by_label("Sector of the new organisation").select_option(
                label=new_sectors[organisation]
            )
        form.get_by_role("button", name="Add and invite").click()
        expect(page.get_by_text(f"{name} has joined the steering group")).to_be_visible()
        if number == 1:
            assert_accessible(page)
        if number == 7:
            expect(warnings).to_contain_text("No one from the NHS sits on the group")
            expect(warnings).not_to_contain_text("No community leader")

    expect(warnings).to_contain_text("meets the programme's rules")
    expect(page.get_by_role("cell", name="Samir Ibrahim", exact=True)).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Remove Samir Ibrahim").click()
    assert_accessible(page)
    page.get_by_role("button", name="Remove from the group").click()
    expect(page.locator(".nhsuk-error-summary")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Why are they leaving the group?").fill("Moved to a new role")
    page.get_by_role("button", name="Remove from the group").click()
    expect(warnings).to_contain_text("The group has 7 members.")
    expect(page.get_by_text("Moved to a new role")).to_be_visible()

    page.get_by_role("link", name="Wandsworth").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wandsworth")
    assert_accessible(page)
