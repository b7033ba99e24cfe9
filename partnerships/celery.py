import os

from celery import Celery
from celery.signals import worker_process_init, worker_process_shutdown, worker_shutdown

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "partnerships.settings")

app = Celery("partnerships")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


# Each process that runs tasks (every prefork child, or the worker itself with --pool=solo)
# proves it is alive, so what it claimed is taken back soon after it dies.
@worker_process_init.connect
def _start_heartbeat(**kwargs):
    from partnerships import heartbeats

    heartbeats.start_worker_pulse()


@worker_process_shutdown.connect
@worker_shutdown.connect
def _stop_heartbeat(**kwargs):
    from partnerships import heartbeats

    heartbeats.stop_worker_pulse()
