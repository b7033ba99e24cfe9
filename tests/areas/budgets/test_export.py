import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from areas.models import SpendStatus
from partnerships.models import AuditAction, AuditEvent
from partnerships.spreadsheets import spreadsheet_safe
from tests.areas.budgets.factories import BudgetFactory, SpendLineFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ('=HYPERLINK("http://evil")', '\'=HYPERLINK("http://evil")'),
        ("+44 20 7946 0000", "'+44 20 7946 0000"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("Bus fare", "Bus fare"),
        (Decimal("12.50"), "12.50"),
    ],
)
def test_cells_a_spreadsheet_would_run_are_neutralised(cell, safe):
    assert spreadsheet_safe([cell]) == [safe]


def _rows(response):
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))


def test_the_budget_exports_for_finance_safely(client, world):
    budget = BudgetFactory(area=world.area_a)
    SpendLineFactory(
        budget=budget,
        payee_name="=cmd|' /C calc'!A0",
        description="@SUM(1+1) venue",
        amount=Decimal("85.00"),
        status=SpendStatus.APPROVED,
    )
    SpendLineFactory(budget=budget, payee_name="Amara Evans", amount=Decimal("7.10"))
    client.force_login(world.lco_a)

    response = client.get(reverse("areas:budget-csv", args=[world.area_a.slug, budget.pk]))

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    header, *rows = _rows(response)
    assert header[:8] == [
        "Date",
        "Financial year",
        "Budget",
        "Category",
        "Payee",
        "Payee is",
        "What it was for",
        "Amount (£)",
    ]
    by_payee = {row[4]: row for row in rows}
    evil = by_payee["'=cmd|' /C calc'!A0"]
    assert evil[6] == "'@SUM(1+1) venue"
    assert (evil[7], evil[8]) == ("85.00", "Approved")
    assert by_payee["Amara Evans"][7:9] == ["7.10", "Waiting for approval"]
    export = AuditEvent.objects.get(action=AuditAction.EXPORTED)
    assert (export.actor_id, export.area_id) == (world.lco_a.pk, world.area_a.pk)


def test_the_programme_dashboard_export_still_neutralises_formulas(client, world):
    world.area_a.focus = '=IMPORTXML("http://evil")'
    world.area_a.save(update_fields=["focus"])
    client.force_login(world.lead)

    rows = _rows(client.get(reverse("areas:list-csv")))

    assert '\'=IMPORTXML("http://evil")' in {row[4] for row in rows}
