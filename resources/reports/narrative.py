"""The covers and one-page summaries of an area's case study and progress report, and of a
cohort's programme report, written from their figures.

Everything said here is evidence: counts, indicators that moved towards better (with
their dates and targets), actions done, and stage changes with the reasons the team
recorded. The statements' expected outcomes are aims and are only ever called aims.
"""

from django.template.defaultfilters import pluralize

from partnerships.documents import Cover, Headline, PullQuote, Summary, SummaryPart, counted
from resources.casestudies.figures import Figures

# The summary tells the few strongest changes; the sections tell the rest.
CHANGES_TOLD = 3


def area_headlines(figures: Figures) -> list[Headline]:
    """People involved, sessions, organisations and sectors, and the indicator that moved
    furthest towards its target: what a funder looks for first."""
    headlines = []
    involvement = figures.involvement
    if involvement.attendances:
        headlines.append(
            Headline(
                f"{involvement.attendances:,}",
                f"attendances at {counted(len(figures.sessions), 'session')}, people named "
                "and counted",
            )
        )
    elif figures.sessions:
        headlines.append(Headline(f"{len(figures.sessions):,}", "sessions held"))
    if involvement.organisation_count:
        headlines.append(
            Headline(
                f"{involvement.organisation_count:,}",
                f"organisation{pluralize(involvement.organisation_count)} from "
                f"{counted(involvement.organisation_sectors, 'sector')}",
            )
        )
    if figures.improvements:
        moved = figures.improvements[0]
        headlines.append(
            Headline(
                moved.arrow,
                f"{moved.indicator.name}, {moved.baseline_on:%b %Y} to {moved.latest_on:%b %Y}",
            )
        )
    if involvement.lived_experience:
        headlines.append(
            Headline(
                f"{involvement.lived_experience:,}",
                "attendances by people with lived experience",
            )
        )
    if figures.actions["done"]:
        headlines.append(
            Headline(
                f"{figures.actions['done']:,}", f"action{pluralize(figures.actions['done'])} done"
            )
        )
    return headlines


def area_cover(
    area, figures: Figures, *, kind: str, title: str, lede="", notice="", place=""
) -> Cover:
    quote = figures.quotes[0] if figures.quotes else None
    return Cover(
        kind=kind,
        title=title,
        place=place or f"{area.name} · {area.cohort.name}",
        as_of=figures.as_of,
        lede=lede,
        headlines=area_headlines(figures),
        quote=PullQuote(quote.text, quote.attribution) if quote else None,
        credits=[area.cohort.funder_credit],
        notice=notice,
    )


def area_summary(area, figures: Figures) -> Summary:
    changes = [move.sentence for move in figures.improvements[:CHANGES_TOLD]]
    if figures.actions["done"]:
        changes.append(
            f"The partnership has completed {counted(figures.actions['done'], 'action')} "
            "it agreed at its sessions."
        )
    if figures.stage_changes:
        latest = figures.stage_changes[-1]
        changes.append(
            f"In {latest['on']:%B %Y} it moved on to “{latest['stage']}”: "
            f"{latest['reason'].strip().rstrip('.')}."
        )
    changes += [
        f"The partnership recorded “{statement['title']}” as achieved."
        for statement in figures.achieved_statements
    ]
    involvement = figures.involvement
    for_whom = [area.focus.rstrip(".") + "."]
    if area.geography:
        for_whom.append(f"Where: {area.geography}.")
    if involvement.attendances:
        sentence = f"{counted(involvement.attendances, 'attendance')} at sessions"
        if involvement.lived_experience:
            sentence += (
                f", {involvement.lived_experience:,} of them by people with lived experience"
            )
        for_whom.append(sentence + ".")
    if involvement.organisation_count:
        for_whom.append(
            f"{counted(involvement.organisation_count, 'organisation')} from "
            f"{counted(involvement.organisation_sectors, 'sector')} took part."
        )
    # Two statements may aim for the same thing: it is said once.
    next_steps = list(
        dict.fromkeys(f"Aim: {aim['outcome'].strip()}" for aim in figures.current_aims)
    )
    if figures.actions["open"]:
        overdue = figures.actions["overdue"]
        next_steps.append(
            f"{counted(figures.actions['open'], 'action')} still open"
            + (f", {overdue:,} past the due date." if overdue else ".")
        )
    next_steps += [
        f"Target: {indicator.name}, {indicator.format_value(indicator.target_value)} "
        f"by {indicator.target_on:%B %Y}."
        for indicator in _targets_ahead(figures)
    ]
    return Summary(
        changed=SummaryPart(
            "What changed",
            changes,
            empty="No change has been measured or recorded yet.",
        ),
        for_whom=SummaryPart("For whom", for_whom),
        next=SummaryPart("What’s next", next_steps, empty="Nothing is planned yet."),
    )


