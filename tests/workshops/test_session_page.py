import json

import pytest
from django.urls import reverse
from django.utils import timezone

from partnerships.models import AreaRole, Membership, Organisation, Sector
from tests.factories import AreaFactory, PersonFactory, user_with_role
from tests.workshops.factories import (
    ActionFactory,
    AttendanceFactory,
    InsightFactory,
    QuoteFactory,
    SessionFactory,
)
from workshops.models import Attendance, Consent, Insight, InsightKind, SectorHeadcount

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def session(world):
    return SessionFactory(area=world.area_a, title="Screening letters day")


def url(name, session, *args):
    return reverse(f"workshops:{name}", args=[session.area.slug, session.pk, *args])


def test_the_area_team_sees_who_came_and_every_quote(client, world, session):
    AttendanceFactory(session=session, person__full_name="Amira Haddad")
    QuoteFactory(session=session, text="Said with consent.")
    QuoteFactory(
        session=session, text="Said without consent.", consent=Consent.NONE, consent_on=None
    )

    for user in (world.facilitator_a, world.lco_a):
        client.force_login(user)
        page = client.get(session.get_absolute_url()).content.decode()
        assert "Amira Haddad" in page
        assert "Said with consent." in page
        assert "Said without consent." in page


def test_steering_members_see_counts_but_no_names_and_no_unconsented_quotes(client, world, session):
    AttendanceFactory(session=session, person__full_name="Amira Haddad")
    QuoteFactory(session=session, text="Said with consent.")
    QuoteFactory(
        session=session, text="Said without consent.", consent=Consent.NONE, consent_on=None
    )
    client.force_login(world.steering_a)

    page = client.get(session.get_absolute_url()).content.decode()

    assert "1 person" in page
    assert "Amira Haddad" not in page
    assert "Said with consent." in page
    assert "Said without consent." not in page
    assert "Add the barrier" not in page


def test_steering_members_may_not_write(client, world, session):
    client.force_login(world.steering_a)
    response = client.post(url("insight-add", session, "barrier"), {"new-barrier-text": "Cost"})
    assert response.status_code == 403
    assert not Insight.objects.exists()


def test_a_barrier_added_by_a_plain_post_returns_to_its_list(client, world, session):
    client.force_login(world.facilitator_a)

    response = client.post(
        url("insight-add", session, "barrier"),
        {"new-barrier-text": "Letters use medical words", "new-barrier-barrier_type": ""},
    )

    assert response.status_code == 302
    assert response["Location"] == f"{session.get_absolute_url()}#barriers"
    barrier = Insight.objects.get()
    assert (barrier.kind, barrier.text) == (InsightKind.BARRIER, "Letters use medical words")
    assert barrier.created_by == world.facilitator_a.person


