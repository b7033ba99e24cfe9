"""Writing, reviewing and publishing case studies. One function per step, each atomic.

The workflow: a draft is edited by the area's facilitators and programme leads, sent
for review, and approved by someone else (a different facilitator of the area or a
programme lead), which publishes it as a frozen, numbered version. Changing a
published case study starts the next version as a draft.
"""

from django.db import transaction
from django.utils import timezone

from partnerships.models import Person
from partnerships.versioning import EditConflict, save_versioned
from resources.casestudies import figures as case_figures
from resources.casestudies.models import (
    SECTION_NAMES,
    CaseStudy,
    CaseStudyAuthor,
    CaseStudyEdit,
    CaseStudyStatus,
    CaseStudyVersion,
)
from resources.casestudies.prefill import prefilled_sections

EDITABLE_FIELDS = ("title", "summary", *SECTION_NAMES)


class WorkflowError(Exception):
    """A step that the version's state, or the person taking it, does not allow."""


def _lock(version: CaseStudyVersion) -> CaseStudyVersion:
    return CaseStudyVersion.objects.select_for_update().get(pk=version.pk)


def _require(version: CaseStudyVersion, *statuses: str, doing: str) -> None:
    if version.status not in statuses:
        raise WorkflowError(
            f"This version is {version.get_status_display().lower()}, so it cannot be {doing}."
        )


def _set_authors(version: CaseStudyVersion, people: list[Person]) -> None:
    version.authors.all().delete()
    CaseStudyAuthor.objects.bulk_create(
        CaseStudyAuthor(
            version=version,
            person=person,
            name=person.full_name,
            role=person.job_title,
            organisation=person.organisation.name if person.organisation else "",
            position=position,
        )
        for position, person in enumerate(people)
    )


@transaction.atomic
def case_study_start(*, area, by: Person, title: str) -> CaseStudyVersion:
    """A new case study whose first draft is written from the area's data."""
    today = timezone.localdate()
    case_study = CaseStudy.objects.create(area=area, created_by=by)
    figures = case_figures.shown(area, case_figures.live_figures(area, today=today))
    version = CaseStudyVersion.objects.create(
        case_study=case_study,
        number=1,
        title=title,
        created_by=by,
        updated_by=by,
        **prefilled_sections(area, figures),
    )
    _set_authors(version, [by])
    return version


@transaction.atomic
def case_study_update(
    *, version: CaseStudyVersion, by: Person, seen_version: int, fields: dict, authors
) -> CaseStudyVersion:
    """Save an edit of a draft; raises EditConflict if someone saved since it was opened."""
    version = _lock(version)
    _require(version, CaseStudyStatus.DRAFT, doing="edited")
    if seen_version is not None and seen_version != version.version:
        raise EditConflict(version)
    changed = [name for name in EDITABLE_FIELDS if fields[name] != getattr(version, name)]
    if changed:
        CaseStudyEdit.objects.create(version=version, person=by, sections=changed)
    edited = {name: fields[name] for name in EDITABLE_FIELDS}
    save_versioned(version, version=version.version, by=by, **edited)
    _set_authors(version, list(authors))
    return version


@transaction.atomic
def case_study_submit(*, version: CaseStudyVersion, by: Person) -> CaseStudyVersion:
    version = _lock(version)
    _require(version, CaseStudyStatus.DRAFT, doing="sent for review")
    version.status = CaseStudyStatus.IN_REVIEW
    version.submitted_by = by
    version.submitted_at = timezone.now()
    version.save(update_fields=["status", "submitted_by", "submitted_at"])
    return version


def writer_ids(version: CaseStudyVersion) -> set[int]:
    """Everyone who had a hand in this version: who started it, changed its words, is
    named as its author or sent it for review. None of them may approve it."""
    authors = {author.person_id for author in version.authors.all()}
    editors = {edit.person_id for edit in version.edits.all()}
    return (authors | editors | {version.created_by_id, version.submitted_by_id}) - {None}


def wrote(version: CaseStudyVersion, person: Person) -> bool:
    return person.pk in writer_ids(version)


@transaction.atomic
def case_study_approve(*, version: CaseStudyVersion, by: Person) -> CaseStudyVersion:
    """Approve and publish: the figures are frozen into the version from this moment."""
    version = _lock(version)
    _require(version, CaseStudyStatus.IN_REVIEW, doing="approved")
    if wrote(version, by):
        raise WorkflowError(
            "You wrote, edited or sent this case study, so someone else must approve it."
        )
    area = version.case_study.area
    version.figures = case_figures.live_figures(area, today=timezone.localdate())
    version.status = CaseStudyStatus.PUBLISHED
    version.approved_by = by
    version.published_at = timezone.now()
    version.save(update_fields=["figures", "status", "approved_by", "published_at"])
    return version


@transaction.atomic
def case_study_return(*, version: CaseStudyVersion, by: Person) -> CaseStudyVersion:
    """Send a version in review back to its authors as a draft."""
    version = _lock(version)
    _require(version, CaseStudyStatus.IN_REVIEW, doing="sent back")
    version.status = CaseStudyStatus.DRAFT
    version.version += 1
    version.updated_by = by
    version.updated_at = timezone.now()
    version.save(update_fields=["status", "version", "updated_by", "updated_at"])
    return version


@transaction.atomic
def case_study_new_draft(*, case_study: CaseStudy, by: Person) -> CaseStudyVersion:
    """The next version, starting from the latest published one's words."""
    case_study = CaseStudy.objects.select_for_update().get(pk=case_study.pk)
    if case_study.versions.unpublished().exists():
        raise WorkflowError("This case study already has a version being written or reviewed.")
    latest = case_study.versions.published().order_by("-number").first()
    if latest is None:
        raise WorkflowError("This case study has no published version to start from.")
    version = CaseStudyVersion.objects.create(
        case_study=case_study,
        number=latest.number + 1,
        created_by=by,
        updated_by=by,
        **{name: getattr(latest, name) for name in EDITABLE_FIELDS},
    )
    CaseStudyAuthor.objects.bulk_create(
        CaseStudyAuthor(
            version=version,
            person_id=author.person_id,
            name=author.name,
            role=author.role,
            organisation=author.organisation,
            position=author.position,
        )
        for author in latest.authors.all()
    )
    return version
