"""manage.py create_programme_lead EMAIL [--name NAME]: the first sign-in of a new instance."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from partnerships import services, sign_in_links


class Command(BaseCommand):
    help = (
        "Create (or promote) a programme lead with a verified email address and print a "
        "one-time sign-in link, where they choose a password and then set up two-factor "
        "authentication."
    )

    def add_arguments(self, parser):
        parser.add_argument("email", help="The address they sign in with.")
        parser.add_argument("--name", default="", help="Their full name, as others see it.")
        parser.add_argument(
            "--admin",
            action="store_true",
            help="Also let them into the Django admin (cohort fundings, corrections).",
        )

    def handle(self, *args, email, name, admin, **options):
        try:
            validate_email(email)
        except ValidationError as error:
            raise CommandError(f"{email!r} is not an email address.") from error
        try:
            person, created = services.programme_lead_appoint(
                email=email, full_name=name.strip(), admin=admin
            )
        except services.AccountConflict as conflict:
            raise CommandError(str(conflict)) from conflict
        done = "New account" if created else "Existing account"
        self.stdout.write(
            self.style.SUCCESS(f"{done}: {person.full_name} <{person.email}> is a programme lead.")
        )
        self.stdout.write(
            f"Send them this sign-in link. It works once, in the next "
            f"{settings.SIGN_IN_LINK_MINUTES} minutes, to choose a password and then set up "
            "two-factor authentication:"
        )
        self.stdout.write(f"  {sign_in_links.sign_in_url(person.user)}")
