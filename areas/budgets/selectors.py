"""Reads of budgets that pages share. Each starts from an area the user may see budgets of.

Budgets name the people paid from them, so they are seen only by the area's
facilitators and LCO coordinators (and programme leads); anyone else gets 404.
"""

from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from areas.budgets.models import Budget, SpendLine, SpendStatus
from areas.budgets.money import financial_year_of
from areas.models import Area, LocalCoordinatingOrganisation, SteeringMember
from areas.people import registered_area_people
from areas.selectors import get_area_and_roles_for, get_area_for
from partnerships.models import AreaRole, Membership, Organisation, Person, ProgrammeRole
from partnerships.querysets import any_of

BUDGET_ROLES = frozenset({AreaRole.FACILITATOR, AreaRole.LCO_COORDINATOR})


def sees_budgets(roles) -> bool:
    """Whether someone with `roles` in an area (from access.roles_in) sees its budgets."""
    return bool(set(roles) & BUDGET_ROLES)


def get_budget_area_for(user, area_slug) -> Area:
    """The area if the user keeps or oversees its budgets; 404 for everyone else."""
    return get_area_for(user, area_slug, roles=BUDGET_ROLES)


def get_budget_area_and_roles_for(user, area_slug) -> tuple[Area, set[str]]:
    """The area as `get_budget_area_for` finds it, with the user's roles in it."""
    return get_area_and_roles_for(user, area_slug, roles=BUDGET_ROLES)


def get_budget(area: Area, budget_id) -> Budget:
    """One of the area's budgets with its totals (see BudgetQuerySet.with_totals)."""
    return get_object_or_404(
        Budget.objects.with_totals().filter(area=area).select_related("area"), pk=budget_id
    )


def get_line(area: Area, line_id) -> SpendLine:
    return get_object_or_404(
        _with_payee(SpendLine.objects.filter(budget__area=area)).select_related(
            "budget__area", "recorded_by", "updated_by"
        ),
        pk=line_id,
    )


def current_financial_year() -> int:
    return financial_year_of(timezone.localdate())


def budget_years(area: Area) -> list[int]:
    """The years the area has budgets for, and the current one, newest first."""
    years = set(Budget.objects.filter(area=area).values_list("financial_year", flat=True))
    return sorted(years | {current_financial_year()}, reverse=True)


def budgets_for_year(area: Area, year: int) -> list[Budget]:
    return list(
        Budget.objects.with_totals().filter(area=area, financial_year=year).select_related("area")
    )


def _with_payee(lines):
    return lines.select_related("payee_person", "payee_organisation")


def lines_of(area_id: int, *, categories):
    """The area's claims and spending in `categories`, except the rejected, newest first."""
    return (
        _with_payee(SpendLine.objects.filter(budget__area_id=area_id, category__in=categories))
        .exclude(status=SpendStatus.REJECTED)
        .order_by("-spent_on", "-pk")
    )


def budget_lines(budget: Budget):
    return _with_payee(budget.lines.all()).select_related("recorded_by", "decided_by")


def budget_history(budget: Budget):
    return budget.events.select_related(
        "by", "line__payee_person", "line__payee_organisation"
    ).order_by("-at", "-pk")


def waiting_for_approval(area: Area):
    """Claims in any of the area's budgets that a facilitator has still to decide."""
    return (
        _with_payee(SpendLine.objects.filter(budget__area=area, status=SpendStatus.PENDING))
        .select_related("budget__area", "recorded_by")
        .order_by("spent_on", "pk")
    )


def waiting_to_be_paid(area: Area):
    """Approved lines the LCO has still to pay, oldest first."""
    return (
        _with_payee(
            SpendLine.objects.filter(
                budget__area=area, status=SpendStatus.APPROVED, paid_on__isnull=True
            )
        )
        .select_related("budget__area")
        .order_by("spent_on", "pk")
    )


def payee_people(area: Area):
    """People a line may pay: the area's members, steering group (past and present), LCO
    coordinators and whoever came to its sessions, as every other page of the area counts
    its people. Anyone else is typed in by name and kept only on the line."""
    return (
        Person.objects.filter(
            pk__in=any_of(
                Membership.objects.filter(area=area).values("person_id"),
                SteeringMember.objects.filter(area=area).values("person_id"),
                LocalCoordinatingOrganisation.objects.filter(area=area).values("coordinator_id"),
                *registered_area_people(area),
            )
        )
        .exclude(programme_role=ProgrammeRole.FUNDER)
        .order_by("full_name")
    )


def payee_organisations(area: Area):
    """Organisations at the area's table: its LCOs, those represented on the steering
    group, and the organisations of its people."""
    return Organisation.objects.filter(
        Q(pk__in=LocalCoordinatingOrganisation.objects.filter(area=area).values("organisation"))
        | Q(pk__in=SteeringMember.objects.filter(area=area).values("organisation"))
        | Q(pk__in=payee_people(area).values("organisation"))
    ).order_by("name")


def budget_use(area: Area) -> list[Budget]:
    """Each of the area's budgets with its totals, for reports: sums only, never payees."""
    return list(Budget.objects.filter(area=area).with_totals().order_by("-financial_year", "kind"))
