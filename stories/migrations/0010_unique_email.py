"""One account per email address, case ignored, guarded by the database: a unique index on LOWER(email).

Accounts that already share an address are left as they are (no account is changed or merged): the
index then waits, the sign-up and change-email forms still refuse a new duplicate, and
`python manage.py email_index` names the accounts and adds the index once each has its own address.
"""

from django.db import migrations

from stories.accounts import add_email_index, drop_email_index


def forward(apps, schema_editor):
    shared = add_email_index(schema_editor.connection, apps.get_model("auth", "User"))
    if shared:
        print(
            f"\n  {len(shared)} email address(es) belong to several accounts; the unique index on email waits. "
            "Run `python manage.py email_index` to see them; give each account its own address, then run it again."
        )


def backward(apps, schema_editor):
    drop_email_index(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("stories", "0009_pending_import"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(forward, backward)]
