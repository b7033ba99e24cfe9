"""The addresses a signed-out person opens: public pages, and pages whose unguessable
address is the credential (an invitation, an owner's link, a report-back, a pulse).

Shared by the no-store battery and the every-page browser check.
"""

from urllib.parse import urlsplit

from django.urls import reverse

from areas.pulse import links as pulse_links
from areas.pulse.selectors import open_pulse
from areas.pulse.services import pulse_add_slips, pulse_open
from partnerships import sign_in_links
from partnerships.models import AreaRole
from resources.casestudies import services as case_studies
from tests.factories import ResourceFactory, user_with_role
from tests.workshops.cascade_factories import (
    ContactFactory,
    ContactListFactory,
    WrittenUpSessionFactory,
)
from tests.workshops.factories import ActionFactory, SessionFactory
from tests.workshops.live.factories import RoomFactory, RoomItemFactory
from workshops.actions.links import owner_link_token
from workshops.cascades import sending
from workshops.cascades import services as cascades
from workshops.followups import calendar
from workshops.followups.preferences import unsubscribe_token
from workshops.live import tokens as live_tokens
from workshops.live.models import Naming, Sharing
from workshops.models import FollowUpKind, InsightKind, SessionStatus
from workshops.reportback import links
from workshops.reportback import services as reportback_services


def published_case_study(world):
    version = case_studies.case_study_start(
        area=world.area_a, by=world.facilitator_a.person, title="Screening with leaders"
    )
    case_studies.case_study_submit(version=version, by=version.created_by)
    approver = user_with_role(world.area_a, AreaRole.FACILITATOR).person
    return case_studies.case_study_approve(version=version, by=approver).case_study


def sent_cascade(world):
    contacts = ContactListFactory(area=world.area_a)
    ContactFactory(contact_list=contacts, email="network@example.org")
    return cascades.cascade_send(
        session=WrittenUpSessionFactory(area=world.area_a),
        by=world.lco_a.person,
        subject="Notes from the day",
        body="What we heard",
        lists=[contacts],
        version=None,
    )


def sharing(world) -> str:
    """Area A's slug, once it publishes what it has done together."""
    reportback_services.share_what_we_did(area=world.area_a, share=True)
    return world.area_a.slug


def planned_session(world):
    """A session of area A not held yet, whose sign-in sheet is printed."""
    return SessionFactory(area=world.area_a, status=SessionStatus.PLANNED, title="Next month")


def pulse_token(world) -> str:
    """A link to area A's open pulse, printed on a slip for the room."""
    pulse = open_pulse(world.area_a) or pulse_open(
        area=world.area_a, by=world.facilitator_a.person, audience="steering"
    )
    return pulse_links.token_for(pulse_add_slips(pulse=pulse, count=1)[0])


def addresses_that_are_the_credential(world) -> dict[str, list[str]]:
    """One working address of each exempt route a signed-out holder opens, by route."""
    action = ActionFactory(owner=world.steering_a.person)
    room = RoomFactory(session__area=world.area_a)
    story = RoomItemFactory(
        room=room, kind=InsightKind.QUOTE, sharing=Sharing.REPORTS, naming=Naming.NONE
    )
    cascade = sent_cascade(world)
    case_study = published_case_study(world)
    feed = calendar.feed_renew(person=world.steering_a.person)
    public_case_study = reverse("public-case-studies:detail", args=[case_study.public_token])
    return {
        "invitations/<str:token>/": [reverse("invitation-accept", args=[world.invitation_a.token])],
        "actions/update/<str:token>/": [
            reverse("workshops:owner-link", args=[owner_link_token(action)])
        ],
        "emails/unsubscribe/<str:token>/": [
            reverse(
                "workshops:unsubscribe",
                args=[
                    unsubscribe_token(
                        person_id=world.steering_a.person.pk, kind=FollowUpKind.REMINDERS
                    )
                ],
            )
        ],
        "cascades/shared/<str:token>/": [
            reverse("workshops:cascade-share", args=[cascade.share_token])
        ],
        "cascades/unsubscribe/<str:token>/": [
            reverse(
                "workshops:cascade-unsubscribe",
                args=[sending.unsubscribe_token("network@example.org")],
            )
        ],
        "calendar/<str:token>.ics": [
            reverse("workshops:calendar-ics", args=[calendar.feed_token(feed)])
        ],
        "sign-in/<str:token>/": [urlsplit(sign_in_links.sign_in_url(world.lead)).path],
        # The live room's phone pages: a join code, a table host's link, a story's receipt.
        "live/<str:code>/": [reverse("workshops:live:phone-room", args=[room.code])],
        "live/table/<str:token>/": [
            reverse("workshops:live:table-room", args=[live_tokens.table_link_token(room, 3)])
        ],
        "live/receipt/<str:token>/": [
            reverse("workshops:live:phone-receipt", args=[live_tokens.receipt_token(story)])
        ],
        # A session's report-back, and an area's public record that changes as owners
        # update their actions and people withdraw their consent.
        "r/<str:token>/": [
            reverse("workshops:report-back", args=[links.token_for(action.session)]),
            reverse("workshops:report-back-large", args=[links.token_for(action.session)]),
            # Before the day: the address printed on the sign-in sheet already opens.
            reverse("workshops:report-back", args=[links.token_for(planned_session(world))]),
        ],
        "together/<slug:area_slug>/": [reverse("workshops:together", args=[sharing(world)])],
        # A partnership health pulse's question page, before its single-use link is used.
        "pulse/<str:token>/": [reverse("pulse:answer", args=[pulse_token(world)])],
        # Public, but changed when someone in it withdraws consent: no copy may outlive that.
        "case-studies/<str:token>/": [
            public_case_study,
            reverse("public-case-studies:pdf", args=[case_study.public_token]),
        ],
    }


def public_pages() -> list[str]:
    resource = ResourceFactory(is_public=True, with_file=True)
    return [
        reverse("programme"),
        reverse("privacy"),
        reverse("accessibility"),
        reverse("library:public"),
        reverse("library:detail", args=[resource.pk]),
        reverse("library:file", args=[resource.pk]),
    ]
