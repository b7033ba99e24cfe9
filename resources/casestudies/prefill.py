"""First drafts of a case study's sections, written from the area's data.

The author edits them; they only save retyping what the platform already knows. Every
sentence here is built from counts and from text the area wrote for sharing (its
summary, statements, barriers and actions), never from anyone's name.
"""

from django.template.defaultfilters import pluralize

from areas.models import IN_FORCE
from areas.outcomes import selectors as outcome_selectors
from resources.casestudies.figures import Figures


def prefilled_sections(area, figures: Figures) -> dict[str, str]:
    statements = list(outcome_selectors.area_statements(area, statuses=IN_FORCE))
    return {
        "summary": f"How the {area.name} partnership worked on {_lower_first(area.focus)}.",
        "problem": _problem(area, statements),
        "involved": _involved(figures),
        "what_we_did": _what_we_did(figures, statements),
        "barriers": _barriers(figures),
        "since": _since(figures),
        "achieved": _achieved(figures, statements),
        "tips": "",
        "next_steps": _next_steps(figures),
    }


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


def _problem(area, statements) -> str:
    paragraphs = [area.summary.strip() or f"The partnership chose to focus on {area.focus}."]
    if area.geography:
        paragraphs.append(f"The work covers {area.geography}.")
    paragraphs += [statement.challenge.strip() for statement in statements[:2]]
    return "\n\n".join(paragraphs)


def _involved(figures: Figures) -> str:
    if not figures.sectors:
        return ""
    # The sectors themselves are in the table beside the section.
    largest = figures.sectors[0]["sector"]
    return (
        f"{figures.organisations} organisation{pluralize(figures.organisations)} from "
        f"{len(figures.sectors)} sector{pluralize(len(figures.sectors))} took part, "
        f"with {figures.people} named {pluralize(figures.people, 'person,people')} "
        f"on the steering group and at sessions. The {largest} sector brought the most."
    )


def _what_we_did(figures: Figures, statements) -> str:
    paragraphs = []
    if figures.sessions:
        count = len(figures.sessions)
        paragraphs.append(
            f"The partnership held {count} session{pluralize(count)} between "
            f"{figures.sessions[0]['on']:%B %Y} and {figures.sessions[-1]['on']:%B %Y}, "
            f"with {figures.attendances} attendances in all."
        )
    paragraphs += [statement.actions.strip() for statement in statements[:2]]
    return "\n\n".join(paragraphs)


def _barriers(figures: Figures) -> str:
    if not figures.barriers:
        return ""
    lines = ["People told us about these barriers, the most often heard first:", ""]
    lines += [
        f"- **{group['name']}** ({group['count']}): {group['examples'][0]}"
        for group in figures.barriers
    ]
    return "\n".join(lines)


def _since(figures: Figures) -> str:
    done = figures.actions["done"]
    if not done:
        return ""
    lines = [f"The partnership has completed {done} action{pluralize(done)}, among them:", ""]
    lines += [f"- {description}" for description in figures.completed[:6]]
    return "\n".join(lines)


def _achieved(figures: Figures, statements) -> str:
    paragraphs = [statement.outcome.strip() for statement in statements[:2]]
    for shown in figures.indicators:
        latest = shown.latest
        if latest is not None:
            indicator = shown.indicator
            paragraphs.append(
                f"{indicator.name}: {indicator.format_value(latest.value)} in "
                f"{latest.measured_on:%B %Y}, from a baseline of "
                f"{indicator.format_value(indicator.baseline_value)}."
            )
    return "\n\n".join(paragraphs)


def _next_steps(figures: Figures) -> str:
    still_open = figures.actions["open"]
    if not still_open:
        return ""
    return (
        f"{still_open} action{pluralize(still_open)} {pluralize(still_open, 'is,are')} still open."
    )