def _cohort_moves(areas: list[dict]):
    """(area, movement) of every indicator in the cohort that moved towards better, the
    furthest first."""
    moves = [(p["area"], move) for p in areas for move in p["figures"].improvements]
    return sorted(moves, key=lambda pair: -pair[1].share_of_target)


def cohort_cover(cohort, areas: list[dict], *, as_of) -> Cover:
    """The programme report's cover: the cohort's areas, who took part, the indicator that
    moved furthest, and a quote from one of its areas."""
    headlines = [Headline(f"{len(areas):,}", f"area{pluralize(len(areas))} in the cohort")]
    attendances = sum(p["figures"].involvement.attendances for p in areas)
    sessions = sum(len(p["figures"].sessions) for p in areas)
    if attendances:
        headlines.append(
            Headline(f"{attendances:,}", f"attendances at {counted(sessions, 'session')}")
        )
    organisations = sum(p["figures"].involvement.organisation_count for p in areas)
    if organisations:
        headlines.append(Headline(f"{organisations:,}", "organisations involved across the areas"))
    moves = _cohort_moves(areas)
    if moves:
        area, move = moves[0]
        headlines.append(
            Headline(
                move.arrow,
                f"{move.indicator.name} in {area.name}, "
                f"{move.baseline_on:%b %Y} to {move.latest_on:%b %Y}",
            )
        )
    quoted = next((p for p in areas if p["figures"].quotes), None)
    quote = None
    if quoted:
        first = quoted["figures"].quotes[0]
        quote = PullQuote(first.text, f"{first.attribution}, {quoted['area'].name}")
    return Cover(
        kind="Programme report",
        title=cohort.name,
        place=counted(len(areas), "area") + (" side by side" if len(areas) > 1 else ""),
        as_of=as_of,
        lede=cohort.description,
        headlines=headlines,
        quote=quote,
        credits=[cohort.funder_credit],
    )


def cohort_summary(cohort, areas: list[dict]) -> Summary:
    """The cohort's story in a page: its strongest changes, its places, what comes next."""
    indicators = sum(len(p["figures"].indicators) for p in areas)
    moves = _cohort_moves(areas)
    changed = []
    if indicators:
        changed.append(
            f"{len(moves) or 'None'} of the cohort’s {counted(indicators, 'indicator')} "
            f"{pluralize(len(moves), 'has,have')} moved towards better since "
            f"{pluralize(indicators, 'its baseline,their baselines')}."
        )
    changed += [f"{area.name}: {move.sentence}" for area, move in moves[:CHANGES_TOLD]]
    done = sum(p["figures"].actions["done"] for p in areas)
    if done:
        changed.append(f"The areas have completed {counted(done, 'action')} between them.")
    stage_moves = sorted(
        (
            (change["on"], p["area"].name, change["stage"])
            for p in areas
            for change in p["figures"].stage_changes
        ),
        reverse=True,
    )
    changed += [
        f"{name} moved on to “{stage}” in {on:%B %Y}." for on, name, stage in stage_moves[:2]
    ]
    for_whom = [f"{p['area'].name}: {p['area'].focus.rstrip('.')}." for p in areas]
    if len(for_whom) > 6:
        for_whom = [*for_whom[:5], f"and {counted(len(areas) - 5, 'more area')}."]
    still_open = sum(p["figures"].actions["open"] for p in areas)
    overdue = sum(p["figures"].actions["overdue"] for p in areas)
    aims = sum(len(p["figures"].current_aims) for p in areas)
    next_steps = []
    if aims:
        next_steps.append(
            f"{counted(aims, 'challenge–action–outcome statement')} set out what the areas "
            "aim for; each area’s page names its targets."
        )
    if still_open:
        next_steps.append(
            f"{counted(still_open, 'action')} still open"
            + (f", {overdue:,} past the due date." if overdue else ".")
        )
    unmet = [
        (indicator.target_on, p["area"].name, indicator)
        for p in areas
        for indicator in _targets_ahead(p["figures"])
    ]
    next_steps += [
        f"{name}: {indicator.name}, target {indicator.format_value(indicator.target_value)} "
        f"by {on:%B %Y}."
        for on, name, indicator in sorted(unmet, key=lambda item: (item[0], item[1]))[:3]
    ]
    return Summary(
        changed=SummaryPart(
            "What changed", changed, empty="No change has been measured or recorded yet."
        ),
        for_whom=SummaryPart("For whom", for_whom),
        next=SummaryPart("What’s next", next_steps, empty="Nothing is planned yet."),
    )


def _targets_ahead(figures: Figures) -> list:
    """The indicators whose targets are still to reach."""
    return [
        shown.indicator
        for shown in figures.indicators
        if shown.indicator.has_target and not (shown.movement and shown.movement.reached_target)
    ]


def area_story(figures: Figures) -> str:
    """An area's progress in a sentence, for its page of the programme report."""
    if figures.improvements:
        return figures.improvements[0].sentence
    if figures.actions["done"]:
        return f"{counted(figures.actions['done'], 'action')} done; no indicator has moved yet."
    return "No change has been measured or recorded yet."
