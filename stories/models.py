import unicodedata
import uuid

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from guide.models import Level, Question, Theme, Value

PART_MAX_LENGTH = 10_000
TITLE_MAX_LENGTH = 200

# The five story fields, in the guide's order; their names, budgets and template
# sentences come from the guide's StoryPart rows of the same order.
PART_FIELDS = ("challenge", "decision", "execution", "communication", "impact")

SUMMARY_PLACEHOLDER = (
    "When working on [challenge] for [user segment], I built [solution] that improved "
    "[metric] by [amount], leading to [impact]."
)


class Profile(models.Model):
    class Appearance(models.TextChoices):
        # Bootstrap's colour modes (data-bs-theme on <html>); "system" follows prefers-color-scheme.
        SYSTEM = "system", "System"
        LIGHT = "light", "Light"
        DARK = "dark", "Dark"

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    words_per_minute = models.PositiveIntegerField(
        default=150,
        validators=[MinValueValidator(60), MaxValueValidator(300)],
        help_text="Your speaking pace, used to estimate how long each part takes to tell.",
    )
    stories_per_value = models.PositiveIntegerField(
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text="How many stories you want for each value.",
    )
    # The prep plan (stories/plan/): all optional. A loop may span two days: the end date is the second.
    interview_date = models.DateField(null=True, blank=True, help_text="The (first) day of your interview loop.")
    interview_end_date = models.DateField(
        null=True, blank=True, help_text="If the loop spans two days, the second day."
    )
    # The user's day when the interview date was last set: phases already over by then were never the
    # user's to keep, so their tasks are caught up with the phase of that day, not shown overdue.
    plan_started = models.DateField(null=True, blank=True, editable=False)
    target_level = models.ForeignKey(
        Level, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="The level you interview for.",
    )
    time_zone = models.CharField(
        max_length=64, blank=True, help_text="Where you are: your days, and the calendar's times, follow it."
    )
    appearance = models.CharField(
        max_length=10, choices=Appearance.choices, default=Appearance.SYSTEM,
        help_text="Light or dark pages, or as your system is set.",
    )
    # The secret of the private calendar feed (secrets.token_urlsafe); blank until the user asks for one.
    calendar_token = models.CharField(max_length=64, blank=True, editable=False)
    # Bumped by every write to the user's bank (stories, tags, loop, plan, practice, these settings), in the
    # write's own transaction: pages cached per user are keyed on it (stories/pagecache.py).
    bank_revision = models.PositiveBigIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["user"]

    def __str__(self):
        return f"Profile of {self.user}"

    def save(self, *args, **kwargs):
        """Save the settings and bump the bank revision: the pace, the target and the plan's settings change
        what the cached pages show. `bank_revision` itself is never written from this (possibly stale)
        instance: bump_bank_revision alone moves it, atomically."""
        if self._state.adding:
            super().save(*args, **kwargs)
            return
        fields = kwargs.get("update_fields")
        if fields is None:
            fields = [f.name for f in self._meta.concrete_fields if not f.primary_key]
        kwargs["update_fields"] = [name for name in fields if name != "bank_revision"]
        with transaction.atomic():
            super().save(*args, **kwargs)
            Profile.bump_bank_revision(self.user_id)

    @classmethod
    def for_user(cls, user):
        profile, _ = cls.objects.get_or_create(user=user)
        return profile

    @classmethod
    def bump_bank_revision(cls, user) -> None:
        """Mark `user`'s bank as changed: one UPDATE (an INSERT the first time), in the caller's transaction.

        Every service that writes to the bank calls it, so a page cached under the old revision is never
        served again (tests/test_bank_revision.py walks every write path).
        """
        user_id = getattr(user, "pk", user)
        if not cls.objects.filter(user_id=user_id).update(bank_revision=models.F("bank_revision") + 1):
            cls.objects.get_or_create(user_id=user_id, defaults={"bank_revision": 1})


class TagQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(owner=user)


# Characters that show nothing: a tag typed with one is the same tag without it.
INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))


def tag_key(name: str) -> str:
    """What makes two tag names the same tag: NFKC ("ＴＡＧ" is "TAG", "Café" in NFD is "Café"), invisible
    characters removed, case folded ("Équipe" is "équipe"), runs of spaces as one. The same on every database."""
    return " ".join(unicodedata.normalize("NFKC", name).translate(INVISIBLE).casefold().split())


