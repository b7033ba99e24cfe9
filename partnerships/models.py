"""The cross-cutting core: accounts, organisations, people and who plays which role where."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

_TOKEN_SALT = "partnerships.invitation"


def _new_nonce():
    return secrets.token_hex(16)


def _default_expiry():
    return timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS)


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A sign-in account. Everything about the human lives on their `Person`."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField("email address", unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    def __str__(self):
        return self.email


class Sector(models.TextChoices):
    VCSE = "vcse", "VCSE / charity"
    SOCIAL_ENTERPRISE = "social_enterprise", "Community business / social enterprise"
    FAITH = "faith", "Faith group"
    NHS_ICB = "nhs_icb", "NHS integrated care board"
    PCN = "pcn", "Primary care network"
    GP_PRACTICE = "gp_practice", "GP practice"
    NHS_TRUST = "nhs_trust", "NHS trust"
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    PUBLIC_HEALTH = "public_health", "Public health"
    HEALTHWATCH = "healthwatch", "Healthwatch"
    HOUSING = "housing", "Housing"
    OTHER = "other", "Other"


class Organisation(models.Model):
    name = models.CharField(max_length=200)
    sector = models.CharField(max_length=32, choices=Sector.choices)
    website = models.URLField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), name="organisation_name_unique_ci"),
        ]

    def __str__(self):
        return self.name


class ProgrammeRole(models.TextChoices):
    """Roles that span the whole programme rather than one area."""

    NONE = "", "None"
    LEAD = "programme_lead", "Programme lead"
    FUNDER = "funder", "Funder"


class AreaRole(models.TextChoices):
    """Roles a person holds in one area's partnership."""

    FACILITATOR = "facilitator", "Facilitator"
    STEERING_MEMBER = "steering_member", "Steering group member"
    LCO_COORDINATOR = "lco_coordinator", "LCO coordinator"
    COMMUNITY_MEMBER = "community_member", "Community member"


