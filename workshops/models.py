"""Sessions an area holds, who came, what was heard there and the actions agreed."""

import secrets

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

# Quotes share one consent vocabulary with the evidence of an area's plan.
from areas.models import Consent
from partnerships import access
from partnerships.models import ConsentUse, OutboxRow, OutboxStatus, Sector
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


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    BLOCKED = "blocked", "Blocked"
    DONE = "done", "Done"


class ActionQuerySet(models.QuerySet):
    def visible_to(self, user, *, roles=None):
        return self.filter(access.area_scope(user, roles=roles, field="area"))

    def open(self):
        return self.exclude(status=ActionStatus.DONE)


class Action(models.Model):
    """A follow-up the partnership agreed, owned by one person in the area."""

    area = models.ForeignKey("areas.Area", on_delete=models.CASCADE, related_name="actions")
    session = models.ForeignKey(
        Session, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions"
    )
    description = models.TextField()
    owner = models.ForeignKey(
        "partnerships.Person", on_delete=models.PROTECT, related_name="owned_actions"
    )
    due_on = models.DateField(null=True, blank=True)
    sub_group = models.ForeignKey(
        "areas.SubGroup", null=True, blank=True, on_delete=models.SET_NULL, related_name="actions"
    )
    status = models.CharField(
        max_length=16, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED
    )
    blocked_reason = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)
    # Part of every owner link's signature: a new nonce withdraws the links already sent.
    owner_link_nonce = models.CharField(max_length=32, default=new_nonce)
    created_by = models.ForeignKey(
        "partnerships.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        "partnerships.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [
            models.Index(fields=["area", "status", "due_on"]),
            models.Index(fields=["owner", "status"]),
            # The follow-up scan reads open actions by due date, a few days at a time.
            models.Index(
                fields=["due_on"],
                condition=~models.Q(status="done"),
                name="action_open_due_idx",
            ),
            # The programme dashboard counts each area's open and overdue actions.
            models.Index(
                fields=["area", "due_on"],
                condition=~models.Q(status="done"),
                name="action_open_area_due_idx",
            ),
        ]

    def __str__(self):
        return self.description[:80]

    def get_absolute_url(self):
        return reverse(
            "workshops:action-detail", kwargs={"area_slug": self.area.slug, "action_id": self.pk}
        )

    @property
    def is_open(self):
        return self.status != ActionStatus.DONE

    def days_overdue(self, today) -> int:
        """Whole days past the due date on `today`; 0 when done, undated or not yet due."""
        if not self.is_open or self.due_on is None or self.due_on >= today:
            return 0
        return (today - self.due_on).days


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


class ActionEventKind(models.TextChoices):
    CREATED = "created", "Created"
    STATUS = "status", "Status changed"
    NOTE = "note", "Progress note"
    REASSIGNED = "reassigned", "Reassigned"
    DUE_DATE = "due_date", "Due date changed"
    LINK_OPENED = "link_opened", "Owner link opened"
    LINK_REFUSED = "link_refused", "Owner link refused"
    LINK_REVOKED = "link_revoked", "Owner link withdrawn"
    OWNER_EMAIL_ADDED = "owner_email", "Owner’s email address added"


class ActionEvent(models.Model):
    """One thing that happened to an action. Append-only: rows are never changed.

    Names and values are copied in as text, so the history still reads true after the
    people or choices it mentions change.
    """

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=16, choices=ActionEventKind.choices)
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(
        "partnerships.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    via_owner_link = models.BooleanField(default=False)
    old_value = models.CharField(max_length=200, blank=True)
    new_value = models.CharField(max_length=200, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["action", "at"], name="action_event_history_idx")]

    def __str__(self):
        return f"{self.get_kind_display()} on {self.action_id}"


class FollowUpPurpose(models.TextChoices):
    ASSIGNED = "assigned", "New action"
    DUE_SOON = "due_soon", "Due soon"
    DUE_TODAY = "due_today", "Due today"
    OVERDUE = "overdue", "Overdue"
    ESCALATION = "escalation", "Overdue, to facilitators"
    SUMMARY = "summary", "What we agreed"
    DIGEST = "digest", "Weekly digest"
    CASCADE_DUE = "cascade_due", "Session waiting to be cascaded"


class FollowUpKind(models.TextChoices):
    """The kinds of email a person can turn off, each covering one or more purposes."""

    ASSIGNED = "assigned", "When an action is given to me"
    REMINDERS = "reminders", "Reminders before and on the due date"
    OVERDUE = "overdue", "Weekly nudges when an action of mine is overdue"
    ESCALATION = "escalation", "Actions still overdue in areas I facilitate"
    SUMMARY = "summary", "What we agreed, after a session I came to is written up"
    DIGEST = "digest", "A weekly list of my open actions"
    CASCADE = "cascade", "Sessions in my area still waiting to be cascaded"


