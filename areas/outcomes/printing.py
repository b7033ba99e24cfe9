"""The cover and summary of the statements-as-of-a-date PDF, from what stood on the day.

The statements' expected outcomes are what the areas aim for, and are called aims; what
changed is only what the indicators' measurements up to the day show.
"""

from areas.outcomes import progress
from areas.outcomes.models import CaoStatus
from partnerships.documents import Cover, Headline, PullQuote, Summary, SummaryPart, counted

CHANGES_TOLD = 3


def _movements(areas):
    """(area, movement) for every indicator that had moved towards better by the day."""
    moves = [
        (area, move)
        for area in areas
        for move in progress.improvements(
            progress.movement(indicator, indicator.series) for indicator in area.indicators_then
        )
    ]
    return sorted(moves, key=lambda pair: -pair[1].share_of_target)


def statements_cover(*, areas, quiet_areas, on, area_slug, scope_title) -> Cover:
    shown = [*areas, *quiet_areas]
    one = shown[0] if area_slug and shown else None
    statements = [revision for area in areas for revision in area.statements_then]
    indicators = sum(len(area.indicators_then) for area in areas)
    headlines = [Headline(f"{len(statements):,}", "statements in force on the day")]
    if not one:
        headlines.append(Headline(f"{len(shown):,}", "areas, each on its own pages"))
    if indicators:
        headlines.append(Headline(f"{indicators:,}", "indicators counted by then"))
    moves = _movements(areas)
    if moves:
        area, move = moves[0]
        where = "" if one else f" in {area.name}"
        headlines.append(
            Headline(
                move.arrow,
                f"{move.indicator.name}{where}, {move.baseline_on:%b %Y} to {move.latest_on:%b %Y}",
            )
        )
    quote = next(
        (
            (item, area)
            for area in areas
            for revision in area.statements_then
            for item in revision.evidence_then
            if item.kind == "quote"
        ),
        None,
    )
    if one:
        title, place, lede = one.name, f"{one.cohort.name} · as of {on:%-d %B %Y}", one.focus
    else:
        title = scope_title
        place, lede = f"As of {on:%-d %B %Y}", ""
    return Cover(
        kind="Challenge–action–outcome statements",
        title=title,
        place=place,
        as_of=on,
        lede=lede,
        headlines=headlines,
        quote=PullQuote(
            quote[0].text,
            quote[0].attribution if one else f"{quote[0].attribution}, {quote[1].name}",
        )
        if quote
        else None,
        credits=[area.cohort.funder_credit for area in shown],
        note="Quotes and stories appear only with the speaker’s consent.",
    )


def statements_summary(*, areas, quiet_areas, area_slug) -> Summary:
    one = bool(area_slug)
    moves = _movements(areas)
    changed = [
        move.sentence if one else f"{area.name}: {move.sentence}"
        for area, move in moves[:CHANGES_TOLD]
    ]
    achieved = [
        (area, revision)
        for area in areas
        for revision in area.statements_then
        if revision.status == CaoStatus.ACHIEVED
    ]
    changed += [
        f"“{revision.title}”{'' if one else f' ({area.name})'} was recorded as achieved."
        for area, revision in achieved
    ]
    for_whom = [f"{area.name}: {area.focus.rstrip('.')}." for area in [*areas, *quiet_areas]]
    if len(for_whom) > 6:
        for_whom = [*for_whom[:5], f"and {counted(len(for_whom) - 5, 'more area')}."]
    aims = [
        (area, revision)
        for area in areas
        for revision in area.statements_then
        if revision.status == CaoStatus.CURRENT
    ]
    # Two statements may aim for the same thing: it is said once.
    next_steps = list(
        dict.fromkeys(
            f"Aim{'' if one else f' ({area.name})'}: {revision.outcome.strip()}"
            for area, revision in aims
        )
    )
    return Summary(
        changed=SummaryPart(
            "What changed", changed, empty="No indicator had moved towards better by then."
        ),
        for_whom=SummaryPart("For whom", for_whom),
        next=SummaryPart("What’s next", next_steps, empty="No statement was in force."),
    )
