"""Celery tasks of the areas app. Each takes ids, never objects, and is safe to run twice:
the outbox row is claimed before anything is sent."""

from celery import shared_task

from areas.pulse import delivery


@shared_task(ignore_result=True)
def send_pulse_message(message_id: int):
    """Email or text one person their pulse link."""
    delivery.outbox.deliver(message_id, compose=delivery.compose)


@shared_task(ignore_result=True)
def sweep_pulse_messages():
    """Queue pulse links that never reached the queue or whose worker died."""
    delivery.outbox.sweep()
