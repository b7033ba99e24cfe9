"""The texts that carry a session's report-back link to the people who asked for one."""

from django.db import models
from django.utils import timezone

from partnerships.models import OutboxRow


class ReportBackText(OutboxRow):
    """A text message owed to one person who came to a session: an outbox row first,
    sent by a worker that claims it, like every email. Unique per session and person, so
    pressing *send* twice, or a rerun sweep, never texts anyone twice."""

    session = models.ForeignKey(
        "workshops.Session", on_delete=models.CASCADE, related_name="report_back_texts"
    )
    person = models.ForeignKey(
        "partnerships.Person", on_delete=models.CASCADE, related_name="report_back_texts"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["session", "person"], name="report_back_text_once"),
        ]
        indexes = [
            models.Index(
                fields=["send_after"],
                condition=models.Q(status="pending"),
                name="report_back_text_waiting_idx",
            ),
        ]

    def __str__(self):
        return f"Report-back text for {self.person_id} ({self.get_status_display()})"