def test_the_first_idea_added_with_htmx_returns_its_whole_list(client, world, session):
    client.force_login(world.facilitator_a)

    response = client.post(
        url("insight-add", session, "idea"), {"new-idea-text": "Leaders ring people"}, **HTMX
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert (response["HX-Retarget"], response["HX-Reswap"]) == ("#ideas", "outerHTML")
    assert page.lstrip().startswith('<section id="ideas"')
    assert "Leaders ring people" in page
    assert json.loads(response["HX-Trigger"]) == {"sessionSaved": {"message": "Idea added."}}


def test_an_unknown_list_is_not_found(client, world, session):
    client.force_login(world.facilitator_a)
    assert client.post(url("insight-add", session, "gossip"), {}).status_code == 404


def test_a_quote_with_consent_needs_its_date_and_keeps_the_words(client, world, session):
    client.force_login(world.facilitator_a)

    response = client.post(
        url("insight-add", session, "quote"),
        {
            "new-quote-text": "I threw the letter away.",
            "new-quote-attribution": "A mother",
            "new-quote-consent": Consent.VERBAL,
            "new-quote-consent_on": "",
        },
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Enter the date they gave consent." in page
    assert "I threw the letter away." in page
    assert "There is a problem" in page
    assert not Insight.objects.exists()


def test_a_future_consent_date_is_refused(client, world, session):
    client.force_login(world.facilitator_a)
    tomorrow = timezone.localdate() + timezone.timedelta(days=1)
    response = client.post(
        url("insight-add", session, "quote"),
        {
            "new-quote-text": "Words",
            "new-quote-consent": Consent.WRITTEN,
            "new-quote-consent_on": tomorrow.isoformat(),
        },
        **HTMX,
    )
    assert "must be today or earlier" in response.content.decode()


def test_an_action_owner_from_another_area_is_refused(client, world, session):
    client.force_login(world.facilitator_a)
    outsider = world.steering_b.person

    response = client.post(
        url("action-add", session),
        {"new-action-description": "Write to practices", "new-action-owner": outsider.pk},
    )

    assert "Choose an owner from this area’s partnership." in response.content.decode()
    assert not session.actions.exists()


def test_an_action_cannot_be_due_before_its_session(client, world, session):
    client.force_login(world.facilitator_a)
    before = timezone.localtime(session.starts_at).date() - timezone.timedelta(days=1)

    response = client.post(
        url("action-add", session),
        {
            "new-action-description": "Write to practices",
            "new-action-owner": world.steering_a.person.pk,
            "new-action-due_on": before.isoformat(),
        },
    )

    assert "The due date must be on or after the session" in response.content.decode()


def test_an_action_is_added_for_a_person_in_the_area(client, world, session):
    client.force_login(world.facilitator_a)
    due = timezone.localdate() + timezone.timedelta(days=10)

    client.post(
        url("action-add", session),
        {
            "new-action-description": "Write to practices",
            "new-action-owner": world.steering_a.person.pk,
            "new-action-due_on": due.isoformat(),
        },
    )

    action = session.actions.get()
    assert (action.area, action.owner, action.due_on) == (
        world.area_a,
        world.steering_a.person,
        due,
    )


def test_an_edit_made_after_someone_else_saved_is_a_conflict_not_an_overwrite(
    client, world, session
):
    barrier = InsightFactory(session=session, text="Original words")
    # Another facilitator saves first, from the same version.
    barrier.text, barrier.version = "Their words", 2
    barrier.updated_by = world.lco_a.person
    barrier.save()
    client.force_login(world.facilitator_a)
    prefix = f"insight-{barrier.pk}"

    response = client.post(
        url("insight-edit", session, barrier.pk),
        {f"{prefix}-text": "My words", f"{prefix}-version": 1},
        **HTMX,
    )

    page = response.content.decode()
    barrier.refresh_from_db()
    assert barrier.text == "Their words"
    assert "Changed by someone else" in page
    assert "Their words" in page
    assert "My words" in page
    assert response["HX-Retarget"] == f"#insight-{barrier.pk}"

    # Saving again, now from their version, is a deliberate choice and goes through.
    client.post(
        url("insight-edit", session, barrier.pk),
        {f"{prefix}-text": "My words", f"{prefix}-version": 2},
    )
    barrier.refresh_from_db()
    assert (barrier.text, barrier.version) == ("My words", 3)


def test_editing_without_javascript_has_its_own_page(client, world, session):
    action = ActionFactory(session=session, description="Book the hall")
    client.force_login(world.facilitator_a)

    page = client.get(url("action-edit", session, action.pk)).content.decode()

    assert "<h1" in page
    assert "Book the hall" in page


def test_deleting_something_already_deleted_says_so(client, world, session):
    barrier = InsightFactory(session=session)
    client.force_login(world.facilitator_a)
    client.post(url("insight-delete", session, barrier.pk))

    response = client.post(url("insight-delete", session, barrier.pk), follow=True)

    assert "Someone else had already deleted that item." in response.content.decode()


def test_deleting_without_javascript_asks_first(client, world, session):
    barrier = InsightFactory(session=session, text="Cost of the bus")
    client.force_login(world.facilitator_a)

    page = client.get(url("insight-delete", session, barrier.pk)).content.decode()

    assert "Delete this barrier?" in page
    assert Insight.objects.filter(pk=barrier.pk).exists()


def test_the_pickers_offer_the_areas_people_and_only_those_not_yet_listed(client, world, session):
    AttendanceFactory(session=session, person=world.lco_a.person)
    client.force_login(world.facilitator_a)

    def opened(form):
        return client.get(session.get_absolute_url(), {"add": form}).context

    def offered(field):
        return {str(value) for value, _ in field.widget.choices if value != ""}

    forms = opened("people")
    steering, lco = str(world.steering_a.person.pk), str(world.lco_a.person.pk)
    outsider = str(world.steering_b.person.pk)
    owners = offered(opened("action")["action_form"].fields["owner"])
    speakers = offered(opened("quote")["quote_form"].fields["speaker"])
    assert {steering, lco} <= owners
    assert outsider not in owners
    assert speakers == owners
    (adder,) = [adder for adder in forms["attendance_adders"] if adder.form]
    ticks = offered(adder.form.fields["people"])
    assert steering in ticks
    assert lco not in ticks
    assert outsider not in ticks
    page = adder.form["people"].as_widget()
    assert f'value="{steering}"' in page
    assert f'value="{lco}"' not in page


def test_the_ways_of_adding_to_who_came_load_only_when_opened(client, world, session):
    client.force_login(world.facilitator_a)
    tick_steering = f'value="{world.steering_a.person.pk}"'

    closed = client.get(session.get_absolute_url()).content.decode()
    opened = client.get(session.get_absolute_url(), {"add": "people"}).content.decode()
    fetched = client.get(
        session.get_absolute_url(), {"add": "counts", "section": "attendance-adder"}, **HTMX
    )

    # Closed, each is a link to the page with it open, which htmx fetches on opening.
    assert 'name="attendees-people"' not in closed
    assert f'href="{session.get_absolute_url()}?add=people#add-people"' in closed
    assert 'data-hx-trigger="toggle once"' in closed
    assert "Add the people ticked" not in closed
    assert '<details class="nhsuk-details" id="add-people" open>' in opened
    assert 'name="attendees-people"' in opened
    assert tick_steering in opened.split('name="attendees-people"', 1)[1]
    assert "Save the head-counts" in fetched.content.decode()
    assert "<details" not in fetched.content.decode()
    missing = client.get(session.get_absolute_url(), {"section": "attendance-adder"}, **HTMX)
    assert missing.status_code == 404


def test_the_add_forms_and_the_notes_load_only_when_opened(client, world, session):
    session.summary = "We met at the hall."
    session.save()
    client.force_login(world.facilitator_a)

    closed = client.get(session.get_absolute_url()).content.decode()
    opened = client.get(session.get_absolute_url(), {"add": "action"}).content.decode()
    fetched = client.get(
        session.get_absolute_url(), {"add": "quote", "section": "add-form"}, **HTMX
    ).content.decode()
    notes = client.get(
        session.get_absolute_url(), {"add": "notes", "section": "add-form"}, **HTMX
    ).content.decode()

    # Closed, each form is a link to the page with it open, which htmx fetches on opening.
    for key in ("action", "notes", *InsightKind.values):
        assert f'href="{session.get_absolute_url()}?add={key}#add-{key}"' in closed
    for button in ("Add the action", "Add the barrier", "Add the quote", "Save the notes"):
        assert button not in closed
    assert "We met at the hall." in closed
    assert '<details class="nhsuk-details" id="add-action" open>' in opened
    assert "Add the action" in opened
    assert "Add the barrier" not in opened
    assert 'name="new-quote-speaker"' in fetched
    assert "<details" not in fetched
    assert "Save the notes" in notes
    assert "We met at the hall." in notes


def test_a_closed_form_cannot_be_fetched_by_someone_who_may_not_add(client, world, session):
    client.force_login(world.steering_a)

    response = client.get(
        session.get_absolute_url(), {"add": "action", "section": "add-form"}, **HTMX
    )
    page = client.get(session.get_absolute_url()).content.decode()

    assert response.status_code == 404
    assert "?add=action" not in page


def test_a_form_holding_a_draft_is_open(client, world, session):
    client.force_login(world.facilitator_a)
    client.post(
        reverse("workshops:draft-save", args=[session.area.slug, session.pk]),
        {"form_key": "action-new", "new-action-description": "Ring the pantry"},
    )

    page = client.get(session.get_absolute_url()).content.decode()

    assert '<details class="nhsuk-details" id="add-action" open>' in page
    assert "Ring the pantry" in page
    assert 'id="add-barrier" open' not in page


def test_a_refused_addition_comes_back_open_with_its_error(client, world, session):
    client.force_login(world.facilitator_a)

    response = client.post(url("attendee-new", session), {"new-attendee-full_name": ""})

    page = response.content.decode()
    assert '<details class="nhsuk-details" id="add-someone-new" open>' in page
    assert "nhsuk-error-summary" in page


def test_people_are_ticked_onto_the_attendance_list_once(client, world, session):
    client.force_login(world.facilitator_a)
    people = [world.steering_a.person.pk, world.lco_a.person.pk]

    client.post(url("attendees-add", session), {"attendees-people": people})
    client.post(url("attendees-add", session), {"attendees-people": people[:1]})

    assert set(session.attendances.values_list("person_id", flat=True)) == set(people)


def test_a_new_attendee_with_a_known_email_is_that_person(client, world, session):
    known = PersonFactory(full_name="Grace Obi", email="grace@example.org")
    AttendanceFactory(session=SessionFactory(area=world.area_a), person=known)
    client.force_login(world.facilitator_a)

    response = client.post(
        url("attendee-new", session),
        {"new-attendee-full_name": "G Obi", "new-attendee-email": "Grace@Example.org"},
        follow=True,
    )

    assert Attendance.objects.get(session=session).person == known
    assert "already known, so Grace Obi was added" in response.content.decode()


def _someone_from_area_b():
    """A steering member of area B with an account, whom area A's team cannot see."""
    person = user_with_role(
        AreaFactory(name="Somewhere private"), AreaRole.STEERING_MEMBER, email="tilly@example.org"
    ).person
    person.full_name = "Tilly Secret-Surname"
    person.phone = "07700 900999"
    person.save(update_fields=["full_name", "phone"])
    return person


def test_someone_new_with_the_email_of_a_person_elsewhere_is_recorded_apart_and_unnamed(
    client, world, session
):
    """Typing an address is no way to take hold of someone from another area."""
    elsewhere = _someone_from_area_b()
    client.force_login(world.facilitator_a)

    response = client.post(
        url("attendee-new", session),
        {"new-attendee-full_name": "Tilly S", "new-attendee-email": "Tilly@Example.org"},
        follow=True,
    )

    page = response.content.decode()
    assert "Secret-Surname" not in page
    assert "already known" not in page
    assert "Tilly S added to who came" in page
    assert "The email address was not saved with them" in page
    attendance = Attendance.objects.get(session=session)
    assert attendance.person != elsewhere
    assert (attendance.person.full_name, attendance.person.email) == ("Tilly S", "")
    assert not elsewhere.attendances.exists()
    for name in ("person-consent", "person-export", "person-erase"):
        assert client.get(reverse(name, args=[elsewhere.pk])).status_code == 404


def test_someone_new_with_the_email_of_a_person_nobody_placed_is_not_linked(client, world, session):
    """A record in no area is not someone the facilitator can see either."""
    unplaced = PersonFactory(full_name="Una Placed", email="una@example.org")
    client.force_login(world.facilitator_a)

    client.post(
        url("attendee-new", session),
        {"new-attendee-full_name": "Una P", "new-attendee-email": "una@example.org"},
    )

    assert Attendance.objects.get(session=session).person.full_name == "Una P"
    assert not unplaced.attendances.exists()


def test_a_known_email_of_someone_in_another_of_the_facilitators_areas_is_matched(
    client, world, session
):
    other_area = AreaFactory(name="Dudley")
    Membership.objects.create(
        person=world.facilitator_a.person, area=other_area, role=AreaRole.FACILITATOR
    )
    regular = PersonFactory(full_name="Rhys Regular", email="rhys@example.org")
    AttendanceFactory(session=SessionFactory(area=other_area), person=regular)
    client.force_login(world.facilitator_a)

    response = client.post(
        url("attendee-new", session),
        {"new-attendee-full_name": "R", "new-attendee-email": "rhys@example.org"},
        follow=True,
    )

    assert Attendance.objects.get(session=session).person == regular
    assert "already known, so Rhys Regular was added" in response.content.decode()


def test_head_counts_cannot_count_more_lived_experience_than_people(client, world, session):
    client.force_login(world.facilitator_a)

    response = client.post(
        url("headcounts", session),
        {"headcounts-vcse": "3", "headcounts-lived_experience": "5"},
        **HTMX,
    )

    assert "more than the 3 people counted above" in response.content.decode()
    assert not SectorHeadcount.objects.exists()


def test_head_counts_are_saved_and_added_to_who_came(client, world, session):
    AttendanceFactory(
        session=session, organisation=Organisation.objects.create(name="ICB", sector=Sector.NHS_ICB)
    )
    client.force_login(world.facilitator_a)

    client.post(
        url("headcounts", session),
        {"headcounts-vcse": "12", "headcounts-faith": "0", "headcounts-lived_experience": "4"},
    )
    page = client.get(session.get_absolute_url()).content.decode()

    assert dict(session.headcounts.values_list("sector", "count")) == {Sector.VCSE: 12}
    assert "13 people" in page
    assert "4 with lived experience" in page


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("1_000", "as a whole number, like 12"),
        ("12.0", "as a whole number, like 12"),
        ("66,2", "as a whole number, like 12"),
        ("1e2", "as a whole number, like 12"),
        ("١٢", "using the digits 0 to 9, like 12"),
    ],
)
def test_a_head_count_that_could_be_misread_is_refused_beside_its_box(
    client, world, session, typed, message
):
    client.force_login(world.facilitator_a)
    message = f"Enter the number of people from Faith group {message}"
    data = {"headcounts-vcse": "3", "headcounts-faith": typed, "headcounts-lived_experience": "1"}

    for headers in ({}, HTMX):
        response = client.post(url("headcounts", session), data, **headers)
        assert response.status_code == 200
        assert response.context["headcounts_form"].errors["faith"] == [message]
        page = response.content.decode()
        beside = page.split('id="id_headcounts-faith-error"', 1)[1].split("</span>\n", 1)[0]
        assert message in beside
        assert f'value="{typed}"' in page
        assert 'name="headcounts-vcse" value="3"' in page
    assert not SectorHeadcount.objects.exists()
    session.refresh_from_db()
    assert session.lived_experience_headcount is None


