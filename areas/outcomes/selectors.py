"""Reads of statements, indicators and evidence that pages share.

Each takes an area the viewer was already allowed to see (areas.selectors.get_area_for),
or the user, for the programme view; each fetches in a fixed number of queries.
"""

from collections import defaultdict
from datetime import date, datetime, time, timedelta

from django.db.models import (
    Case,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
    prefetch_related_objects,
)
from django.shortcuts import get_object_or_404
from django.utils import timezone

from areas.models import Area
from areas.outcomes.models import (
    IN_FORCE,
    CaoRevision,
    CaoStatement,
    CaoStatus,
    Evidence,
    Indicator,
    Measurement,
    ProposalStatus,
)
from partnerships.models import Person
from partnerships.panels import fingerprint

# Statements in the order a reader wants them: the live plan first, drafts, then the past.
_STATUS_ORDER = Case(
    *(
        When(status=status, then=Value(index))
        for index, status in enumerate(
            [CaoStatus.CURRENT, CaoStatus.DRAFT, CaoStatus.ACHIEVED, CaoStatus.RETIRED]
        )
    )
)

# How many quotes and stories the area page and each statement in a report show.
EVIDENCE_SHOWN = 3


def area_statements(area, *, statuses=None):
    statements = CaoStatement.objects.filter(area=area)
    if statuses is not None:
        statements = statements.filter(status__in=statuses)
    return statements.order_by(_STATUS_ORDER, "title", "pk")


def get_statement(area, statement_id) -> CaoStatement:
    return get_object_or_404(CaoStatement.objects.filter(area=area), pk=statement_id)


def statement_revisions(statement):
    return statement.revisions.select_related("author", "proposed_by")


def waiting_proposals(statement):
    return statement.proposals.filter(decision=ProposalStatus.WAITING).select_related("proposed_by")


def get_revision(statement, number) -> CaoRevision:
    return get_object_or_404(statement_revisions(statement), number=number)


def latest_revision(statement) -> CaoRevision:
    return statement_revisions(statement).first()


def _measurements(*, up_to=None, with_people=False):
    measurements = Measurement.objects.order_by("measured_on", "recorded_at", "pk")
    if with_people:
        measurements = measurements.select_related("recorded_by")
    if up_to is not None:
        measurements = measurements.filter(measured_on__lte=up_to)
    return measurements


def _with_measurements(indicators, *, up_to=None, with_people=False):
    measurements = _measurements(up_to=up_to, with_people=with_people)
    return indicators.prefetch_related(
        Prefetch("measurements", queryset=measurements, to_attr="series")
    )


def area_indicators(area):
    """The area's indicators, each with `series` (its measurements, oldest first)."""
    return _with_measurements(Indicator.objects.filter(area=area).order_by("kind", "name", "pk"))


def statement_indicators(statement):
    return _with_measurements(statement.indicators.order_by("kind", "name", "pk"))


def get_indicator(area, indicator_id) -> Indicator:
    indicators = _with_measurements(
        Indicator.objects.filter(area=area), with_people=True
    ).prefetch_related(Prefetch("statements", queryset=CaoStatement.objects.order_by("title")))
    return get_object_or_404(indicators, pk=indicator_id)


def evidence_for(area, *, include_unconsented: bool):
    """The area's quotes and stories, newest first. Items without consent are only for
    the area's facilitators: pass `include_unconsented` only for them."""
    evidence = Evidence.objects.filter(area=area).with_speaker_consent()
    if not include_unconsented:
        evidence = evidence.consented()
    return evidence.prefetch_related(
        Prefetch("statements", queryset=CaoStatement.objects.order_by("title"))
    )


def statement_evidence(statement, *, include_unconsented: bool):
    evidence = statement.evidence.with_speaker_consent().prefetch_related(
        Prefetch("statements", queryset=CaoStatement.objects.order_by("title"))
    )
    return evidence if include_unconsented else evidence.consented()


def area_people(area):
    """Who evidence may be linked to: the area's members, steering group (where people
    with lived experience sit) and LCO coordinators."""
    return (
        Person.objects.filter(
            Q(memberships__area=area) | Q(steering_seats__area=area) | Q(lco_roles__area=area)
        )
        .distinct()
        .order_by("full_name", "pk")
    )


def get_evidence(area, evidence_id) -> Evidence:
    return get_object_or_404(
        Evidence.objects.filter(area=area).prefetch_related("statements"), pk=evidence_id
    )


def area_summary(area) -> dict:
    """What the area page shows of the plan: statements in force, indicators, latest quotes."""
    return {
        "statements": list(area_statements(area, statuses=IN_FORCE)),
        "indicators": list(area_indicators(area)),
        "evidence": list(Evidence.objects.filter(area=area).consented()[:EVIDENCE_SHOWN]),
    }


