"""What the demo's East Sussex partnership suggested, of every kind, and what became of
it: so each role signing in to the demo finds suggestions to follow or to decide on
(resources/demo/suggestions.toml).

Runs from resources.demo, after the areas', sessions' and case study's demos."""

from areas.models import Area
from areas.outcomes import services as outcome_services
from partnerships import demo_data
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
    # The data names people by their login's mailbox: "community" for community@demo.example.
    people = {
        person.email.split("@")[0]: person
        for person in Person.objects.filter(email__endswith="@demo.example").exclude(email="")
    }
    if not (area and {"community", "steering", "facilitator"} <= people.keys()):
        return
    if OutputSubmission.objects.filter(area=area).exists():
        return
    data = demo_data.load("resources", "suggestions")
    _actions(area, data["actions"], people)
    _outputs(area, data["outputs"], people)
    _proposal(area, data["proposal"], people)
    _comments(area, data["comments"], people)
    stdout.write("Loaded the demo partnership's suggestions of every kind.")


def _actions(area, actions, people):
    for entry in actions:
        suggestion = action_services.action_suggestion_make(
            area=area,
            by=people[entry["by"]],
            description=entry["description"],
            why=entry["why"],
            suggested_owner=people.get(entry.get("suggested_owner")),
        )
        if accepted := entry.get("accepted"):
            action_services.action_suggestion_accept(
                suggestion=suggestion,
                by=people[accepted["by"]],
                description=accepted["description"],
                owner=people[accepted["owner"]],
            )
        elif declined := entry.get("declined"):
            review.suggestion_decline(
                suggestion=suggestion, by=people[declined["by"]], note=declined["note"]
            )


def _outputs(area, outputs, people):
    for fields in outputs:
        accepted = fields.pop("accepted", None)
        submission = services.output_submit(area=area, by=people[fields.pop("by")], **fields)
        if accepted:
            services.output_accept(
                submission=submission,
                by=people[accepted["by"]],
                title=submission.title,
                summary=submission.description,
                resource_type=submission.resource_type,
                publisher=f"{area.name} partnership",
                stages=accepted["stages"],
            )


def _proposal(area, proposal, people):
    statement = area.cao_statements.first()
    if statement is None:
        return
    content = statement.content()
    outcome_services.cao_proposal_make(
        statement=statement,
        by=people[proposal["by"]],
        version=statement.version,
        reason=proposal["reason"],
        **{**content, "outcome": content["outcome"] + proposal["outcome_added"]},
    )


def _comments(area, entries, people):
    case_study = area.case_studies.first()
    if case_study is None:
        return
    version = case_study_services.case_study_new_draft(
        case_study=case_study, by=people["facilitator"]
    )
    added = []
    for entry in entries:
        comment = comments.comment_add(
            version=version,
            by=people[entry["by"]],
            section=entry["section"],
            body=entry["body"],
            reply_to=added[entry["reply_to"]].pk if "reply_to" in entry else None,
        )
        if "resolved_by" in entry:
            comments.comment_resolve(comment=comment, by=people[entry["resolved_by"]])
        added.append(comment)
