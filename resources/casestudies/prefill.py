"""First drafts of a case study's sections, written from the area's data.

The author edits them; they only save retyping what the platform already knows. Every
sentence here is built from counts and from text the area wrote for sharing (its
summary, statements, barriers, actions and the reasons its stage changed), never from
anyone's name. Three rules keep the draft true:

- Who was involved counts everyone who took part, named and counted, as a session page
  does, and names organisations rather than people.
- What the partnership achieved is only what the data shows: indicators that moved
  towards better, stages the partnership moved on to and why, statements the team
  recorded as achieved. A statement's expected outcome is an aim, and is written as one
  under next steps, never as something achieved.
- A fact is told once: the sections are drafted in order, and a sentence, an aside in
  brackets or a figure already told in an earlier section is left out of a later one.
"""

import re

from django.template.defaultfilters import pluralize

from areas.models import IN_FORCE
from areas.outcomes import selectors as outcome_selectors
from partnerships.documents import counted, joined
from resources.casestudies.figures import Figures

# Organisations named in the draft; the rest are counted ("and 12 more").
ORGANISATIONS_NAMED = 12
COMPLETED_LISTED = 6


def prefilled_sections(area, figures: Figures) -> dict[str, str]:
    statements = list(outcome_selectors.area_statements(area, statuses=IN_FORCE))
    told = _Told()
    drafts = {
        "problem": lambda: _problem(area, statements),
        "involved": lambda: _involved(figures),
        "what_we_did": lambda: _what_we_did(figures, statements),
        "barriers": lambda: _barriers(figures),
        "since": lambda: _since(figures),
        "achieved": lambda: _achieved(figures, told),
        "tips": lambda: "",
        "next_steps": lambda: _next_steps(figures),
    }
    # Drafted in the order a reader meets them, so a fact stays where it first belongs.
    drafted = {name: told.fresh(draft()) for name, draft in drafts.items()}
    return {
        "summary": f"How the {area.name} partnership worked on {_lower_first(area.focus)}.",
        **drafted,
    }


def _lower_first(text: str) -> str:
    """ "Raising uptake" → "raising uptake", but "PCN leads" stays as it is."""
    if text[1:2].islower():
        return text[:1].lower() + text[1:]
    return text


def _problem(area, statements) -> str:
    paragraphs = [area.summary.strip() or f"The partnership chose to focus on {area.focus}."]
    if area.geography:
        paragraphs.append(f"The work covers {area.geography}.")
    paragraphs += [statement.challenge.strip() for statement in statements[:2]]
    return "\n\n".join(paragraphs)


def _involved(figures: Figures) -> str:
    involvement = figures.involvement
    if not involvement.attendances and not involvement.organisation_count:
        return ""
    sentences = []
    if involvement.attendances:
        sentence = (
            f"There were {counted(involvement.attendances, 'attendance')} at the "
            "partnership's sessions"
        )
        if involvement.counted:
            sentence += (
                f": {involvement.named_attendances:,} by people named in the records and "
                f"{involvement.counted:,} counted by sector without names"
            )
        sentences.append(sentence + ".")
    if involvement.people:
        sentences.append(
            f"{counted(involvement.people, 'person', 'people')} "
            f"{pluralize(involvement.people, 'is,are')} named on the steering group or at "
            "sessions."
        )
    if involvement.lived_experience:
        sentences.append(
            f"People with lived experience account for {involvement.lived_experience:,} "
            "of those attendances."
        )
    organisations = involvement.organisations
    if involvement.organisation_count:
        sentence = (
            f"{counted(involvement.organisation_count, 'organisation')} from "
            f"{counted(involvement.organisation_sectors, 'sector')} took part"
        )
        if organisations:
            named = organisations[:ORGANISATIONS_NAMED]
            more = len(organisations) - len(named)
            sentence += ": " + joined([*named, f"{more} more" if more else ""])
        sentences.append(sentence + ".")
    return " ".join(sentences)


def _what_we_did(figures: Figures, statements) -> str:
    paragraphs = []
    if figures.sessions:
        count = len(figures.sessions)
        kinds: dict[str, int] = {}
        for session in figures.sessions:
            kinds[session["kind"]] = kinds.get(session["kind"], 0) + 1
        mix = joined(
            [f"{number} {_lower_first(kind)}{pluralize(number)}" for kind, number in kinds.items()]
        )
        span = (
            f"in {figures.sessions[0]['on']:%B %Y}"
            if count == 1
            else f"between {figures.sessions[0]['on']:%B %Y} and {figures.sessions[-1]['on']:%B %Y}"
        )
        paragraphs.append(f"The partnership held {counted(count, 'session')} {span}: {mix}.")
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
    lines = [f"The partnership has completed {counted(done, 'action')}, among them:", ""]
    lines += [f"- {description}" for description in figures.completed[:COMPLETED_LISTED]]
    return "\n".join(lines)


