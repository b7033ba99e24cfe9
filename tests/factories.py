import time
from datetime import date
from decimal import Decimal

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.utils import timezone
from django.utils.text import slugify

from areas.models import (
    Area,
    CaoRevision,
    CaoStatement,
    CaoStatus,
    Cohort,
    Consent,
    Evidence,
    Indicator,
    IndicatorKind,
    LocalCoordinatingOrganisation,
    Measurement,
    Seat,
    Stage,
    SteeringMember,
    SubGroup,
    Unit,
)
from partnerships.models import (
    AreaRole,
    Invitation,
    InvitationEmail,
    Membership,
    Organisation,
    OutboxStatus,
    Person,
    ProgrammeRole,
    Sector,
    User,
)
from resources.models import Resource, ResourceStage, ResourceType, Theme
from resources.search import update_search_vectors

PASSWORD = "a-long-test-password-42"
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def current_totp_code():
    """The code an authenticator app shows now, never one about to expire mid-submit."""
    if 30 - time.time() % 30 < 3:
        time.sleep(3)
    return format_hotp_value(hotp_value(TOTP_SECRET, int(time.time()) // 30))


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        self.save()
        EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)

    @factory.post_generation
    def two_factor(self, create, extracted, **kwargs):
        if extracted:
            TOTP.activate(self, TOTP_SECRET)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Community Organisation {n}")
    sector = Sector.VCSE


# Plain names, so tests can look for them in HTML without thinking about escaping. The
# first names run A to Z, so the first 24 people sort in the order they were made.
FIRST_NAMES = [
    "Amara",
    "Ben",
    "Chloe",
    "Dev",
    "Esther",
    "Farid",
    "Grace",
    "Hamza",
    "Isla",
    "Jonah",
    "Kiran",
    "Lena",
    "Marcus",
    "Nadia",
    "Owen",
    "Priya",
    "Rosa",
    "Samir",
    "Tilly",
    "Umar",
    "Vera",
    "Wei",
    "Yasmin",
    "Zoe",
]
LAST_NAMES = [
    "Adeyemi",
    "Barker",
    "Chowdhury",
    "Da Silva",
    "Evans",
    "Fletcher",
    "Gupta",
    "Hughes",
    "Ibrahim",
    "Jones",
    "Kowalski",
    "Lewis",
    "Mensah",
    "Nowak",
    "Osei",
    "Patel",
]


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    full_name = factory.Sequence(lambda n: f"{FIRST_NAMES[n % 24]} {LAST_NAMES[n // 24 % 16]} {n}")
    organisation = factory.SubFactory(OrganisationFactory)


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cohort
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Cohort {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area

    name = factory.Sequence(lambda n: f"Area {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    cohort = factory.SubFactory(CohortFactory)
    focus = "Cervical screening in neighbourhoods with low uptake"
    stage = Stage.NEXT_LEVEL


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    person = factory.SubFactory(PersonFactory)
    area = factory.SubFactory(AreaFactory)
    role = AreaRole.STEERING_MEMBER


class SteeringMemberFactory(factory.django.DjangoModelFactory):
    """A seat on a steering group (without the matching role; services keep the two in step)."""

    class Meta:
        model = SteeringMember

    area = factory.SubFactory(AreaFactory)
    person = factory.SubFactory(PersonFactory)
    seat = Seat.MEMBER
    organisation = factory.LazyAttribute(lambda o: o.person.organisation)


class SubGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SubGroup

    area = factory.SubFactory(AreaFactory)
    name = factory.Sequence(lambda n: f"Sub-group {n}")
    activity = "Cultural-competency training for practice receptionists"


class LcoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LocalCoordinatingOrganisation

    area = factory.SubFactory(AreaFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    coordinator = factory.SubFactory(PersonFactory)


class InvitationFactory(factory.django.DjangoModelFactory):
    """An invitation whose email has gone out."""

    class Meta:
        model = Invitation
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"invitee{n}@example.org")
    area = factory.SubFactory(AreaFactory)
    role = AreaRole.STEERING_MEMBER
    invited_by = factory.SubFactory(PersonFactory)
    email_message = factory.RelatedFactory(
        "tests.factories.InvitationEmailFactory", factory_related_name="invitation"
    )


class InvitationEmailFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InvitationEmail

    invitation = factory.SubFactory(InvitationFactory, email_message=None)
    status = OutboxStatus.SENT
    sent_at = factory.LazyFunction(timezone.now)
    attempts = 1


class CaoStatementFactory(factory.django.DjangoModelFactory):
    """A statement at version 1, with its first revision, as the create service leaves it."""

    class Meta:
        model = CaoStatement
        skip_postgeneration_save = True

    area = factory.SubFactory(AreaFactory)
    title = factory.Sequence(lambda n: f"Screening champions {n}")
    challenge = "Cervical screening uptake is lowest in two neighbourhoods."
    actions = "Community champions talk with neighbours about what screening involves."
    outcome = "More people book a screening appointment after an invitation."
    status = CaoStatus.CURRENT
    as_of = date(2024, 3, 1)
    version = 1

    @factory.post_generation
    def first_revision(self, create, extracted, **kwargs):
        if create:
            CaoRevision.objects.create(
                statement=self, number=1, reason="First version", **self.content()
            )


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    area = factory.SubFactory(AreaFactory)
    name = factory.Sequence(lambda n: f"Receptionists trained {n}")
    kind = IndicatorKind.PROCESS
    unit = Unit.COUNT
    unit_label = "receptionists"
    baseline_value = Decimal(0)
    baseline_on = date(2023, 1, 1)
    target_value = Decimal(40)
    target_on = date(2023, 7, 31)


class MeasurementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measurement

    indicator = factory.SubFactory(IndicatorFactory)
    measured_on = date(2023, 3, 1)
    value = Decimal(12)
    source = "Practice training register"


class EvidenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Evidence

    area = factory.SubFactory(AreaFactory)
    text = factory.Sequence(lambda n: f"The letter finally made sense to me, number {n}.")
    attributed_to = "A community leader"
    collected_on = date(2024, 1, 5)
    consent = Consent.WRITTEN
    consent_on = date(2024, 1, 10)


def user_with_role(area=None, role=None, *, programme_role=ProgrammeRole.NONE, email=None):
    """A user whose Person holds `role` in `area` (or a programme role), ready to sign in.

    Programme leads and facilitators get a TOTP authenticator, as the platform requires.
    """
    needs_two_factor = programme_role == ProgrammeRole.LEAD or role == AreaRole.FACILITATOR
    user = UserFactory(two_factor=needs_two_factor, **({"email": email} if email else {}))
    person = PersonFactory(user=user, email=user.email, programme_role=programme_role)
    if area is not None and role is not None:
        MembershipFactory(person=person, area=area, role=role)
    return user


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Theme {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class ResourceFactory(factory.django.DjangoModelFactory):
    """A linked resource, searchable at once (as the services leave every resource)."""

    class Meta:
        model = Resource
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Partnership guide {n}")
    summary = "Practical steps for people from different sectors planning their first pilot."
    resource_type = ResourceType.GUIDE
    url = "https://www.example.org/guide"
    publisher = "A national charity"
    is_public = False

    class Params:
        # An uploaded PDF in place of the link.
        with_file = factory.Trait(
            url="",
            file=factory.django.FileField(filename="resource.pdf", data=b"%PDF-1.7\n%%EOF\n"),
            file_type="application/pdf",
            file_size=15,
        )

    @factory.post_generation
    def stages(self, create, extracted, **kwargs):
        for stage in extracted or [Stage.GETTING_STARTED]:
            ResourceStage.objects.create(resource=self, stage=stage)

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if extracted:
            self.themes.set(extracted)

    @factory.post_generation
    def searchable(self, create, extracted, **kwargs):
        update_search_vectors(Resource.objects.filter(pk=self.pk))
