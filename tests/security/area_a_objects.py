"""One of each of area A's objects, named by the URL arguments the project uses, and
the routes outside the cross-area matrix with the reason for each.

Shared by the matrix, the security battery's crawl and the every-page browser check.
"""

from django.core.files.base import ContentFile

from areas.models import CaoProposal
from areas.pulse.models import PulseAudience
from areas.pulse.services import pulse_open
from resources.casestudies.models import SectionComment
from resources.casestudies.services import case_study_start
from resources.outputs.models import OutputSubmission
from resources.reports.models import FunderPack
from tests.areas.budgets.factories import BudgetFactory, SpendLineFactory
from tests.factories import (
    CaoStatementFactory,
    EvidenceFactory,
    IndicatorFactory,
    ResourceFactory,
)
from tests.workshops.factories import (
    ActionFactory,
    AttendanceFactory,
    InsightFactory,
    SessionFactory,
)
from tests.workshops.live.factories import RoomFactory, RoomItemFactory
from workshops.models import (
    Contact,
    ContactBasis,
    ContactImport,
    ContactList,
    FollowUp,
    FollowUpPurpose,
    FollowUpStatus,
    RegistrationImport,
)
from workshops.reach.models import NamedCommunity, SupportCost, SupportKind
from workshops.suggestions.models import ActionSuggestion

# How to name one of area A's objects for each URL argument the project uses.
OBJECT_ARGUMENTS = {
    "area_slug": lambda world: world.area_a.slug,
    "invitation_id": lambda world: world.invitation_a.pk,
    "member_id": lambda world: world.steering_member_a.pk,
    "sub_group_id": lambda world: world.sub_group_a.pk,
    "lco_id": lambda world: world.lco_record_a.pk,
    "organisation_id": lambda world: world.organisation_a.pk,
    "person_id": lambda world: world.steering_a.person.pk,
    # A file only signed-in partners may see (resources are not public by default).
    "resource_id": lambda world: ResourceFactory(with_file=True).pk,
    "session_id": lambda world: session_a(world).pk,
    "attendance_id": lambda world: AttendanceFactory(session=session_a(world)).pk,
    "kind": lambda world: "barrier",
    "insight_id": lambda world: InsightFactory(session=session_a(world)).pk,
    "import_id": lambda world: registration_import_a(world).pk,
    "statement_id": lambda world: statement_a(world).pk,
    # A change someone in area A proposed to that statement, waiting for a facilitator.
    "proposal_id": lambda world: (
        CaoProposal.objects.create(
            statement=statement_a(world),
            based_on=1,
            reason="The training now covers four practices",
            proposed_by=world.community_a.person,
            **{**statement_a(world).content(), "outcome": "Four practices trained"},
        ).pk
    ),
    # A new action someone in area A suggested, waiting for a facilitator.
    "suggestion_id": lambda world: (
        ActionSuggestion.objects.create(
            area=world.area_a,
            proposed_by=world.community_a.person,
            description="Translate the screening letter into Polish",
            why="Half the women we met read Polish first",
        ).pk
    ),
    # An output offered to the library by area A's community member, as a file, so the
    # file's own download is found too.
    "output_id": lambda world: (
        OutputSubmission.objects.create(
            area=world.area_a,
            proposed_by=world.community_a.person,
            title="Charter for older people",
            resource_type="charter",
            description="What older people in Wirral asked of services",
            file=ContentFile(b"%PDF-1.4 charter", name="charter.pdf"),
            file_type="application/pdf",
            file_size=16,
        ).pk
    ),
    # A comment on a section of area A's case study draft.
    "comment_id": lambda world: (
        SectionComment.objects.create(
            version=case_study_a(world).versions.get(),
            section="problem",
            body="Say which practices took part",
            written_by=world.community_a.person,
        ).pk
    ),
    # Every statement starts with revision 1.
    "revision_number": lambda world: 1,
    "indicator_id": lambda world: IndicatorFactory(area=world.area_a).pk,
    "evidence_id": lambda world: EvidenceFactory(area=world.area_a).pk,
    "budget_id": lambda world: budget_a(world).pk,
    # With a receipt, so the receipt's download is found too.
    "line_id": lambda world: SpendLineFactory(budget=budget_a(world), with_receipt=True).pk,
    "action_id": lambda world: action_a(world).pk,
    "case_study_id": lambda world: case_study_a(world).pk,
    # Every case study starts with version 1, a draft.
    "number": lambda world: 1,
    "cohort_slug": lambda world: world.area_a.cohort.slug,
    # A funder pack of area A's cohort, asked for by the programme lead.
    "pack_id": lambda world: funder_pack_a(world).pk,
    "follow_up_id": lambda world: (
        FollowUp.objects.create(
            purpose=FollowUpPurpose.ASSIGNED,
            action=action_a(world),
            person=action_a(world).owner,
            key_date=action_a(world).due_on,
            status=FollowUpStatus.FAILED,
        ).pk
    ),
    "list_id": lambda world: contact_list_a(world).pk,
    "contact_id": lambda world: (
        Contact.objects.create(
            contact_list=contact_list_a(world),
            email="network@example.org",
            basis=ContactBasis.CONSENT,
        ).pk
    ),
    # A claim in area A's budget that paid for transport to area A's session.
    "cost_id": lambda world: (
        SupportCost.objects.create(
            session=session_a(world),
            line=SpendLineFactory(budget=budget_a(world)),
            kind=SupportKind.TRANSPORT,
        ).pk
    ),
    "community_id": lambda world: (
        NamedCommunity.objects.create(area=world.area_a, name="Tetum speakers").pk
    ),
    # Something a phone sent to the live room of area A's session, waiting to be moderated.
    "item_id": lambda world: RoomItemFactory(room=room_a(world)).pk,
    # A pulse area A's facilitator opened for its steering group.
    "pulse_id": lambda world: (
        pulse_open(
            area=world.area_a, by=world.facilitator_a.person, audience=PulseAudience.STEERING
        ).pk
    ),
    "contact_import_id": lambda world: (
        ContactImport.objects.create(
            contact_list=contact_list_a(world),
            uploaded_by=world.facilitator_a.person,
            file_name="contacts.csv",
            basis=ContactBasis.CONSENT,
        ).pk
    ),
}


