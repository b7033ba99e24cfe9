"""Celery tasks of the resources app: ids in, the service does the work."""

from celery import shared_task

from resources.reports import services


@shared_task(ignore_result=True, time_limit=300, soft_time_limit=240)
def build_document(document_id: int):
    services.document_build(document_id=document_id)


@shared_task(ignore_result=True)
def sweep_documents():
    """Queue builds the broker never took, lost, or whose worker died."""
    services.sweep()
