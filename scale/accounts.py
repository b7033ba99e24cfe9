"""Sign-in accounts: programme staff who facilitate a few areas each, programme leads, and
every generated account's verified email and (for roles that need it) second factor."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import encrypt

from partnerships.models import Person, ProgrammeRole, User
from scale import totp, words

PASSWORD = "bench-password-2026"
AREAS_PER_FACILITATOR = 3


def facilitator_email(number: int) -> str:
    return f"facilitator-{number}@bench.example"


def lead_email(number: int) -> str:
    return f"lead-{number}@bench.example"


def steering_email(number: int) -> str:
    return f"steering-{number}@bench.example"


def add_person_with_account(ctx, *, email, full_name, job_title, role="", two_factor=False):
    w = ctx.writer
    user = w.add(User, email=email, password=ctx.password_hash, is_active=True)
    w.add(EmailAddress, user_id=user, email=email, verified=True, primary=True)
    if two_factor:
        w.add(
            Authenticator,
            user_id=user,
            type=Authenticator.Type.TOTP,
            data={"secret": encrypt(totp.secret_for(email))},
        )
    return w.add(
        Person,
        full_name=full_name,
        email=email,
        job_title=job_title,
        programme_role=role,
        user_id=user,
    )


def add_facilitators(ctx, areas: int) -> list[int]:
    """One programme facilitator for every three areas, all with a second factor."""
    rng = ctx.rng
    return [
        add_person_with_account(
            ctx,
            email=facilitator_email(number),
            full_name=f"{rng.choice(words.FIRST_NAMES)} {rng.choice(words.SURNAMES)}",
            job_title="Programme facilitator",
            two_factor=True,
        )
        for number in range(-(-areas // AREAS_PER_FACILITATOR))
    ]


def add_leads(ctx, count: int):
    for number in range(count):
        add_person_with_account(
            ctx,
            email=lead_email(number),
            full_name=f"Programme Lead {number + 1}",
            job_title="Programme lead",
            role=ProgrammeRole.LEAD,
            two_factor=True,
        )