def _achieved(figures: Figures, told: "_Told") -> str:
    """Only what the data shows: nothing here comes from an expected outcome."""
    paragraphs = [movement.sentence for movement in figures.improvements]
    for change in figures.stage_changes:
        sentence = f"In {change['on']:%B %Y} the partnership moved on to “{change['stage']}”"
        reason = _lower_first(change["reason"].strip().rstrip("."))
        # The reason often repeats what an earlier section has told (the training
        # delivered, say): then the move is news, the reason is not.
        paragraphs.append(f"{sentence}: {reason}." if told.is_new(reason) else f"{sentence}.")
    paragraphs += [
        f"The partnership recorded “{statement['title']}” as achieved."
        for statement in figures.achieved_statements
    ]
    if not paragraphs and figures.indicators:
        paragraphs.append(
            "No change has been measured yet: the charts below show where the partnership "
            "started and what it is aiming for."
        )
    return "\n\n".join(paragraphs)


def _next_steps(figures: Figures) -> str:
    paragraphs = [
        f"The partnership aims for this: {_lower_first(aim['outcome'].strip())}"
        for aim in figures.current_aims
    ]
    for shown in figures.indicators:
        indicator = shown.indicator
        movement = shown.movement
        if indicator.has_target and not (movement and movement.reached_target):
            paragraphs.append(
                f"The target for {_lower_first(indicator.name)} is "
                f"{indicator.format_value(indicator.target_value)} by "
                f"{indicator.target_on:%B %Y}."
            )
    still_open = figures.actions["open"]
    if still_open:
        overdue = figures.actions["overdue"]
        paragraphs.append(
            f"{counted(still_open, 'action')} {pluralize(still_open, 'is,are')} still open"
            + (
                f", {overdue:,} of them past {pluralize(overdue, 'its,their')} due date."
                if overdue
                else "."
            )
        )
    return "\n\n".join(paragraphs)


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"'(])")
_ASIDE = re.compile(r"\s*\(([^()]*)\)")
# A figure with what it counts ("50,000 residents", "43 receptionists"); years are dates.
_FACT = re.compile(r"(?<![\d,.])(\d[\d,]*(?:\.\d+)?%?)\s+([A-Za-z][\w-]*)")


def _key(text: str) -> str:
    return " ".join(re.sub(r"[^\w%]+", " ", text.lower()).split())


class _Told:
    """What earlier sections have told, so a later one can leave it out."""

    def __init__(self):
        self.sentences: set[str] = set()
        self.asides: set[str] = set()
        self.facts: set[str] = set()

    def is_new(self, text: str) -> bool:
        """Whether `text` tells something not yet told: a figure, or words never said."""
        facts = _facts(text)
        if facts:
            return not facts <= self.facts
        return _key(text) not in self.sentences

    def fresh(self, text: str) -> str:
        """`text` less the sentences, asides and figures already told; records the rest.

        Markdown lists are kept line by line; paragraphs sentence by sentence.
        """
        paragraphs = []
        for paragraph in text.split("\n\n"):
            if paragraph.lstrip().startswith("- "):
                kept = [line for line in paragraph.split("\n") if self._keep(line, whole=True)]
                if any(line.strip() for line in kept):
                    paragraphs.append("\n".join(kept))
                continue
            kept = [
                sentence
                for sentence in (self._without_told_asides(s) for s in _sentences(paragraph))
                if self._keep(sentence)
            ]
            if kept:
                paragraphs.append(" ".join(kept))
        return "\n\n".join(paragraphs)

    def _without_told_asides(self, sentence: str) -> str:
        for match in _ASIDE.finditer(sentence):
            key = _key(match.group(1))
            if key in self.asides:
                sentence = sentence.replace(match.group(0), "", 1)
            else:
                self.asides.add(key)
        return sentence

    def _keep(self, sentence: str, *, whole: bool = False) -> bool:
        key = _key(sentence)
        if not key:
            return whole
        facts = _facts(sentence)
        repeated = key in self.sentences or (bool(facts) and facts <= self.facts and not whole)
        if repeated:
            return False
        self.sentences.add(key)
        self.facts |= facts
        return True


def _sentences(paragraph: str) -> list[str]:
    return [sentence.strip() for sentence in _SENTENCE_END.split(paragraph.strip()) if sentence]


def _facts(text: str) -> set[str]:
    return {
        f"{number} {word.lower()}"
        for number, word in _FACT.findall(text)
        if not re.fullmatch(r"(19|20)\d\d", number)
    }
