import importlib

import pytest
from django.apps import apps as django_apps
from django.db import IntegrityError, transaction

from partnerships.versioning import EditConflict
from resources.casestudies import services
from resources.casestudies.models import SECTION_NAMES, CaseStudyStatus, CaseStudyVersion
from tests.factories import user_with_role
from tests.resources.casestudies.story import DONE_ACTION, INDICATOR_NAMES


def _fields(version, **changes):
    fields = {name: getattr(version, name) for name in services.EDITABLE_FIELDS}
    return {**fields, **changes}


def test_a_new_case_study_is_drafted_from_the_areas_data(draft, world):
    assert draft.number == 1
    assert draft.status == CaseStudyStatus.DRAFT
    assert "7 organisations from 6 sectors" in draft.involved
    assert "4 sessions" in draft.what_we_did
    assert "44 attendances" in draft.involved
    assert "Cost" in draft.barriers
    assert DONE_ACTION in draft.since
    # Each indicator rose from its baseline of 0 (or 1, or 2) in the story.
    assert all(name in draft.achieved for name in INDICATOR_NAMES)
    assert [author.person for author in draft.authors.all()] == [world.facilitator_a.person]


def test_the_author_cannot_approve_their_own_case_study(draft):
    services.case_study_submit(version=draft, by=draft.created_by)

    with pytest.raises(services.WorkflowError, match="someone else must approve"):
        services.case_study_approve(version=draft, by=draft.created_by)
    draft.refresh_from_db()
    assert draft.status == CaseStudyStatus.IN_REVIEW


def test_a_named_co_author_cannot_approve_either(draft, second_facilitator):
    services.case_study_update(
        version=draft,
        by=draft.created_by,
        seen_version=draft.version,
        fields=_fields(draft),
        authors=[draft.created_by, second_facilitator.person],
    )
    services.case_study_submit(version=draft, by=draft.created_by)

    with pytest.raises(services.WorkflowError):
        services.case_study_approve(version=draft, by=second_facilitator.person)


def test_a_second_facilitator_approves_and_publishes_with_frozen_figures(published):
    assert published.status == CaseStudyStatus.PUBLISHED
    assert published.published_at is not None
    assert published.figures["actions"] == {"open": 2, "done": 1, "overdue": 1}
    assert len(published.figures["indicators"]) == 3


def test_a_programme_lead_may_approve(draft, world):
    services.case_study_submit(version=draft, by=draft.created_by)
    version = services.case_study_approve(version=draft, by=world.lead.person)
    assert version.is_published


def test_a_published_version_cannot_be_edited(published):
    with pytest.raises(services.WorkflowError, match="published"):
        services.case_study_update(
            version=published,
            by=published.created_by,
            seen_version=published.version,
            fields=_fields(published, title="Rewritten after the fact"),
            authors=[],
        )
    published.refresh_from_db()
    assert published.title == "Screening with community leaders"


def test_editing_after_publication_starts_the_next_numbered_draft(published):
    second = services.case_study_new_draft(case_study=published.case_study, by=published.created_by)

    assert second.number == 2
    assert second.status == CaseStudyStatus.DRAFT
    assert second.involved == published.involved
    assert [a.name for a in second.authors.all()] == [a.name for a in published.authors.all()]
    with pytest.raises(services.WorkflowError, match="already has a version"):
        services.case_study_new_draft(case_study=published.case_study, by=published.created_by)


def test_a_case_study_has_at_most_one_unpublished_version(draft):
    with pytest.raises(IntegrityError), transaction.atomic():
        CaseStudyVersion.objects.create(case_study=draft.case_study, number=2, title="Twin")


def test_an_edit_from_a_stale_copy_is_caught(draft):
    services.case_study_update(
        version=draft,
        by=draft.created_by,
        seen_version=draft.version,
        fields=_fields(draft, title="First writer"),
        authors=[draft.created_by],
    )
    with pytest.raises(EditConflict):
        services.case_study_update(
            version=draft,
            by=draft.created_by,
            seen_version=1,
            fields=_fields(draft, title="Second writer"),
            authors=[draft.created_by],
        )


def test_a_version_in_review_can_be_sent_back_to_draft(draft, world):
    services.case_study_submit(version=draft, by=draft.created_by)
    version = services.case_study_return(version=draft, by=world.lead.person)
    assert version.status == CaseStudyStatus.DRAFT


