"""`python manage.py seed_demo --user NAME --stories N`: a user with N realistic stories (stories/demo.py).

Idempotent: a user who already has N stories or more is left as is, one with fewer gets the missing ones
(the same stories on every run). `--replace` deletes the user's stories first (their revisions too) and
writes N anew. The user is created when missing, with `--password` or else with no usable password
(benchmarks log in through a session made in the database). The guide is loaded first when it is not.
Writes in bulk: a few statements per table, not per story, so 1,000 stories take a second or two.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from guide.loading import guide_files, load_guide
from guide.models import Guide, Level, Question, Theme, Value
from stories.demo import GuideItems, demo_stories
from stories.models import Profile, Story, Tag, tag_key

MAX_STORIES = 10_000
BATCH = 500


def guide_items() -> GuideItems:
    """The default guide's items, loading the guide from its file first if it is not in the database."""
    if not Guide.objects.filter(slug=settings.DEFAULT_GUIDE).exists():
        for path in guide_files():
            load_guide(path)
    mine = {"guide__slug": settings.DEFAULT_GUIDE}
    return GuideItems(
        values=list(Value.objects.filter(**mine).values_list("pk", flat=True)),
        questions=list(Question.objects.filter(**mine).values_list("pk", flat=True)),
        themes=list(Theme.objects.filter(**mine).values_list("pk", flat=True)),
        levels=list(Level.objects.filter(**mine).values_list("pk", "team_min", "team_max")),
    )


def write_stories(owner, rows: list[dict]) -> list[Story]:
    """Write demo story dicts (stories/demo.py) for `owner` in bulk, each with one revision, "Created"."""
    tags = {tag.key: tag for tag in Tag.objects.for_user(owner)}
    for name in {n for row in rows for n in row["tag_names"]}:
        if tag_key(name) not in tags:
            tags[tag_key(name)] = Tag.objects.create(owner=owner, name=name)
    fields = [f.name for f in Story._meta.concrete_fields]
    stories = Story.objects.bulk_create(
        [
            Story(owner=owner, **{k: v for k, v in row.items() if k in fields or k == "level_id"})
            for row in rows
        ],
        batch_size=BATCH,
    )
    Story.history.bulk_history_create(stories, default_change_reason="Created", batch_size=BATCH)
    for name, column, key in (
        ("values", "value_id", "value_ids"),
        ("questions", "question_id", "question_ids"),
        ("themes", "theme_id", "theme_ids"),
    ):
        through = getattr(Story, name).through
        through.objects.bulk_create(
            [
                through(story_id=s.pk, **{column: i})
                for s, row in zip(stories, rows, strict=True)
                for i in row[key]
            ],
            batch_size=BATCH,
        )
    through = Story.tags.through
    through.objects.bulk_create(
        [
            through(story_id=s.pk, tag_id=tags[tag_key(n)].pk)
            for s, row in zip(stories, rows, strict=True)
            for n in row["tag_names"]
        ],
        batch_size=BATCH,
    )
    Profile.bump_bank_revision(owner)
    return stories


class Command(BaseCommand):
    help = "Give a user N realistic demo stories (created when missing); idempotent, or --replace."

    def add_arguments(self, parser):
        parser.add_argument("--user", required=True, help="The user name (created if missing).")
        parser.add_argument(
            "--stories", type=int, required=True, help=f"How many stories, 0 to {MAX_STORIES}."
        )
        parser.add_argument("--replace", action="store_true", help="Delete the user's stories first.")
        parser.add_argument(
            "--password", help="A password for a new user (default: none, no password login)."
        )

    def handle(self, *args, user, stories, replace, password, **options):
        if not 0 <= stories <= MAX_STORIES:
            raise CommandError(f"--stories must be between 0 and {MAX_STORIES}.")
        with transaction.atomic():
            items = guide_items()
            owner, created = get_user_model().objects.get_or_create(username=user)
            if created:
                owner.set_password(password) if password else owner.set_unusable_password()
                owner.save()
            Profile.for_user(owner)
            bank = Story.objects.for_user(owner)
            if replace:
                bank.delete()
                Story.history.filter(owner_id=owner.pk).delete()  # the revisions too, the deletions' included
                Profile.bump_bank_revision(owner)
            have = bank.count()
            if have < stories:
                write_stories(owner, demo_stories(stories, items, start=have))
        added = max(0, stories - have)
        self.stdout.write(
            f"{user}: {have + added} stories ({added} added{', after deleting the old ones' if replace else ''})."
        )
