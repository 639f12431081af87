from django.core.management.base import BaseCommand, CommandError

from stories.accounts import add_email_index


class Command(BaseCommand):
    help = (
        "Name the accounts that share an email address (case ignored); when none do, add the database's "
        "unique index on LOWER(email) that the migration left out. Safe to run again."
    )

    def handle(self, *args, **options):
        shared = add_email_index()
        if shared:
            lines = [f"  {address}: {', '.join(usernames)}" for address, usernames in sorted(shared.items())]
            raise CommandError(
                f"{len(shared)} email address(es) belong to several accounts:\n"
                + "\n".join(lines)
                + "\nGive each account its own address (Admin > Users), then run this again."
            )
        self.stdout.write("Every account has its own email address; the unique index on email is in place.")