def test_facilitators_of_another_area_are_not_offered_as_authors(draft, world):
    from resources.casestudies.selectors import possible_authors

    outsider = user_with_role(world.area_b)
    people = set(possible_authors(world.area_a))
    assert world.facilitator_a.person in people
    assert world.lead.person in people
    assert world.facilitator_b.person not in people
    assert outsider.person not in people
    assert world.funder.person not in people


# Four eyes: everyone who edited a version is one of its authors -----------------------


def _edit(version, by, *, authors, **changes):
    version.refresh_from_db()
    return services.case_study_update(
        version=version,
        by=by,
        seen_version=version.version,
        fields=_fields(version, **changes),
        authors=authors,
    )


def test_someone_who_rewrote_the_draft_cannot_approve_it_though_not_named_an_author(draft, world):
    lead = world.lead.person
    _edit(
        draft,
        lead,
        authors=[draft.created_by],
        **{name: f"The lead's words for {name}" for name in SECTION_NAMES},
    )
    services.case_study_submit(version=draft, by=draft.created_by)

    with pytest.raises(services.WorkflowError, match="someone else must approve"):
        services.case_study_approve(version=draft, by=lead)
    draft.refresh_from_db()
    assert draft.status == CaseStudyStatus.IN_REVIEW
    assert [author.person for author in draft.authors.all()] == [draft.created_by]


def test_editing_one_section_is_enough_to_count_as_an_author(draft, second_facilitator):
    _edit(draft, second_facilitator.person, authors=[draft.created_by], tips="One more tip")
    services.case_study_submit(version=draft, by=draft.created_by)

    with pytest.raises(services.WorkflowError):
        services.case_study_approve(version=draft, by=second_facilitator.person)


def test_taking_a_name_off_the_authors_list_does_not_take_them_out_of_the_four_eyes(
    draft, second_facilitator
):
    helper = second_facilitator.person
    _edit(draft, helper, authors=[draft.created_by, helper], since="What the helper saw")
    _edit(draft, draft.created_by, authors=[draft.created_by], since="What we all saw")
    services.case_study_submit(version=draft, by=draft.created_by)

    with pytest.raises(services.WorkflowError):
        services.case_study_approve(version=draft, by=helper)
    assert set(draft.edits.values_list("person", flat=True)) == {draft.created_by.pk, helper.pk}


def test_the_system_records_each_edit_with_the_sections_it_changed(draft, world):
    _edit(draft, world.lead.person, authors=[draft.created_by], problem="New", tips="Tip")

    edit = draft.edits.get(person=world.lead.person)
    assert edit.sections == ["problem", "tips"]
    assert edit.edited_at is not None


def test_saving_without_changing_the_words_is_not_an_edit(draft, second_facilitator):
    _edit(draft, second_facilitator.person, authors=[draft.created_by, second_facilitator.person])
    _edit(draft, draft.created_by, authors=[draft.created_by])
    services.case_study_submit(version=draft, by=draft.created_by)

    version = services.case_study_approve(version=draft, by=second_facilitator.person)

    assert version.is_published


def test_sending_a_version_back_does_not_make_the_reviewer_an_author(draft, world):
    services.case_study_submit(version=draft, by=draft.created_by)
    services.case_study_return(version=draft, by=world.lead.person)
    services.case_study_submit(version=draft, by=draft.created_by)

    assert services.case_study_approve(version=draft, by=world.lead.person).is_published


def test_the_next_version_counts_only_its_own_editors(published, second_facilitator):
    second = services.case_study_new_draft(case_study=published.case_study, by=published.created_by)
    services.case_study_submit(version=second, by=published.created_by)

    # The second facilitator approved the first version's words; the new version is
    # someone else's work, so they may review it.
    assert services.case_study_approve(version=second, by=second_facilitator.person).is_published


def test_versions_open_before_edits_were_recorded_count_their_last_editor(draft, world):
    draft.updated_by = world.lead.person
    draft.save(update_fields=["updated_by"])
    services.case_study_submit(version=draft, by=draft.created_by)
    draft.edits.all().delete()

    importlib.import_module("resources.migrations.0006_case_study_edits").record_last_editors(
        django_apps, None
    )

    with pytest.raises(services.WorkflowError):
        services.case_study_approve(version=draft, by=world.lead.person)
