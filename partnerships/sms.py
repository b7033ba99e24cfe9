"""Text messages: one interface, with the backend chosen in settings (SMS_BACKEND).

`console` (the default) writes each message to the log, `file` appends it to
SMS_FILE_PATH, and `twilio` sends it through Twilio's library, which is imported only
when that backend is chosen. Nothing here decides who may be texted or when: texts are
rows of an outbox first (see partnerships/outbox.py), and a `TextMessage` is what the
outbox's `compose` returns, sent as an email would be.
"""

import logging
import re
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

logger = logging.getLogger(__name__)

# UK mobiles: 07 and nine more digits, or the same as +44 7…, spaces allowed.
_UK_MOBILE = re.compile(r"^(?:\+44|0044|0)7\d{9}$")


class TextNotSent(OSError):
    """The provider could not take the message now; the outbox tries again later."""


def mobile_number(phone: str) -> str | None:
    """`phone` as an international UK mobile number (+447…), or None if it is not one."""
    digits = re.sub(r"[\s()-]", "", phone or "")
    if not _UK_MOBILE.match(digits):
        return None
    return "+44" + digits[-10:]


@dataclass
class TextMessage:
    to: str
    body: str
    # Fixed by the outbox row, so a repeat after a crash is recognisable as the same text.
    reference: str

    def send(self) -> None:
        backend().send(self)


class ConsoleBackend:
    def send(self, message: TextMessage) -> None:
        logger.info("Text %s to %s: %s", message.reference, message.to, message.body)


class FileBackend:
    """Appends each text to one file. Opened afresh for each message, as a provider's
    connection would be, so what is in the file is exactly what was handed over."""

    def send(self, message: TextMessage) -> None:
        path = settings.SMS_FILE_PATH
        if not path:
            raise ImproperlyConfigured("SMS_BACKEND=file needs SMS_FILE_PATH")
        with open(path, "a", encoding="utf-8") as file:
            file.write(f"Reference: {message.reference}\nTo: {message.to}\n\n{message.body}\n.\n")


class TwilioBackend:
    def send(self, message: TextMessage) -> None:
        from twilio.base.exceptions import TwilioException
        from twilio.rest import Client

        client = Client(settings.TWILIO_ACCOUNT_SID, settings.TWILIO_AUTH_TOKEN)
        try:
            client.messages.create(to=message.to, from_=settings.SMS_FROM, body=message.body)
        except TwilioException as error:
            raise TextNotSent(f"Twilio refused {message.reference}: {error}") from error


BACKENDS = {"console": ConsoleBackend, "file": FileBackend, "twilio": TwilioBackend}


def backend():
    try:
        return BACKENDS[settings.SMS_BACKEND]()
    except KeyError:
        raise ImproperlyConfigured(
            f"SMS_BACKEND must be one of {', '.join(BACKENDS)}, not {settings.SMS_BACKEND!r}"
        ) from None
