"""A real Celery worker on the real Redis broker, delivering to a real SMTP server."""

import asyncio
import os
import signal
import socket
import subprocess
import sys
import threading
import time

import pytest
import redis
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message
from django.conf import settings
from django.db import connection

from partnerships.celery import app as celery_app


class Mailbox(Message):
    """Keeps every message the SMTP server accepts.

    `rcpt_delay` makes the server slow to accept each recipient, before any message
    is accepted; `rcpt_reached` is set when the `signal_at_rcpt`-th recipient arrives.
    """

    def __init__(self):
        super().__init__()
        self.messages = []
        self.controller = None
        self.rcpt_delay = 0
        self.rcpt_count = 0
        self.signal_at_rcpt = None
        self.rcpt_reached = threading.Event()

    def handle_message(self, message):
        self.messages.append(message)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        self.rcpt_count += 1
        if self.rcpt_count == self.signal_at_rcpt:
            self.rcpt_reached.set()
        await asyncio.sleep(self.rcpt_delay)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    def start(self):
        """Serve on `self.port`, the same port each time, as a restarted server would."""
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def wait_for(self, count, timeout=30):
        deadline = time.monotonic() + timeout
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.1)
        return self.messages


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_sink():
    mailbox = Mailbox()
    mailbox.port = free_port()
    mailbox.start()
    yield mailbox
    mailbox.stop()


def worker_env(smtp_sink, redis_url):
    """The environment of a worker pointed at this test's database, mail and broker."""
    database = settings.DATABASES["default"]
    return {
        **os.environ,
        "DATABASE_URL": (
            f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/"
            f"{connection.settings_dict['NAME']}"
        ),
        "REDIS_URL": redis_url,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_sink.port}",
    }


@pytest.fixture
def celery_worker_process(transactional_db, smtp_sink, own_broker):
    """Start `celery worker` as in production, pointed at this test's database and mail,
    and at a Redis of the test's own: on the machine's shared Redis another worker could
    take the test's tasks from the default queue."""
    worker = Worker(worker_env(smtp_sink, own_broker.url))
    yield worker
    worker.stop()


class RedisServer:
    """A `redis-server` of a test's own, on a free port, that the test may stop and start
    again: the machine's Redis on 6379 serves other people and is never touched."""

    def __init__(self, folder):
        self.folder = folder
        self.folder.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None
        self.start()

    def start(self):
        # No snapshots: a restart loses what was queued, as a Redis without persistence
        # does, so what the platform finds again comes from its own rows.
        self.process = subprocess.Popen(
            [
                *("redis-server", "--port", str(self.port), "--bind", "127.0.0.1"),
                *("--save", "", "--appendonly", "no", "--dir", str(self.folder)),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while True:
            try:
                redis.Redis.from_url(self.url, socket_timeout=1).ping()
                return
            except redis.ConnectionError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None


@pytest.fixture
def own_redis(tmp_path):
    server = RedisServer(tmp_path / "redis")
    yield server
    server.stop()


def queue_tasks_on(url, monkeypatch):
    """This process queues its tasks on the Redis at `url`, for workers started on it."""
    monkeypatch.setitem(celery_app.conf, "broker_url", url)
    monkeypatch.setitem(celery_app.conf, "task_always_eager", False)
    monkeypatch.setattr(celery_app, "_pool", None)
    monkeypatch.setattr(celery_app.amqp, "_producer_pool", None)


@pytest.fixture
def own_broker(own_redis, monkeypatch):
    """This process queues its tasks on `own_redis`, for a worker started on it too."""
    queue_tasks_on(own_redis.url, monkeypatch)
    return own_redis


class Worker:
    """A `celery worker` subprocess whose log lines are collected as they come."""

    def __init__(self, env, *options):
        self.env = env
        self.lines = []
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "partnerships",
                "worker",
                "--pool=solo",
                "--loglevel=info",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                *options,
            ],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        threading.Thread(target=self._collect, daemon=True).start()
        if not self.wait_for_log("ready.", timeout=60):
            self.stop()
            raise RuntimeError("The Celery worker did not start:\n" + "".join(self.lines))

    def _collect(self):
        for line in self.process.stdout:
            self.lines.append(line)

    def wait_for_log(self, text, count=1, timeout=30):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if sum(text in line for line in self.lines) >= count:
                return True
            if self.process.poll() is not None:
                return False
            time.sleep(0.05)
        return False

    def kill(self):
        """Die as a worker does when the machine loses power: no chance to tidy up."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=20)

    def stop(self):
        if self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