def contact_list_a(world):
    """One of area A's distribution lists, shared by the URLs that name its parts."""
    if not hasattr(world, "contact_list_a"):
        world.contact_list_a = ContactList.objects.create(area=world.area_a, name="Networks")
    return world.contact_list_a


def statement_a(world):
    """One statement of area A, shared by the URLs that name its revisions and proposals."""
    if not hasattr(world, "statement_a"):
        world.statement_a = CaoStatementFactory(area=world.area_a)
    return world.statement_a


def session_a(world):
    """One session of area A, shared by every argument of a URL that names its parts."""
    if not hasattr(world, "session_a"):
        world.session_a = SessionFactory(area=world.area_a)
    return world.session_a


def room_a(world):
    """The live room of area A's session, open now."""
    if not hasattr(world, "room_a"):
        world.room_a = RoomFactory(session=session_a(world))
    return world.room_a


def budget_a(world):
    """Area A's budget for this year; an area has one of each kind a year."""
    if not hasattr(world, "budget_a"):
        world.budget_a = BudgetFactory(area=world.area_a)
    return world.budget_a


def registration_import_a(world):
    """A registration list the area A facilitator uploaded for that session."""
    return RegistrationImport.objects.create(
        session=session_a(world), uploaded_by=world.facilitator_a.person, file_name="list.csv"
    )


def action_a(world):
    """One action agreed at area A's session, shared by the URLs that name its parts."""
    if not hasattr(world, "action_a"):
        world.action_a = ActionFactory(session=session_a(world))
    return world.action_a


def funder_pack_a(world):
    pack = FunderPack.objects.create(requested_by=world.lead.person)
    pack.cohorts.add(world.area_a.cohort)
    return pack


def case_study_a(world):
    """A case study being drafted by area A's facilitator."""
    if not hasattr(world, "case_study_a"):
        world.case_study_a = case_study_start(
            area=world.area_a, by=world.facilitator_a.person, title="Area A's story"
        ).case_study
    return world.case_study_a


# Prefixes outside the matrix, each for a stated reason.
EXEMPT_PREFIXES = {
    "accounts/": "allauth's own key-bearing pages (password reset, email confirmation)",
    "admin/": "staff-only; Django admin checks its own permissions",
    "invitations/<str:token>/": "public by design; the unguessable token is the credential",
    "sign-in/<str:token>/": (
        "the one-time link of manage.py create_programme_lead, signed out; the signed, "
        "expiring, single-use token is the credential "
        "(tests/partnerships/test_create_programme_lead.py)"
    ),
    "actions/update/<str:token>/": (
        "an action owner without an account updates that one action; the signed, expiring, "
        "revocable token is the credential (tests/workshops/test_owner_link.py)"
    ),
    "emails/unsubscribe/<str:token>/": (
        "one-click unsubscribe from an email, signed out; the signed token is the credential"
    ),
    "cascades/shared/<str:token>/": (
        "the public page of a sent cascade, for newsletters; the unguessable, revocable token "
        "is the credential (tests/workshops/test_cascade_pages.py)"
    ),
    "cascades/unsubscribe/<str:token>/": (
        "one-click unsubscribe from cascades, signed out; the signed token is the credential"
    ),
    "calendar/<str:token>.ics": (
        "a calendar program fetches it without signing in; the revocable token is the credential"
    ),
    "live/<str:code>/": (
        "the pages phones open at a partnership day, signed out; the room's join code is the "
        "credential: it stops at the end of the day or when the room closes, and guesses "
        "are rate-limited (tests/workshops/live/test_phone_pages.py)"
    ),
    "live/table/<str:token>/": (
        "a table host's pages, signed out; the signed, expiring, revocable link is the "
        "credential (tests/workshops/live/test_phone_pages.py)"
    ),
    "live/receipt/<str:token>/": (
        "the receipt of a story sent from a phone, signed out, to take the words back; the "
        "signed token is the credential (tests/workshops/live/test_phone_pages.py)"
    ),
    "r/<str:token>/": (
        "a session's report-back, for everyone who came, signed out; the signed, revocable "
        "link is the credential (tests/workshops/reportback/test_report_back_page.py)"
    ),
    "pulse/<str:token>/": (
        "a partnership health pulse, answered signed out; the signed, single-use link is the "
        "credential (tests/areas/pulse/test_answer_page.py)"
    ),
    "together/<slug:area_slug>/": (
        "an area's public record of what it has done, only if the area publishes it; "
        "otherwise 404 for everyone (tests/workshops/reportback/test_together.py)"
    ),
    "case-studies/<str:token>/": (
        "public by design, for published case studies only, named by an unguessable token; "
        "drafts and versions in review answer 404 there "
        "(tests/resources/casestudies/test_reports.py)"
    ),
}

# Pages found by a role other than area A's facilitator, named here: a cohort's programme
# report is for programme leads and the cohort's funders; the budget's keeper (the LCO
# coordinator) links a claim to the session it paid for from the budget.
FOUND_BY = {
    "reports/cohorts/": "lead",
    "reports/packs/": "lead",
    "areas/<slug:area_slug>/budgets/lines/<int:line_id>/support/": "lco_a",
}
