"""Challenge–Action–Outcome statements with their revisions, indicators and evidence."""

from decimal import Decimal

from areas.models import (
    CaoRevision,
    CaoStatement,
    CaoStatus,
    Evidence,
    Indicator,
    Measurement,
)
from scale import words

REVISION_REASONS = [
    "First written at the partnership day.",
    "Reworded after the steering group's review.",
    "Updated with what the residents' panel told us.",
    "Narrowed the focus to two practices.",
]


def add_outcomes(ctx, plan):
    statements = [_add_statement(ctx, plan, n) for n in range(ctx.rng.randint(1, 4))]
    _add_indicators(ctx, plan, statements)
    _add_evidence(ctx, plan, statements)


def _add_statement(ctx, plan, number):
    """A statement whose row carries its latest revision, and 1–8 revisions before it."""
    rng, w = ctx.rng, ctx.writer
    focus = rng.choice(words.FOCI)
    revisions = rng.randint(1, 8)
    first = ctx.today - ctx.days(rng.randint(200, 700))
    statement_id = w.new_id(CaoStatement)
    content = {}
    for number_ in range(1, revisions + 1):
        as_of = first + ctx.days((number_ - 1) * rng.randint(20, 60))
        content = {
            "title": f"{focus[:100]} ({number + 1})",
            "challenge": f"{focus}. Revision {number_} of the challenge in the area's words.",
            "actions": rng.choice(words.ACTIONS) + "; " + rng.choice(words.ACTIONS).lower(),
            "outcome": "More people from the communities named take up the service.",
            "status": CaoStatus.DRAFT
            if number_ == 1
            else rng.choice([CaoStatus.CURRENT, CaoStatus.CURRENT, CaoStatus.ACHIEVED]),
            "as_of": as_of,
        }
        w.add(
            CaoRevision,
            statement_id=statement_id,
            number=number_,
            reason=REVISION_REASONS[min(number_ - 1, len(REVISION_REASONS) - 1)],
            author_id=rng.choice(plan.facilitators + plan.steering[:2]),
            created_at=ctx.aware(as_of),
            **content,
        )
    w.add(
        CaoStatement,
        id=statement_id,
        area_id=plan.id,
        version=revisions,
        created_at=ctx.aware(first),
        **content,
    )
    return statement_id


def _add_indicators(ctx, plan, statements):
    rng, w = ctx.rng, ctx.writer
    for name, kind, unit in rng.sample(words.INDICATORS, rng.randint(2, 5)):
        baseline_on = ctx.today - ctx.days(rng.randint(300, 700))
        baseline = Decimal(rng.randint(5, 60))
        indicator = w.add(
            Indicator,
            area_id=plan.id,
            name=name,
            kind=kind,
            unit=unit,
            definition=f"{name}, counted by the partnership each month.",
            baseline_value=baseline,
            baseline_on=baseline_on,
            target_value=baseline * 2,
            target_on=baseline_on + ctx.days(365),
            created_by_id=plan.facilitators[0],
        )
        w.add(Indicator.statements.through, indicator_id=indicator, caostatement_id=statements[0])
        value = baseline
        for month in range(1, rng.randint(6, 24)):
            value = max(Decimal(0), value + Decimal(rng.randint(-3, 6)))
            if unit == "percentage":
                value = min(value, Decimal(100))
            w.add(
                Measurement,
                indicator_id=indicator,
                measured_on=baseline_on + ctx.days(30 * month),
                value=value,
                source="Practice records",
                recorded_by_id=rng.choice(plan.facilitators + plan.steering),
            )


def _add_evidence(ctx, plan, statements):
    rng, w = ctx.rng, ctx.writer
    for _ in range(rng.randint(2, 6)):
        collected = ctx.today - ctx.days(rng.randint(10, 600))
        consent = rng.choice(["none", "verbal", "written"])
        evidence = w.add(
            Evidence,
            area_id=plan.id,
            text=rng.choice(words.QUOTES),
            attributed_to="a community leader",
            is_anonymised=rng.random() < 0.5,
            consent=consent,
            consent_on=None if consent == "none" else collected,
            collected_on=collected,
            added_by_id=plan.facilitators[0],
        )
        w.add(
            Evidence.statements.through,
            evidence_id=evidence,
            caostatement_id=rng.choice(statements),
        )