def end_of(day: date) -> datetime:
    """The first moment after `day` in the programme's time zone."""
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


def as_of_areas(user) -> QuerySet:
    """The areas whose statements `user` reads as of a date: those they may see, and for a
    funder those they fund, whose statements go into their reports."""
    return Area.objects.visible_to(user, funded=True)


def areas_for_as_of(user, *, area_slug: str = "", name_contains: str = "") -> QuerySet:
    """The areas `user` reads statements of (just the one asked for, or those whose name
    contains `name_contains`), in the programme view's order."""
    areas = as_of_areas(user)
    if area_slug:
        areas = areas.filter(slug=area_slug)
    if name_contains:
        areas = areas.filter(name__icontains=name_contains)
    return areas.select_related("cohort").order_by(
        F("cohort__starts_on").asc(nulls_last=True), "name", "pk"
    )


def statements_as_of(user, *, on: date, area_slug: str = "", name_contains: str = "") -> list[Area]:
    """Every area `user` may see (or those asked for), with its statements in force as
    they stood at the end of `on`, from the revision history (see `with_statements_as_of`)."""
    chosen = areas_for_as_of(user, area_slug=area_slug, name_contains=name_contains)
    return with_statements_as_of(list(chosen), on=on)


def with_statements_as_of(areas: list[Area], *, on: date, series: bool = True) -> list[Area]:
    """Give each of `areas` what stood at the end of `on`.

    Each area gets `statements_then` (the revision in force on the day, with
    `evidence_then`: consented quotes and stories added by then) and `indicators_then`
    (with `series`: measurements taken by then). Five queries whatever the numbers.
    Without `series`, each indicator has `figures_digest` instead, which changes when
    those measurements do (the page draws from its cache, and reads a series with
    `with_series` only for a picture it has not drawn yet), one query fewer.
    """
    cutoff = end_of(on)
    area_ids = [area.pk for area in areas]

    latest_then = (
        CaoRevision.objects.filter(statement=OuterRef("statement"), created_at__lt=cutoff)
        .order_by("-number")
        .values("pk")[:1]
    )
    revisions = (
        CaoRevision.objects.filter(
            statement__area__in=area_ids, pk=Subquery(latest_then), status__in=IN_FORCE
        )
        .select_related("author", "statement")
        .order_by(_STATUS_ORDER, "title", "statement_id")
    )
    by_area = defaultdict(list)
    for revision in revisions:
        revision.evidence_then = []
        by_area[revision.statement.area_id].append(revision)

    _attach_evidence(
        {revision.statement_id: revision for group in by_area.values() for revision in group},
        cutoff,
    )

    indicators = defaultdict(list)
    counted = Indicator.objects.filter(
        area__in=area_ids, created_at__lt=cutoff, baseline_on__lte=on
    )
    if series:
        counted = _with_measurements(counted, up_to=on)
    else:
        counted = counted.annotate(figures_digest=_measurements_digest(up_to=on))
    for indicator in counted.order_by("kind", "name", "pk"):
        indicators[indicator.area_id].append(indicator)

    for area in areas:
        area.statements_then = by_area[area.pk]
        area.indicators_then = indicators[area.pk]
    return areas


def with_series(indicators: list[Indicator], *, up_to: date) -> None:
    """Give each of `indicators` its `series`: its measurements taken by `up_to`, oldest
    first, in one query for them all."""
    prefetch_related_objects(
        indicators, Prefetch("measurements", queryset=_measurements(up_to=up_to), to_attr="series")
    )


def _measurements_digest(*, up_to: date):
    """A digest of what an indicator's chart shows of its measurements taken by `up_to`."""
    taken = Measurement.objects.filter(indicator=OuterRef("pk"), measured_on__lte=up_to)
    return fingerprint(taken, "indicator", "measured_on", "value", "source")


def _attach_evidence(revisions_by_statement: dict, cutoff: datetime) -> None:
    """Give each revision the newest consented evidence linked to its statement by then."""
    links = (
        Evidence.statements.through.objects.filter(
            caostatement_id__in=list(revisions_by_statement),
            evidence__created_at__lt=cutoff,
            # Consent given then and not withdrawn since: withdrawing takes words out of
            # every document, including a view of the past.
            evidence__in=Evidence.objects.consented().values("pk"),
        )
        .select_related("evidence")
        .order_by("-evidence__collected_on", "-evidence__created_at", "-evidence_id")
    )
    for link in links:
        shown = revisions_by_statement[link.caostatement_id].evidence_then
        if len(shown) < EVIDENCE_SHOWN:
            shown.append(link.evidence)
