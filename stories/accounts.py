"""Accounts: one account per email address (case ignored), and closing an account with everything in it."""

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import Count
from django.db.models.functions import Lower

from .models import Story

# The database's own guard against two accounts with one address (two sign-ups at the same moment pass
# the forms' check together): a unique index on LOWER(email), addresses left empty (staff made in the
# admin or by createsuperuser) excepted. SQLite's LOWER folds ASCII letters only; PostgreSQL's, all.
EMAIL_INDEX = "storybank_user_email_ci_unique"


def email_taken(email, *, exclude=None) -> bool:
    """Whether another account (not `exclude`, a user) has `email`, case ignored (`iexact`)."""
    accounts = get_user_model().objects.filter(email__iexact=email.strip())
    if exclude is not None:
        accounts = accounts.exclude(pk=exclude.pk)
    return accounts.exists()


def shared_emails(user_model=None) -> dict[str, list[str]]:
    """Addresses held by more than one account, case ignored: {lower-cased address: [usernames]}.

    `user_model`: the historical model in a migration; the current one otherwise.
    """
    users = user_model or get_user_model()
    shared = (
        users.objects.exclude(email="")
        .annotate(address=Lower("email"))
        .values("address")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .values_list("address", flat=True)
    )
    found: dict[str, list[str]] = {}
    for address, username in (
        users.objects.annotate(address=Lower("email"))
        .filter(address__in=list(shared))
        .order_by("address", "username")
        .values_list("address", "username")
    ):
        found.setdefault(address, []).append(username)
    return found


def email_index_exists() -> bool:
    """Whether the unique index on LOWER(email) is in place (it waits while addresses are shared)."""
    table = get_user_model()._meta.db_table
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, table)
    return EMAIL_INDEX in constraints


def add_email_index(conn=None, user_model=None) -> dict[str, list[str]]:
    """Create the unique index on LOWER(email) unless addresses are shared already; returns those shared.

    `conn`: a database connection (the migration's schema_editor.connection; the default otherwise).
    Shared addresses are never merged or changed here (which account is the person's is for a person
    to decide): the index waits, the forms still refuse new duplicates, and `manage.py email_index`
    names the accounts and creates the index once each has its own address. Idempotent (IF NOT EXISTS).
    """
    conn = conn or connection
    users = user_model or get_user_model()
    shared = shared_emails(users)
    if not shared:
        quote = conn.ops.quote_name
        with conn.cursor() as cursor:
            cursor.execute(
                f"CREATE UNIQUE INDEX IF NOT EXISTS {quote(EMAIL_INDEX)} ON {quote(users._meta.db_table)} "
                f"(LOWER({quote('email')})) WHERE {quote('email')} <> ''"
            )
    return shared


def drop_email_index(conn=None):
    conn = conn or connection
    with conn.cursor() as cursor:
        cursor.execute(f"DROP INDEX IF EXISTS {conn.ops.quote_name(EMAIL_INDEX)}")


@transaction.atomic
def delete_account(user) -> int:
    """Delete `user` with their stories, every revision of them, tags, profile, loop plan, rehearsals and
    practice cards; returns how many stories went. The revisions go last: the history table keeps the
    owner as a plain column (deleting the user leaves them), and deleting a story writes one more."""
    stories = Story.objects.filter(owner=user).count()
    owner_id = user.pk
    user.delete()  # stories, tags, profile, loop slots, rehearsals, practice cards: ON DELETE CASCADE
    Story.history.model.objects.filter(owner_id=owner_id).delete()  # and, by cascade, their tag rows
    return stories
