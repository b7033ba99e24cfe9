"""The learning brief: the explorer's filtered set as a short PDF for learning events.

It leaves the platform, so it starts from `visible_insights(shared_only=True)`: quotes
with consent only, and for a funder only the public areas of the cohorts they fund.
Everything it counts it shows: the barriers by type and theme, the ideas themselves, and
the quotes.
"""

from django.db.models import Count

from learning import selectors
from partnerships import access
from partnerships.documents import Cover, Headline, PullQuote, Summary, SummaryPart, counted
from workshops.models import InsightKind

# Quotes in the brief: enough to hear the voices, few enough for a short read.
QUOTES_SHOWN = 8
# Ideas are short; a brief lists this many, newest first, and says how many more there are.
IDEAS_SHOWN = 40


def brief_context(user, *, filters: dict, options: dict, today) -> dict:
    insights = selectors.filter_insights(
        selectors.visible_insights(user, shared_only=True), filters
    )
    tables = {
        by: selectors.counts_table(
            insights,
            by=by,
            areas=options["areas"],
            barrier_types=options["barrier_types"],
            themes=options["themes"],
        )
        for by in ("barrier_type", "theme")
    }
    by_kind = dict(insights.order_by().values_list("kind").annotate(number=Count("pk")))
    anonymised = access.is_funder(user)
    detailed = selectors.with_details(insights)
    quotes = list(detailed.filter(kind=InsightKind.QUOTE)[:QUOTES_SHOWN])
    ideas = list(detailed.filter(kind=InsightKind.IDEA)[:IDEAS_SHOWN])
    for quote in quotes:
        quote.shown_attribution = selectors.shown_attribution(quote, anonymised=anonymised)
    area_ids = set(insights.order_by().values_list("session__area_id", flat=True).distinct())
    areas = [area for area in options["areas"] if area.pk in area_ids]
    top_types = selectors.top_barrier_types(tables["barrier_type"])
    counts = {
        "barriers": by_kind.get(InsightKind.BARRIER, 0),
        "ideas": by_kind.get(InsightKind.IDEA, 0),
        "quotes": by_kind.get(InsightKind.QUOTE, 0),
    }
    return {
        "by_type": tables["barrier_type"],
        "by_theme": tables["theme"],
        "typed_barriers": sum(row.total for row in tables["barrier_type"].rows),
        "top_types": top_types,
        "quotes": quotes,
        "ideas": ideas,
        "counts": counts,
        "total": sum(counts.values()),
        "areas": areas,
        "today": today,
        "cover": _cover(areas, counts, top_types, quotes, today=today, anonymised=anonymised),
        "summary": _summary(areas, counts, top_types, ideas),
    }


def _cover(areas, counts, top_types, quotes, *, today, anonymised) -> Cover:
    cohorts = list(dict.fromkeys(area.cohort for area in areas))
    headlines = [
        Headline(f"{counts['barriers']:,}", f"barriers heard in {counted(len(areas), 'area')}"),
        Headline(f"{counts['ideas']:,}", f"idea{'' if counts['ideas'] == 1 else 's'} for change"),
    ]
    if top_types:
        top = top_types[0]
        headlines.append(
            Headline(f"{top.total:,}", f"times “{top.label}” was heard, the most of any barrier")
        )
    headlines.append(Headline(f"{counts['quotes']:,}", "quotes shared with consent"))
    quote = quotes[0] if quotes else None
    return Cover(
        kind="Learning brief",
        title="What partnerships are hearing",
        place=" · ".join(cohort.name for cohort in cohorts),
        as_of=today,
        headlines=headlines,
        quote=PullQuote(quote.text, f"{quote.shown_attribution}, {quote.session.area.name}")
        if quote
        else None,
        credits=[cohort.funder_credit for cohort in cohorts],
        note="Quotes appear only with the speaker’s consent"
        + (", and without saying who spoke." if anonymised else "."),
    )


def _summary(areas, counts, top_types, ideas) -> Summary:
    heard = [
        f"{row.label}: heard {counted(row.total, 'time')} in {counted(row.area_count, 'area')}."
        for row in top_types
    ]
    places = [f"{area.name}: {area.focus.rstrip('.')}." for area in areas]
    if len(places) > 6:
        places = [*places[:5], f"and {counted(len(areas) - 5, 'more area')}."]
    return Summary(
        title="What we heard, from whom, and what’s next",
        changed=SummaryPart(
            "What partnerships heard most", heard, empty="No barrier with a type was heard."
        ),
        for_whom=SummaryPart("From whom", places, empty="No area in this selection."),
        next=SummaryPart(
            "Ideas for what’s next",
            [idea.text for idea in ideas[:4]],
            empty="No ideas in this selection.",
        ),
    )
