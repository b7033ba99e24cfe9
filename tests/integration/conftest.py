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


@pytest.fixture
def celery_worker_process(transactional_db, smtp_sink, monkeypatch):
    """Start `celery worker` as in production, pointed at this test's database and mail."""
    redis.Redis.from_url(settings.REDIS_URL).delete("celery")
    monkeypatch.setitem(celery_app.conf, "task_always_eager", False)
    database = settings.DATABASES["default"]
    env = {
        **os.environ,
        "DATABASE_URL": (
            f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/"
            f"{connection.settings_dict['NAME']}"
        ),
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_sink.port}",
    }
    worker = Worker(env)
    yield worker
    worker.stop()


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