class Person(models.Model):
    """Anyone the programme works with: with a sign-in account, or a participant without."""

    full_name = models.CharField(max_length=200)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    job_title = models.CharField(max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="people"
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    programme_role = models.CharField(
        max_length=32, choices=ProgrammeRole.choices, blank=True, default=ProgrammeRole.NONE
    )
    created_at = models.DateTimeField(default=timezone.now)
    # Set when their personal data was erased and the name replaced by a pseudonym.
    erased_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["full_name"]
        verbose_name_plural = "people"
        constraints = [
            models.UniqueConstraint(
                Lower("email"), condition=~models.Q(email=""), name="person_email_unique_ci"
            ),
        ]

    def __str__(self):
        return self.full_name

    @property
    def has_account(self):
        return self.user_id is not None


class Membership(models.Model):
    """A person's role in one area. The access policy is built on these rows."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="memberships")
    area = models.ForeignKey("areas.Area", on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=32, choices=AreaRole.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["area", "role", "person"]
        constraints = [
            models.UniqueConstraint(fields=["person", "area", "role"], name="membership_unique"),
        ]

    def __str__(self):
        return f"{self.person} — {self.get_role_display()} in {self.area}"


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(
            accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
        )


class Invitation(models.Model):
    """A single-use, expiring link that gives one email address one role.

    The link's token is an HMAC of the row's id and a random nonce under the secret key:
    it is never stored, so neither a copy of the database nor the task queue can be used
    to join, and the email task can rebuild it from the id alone.
    """

    ROLE_CHOICES = [*AreaRole.choices, (ProgrammeRole.FUNDER, ProgrammeRole.FUNDER.label)]

    email = models.EmailField()
    full_name = models.CharField(max_length=200, blank=True)
    area = models.ForeignKey(
        "areas.Area", null=True, blank=True, on_delete=models.CASCADE, related_name="invitations"
    )
    role = models.CharField(max_length=32, choices=ROLE_CHOICES)
    invited_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    nonce = models.CharField(max_length=32, default=_new_nonce, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(default=_default_expiry)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role=ProgrammeRole.FUNDER, area__isnull=True)
                | (~models.Q(role=ProgrammeRole.FUNDER) & models.Q(area__isnull=False)),
                name="invitation_funders_programme_wide_others_in_an_area",
            ),
        ]

    def __str__(self):
        return f"Invitation for {self.email} as {self.get_role_display()}"

    @property
    def token(self):
        digest = salted_hmac(_TOKEN_SALT, f"{self.pk}:{self.nonce}", algorithm="sha256")
        return f"{self.pk}-{digest.hexdigest()}"

    def token_matches(self, token):
        return constant_time_compare(self.token, token)

    @staticmethod
    def id_from_token(token):
        """The invitation id a token claims to be for, or None if it is not one of ours."""
        pk, _, digest = token.partition("-")
        is_id = pk.isascii() and pk.isdigit() and len(pk) < 19
        return int(pk) if is_id and len(digest) == 64 else None

    @property
    def status(self):
        if self.accepted_at:
            return "accepted"
        if self.revoked_at:
            return "revoked"
        if self.expires_at <= timezone.now():
            return "expired"
        return "pending"


class OutboxStatus(models.TextChoices):
    PENDING = "pending", "Waiting to be sent"
    SENDING = "sending", "Being sent"
    SENT = "sent", "Sent"
    FAILED = "failed", "Not delivered"
    SKIPPED = "skipped", "Not needed any more"


class OutboxRow(models.Model):
    """An email the platform owes someone, and how far sending it has got.

    partnerships/outbox.py queues, claims, sends and sweeps these rows.
    """

    status = models.CharField(
        max_length=16, choices=OutboxStatus.choices, default=OutboxStatus.PENDING
    )
    send_after = models.DateTimeField(default=timezone.now)
    # When a task for the row was last put on the queue; the sweep queues it again only
    # if that was long enough ago that the message must have been lost.
    queued_at = models.DateTimeField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    # The worker process sending it (heartbeats.worker_name()), blank if unknown.
    claimed_by = models.CharField(max_length=200, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)

    class Meta:
        abstract = True


class InvitationEmail(OutboxRow):
    """The email carrying an invitation's link: the outbox row of one invitation, written
    with it, so an invitation saved while the broker or the mail server was down is sent
    when they are back."""

    invitation = models.OneToOneField(
        Invitation, primary_key=True, on_delete=models.CASCADE, related_name="email_message"
    )

    def __str__(self):
        return f"Email for {self.invitation} ({self.get_status_display()})"


class AuditAction(models.TextChoices):
    SIGNED_IN = "signed_in", "Signed in"
    SIGN_IN_FAILED = "sign_in_failed", "Sign-in failed"
    SIGNED_OUT = "signed_out", "Signed out"
    DENIED = "denied", "Permission refused"
    VIEWED_PERSONAL_DATA = "viewed_personal_data", "Viewed personal data"
    EXPORTED = "exported", "Exported"
    DOWNLOADED = "downloaded", "Downloaded"
    CONSENT_RECORDED = "consent_recorded", "Consent recorded"
    CONSENT_WITHDRAWN = "consent_withdrawn", "Consent withdrawn"
    ERASED = "erased", "Personal data erased"
    RETENTION_APPLIED = "retention_applied", "Retention clean-up"
    LEAD_APPOINTED = "lead_appointed", "Programme lead appointed"


class AuditEvent(models.Model):
    """One line of the append-only audit log: who did what to which record, and when.

    No foreign keys: an entry must outlive the account, person or record it names, so it
    keeps their ids and a readable label as they were. Database triggers refuse every
    UPDATE and DELETE (see the migration), so the application cannot rewrite history.
    """

    at = models.DateTimeField(default=timezone.now, db_index=True)
    action = models.CharField(max_length=32, choices=AuditAction.choices)
    actor_id = models.BigIntegerField(null=True, blank=True)
    actor_email = models.CharField(max_length=254, blank=True)
    target_type = models.CharField(max_length=60, blank=True)
    target_id = models.CharField(max_length=40, blank=True)
    target_label = models.CharField(max_length=300, blank=True)
    area_id = models.BigIntegerField(null=True, blank=True)
    path = models.CharField(max_length=500, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["actor_id", "-at"]),
            models.Index(fields=["action", "-at"]),
            models.Index(fields=["target_type", "target_id"]),
        ]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_email or 'anonymous'} {self.action}"


class ConsentUse(models.TextChoices):
    """The ways a person's words or picture may be used, each agreed to separately."""

    SESSION_NOTES = "session_notes", "Quotes in session notes"
    CASE_STUDIES = "case_studies", "Case studies and reports"
    PUBLIC_PAGES = "public_pages", "Public pages"
    PHOTOS = "photos", "Photographs"
    TEXT_MESSAGES = "text_messages", "Text messages about what happens after a session"


class ConsentMethod(models.TextChoices):
    VERBAL = "verbal", "Said out loud (verbal)"
    WRITTEN = "written", "Signed on paper (written)"
    ONLINE = "online", "Ticked a box online"


class ConsentDecision(models.TextChoices):
    GIVEN = "given", "Agreed"
    WITHDRAWN = "withdrawn", "Withdrawn"


class ConsentRecord(models.Model):
    """One decision a person made about one use: agreeing, or withdrawing.

    Rows are only ever added, so the history stays; a person's current answer for a use
    is their latest row. Quotes are filtered on it (see `partnerships.consent`).
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="consents")
    use = models.CharField(max_length=32, choices=ConsentUse.choices)
    decision = models.CharField(max_length=16, choices=ConsentDecision.choices)
    method = models.CharField(max_length=16, choices=ConsentMethod.choices)
    wording = models.TextField(
        help_text="The exact words they were shown or read out when they decided."
    )
    recorded_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        indexes = [models.Index(fields=["person", "use", "-recorded_at"])]

    def __str__(self):
        return f"{self.get_decision_display()}: {self.get_use_display()}"


class HeldPost(models.Model):
    """A form that arrived after its author's sign-in had ended, kept for that account.

    Only that account, signed in again on the same browser, may send it, and only after
    seeing it and confirming (see partnerships.resubmit). Rows are short-lived: one that
    is sent or thrown away is deleted, and the retention job clears the rest.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    path = models.CharField(max_length=500)
    # The form's fields as the browser sent them: each name with its list of values.
    data = models.JSONField(default=dict)
    # Names of the file fields that had a file chosen: files are not kept.
    files = models.JSONField(default=list)
    held_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-held_at"]

    def __str__(self):
        return f"Form for {self.path} kept at {self.held_at:%Y-%m-%d %H:%M}"


class Heartbeat(models.Model):
    """When something that should always be running was last seen running: beat's
    schedule, and each worker process that sends emails (see partnerships/heartbeats.py)."""

    name = models.CharField(max_length=200, unique=True)
    seen_at = models.DateTimeField()

    def __str__(self):
        return f"{self.name} at {self.seen_at:%Y-%m-%d %H:%M:%S}"


# The review step shared by every kind of suggestion, and its emails.
from partnerships.review.models import ReviewEmail  # noqa: E402, F401