def test_the_page_reads_a_full_day_in_a_fixed_number_of_queries(
    client, world, django_assert_max_num_queries
):
    small = SessionFactory(area=world.area_a)
    AttendanceFactory(session=small)
    InsightFactory(session=small)
    ActionFactory(session=small)
    big = SessionFactory(area=world.area_a)
    for _ in range(60):
        AttendanceFactory(session=big, person__organisation=None)
    for _ in range(30):
        InsightFactory(session=big)
    for _ in range(20):
        ActionFactory(session=big, owner=world.steering_a.person)
    QuoteFactory(session=big)
    client.force_login(world.facilitator_a)

    # The user, the session; who came and how many by sector; the facilitator's drafts;
    # what was heard and the actions; the audit of who came being seen; the facilitators;
    # the cascade, the live room; what the budget paid for and the named communities
    # (the planning panel reads who came and their needs with the attendance list).
    with django_assert_max_num_queries(13) as small_queries:
        client.get(small.get_absolute_url())
    with django_assert_max_num_queries(len(small_queries)) as big_queries:
        response = client.get(big.get_absolute_url())

    assert response.status_code == 200
    assert len(big_queries) == len(small_queries)


def test_someone_new_is_offered_the_areas_organisations_not_the_whole_directory(
    client, world, session
):
    local = Organisation.objects.create(name="Hampden Park Pantry", sector=Sector.VCSE)
    AttendanceFactory(session=session, person=PersonFactory(organisation=local))
    elsewhere = Organisation.objects.create(name="Far Away Trust", sector=Sector.VCSE)
    client.force_login(world.lead)

    page = client.get(session.get_absolute_url(), {"add": "someone-new"}).content.decode()
    refused = client.post(
        url("attendee-new", session),
        {"new-attendee-full_name": "Bea New", "new-attendee-organisation": elsewhere.pk},
    )

    assert "Hampden Park Pantry" in page
    assert "Far Away Trust" not in page
    assert "Select a valid choice" in refused.content.decode()
    assert not Attendance.objects.filter(person__full_name="Bea New").exists()