# Each kind as the thing to stop, in an email's footer and on the unsubscribe page.
KIND_TO_STOP = {
    FollowUpKind.ASSIGNED: "emails when an action is given to you",
    FollowUpKind.REMINDERS: "reminders before and on due dates",
    FollowUpKind.OVERDUE: "weekly nudges about your overdue actions",
    FollowUpKind.ESCALATION: "emails about overdue actions in areas you facilitate",
    FollowUpKind.SUMMARY: "“what we agreed” emails after sessions",
    FollowUpKind.DIGEST: "the weekly list of your open actions",
    FollowUpKind.CASCADE: "reminders about sessions waiting to be cascaded",
}

KIND_OF_PURPOSE = {
    FollowUpPurpose.ASSIGNED: FollowUpKind.ASSIGNED,
    FollowUpPurpose.DUE_SOON: FollowUpKind.REMINDERS,
    FollowUpPurpose.DUE_TODAY: FollowUpKind.REMINDERS,
    FollowUpPurpose.OVERDUE: FollowUpKind.OVERDUE,
    FollowUpPurpose.ESCALATION: FollowUpKind.ESCALATION,
    FollowUpPurpose.SUMMARY: FollowUpKind.SUMMARY,
    FollowUpPurpose.DIGEST: FollowUpKind.DIGEST,
    FollowUpPurpose.CASCADE_DUE: FollowUpKind.CASCADE,
}


# A follow-up moves through the states of every outbox row.
FollowUpStatus = OutboxStatus


class FollowUp(OutboxRow):
    """An email the platform owes someone: the outbox row comes first, the sending after.

    The unique constraints make each email exist once whoever plans it and however
    often; a worker claims a row with one conditional UPDATE before sending it, so two
    workers, a retried task or a rerun schedule never send it twice.
    """

    purpose = models.CharField(max_length=16, choices=FollowUpPurpose.choices)
    person = models.ForeignKey(
        "partnerships.Person", on_delete=models.CASCADE, related_name="follow_ups"
    )
    action = models.ForeignKey(
        Action, null=True, blank=True, on_delete=models.CASCADE, related_name="follow_ups"
    )
    session = models.ForeignKey(
        Session, null=True, blank=True, on_delete=models.CASCADE, related_name="follow_ups"
    )
    key_date = models.DateField(
        help_text="What makes the email distinct: the due date, the day the action was "
        "given, or the Monday of the week a nudge or digest belongs to."
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["purpose", "action", "person", "key_date"],
                condition=models.Q(action__isnull=False),
                name="follow_up_once_per_action",
            ),
            models.UniqueConstraint(
                fields=["purpose", "session", "person", "key_date"],
                condition=models.Q(session__isnull=False),
                name="follow_up_once_per_session",
            ),
            models.UniqueConstraint(
                fields=["purpose", "person", "key_date"],
                condition=models.Q(action__isnull=True, session__isnull=True),
                name="follow_up_once_per_person",
            ),
            models.CheckConstraint(
                condition=models.Q(action__isnull=True) | models.Q(session__isnull=True),
                name="follow_up_about_an_action_or_a_session",
            ),
        ]
        indexes = [
            models.Index(
                fields=["send_after"],
                condition=models.Q(status="pending"),
                name="follow_up_waiting_idx",
            ),
            models.Index(
                fields=["claimed_at"],
                condition=models.Q(status="sending"),
                name="follow_up_claimed_idx",
            ),
        ]

    def __str__(self):
        return f"{self.get_purpose_display()} for {self.person_id} ({self.get_status_display()})"

    @property
    def kind(self):
        return KIND_OF_PURPOSE[self.purpose]


class FollowUpOptOut(models.Model):
    """A kind of follow-up email one person has turned off. No row means they get it."""

    person = models.ForeignKey(
        "partnerships.Person", on_delete=models.CASCADE, related_name="follow_up_opt_outs"
    )
    kind = models.CharField(max_length=16, choices=FollowUpKind.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "kind"], name="follow_up_opt_out_once"),
        ]

    def __str__(self):
        return f"{self.person_id} turned off {self.kind}"


class CalendarFeed(models.Model):
    """A person's private calendar address. A new nonce makes the old address stop working."""

    person = models.OneToOneField(
        "partnerships.Person", on_delete=models.CASCADE, related_name="calendar_feed"
    )
    nonce = models.CharField(max_length=32, default=new_nonce)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"Calendar of {self.person_id}"


# Cascades: the LCO passes each session's notes on to local networks ----------------------


def new_share_token():
    return secrets.token_urlsafe(24)


class ContactListKind(models.TextChoices):
    NETWORK = "network", "Organisation network"
    COMMUNITY = "community", "Community group"
    COMMUNICATIONS = "communications", "Communications leads"
    OTHER = "other", "Other"


class ContactListQuerySet(models.QuerySet):
    def visible_to(self, user, *, roles=None):
        return self.filter(access.area_scope(user, roles=roles, field="area"))


class ContactList(models.Model):
    """A distribution list of local contacts the area's LCO cascades session notes to."""

    area = models.ForeignKey("areas.Area", on_delete=models.CASCADE, related_name="contact_lists")
    name = models.CharField(max_length=120)
    kind = models.CharField(
        max_length=16, choices=ContactListKind.choices, default=ContactListKind.NETWORK
    )
    description = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey(
        "partnerships.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = ContactListQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["area", "name"], name="contact_list_name_once"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse(
            "workshops:contact-list", kwargs={"area_slug": self.area.slug, "list_id": self.pk}
        )