class Tag(models.Model):
    """A free tag; each user has their own, one per `tag_key` of its name."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="story_tags")
    name = models.CharField(max_length=50)
    key = models.CharField(max_length=200, editable=False)  # tag_key(name), set on save

    objects = TagQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "name"], name="tag_unique_name_per_owner"),
            models.UniqueConstraint(fields=["owner", "key"], name="tag_unique_key_per_owner"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.key = tag_key(self.name)
        super().save(*args, **kwargs)


class StoryQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(owner=user)

    def active(self):
        return self.filter(deleted_at__isnull=True)

    def trashed(self):
        return self.filter(deleted_at__isnull=False)

    def with_tags(self):
        """Everything a list of stories shows, in a fixed number of queries."""
        return self.select_related("level").prefetch_related("values", "questions", "themes", "tags")


class Story(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        READY = "ready", "Ready"

    uuid = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="stories")
    title = models.CharField(max_length=TITLE_MAX_LENGTH)
    summary = models.TextField(
        blank=True,
        validators=[MaxLengthValidator(1000)],
        help_text="One sentence that tells the whole story.",
    )
    challenge = models.TextField(blank=True, validators=[MaxLengthValidator(PART_MAX_LENGTH)])
    decision = models.TextField(blank=True, validators=[MaxLengthValidator(PART_MAX_LENGTH)])
    execution = models.TextField(blank=True, validators=[MaxLengthValidator(PART_MAX_LENGTH)])
    communication = models.TextField(blank=True, validators=[MaxLengthValidator(PART_MAX_LENGTH)])
    impact = models.TextField(blank=True, validators=[MaxLengthValidator(PART_MAX_LENGTH)])
    values = models.ManyToManyField(Value, blank=True, related_name="stories")
    questions = models.ManyToManyField(Question, blank=True, related_name="stories")
    themes = models.ManyToManyField(Theme, blank=True, related_name="stories")
    level = models.ForeignKey(Level, null=True, blank=True, on_delete=models.SET_NULL, related_name="stories")
    team_size = models.PositiveIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(100_000)], help_text="Engineers influenced."
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="stories")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)
    # Bumped on every save; an edit made from an older version is refused.
    version = models.PositiveIntegerField(default=1)
    # The example a new account may add with one click (stories/welcome/): marked wherever it shows.
    is_example = models.BooleanField(default=False, editable=False)
    deleted_at = models.DateTimeField(null=True, blank=True)
    # What the coverage pages derive from the story (stems, the coach's grade, round fits), kept with the
    # version and the rules it was derived for; rederived when either moved on (stories/facts.py).
    derived = models.JSONField(default=dict, blank=True, editable=False)

    history = HistoricalRecords(m2m_fields=[values, questions, themes, tags], excluded_fields=["derived"])
    objects = StoryQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name_plural = "stories"
        indexes = [models.Index(fields=["owner", "deleted_at", "-updated_at"], name="story_owner_list")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("stories:detail", args=[self.pk])

    def part_texts(self):
        return [getattr(self, name) for name in PART_FIELDS]

    @property
    def filled_parts(self):
        return sum(1 for text in self.part_texts() if text.strip())

    @property
    def in_trash(self):
        return self.deleted_at is not None


class LoopSlot(models.Model):
    """A story the user plans to tell in one round of the interview loop; a story is used once per loop."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="loop_slots")
    round = models.ForeignKey("guide.InterviewRound", on_delete=models.CASCADE, related_name="loop_slots")
    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="loop_slots")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["round__order", "order"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "story"], name="loopslot_story_once_per_loop"),
            models.UniqueConstraint(fields=["owner", "round", "order"], name="loopslot_one_story_per_place"),
        ]

    def __str__(self):
        return f"{self.story} in {self.round.name}"


class Rehearsal(models.Model):
    """One telling of a story out loud, timed part by part, and how well it went.

    `part_seconds` and `budget_seconds` are lists of five whole seconds in PART_FIELDS order: the time
    spent on each part and the budget it had then (kept, so history stays true if the guide changes).
    """

    class Rating(models.IntegerChoices):
        # The four answers of fsrs (and Anki): fsrs.Rating has the same values.
        AGAIN = 1, "Again"
        HARD = 2, "Hard"
        GOOD = 3, "Good"
        EASY = 4, "Easy"

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="rehearsals")
    question = models.ForeignKey(
        Question, null=True, blank=True, on_delete=models.SET_NULL, related_name="rehearsals"
    )
    story = models.ForeignKey(Story, null=True, blank=True, on_delete=models.SET_NULL, related_name="rehearsals")
    part_seconds = models.JSONField(default=list)
    budget_seconds = models.JSONField(default=list)
    rating = models.PositiveSmallIntegerField(choices=Rating.choices)
    recall = models.BooleanField(default=False, help_text="Told without the cue card.")
    note = models.TextField(blank=True, validators=[MaxLengthValidator(2000)])
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["owner", "-created_at"], name="rehearsal_owner_recent")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating__gte=1, rating__lte=4), name="rehearsal_rating_1_to_4"
            ),
        ]

    def __str__(self):
        about = self.story or self.question or "a deleted story"
        return f"Rehearsal of {about} ({self.get_rating_display()})"

    @property
    def seconds(self):
        return sum(self.part_seconds)


class PracticeCardQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(owner=user)


