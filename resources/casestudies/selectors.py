"""Reads of case studies. Area pages start from an area the user may see; the public and
funders' pages see published versions only."""

from django.db.models import Max, OuterRef, Prefetch, Q, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from areas import selectors as area_selectors
from partnerships import access
from partnerships.markdown import render_markdown
from partnerships.models import Person, ProgrammeRole
from resources.casestudies import figures as case_figures
from resources.casestudies.models import CaseStudy, CaseStudyEdit, CaseStudyVersion


def can_edit(user, area, *, roles=None) -> bool:
    """The area's facilitators and programme leads write and approve case studies."""
    return access.can_manage(user, area, roles=roles)


def get_case_study_for(user, area_slug: str, case_study_id: int) -> CaseStudy:
    """The case study if `user` belongs to its area, else 404."""
    area = area_selectors.get_area_for(user, area_slug)
    return get_object_or_404(
        CaseStudy.objects.filter(area=area).select_related("area__cohort"), pk=case_study_id
    )


def _versions():
    return CaseStudyVersion.objects.select_related(
        "created_by", "submitted_by", "approved_by", "updated_by"
    ).prefetch_related(
        "authors", Prefetch("edits", queryset=CaseStudyEdit.objects.select_related("person"))
    )


def editors(version: CaseStudyVersion) -> list[Person]:
    """Each person who changed the version's words, once, in the order they first did."""
    found = {}
    for edit in version.edits.all():
        if edit.person_id is not None:
            found.setdefault(edit.person_id, edit.person)
    return list(found.values())


def case_study_versions(case_study: CaseStudy) -> list[CaseStudyVersion]:
    """Every version, newest first, with its authors and the people who moved it on."""
    return list(_versions().filter(case_study=case_study).order_by("-number"))


def get_version(case_study: CaseStudy, number: int) -> CaseStudyVersion:
    return get_object_or_404(_versions().filter(case_study=case_study), number=number)


def open_version(case_study: CaseStudy) -> CaseStudyVersion:
    """The draft or version in review; 404 if every version is published."""
    version = _versions().filter(case_study=case_study).unpublished().first()
    if version is None:
        raise Http404("Every version of this case study is published.")
    return version


def area_case_studies(area) -> list[CaseStudy]:
    """The area's case studies, each with `latest` (its newest version)."""
    studies = list(
        CaseStudy.objects.filter(area=area).prefetch_related(
            Prefetch("versions", queryset=CaseStudyVersion.objects.order_by("-number"))
        )
    )
    for study in studies:
        study.latest = study.versions.all()[0]
    return studies


def possible_authors(area):
    """People who may be named as authors: the area's members and programme leads."""
    return (
        Person.objects.filter(Q(memberships__area=area) | Q(programme_role=ProgrammeRole.LEAD))
        .exclude(programme_role=ProgrammeRole.FUNDER)
        .select_related("organisation")
        .distinct()
        .order_by("full_name")
    )


def figures_data(version: CaseStudyVersion) -> dict:
    """Frozen figures for a published version; a draft's are read live."""
    area = version.case_study.area
    return version.figures or case_figures.live_figures(area, today=timezone.localdate())


def display_figures(version: CaseStudyVersion) -> case_figures.Figures:
    return case_figures.shown(version.case_study.area, figures_data(version))


def _latest_published():
    newest = (
        CaseStudyVersion.objects.published()
        .filter(case_study=OuterRef("case_study"))
        .order_by()
        .values("case_study")
        .annotate(newest=Max("number"))
        .values("newest")
    )
    return (
        _versions()
        .published()
        .filter(number=Subquery(newest))
        .select_related("case_study__area__cohort")
    )


def get_published_by_token(token: str) -> CaseStudyVersion:
    """The latest published version of the case study with this public token, else 404.

    A case study with no published version is not found, whoever asks.
    """
    # Only what the public page and PDF show: no joins to the people who moved it on.
    version = (
        CaseStudyVersion.objects.published()
        .prefetch_related("authors")
        .filter(case_study__public_token=token)
        .select_related("case_study__area__cohort")
        .order_by("-number")
        .first()
    )
    if version is None:
        raise Http404("No published case study has this address.")
    return version


def published_case_studies(*, cohorts) -> list[CaseStudyVersion]:
    """The latest published version of every case study in `cohorts` (a queryset)."""
    return list(
        _latest_published()
        .filter(case_study__area__cohort__in=cohorts)
        .order_by("case_study__area__name", "-published_at")
    )


def rendered_sections(version: CaseStudyVersion) -> list[tuple[str, str, str]]:
    """(name, heading, sanitised HTML) for each section, in the programme's order."""
    return [(name, heading, render_markdown(text)) for name, heading, text in version.sections]
