"""The migration that gives every invitation its email row owes the ones never sent."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("partnerships", "0004_held_posts")]
AFTER = [("partnerships", "0005_invitation_outbox_and_heartbeats")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture(autouse=True)
def every_migration_applied_afterwards():
    """Going back before this migration also takes back the other apps' migrations that
    depend on it: put every one back, so the tests after this one find every table."""
    yield
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    migrate(executor.loader.graph.leaf_nodes())


def test_unsent_usable_invitations_are_owed_and_the_rest_are_not():
    apps = migrate(BEFORE)
    Invitation = apps.get_model("partnerships", "Invitation")
    Person = apps.get_model("partnerships", "Person")
    inviter = Person.objects.create(full_name="Amara Adeyemi")
    now = timezone.now()

    def invitation(email, **fields):
        fields = {"expires_at": now + dt.timedelta(days=7), **fields}
        return Invitation.objects.create(
            email=email, role="funder", invited_by=inviter, nonce=email[:32], **fields
        ).pk

    sent = invitation("sent@example.org", sent_at=now - dt.timedelta(days=1))
    stranded = invitation("stranded@example.org")
    withdrawn = invitation("withdrawn@example.org", revoked_at=now)
    expired = invitation("expired@example.org", expires_at=now - dt.timedelta(days=1))

    apps = migrate(AFTER)
    InvitationEmail = apps.get_model("partnerships", "InvitationEmail")
    emails = {row.invitation_id: row for row in InvitationEmail.objects.all()}
    assert (emails[sent].status, emails[sent].sent_at) == ("sent", now - dt.timedelta(days=1))
    assert (emails[stranded].status, emails[stranded].queued_at) == ("pending", None)
    assert emails[withdrawn].status == emails[expired].status == "skipped"

    apps = migrate(BEFORE)
    Invitation = apps.get_model("partnerships", "Invitation")
    assert Invitation.objects.get(pk=sent).sent_at == now - dt.timedelta(days=1)
    assert Invitation.objects.get(pk=stranded).sent_at is None
