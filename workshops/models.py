"""Sessions an area holds, who came and what was heard there."""

import secrets

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

# Quotes share one consent vocabulary with the evidence of an area's plan.
from areas.models import Consent
from partnerships import access
from partnerships.models import ConsentUse, Sector
from partnerships.privacy.consent import exclude_withdrawn, latest_decision


def new_nonce():
    return secrets.token_hex(16)


class SessionKind(models.TextChoices):
    PARTNERSHIP_DAY = "partnership_day", "Partnership day"
    STEERING_MEETING = "steering_meeting", "Steering group meeting"
    SUB_GROUP_MEETING = "sub_group_meeting", "Sub-group meeting"
    CHAMPIONS = "champions", "Champions Network session"


# The meetings a partnership's own members run and log themselves.
MEETING_KINDS = (SessionKind.STEERING_MEETING, SessionKind.SUB_GROUP_MEETING)


class SessionStatus(models.TextChoices):
    """Planned, then held on the day, then written up once the notes are done."""

    PLANNED = "planned", "Planned"
    HELD = "held", "Held"
    WRITTEN_UP = "written_up", "Written up"


class SessionFormat(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    ONLINE = "online", "Online"


class SessionQuerySet(models.QuerySet):
    def visible_to(self, user, *, roles=None):
        return self.filter(access.area_scope(user, roles=roles, field="area"))


class Session(models.Model):
    """A partnership day, meeting or Champions Network session in one area."""

    area = models.ForeignKey("areas.Area", on_delete=models.CASCADE, related_name="sessions")
    kind = models.CharField(max_length=32, choices=SessionKind.choices)
    title = models.CharField(max_length=200)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField(null=True, blank=True)
    format = models.CharField(
        max_length=16, choices=SessionFormat.choices, default=SessionFormat.IN_PERSON
    )
    venue = models.CharField(max_length=300, blank=True)
    accessibility_notes = models.TextField(
        blank=True, help_text="Step-free access, hearing loop, quiet room, parking, toilets."
    )
    online_platform = models.CharField(max_length=100, blank=True)
    sub_group = models.ForeignKey(
        "areas.SubGroup", null=True, blank=True, on_delete=models.SET_NULL, related_name="sessions"
    )
    facilitators = models.ManyToManyField(
        "partnerships.Person", blank=True, related_name="facilitated_sessions"
    )
    purpose = models.TextField(blank=True, help_text="Why the session is held and its agenda.")
    status = models.CharField(
        max_length=16, choices=SessionStatus.choices, default=SessionStatus.PLANNED
    )
    lived_experience_headcount = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="People with lived experience among those counted but not named.",
    )
    summary = models.TextField(
        blank=True, help_text="The written-up notes: what happened and what was agreed."
    )
    written_up_at = models.DateTimeField(null=True, blank=True)
    # Part of the report-back link's signature: a new nonce withdraws the links given out.
    report_back_nonce = models.CharField(max_length=32, default=new_nonce)
    # Raised on every save of the session's own fields, so two people editing at once
    # cannot overwrite each other without seeing it.
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        "partnerships.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        "partnerships.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = SessionQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at"]
        indexes = [models.Index(fields=["area", "-starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__isnull=True)
                | models.Q(ends_at__gte=models.F("starts_at")),
                name="session_ends_after_it_starts",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(
            "workshops:session-detail",
            kwargs={"area_slug": self.area.slug, "session_id": self.pk},
        )

    @property
    def is_online(self):
        return self.format == SessionFormat.ONLINE


class Attendance(models.Model):
    """One named person at a session, with the organisation they came from that day."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendances")
    person = models.ForeignKey(
        "partnerships.Person", on_delete=models.CASCADE, related_name="attendances"
    )
    organisation = models.ForeignKey(
        "partnerships.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    lived_experience = models.BooleanField(default=False)
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["person__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["session", "person"], name="attendance_once"),
        ]

    def __str__(self):
        return f"{self.person} at {self.session}"


class SectorHeadcount(models.Model):
    """People counted by sector rather than named, e.g. from a sign-in sheet."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="headcounts")
    sector = models.CharField(max_length=32, choices=Sector.choices)
    count = models.PositiveIntegerField()

    class Meta:
        ordering = ["sector"]
        constraints = [
            models.UniqueConstraint(fields=["session", "sector"], name="headcount_once_per_sector"),
        ]

    def __str__(self):
        return f"{self.count} from {self.get_sector_display()}"


class BarrierType(models.Model):
    """The programme's taxonomy of barriers, so areas can compare what they hear."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class InsightKind(models.TextChoices):
    BARRIER = "barrier", "Barrier"
    IDEA = "idea", "Idea"
    DECISION = "decision", "Decision"
    QUOTE = "quote", "Quote"


class InsightQuerySet(models.QuerySet):
    def shareable(self, use=ConsentUse.SESSION_NOTES):
        """What may leave the area team: everything except quotes without consent, and
        quotes whose speaker has since withdrawn their consent for `use`.

        Every page, email and document shown outside the area's facilitators and LCO
        reads insights through this.
        """
        consented = self.exclude(kind=InsightKind.QUOTE, consent=Consent.NONE)
        return exclude_withdrawn(
            consented, person_field="speaker", use=use, only=Q(kind=InsightKind.QUOTE)
        )

    def with_speaker_consent(self, use=ConsentUse.SESSION_NOTES):
        """Each insight with `speaker_consent`: its speaker's latest decision on `use`."""
        return self.annotate(speaker_consent=latest_decision("speaker", use))


IDEA_PROMPT = "Wouldn’t it be brilliant if"


class Insight(models.Model):
    """Something heard at a session: a barrier, an idea, a decision or a quote."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="insights")
    kind = models.CharField(max_length=16, choices=InsightKind.choices)
    text = models.TextField()
    barrier_type = models.ForeignKey(
        BarrierType, null=True, blank=True, on_delete=models.PROTECT, related_name="insights"
    )
    # Quotes only: who said it, how they may be named, and what they agreed to.
    speaker = models.ForeignKey(
        "partnerships.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    attribution = models.CharField(
        max_length=200,
        blank=True,
        help_text="How the speaker is named when quoted, e.g. “a community leader in Crewe”.",
    )
    consent = models.CharField(max_length=16, choices=Consent.choices, default=Consent.NONE)
    consent_on = models.DateField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        "partnerships.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        "partnerships.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = InsightQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["session", "kind"])]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.text[:60]}"

    @property
    def is_shareable(self):
        return self.kind != InsightKind.QUOTE or self.consent != Consent.NONE

    @property
    def as_said(self) -> str:
        """The text as a whole sentence. Ideas are often typed as the end of the prompt
        ("the practice texted reminders"), which read out of context alone."""
        text = " ".join(self.text.split())
        if self.kind != InsightKind.IDEA or not text[:1].islower():
            return text
        return f"{IDEA_PROMPT} {text.rstrip('.?!…')}?"


class Draft(models.Model):
    """Unsaved text from one of a session page's forms, kept as the person types.

    A form's key names what it edits ("summary", "insight-new-barrier", "action-12"), so
    each form restores only its own words. A row with no data holds no draft, only the
    token of the form last saved.
    """

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="drafts")
    person = models.ForeignKey("partnerships.Person", on_delete=models.CASCADE, related_name="+")
    form_key = models.CharField(max_length=60)
    data = models.JSONField(default=dict)
    saved_at = models.DateTimeField(default=timezone.now)
    # The token of the form whose words were last saved for real. An autosave from that
    # same form can still be on its way when the save lands; it is refused, not kept.
    spent_token = models.CharField(max_length=32, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "person", "form_key"], name="draft_once"),
        ]

    def __str__(self):
        return f"Draft of {self.form_key} by {self.person}"


class RegistrationImport(models.Model):
    """A registration list read from CSV, held for preview until the user confirms it.

    Nothing about the people in it is written until then; `rows` is the parsed file with
    each row's outcome.
    """

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="registration_imports"
    )
    uploaded_by = models.ForeignKey(
        "partnerships.Person", on_delete=models.CASCADE, related_name="+"
    )
    file_name = models.CharField(max_length=200)
    rows = models.JSONField(default=list)
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.file_name} for {self.session}"


# Each sub-domain keeps its models in its own folder (the live room of a partnership day in
# workshops/live/, for one); they are imported here so that Django finds them in this app,
# and so that `from workshops.models import Action` still works.
from workshops.actions.models import (  # noqa: E402, F401
    Action,
    ActionEvent,
    ActionEventKind,
    ActionStatus,
)
from workshops.cascades.models import (  # noqa: E402, F401
    Cascade,
    CascadeRecipient,
    CascadeStatus,
    Contact,
    ContactBasis,
    ContactImport,
    ContactList,
    ContactListKind,
    EmailUnsubscribe,
    RecipientStatus,
    new_share_token,
)
from workshops.followups.models import (  # noqa: E402, F401
    KIND_TO_STOP,
    CalendarFeed,
    FollowUp,
    FollowUpKind,
    FollowUpOptOut,
    FollowUpPurpose,
    FollowUpStatus,
)
from workshops.live.models import LiveRoom, RoomItem, RoomPhone, RoomVote  # noqa: E402, F401
from workshops.reach.models import (  # noqa: E402, F401
    CommunityHeadcount,
    NamedCommunity,
    SupportCost,
    SupportNeeds,
)
from workshops.reportback.models import ReportBackText  # noqa: E402, F401

# New actions suggested for the board, waiting for a facilitator.
from workshops.suggestions.models import ActionSuggestion  # noqa: E402, F401
