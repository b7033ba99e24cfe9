"""Cascades: the LCO passes each session's notes on to local networks. The distribution
lists and their contacts, the addresses that asked for no more, and each cascade with the
addresses it goes to."""

import secrets

from django.db import models
from django.urls import reverse
from django.utils import timezone

from partnerships import access


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

    session = models.OneToOneField(
        "workshops.Session", on_delete=models.CASCADE, related_name="cascade"
    )
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
