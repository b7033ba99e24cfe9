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


# A pack of a cohort of hundreds of areas builds hundreds of PDFs: it gets half an hour.
@shared_task(ignore_result=True, time_limit=1800, soft_time_limit=1700)
def build_funder_pack(pack_id: int):
    services.funder_pack_build(pack_id=pack_id)
