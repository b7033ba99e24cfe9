"""What the demo's East Sussex partnership suggested, of every kind, and what became of
it: so each role signing in to the demo finds suggestions to follow or to decide on.

Runs from resources.demo, after the areas', sessions' and case study's demos."""

from areas.models import Area
from areas.outcomes import services as outcome_services
from partnerships.models import Person
from partnerships.review import services as review
from resources.casestudies import comments
from resources.casestudies import services as case_study_services
from resources.outputs import services
from resources.outputs.models import OutputSubmission
from workshops.suggestions import services as action_services

AREA = "east-sussex"


def load(stdout):
    area = Area.objects.filter(slug=AREA).first()
    people = {
        person.email: person
        for person in Person.objects.filter(email__endswith="@demo.example").exclude(email="")
    }
    community = people.get("community@demo.example")
    steering = people.get("steering@demo.example")
    facilitator = people.get("facilitator@demo.example")
    if not (area and community and steering and facilitator):
        return
    if OutputSubmission.objects.filter(area=area).exists():
        return
    _actions(area, community, steering, facilitator)
    _outputs(area, community, steering, facilitator)
    _proposal(area, community)
    _comments(area, community, steering, facilitator)
    stdout.write("Loaded the demo partnership's suggestions of every kind.")


def _actions(area, community, steering, facilitator):
    action_services.action_suggestion_make(
        area=area,
        by=community,
        description="Record a short video in Arabic and Bengali about what happens at a "
        "screening appointment",
        why="Women at the last session said not knowing what happens in the room stops them "
        "booking; a familiar voice explaining it would help.",
        suggested_owner=steering,
    )
    accepted = action_services.action_suggestion_make(
        area=area,
        by=steering,
        description="Ask the three ALPS practices to send screening reminders by text in "
        "the patient's first language",
        why="Letters in English are the barrier we hear most.",
    )
    action_services.action_suggestion_accept(
        suggestion=accepted,
        by=facilitator,
        description="Ask the ALPS practices to send screening reminders by text in the "
        "patient's first language",
        owner=steering,
    )
    declined = action_services.action_suggestion_make(
        area=area,
        by=community,
        description="Hold a screening information stall at the Saturday market",
        why="Many people pass through the market who never come to meetings.",
    )
    review.suggestion_decline(
        suggestion=declined,
        by=facilitator,
        note="The community leaders' sub-group runs market stalls already from April; "
        "join them there.",
    )


def _outputs(area, community, steering, facilitator):
    services.output_submit(
        area=area,
        by=community,
        title="Screening conversations: a guide for community leaders",
        summary="How the community leaders started conversations about cancer screening in "
        "faith and community groups, and the questions people asked.",
        resource_type="guide",
        url="https://www.example.org/screening-conversations",
    )
    published = services.output_submit(
        area=area,
        by=steering,
        title="Cultural competency training for GP receptionists",
        summary="The training package the partnership delivered to four practices' front "
        "desks: slides, a trainer's guide and the scenarios used.",
        resource_type="training",
        url="https://www.example.org/cultural-competency-training",
    )
    services.output_accept(
        submission=published,
        by=facilitator,
        title=published.title,
        summary=published.description,
        resource_type="training",
        publisher=f"{area.name} partnership",
        stages=["next_level"],
    )


def _proposal(area, community):
    statement = area.cao_statements.first()
    if statement is None:
        return
    content = statement.content()
    outcome_services.cao_proposal_make(
        statement=statement,
        by=community,
        version=statement.version,
        reason="The community leaders now meet women at the mosque and the Polish church "
        "too, so the outcome should name them.",
        **{
            **content,
            "outcome": content["outcome"] + " Reaching women through the mosque "
            "and the Polish church as well as the community centre.",
        },
    )


def _comments(area, community, steering, facilitator):
    case_study = area.case_studies.first()
    if case_study is None:
        return
    version = case_study_services.case_study_new_draft(case_study=case_study, by=facilitator)
    question = comments.comment_add(
        version=version,
        by=community,
        section="involved",
        body="Please name the five countries the community leaders come from; people "
        "reading it will want to know.",
    )
    comments.comment_add(
        version=version,
        by=facilitator,
        section="involved",
        body="Good idea: I will ask the leaders whether they are happy to be described so.",
        reply_to=question.pk,
    )
    done = comments.comment_add(
        version=version,
        by=steering,
        section="tips",
        body="Add that the training worked best when a community leader co-delivered it.",
    )
    comments.comment_resolve(comment=done, by=facilitator)
