"""`python manage.py clear_pending_imports`: delete the pending imports that waited past their expiry.

Like Django's `clearsessions`, for a cron job; each user's next upload also clears their own.
"""

from django.core.management.base import BaseCommand

from stories.exchange.pending import clear_expired


class Command(BaseCommand):
    help = "Delete uploaded files that waited more than a day between the import's preview and its confirm."

    def handle(self, *args, **options):
        deleted = clear_expired()
        self.stdout.write(f"Deleted {deleted} expired pending import{'' if deleted == 1 else 's'}.")