class ContactBasis(models.TextChoices):
    """Why the LCO may email someone: recorded for every contact, as data protection asks."""

    CONSENT = "consent", "They asked to receive updates (consent)"
    LEGITIMATE_INTEREST = (
        "legitimate_interest",
        "They work with the partnership and would expect its news (legitimate interest)",
    )
    PUBLISHED_ROLE = (
        "published_role",
        "A published work address for sharing news (legitimate interest)",
    )


class Contact(models.Model):
    """One address on a distribution list. Addresses are kept in lower case."""

    contact_list = models.ForeignKey(ContactList, on_delete=models.CASCADE, related_name="contacts")
    email = models.EmailField()
    name = models.CharField(max_length=200, blank=True)
    organisation = models.CharField(max_length=200, blank=True)
    basis = models.CharField(max_length=24, choices=ContactBasis.choices)
    basis_note = models.CharField(
        max_length=300, blank=True, help_text="Where and when they agreed, or why they expect it."
    )
    added_by = models.ForeignKey(
        "partnerships.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["email", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["contact_list", "email"], name="contact_once_per_list"),
        ]

    def __str__(self):
        return self.email


class ContactImport(models.Model):
    """A contacts file read from CSV and held for preview until the LCO confirms it."""

    contact_list = models.ForeignKey(ContactList, on_delete=models.CASCADE, related_name="imports")
    uploaded_by = models.ForeignKey(
        "partnerships.Person", on_delete=models.CASCADE, related_name="+"
    )
    file_name = models.CharField(max_length=200)
    basis = models.CharField(max_length=24, choices=ContactBasis.choices)
    basis_note = models.CharField(max_length=300, blank=True)
    rows = models.JSONField(default=list)
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.file_name} for {self.contact_list}"


class EmailUnsubscribe(models.Model):
    """An address that asked for no more cascades. Kept for ever and checked on every send,
    so no list — nor a later import into one — can email it again."""

    email = models.EmailField(unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return self.email


class CascadeStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"


class Cascade(models.Model):
    """A session's notes as the LCO passed them on: the words, the lists, the recipients."""

    session = models.OneToOneField(Session, on_delete=models.CASCADE, related_name="cascade")
    subject = models.CharField(max_length=200)
    body = models.TextField()
    lists = models.ManyToManyField(ContactList, blank=True, related_name="cascades")
    status = models.CharField(
        max_length=16, choices=CascadeStatus.choices, default=CascadeStatus.DRAFT
    )
    version = models.PositiveIntegerField(default=1)
    composed_by = models.ForeignKey(
        "partnerships.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_by = models.ForeignKey(
        "partnerships.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True, help_text="When sending began.")
    finished_at = models.DateTimeField(null=True, blank=True)
    # When a batch last started; a sending cascade idle for longer than the claim timeout
    # lost its chain of batch tasks, and the sweep starts it again.
    batch_at = models.DateTimeField(null=True, blank=True)
    # The public share page's address; None once withdrawn (or before one is made).
    share_token = models.CharField(max_length=64, null=True, blank=True, unique=True)

    class Meta:
        ordering = ["-sent_at", "pk"]

    def __str__(self):
        return self.subject

    def get_absolute_url(self):
        return reverse(
            "workshops:cascade",
            kwargs={"area_slug": self.session.area.slug, "session_id": self.session_id},
        )

    @property
    def is_draft(self):
        return self.status == CascadeStatus.DRAFT


class RecipientStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    SENDING = "sending", "Being sent"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"
    SKIPPED = "skipped", "Not sent: unsubscribed"


class CascadeRecipient(models.Model):
    """One address a cascade goes to: an outbox row, claimed before it is sent.

    One row per address whichever lists it is on, so nobody gets a cascade twice.
    """

    cascade = models.ForeignKey(Cascade, on_delete=models.CASCADE, related_name="recipients")
    email = models.EmailField()
    name = models.CharField(max_length=200, blank=True)
    status = models.CharField(
        max_length=16, choices=RecipientStatus.choices, default=RecipientStatus.QUEUED
    )
    claimed_at = models.DateTimeField(null=True, blank=True)
    # The worker process sending it (partnerships.heartbeats.worker_name()).
    claimed_by = models.CharField(max_length=200, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["cascade", "email"], name="cascade_recipient_once"),
        ]
        indexes = [
            models.Index(fields=["cascade", "status"], name="cascade_recipient_status_idx"),
            # The sweep looks for claims of workers that died across every cascade.
            models.Index(
                fields=["claimed_at"],
                condition=models.Q(status="sending"),
                name="cascade_recipient_claimed_idx",
            ),
        ]

    def __str__(self):
        return f"{self.email} ({self.get_status_display()})"


# The live room of a partnership day has its own sub-domain (workshops/live/); its models
# are imported here so that Django finds them in this app.
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
