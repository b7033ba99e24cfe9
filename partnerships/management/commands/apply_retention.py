from django.core.management.base import BaseCommand

from partnerships.privacy import retention


class Command(BaseCommand):
    help = "Delete or pseudonymise records past their retention period (see retention.every_rule)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Only report what would be deleted or erased; change nothing.",
        )

    def handle(self, *args, dry_run=False, **options):
        outcomes = retention.apply(dry_run=dry_run)
        verb = "Would" if dry_run else "Did"
        for outcome in outcomes:
            rule = outcome.rule
            self.stdout.write(
                f"{verb} {rule.action} {outcome.count:>6}  {rule.record_type} "
                f"(older than {rule.period})"
            )
        kept = [
            rule.record_type for rule in retention.every_rule() if rule.action == retention.KEEP
        ]
        self.stdout.write(f"Kept, not cleaned up: {', '.join(kept)}")