class PracticeCard(models.Model):
    """The spaced-repetition state of one question (that the user has a story for) or of one story.

    The fields are fsrs.Card's, under its names; stories/practice/schedule.py turns a row into a Card
    and back. A question or story without a row is a new card, due at once.
    """

    class State(models.IntegerChoices):
        # fsrs.State's values.
        LEARNING = 1, "Learning"
        REVIEW = 2, "Review"
        RELEARNING = 3, "Relearning"

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="practice_cards")
    question = models.ForeignKey(
        Question, null=True, blank=True, on_delete=models.CASCADE, related_name="practice_cards"
    )
    story = models.ForeignKey(Story, null=True, blank=True, on_delete=models.CASCADE, related_name="practice_cards")
    due = models.DateTimeField()
    stability = models.FloatField(null=True, blank=True)
    difficulty = models.FloatField(null=True, blank=True)
    state = models.PositiveSmallIntegerField(choices=State.choices, default=State.LEARNING)
    step = models.PositiveSmallIntegerField(null=True, blank=True)
    last_review = models.DateTimeField(null=True, blank=True)

    objects = PracticeCardQuerySet.as_manager()

    class Meta:
        ordering = ["due", "pk"]
        indexes = [models.Index(fields=["owner", "due"], name="practicecard_owner_due")]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(question__isnull=False, story__isnull=True)
                    | models.Q(question__isnull=True, story__isnull=False)
                ),
                name="practicecard_question_or_story",
            ),
            models.UniqueConstraint(
                fields=["owner", "question"],
                condition=models.Q(question__isnull=False),
                name="practicecard_one_per_question",
            ),
            models.UniqueConstraint(
                fields=["owner", "story"],
                condition=models.Q(story__isnull=False),
                name="practicecard_one_per_story",
            ),
        ]

    def __str__(self):
        return f"Card for {self.story or self.question}, due {self.due:%Y-%m-%d %H:%M}"


class PlanTick(models.Model):
    """A task of the prep plan that the user ticked by hand. `key` names the task (stories/plan/phases.py)."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="plan_ticks")
    key = models.CharField(max_length=120)
    ticked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["ticked_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["owner", "key"], name="plantick_unique_key_per_owner")]

    def __str__(self):
        return f"{self.key} ticked by {self.owner}"


class DebriefQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(owner=user)


class Debrief(models.Model):
    """What happened in one real interview (a round, or a whole day of the loop)."""

    uuid = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="debriefs")
    held_on = models.DateField()
    round = models.ForeignKey(
        "guide.InterviewRound", null=True, blank=True, on_delete=models.SET_NULL, related_name="debriefs"
    )
    note = models.TextField(blank=True, validators=[MaxLengthValidator(5000)])
    created_at = models.DateTimeField(default=timezone.now)

    objects = DebriefQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on", "-pk"]

    def __str__(self):
        return f"Debrief of {self.held_on:%Y-%m-%d}" + (f" ({self.round.name})" if self.round_id else "")


class AskedQuestion(models.Model):
    """One question an interviewer really asked: a guide question, or typed text matched to none.

    `bank_had` is what the bank held for it when it was logged: the prediction the debrief measures.
    """

    class BankHad(models.TextChoices):
        READY = "ready", "a Ready story"
        WEAK = "weak", "only a weak story or a draft"
        NONE = "none", "no story"

    debrief = models.ForeignKey(Debrief, on_delete=models.CASCADE, related_name="asked")
    question = models.ForeignKey(
        Question, null=True, blank=True, on_delete=models.SET_NULL, related_name="asked"
    )
    text = models.CharField(max_length=500, blank=True, help_text="The question as asked, when typed.")
    story = models.ForeignKey(Story, null=True, blank=True, on_delete=models.SET_NULL, related_name="asked")
    rating = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    note = models.TextField(blank=True, validators=[MaxLengthValidator(2000)])
    bank_had = models.CharField(max_length=10, choices=BankHad.choices, default=BankHad.NONE)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["debrief", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True) | models.Q(rating__gte=1, rating__lte=5),
                name="askedquestion_rating_1_to_5",
            ),
        ]

    def __str__(self):
        return self.question.text if self.question_id else self.text


class PendingImport(models.Model):
    """An uploaded file waiting between the import's preview and the user's confirm or cancel.

    Kept in the database, not the session, so that a 5 MB file does not ride along with every request
    and any app server can confirm what another one previewed; the session keeps only `id`.
    `content` is the file's bytes as uploaded (at most MAX_IMPORT_BYTES), re-read and re-checked against
    the bank at every step (stories/exchange/plan.py), so a confirm applies what the bank is then; bytes
    rather than parsed JSON because a file may hold text no JSON column stores (NUL, lone surrogates),
    which the preview must still report. `mapping` is the confirmed column mapping (mapping.Mapping's
    data), if any. A row past `expires_at` is never read and is deleted by the next upload of its owner
    or by `manage.py clear_pending_imports`.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pending_imports")
    filename = models.CharField(max_length=200)
    sha256 = models.CharField(max_length=64)  # of `content`, hex
    content = models.BinaryField()
    mapping = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["owner", "expires_at"], name="pendingimport_owner_expiry")]

    def __str__(self):
        return f"{self.filename} waiting to be imported by {self.owner}"
