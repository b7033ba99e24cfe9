"""Demo statements, indicators and evidence, drawn from the programme's public facts.

Baselines and outputs are the areas' own figures (40+ receptionists trained across four
practices, 29,508 missed appointments in 2019, Sheffield's 5% target for 2030); later
outcome figures are invented and say so in their source (areas/demo/outcomes.toml).
Each statement is written through the services, then its revisions are moved back to the
dates they describe.
"""

from collections import defaultdict
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from areas.outcomes import services
from areas.outcomes.models import CaoRevision, CaoStatement, Evidence, Indicator, Measurement
from partnerships import demo_data


def load(areas, people):
    """Statements, indicators and evidence for the demo areas; `areas` and `people` by key."""
    data = demo_data.load("areas", "outcomes")
    author = people["facilitator@demo.example"]
    lead = people["lead@demo.example"]
    statements = defaultdict(list)
    for statement in data["statements"]:
        slug = statement["area"]
        by = lead if slug == "cheshire-east" else author
        statements[slug].append(_write_statement(areas[slug], statement["revisions"], by=by))
    for entry in data["indicators"]:
        baseline, target = entry["baseline"], entry.get("target")
        indicator = services.indicator_create(
            area=areas[entry["area"]],
            by=author,
            name=entry["name"],
            kind=entry["kind"],
            unit=entry["unit"],
            unit_label=entry["unit_label"],
            direction=entry["direction"],
            definition="",
            baseline_value=Decimal(baseline["value"]),
            baseline_on=baseline["on"],
            target_value=Decimal(target["value"]) if target else None,
            target_on=target["on"] if target else None,
            statements=[statements[entry["area"]][entry["statement"]]],
        )
        Indicator.objects.filter(pk=indicator.pk).update(created_at=_at(baseline["on"]))
        for row in entry["measurements"]:
            measurement = services.measurement_add(
                indicator=indicator,
                by=author,
                measured_on=row["on"],
                value=Decimal(row["value"]),
                source=row["source"],
                note=row.get("note", ""),
            )
            Measurement.objects.filter(pk=measurement.pk).update(
                recorded_at=_at(row["on"] + timedelta(days=3))
            )
    for fields in data["evidence"]:
        slug, index = fields.pop("area"), fields.pop("statement")
        evidence = services.evidence_save(
            area=areas[slug], by=author, statements=[statements[slug][index]], **fields
        )
        Evidence.objects.filter(pk=evidence.pk).update(created_at=_at(fields["collected_on"]))


def _write_statement(area, revisions, *, by) -> CaoStatement:
    """The statement as its first revision says, then each later one's changes, in turn."""
    content, *later = revisions
    first_on = content.pop("on")
    statement = services.cao_statement_create(area=area, by=by, **content)
    saved_on = {1: first_on}
    for changes in later:
        when, reason = changes.pop("on"), changes.pop("reason", "")
        content = {**content, **changes}
        revision = services.cao_statement_revise(
            statement=statement, version=max(saved_on), by=by, reason=reason, **content
        )
        saved_on[revision.number] = when
    for number, when in saved_on.items():
        CaoRevision.objects.filter(statement=statement, number=number).update(created_at=_at(when))
    CaoStatement.objects.filter(pk=statement.pk).update(created_at=_at(first_on))
    statement.refresh_from_db()
    return statement


def _at(day: date) -> datetime:
    """Half past ten on `day`, in the programme's time zone."""
    return timezone.make_aware(datetime.combine(day, time(10, 30)))
