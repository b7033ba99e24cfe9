"""Who may read which reports: programme leads all of them, funders those of the cohorts
they fund (CohortFunding), an area's team its own area's progress report."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from areas.models import Area, Cohort
from partnerships import access
from partnerships.models import AreaRole
from resources.reports.models import CohortFunding, FunderPack, GeneratedDocument

# Who in an area reads its progress report: those who run the partnership and hold its
# budget, the figures of which the report sums up.
AREA_REPORT_ROLES = frozenset({AreaRole.FACILITATOR, AreaRole.LCO_COORDINATOR})


def reads_reports(user) -> bool:
    return access.is_programme_lead(user) or access.is_funder(user)


def report_cohorts(user):
    """The cohorts whose reports `user` may read: all for leads, funded ones for funders."""
    if access.is_programme_lead(user):
        return Cohort.objects.all()
    if access.is_funder(user):
        person = access.person_for(user)
        return Cohort.objects.filter(
            pk__in=CohortFunding.objects.filter(funder=person).values("cohort_id")
        )
    return Cohort.objects.none()


def get_report_cohort_for(user, cohort_slug: str) -> Cohort:
    return get_object_or_404(report_cohorts(user), slug=cohort_slug)


def get_report_area_for(user, area_slug: str) -> Area:
    """The area if `user` is on its team, leads the programme, or funds its cohort."""
    team = Area.objects.filter(access.area_scope(user, roles=AREA_REPORT_ROLES))
    funded = Area.objects.filter(cohort__in=report_cohorts(user))
    return get_object_or_404((team | funded).select_related("cohort").distinct(), slug=area_slug)


def cached_document(content_hash: str) -> GeneratedDocument | None:
    return GeneratedDocument.objects.filter(content_hash=content_hash).first()


def pack_cohorts(user, slugs: list[str]) -> list[Cohort]:
    """The cohorts a funder pack is asked for: those named, or every one `user` reads.
    A cohort outside what they read is not found, whichever others are asked for."""
    readable = report_cohorts(user).order_by("starts_on", "name")
    cohorts = list(readable.filter(slug__in=slugs) if slugs else readable)
    if not cohorts or len(cohorts) != len(set(slugs) or cohorts):
        raise Http404("No such cohort among those you read.")
    return cohorts


def get_pack_for(user, pack_id: int) -> FunderPack:
    """A pack `user` asked for, while they still read every cohort in it; else 404."""
    person = access.person_for(user)
    if person is None or not reads_reports(user):
        raise Http404("No such funder pack.")
    pack = get_object_or_404(
        FunderPack.objects.filter(requested_by=person)
        .select_related("document")
        .prefetch_related("cohorts"),
        pk=pack_id,
    )
    readable = set(report_cohorts(user).values_list("pk", flat=True))
    if not {cohort.pk for cohort in pack.cohorts.all()} <= readable:
        raise Http404("No such funder pack.")
    return pack
