"""A budget's lines as a spreadsheet for the LCO's finance team."""

from django.utils import timezone

HEADER = [
    "Date",
    "Financial year",
    "Budget",
    "Category",
    "Payee",
    "Payee is",
    "What it was for",
    "Amount (£)",
    "Status",
    "Decided by",
    "Decided on",
    "Reason given",
    "Paid on",
    "Paid by",
    "Recorded by",
    "Recorded on",
    "Receipt",
]


def _payee_kind(line) -> str:
    if line.payee_person_id:
        return "Person"
    if line.payee_organisation_id:
        return "Organisation"
    return "Participant not on the platform"


def _day(moment) -> str:
    return timezone.localdate(moment).isoformat() if moment else ""


def write_budget_csv(writer, budget, lines) -> None:
    """One row per line, oldest first. Amounts are plain numbers with two decimals,
    so a spreadsheet adds them up; `writer` neutralises formulas (partnerships.spreadsheets)."""
    writer.writerow(HEADER)
    for line in sorted(lines, key=lambda line: (line.spent_on, line.pk)):
        writer.writerow(
            [
                line.spent_on.isoformat(),
                budget.year_label,
                budget.get_kind_display(),
                line.get_category_display(),
                line.payee,
                _payee_kind(line),
                line.description,
                f"{line.amount:.2f}",
                line.get_status_display(),
                line.decided_by.full_name if line.decided_by else "",
                _day(line.decided_at),
                line.decision_reason,
                line.paid_on.isoformat() if line.paid_on else "",
                line.get_payment_method_display(),
                line.recorded_by.full_name,
                _day(line.recorded_at),
                "Yes" if line.receipt else "No",
            ]
        )
