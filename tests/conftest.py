from dataclasses import dataclass

import pytest
from django.core.cache import cache

from areas.models import Area, LocalCoordinatingOrganisation, Seat, SteeringMember, SubGroup
from partnerships.models import AreaRole, Invitation, Organisation, ProgrammeRole
from tests.factories import (
    AreaFactory,
    InvitationFactory,
    LcoFactory,
    SteeringMemberFactory,
    SubGroupFactory,
    user_with_role,
)
from tests.security.figures import FIGURES, SECURITY_FIGURES

# The browser and media storage fixtures, shared by tests in any folder.
pytest_plugins = ["tests.browser", "tests.media"]


def pytest_collection_modifyitems(items):
    """With `-n`, the tests that start Celery workers and servers run one after another on
    one test process (`--dist loadgroup`): they time deaths and recoveries, which two of
    them at once on a small machine would blur."""
    for item in items:
        if item.get_closest_marker("integration"):
            item.add_marker(pytest.mark.xdist_group("integration"))


def pytest_runtest_logreport(report):
    """The security battery's figures, sent back from whichever test process measured them."""
    for name, value in report.user_properties:
        if name == SECURITY_FIGURES:
            FIGURES.update(value)


def pytest_terminal_summary(terminalreporter):
    if FIGURES:
        terminalreporter.section("security battery")
        for name, text in sorted(FIGURES.items()):
            terminalreporter.write_line(f"{name}: {text}")


@dataclass
class World:
    """Two areas with a person in every role in each, plus programme-wide roles.

    The personas of every access test: members of area A, members of the other area B
    (who must never see A's objects), a programme lead, a funder, and someone with an
    account but no role.
    """

    area_a: Area
    area_b: Area
    facilitator_a: object
    steering_a: object
    lco_a: object
    community_a: object
    facilitator_b: object
    steering_b: object
    lco_b: object
    community_b: object
    lead: object
    funder: object
    no_role: object
    invitation_a: Invitation
    steering_member_a: SteeringMember
    sub_group_a: SubGroup
    lco_record_a: LocalCoordinatingOrganisation
    organisation_a: Organisation

    @property
    def members_of_b(self):
        return {
            "facilitator of B": self.facilitator_b,
            "steering member of B": self.steering_b,
            "LCO coordinator of B": self.lco_b,
            "community member of B": self.community_b,
        }


@pytest.fixture
def world(db):
    area_a = AreaFactory(name="Wandsworth")
    area_b = AreaFactory(name="Somerset")
    facilitator_a = user_with_role(area_a, AreaRole.FACILITATOR)
    steering_a = user_with_role(area_a, AreaRole.STEERING_MEMBER)
    lco_a = user_with_role(area_a, AreaRole.LCO_COORDINATOR)
    steering_member_a = SteeringMemberFactory(
        area=area_a, person=steering_a.person, seat=Seat.LIVED_EXPERIENCE
    )
    return World(
        area_a=area_a,
        area_b=area_b,
        facilitator_a=facilitator_a,
        steering_a=steering_a,
        lco_a=lco_a,
        community_a=user_with_role(area_a, AreaRole.COMMUNITY_MEMBER),
        facilitator_b=user_with_role(area_b, AreaRole.FACILITATOR),
        steering_b=user_with_role(area_b, AreaRole.STEERING_MEMBER),
        lco_b=user_with_role(area_b, AreaRole.LCO_COORDINATOR),
        community_b=user_with_role(area_b, AreaRole.COMMUNITY_MEMBER),
        lead=user_with_role(programme_role=ProgrammeRole.LEAD),
        funder=user_with_role(programme_role=ProgrammeRole.FUNDER),
        no_role=user_with_role(),
        invitation_a=InvitationFactory(area=area_a, invited_by=facilitator_a.person),
        steering_member_a=steering_member_a,
        sub_group_a=SubGroupFactory(area=area_a, lead=steering_a.person),
        lco_record_a=LcoFactory(area=area_a, coordinator=lco_a.person),
        organisation_a=steering_a.person.organisation,
    )


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Real hashing costs a third of a second a user; the tests make dozens of users."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploads (receipts) go to a folder of the test's own, never the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def empty_cache():
    """Rate-limit counters and used two-factor codes must not leak from one test to the next."""
    cache.clear()
