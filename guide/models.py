"""The guide's structured data, filled by `manage.py load_guide` from the guide files.

Rows are keyed by (guide, slug). The items a story points to (values, questions, themes, rounds,
levels, and the questions' categories) keep their slug for good: it is derived once from the item's
text, or given in the file as `{#slug}`, and a reload matches stored rows by it (guide/loading.py), so
rewording an item updates it in place and removing one never moves a story's tag to another item.
Such an item removed from the file while something still points to it stays, marked `retired`.
"""

import re

from django.db import models
from django.urls import reverse


class Guide(models.Model):
    slug = models.SlugField(unique=True)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    filename = models.CharField(max_length=200)
    loaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("guide:detail", args=[self.slug])


class GuideItem(models.Model):
    """Fields every piece of guide data shares."""

    guide = models.ForeignKey(Guide, on_delete=models.CASCADE)
    slug = models.SlugField(max_length=120)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["guide", "order"]

    def section_url(self):
        return f"{self.guide.get_absolute_url()}#{self.anchor}"


class CurrentManager(models.Manager):
    """The guide as its file reads now: retired items left out (what pages offer and coverage counts)."""

    def get_queryset(self):
        return super().get_queryset().filter(retired=False)


class StableItem(GuideItem):
    """An item stories point to: never deleted while they do, but retired.

    `objects` is the guide as it is now (retired items left out); `all_objects`, the default manager
    (so a story's own tags, the admin and related lookups see every item), includes them.
    """

    retired = models.BooleanField(
        default=False,
        help_text="No longer in the guide file; kept because stories or rehearsals point to it.",
    )

    all_objects = models.Manager()
    objects = CurrentManager()

    class Meta(GuideItem.Meta):
        abstract = True
        default_manager_name = "all_objects"


def unique_slug(name):
    return models.UniqueConstraint(fields=["guide", "slug"], name=f"guide_{name}_unique_slug")


class Value(StableItem):
    name = models.CharField(max_length=200)
    tagline = models.CharField(max_length=200, blank=True)
    anchor = models.CharField(max_length=200)
    groups = models.JSONField(default=list)  # [{"label": ..., "items": [...]}]

    class Meta(StableItem.Meta):
        constraints = [unique_slug("value")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("guide:value", args=[self.guide.slug, self.slug])


class Theme(StableItem):
    name = models.CharField(max_length=200)
    anchor = models.CharField(max_length=200)
    groups = models.JSONField(default=list)
    story_ideas = models.JSONField(default=list)

    class Meta(StableItem.Meta):
        constraints = [unique_slug("theme")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("guide:theme", args=[self.guide.slug, self.slug])


class QuestionCategory(StableItem):
    name = models.CharField(max_length=200)
    anchor = models.CharField(max_length=200)
    values = models.ManyToManyField(
        Value, blank=True, related_name="categories", help_text="The values this category probes."
    )

    class Meta(StableItem.Meta):
        verbose_name_plural = "question categories"
        constraints = [unique_slug("category")]

    def __str__(self):
        return self.name


class QuestionQuerySet(models.QuerySet):
    def with_category(self):
        return self.select_related("category", "guide").prefetch_related("category__values")


class Question(StableItem):
    category = models.ForeignKey(QuestionCategory, on_delete=models.CASCADE, related_name="questions")
    theme = models.ForeignKey(
        Theme,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="questions",
        help_text="Set when the question comes from a theme's own list.",
    )
    text = models.TextField()
    anchor = models.CharField(max_length=200)

    all_objects = QuestionQuerySet.as_manager()
    objects = CurrentManager.from_queryset(QuestionQuerySet)()

    class Meta(StableItem.Meta):
        constraints = [unique_slug("question")]

    def __str__(self):
        return self.text

    def get_absolute_url(self):
        return reverse("guide:question", args=[self.guide.slug, self.slug])


class InterviewRound(StableItem):
    name = models.CharField(max_length=200)
    minutes = models.PositiveIntegerField()
    focus = models.JSONField(default=list)
    anchor = models.CharField(max_length=200)

    class Meta(StableItem.Meta):
        constraints = [unique_slug("round")]

    def __str__(self):
        return f"{self.name} ({self.minutes} min)"

    def get_absolute_url(self):
        return reverse("guide:round", args=[self.guide.slug, self.slug])


class Level(StableItem):
    code = models.CharField(max_length=10)
    title = models.CharField(max_length=200)
    team_min = models.PositiveIntegerField()
    team_max = models.PositiveIntegerField()
    scope = models.TextField(blank=True)
    impact = models.TextField(blank=True)
    focus = models.TextField(blank=True)
    anchor = models.CharField(max_length=200)

    class Meta(StableItem.Meta):
        constraints = [unique_slug("level")]

    def __str__(self):
        return f"{self.code} · {self.title}"

    def get_absolute_url(self):
        return reverse("guide:level", args=[self.guide.slug, self.slug])

    @property
    def short_title(self):
        """The title without "(Software) Engineer", which every level shares: "Senior", "Staff",
        "Senior Staff/Principal"; the whole title when nothing else is left."""
        short = re.sub(r"\b(software\s+)?engineer\b", "", self.title, flags=re.IGNORECASE).strip(" /")
        return short or self.title

    @property
    def short_label(self):
        """The label of a choice in a select, "L6 · Staff": short enough to show whole at phone width."""
        return f"{self.code} · {self.short_title}"


class StoryPart(GuideItem):
    name = models.CharField(max_length=200)
    seconds = models.PositiveIntegerField()
    description = models.TextField(blank=True)
    template = models.TextField(blank=True)
    anchor = models.CharField(max_length=200)

    class Meta(GuideItem.Meta):
        constraints = [unique_slug("story_part")]

    def __str__(self):
        return f"{self.name} ({self.seconds} s)"


class RedFlag(GuideItem):
    group = models.CharField(max_length=200)
    group_slug = models.SlugField(max_length=200)
    text = models.TextField()
    anchor = models.CharField(max_length=200)

    class Meta(GuideItem.Meta):
        constraints = [unique_slug("red_flag")]

    def __str__(self):
        return self.text


class SuccessFactor(GuideItem):
    name = models.CharField(max_length=200)
    text = models.TextField()
    anchor = models.CharField(max_length=200)

    class Meta(GuideItem.Meta):
        constraints = [unique_slug("success_factor")]

    def __str__(self):
        return self.name


class PrepPhase(GuideItem):
    name = models.CharField(max_length=200)
    days_before = models.PositiveIntegerField(help_text="How many days before the interview it starts.")
    tasks = models.JSONField(default=list)
    anchor = models.CharField(max_length=200)

    class Meta(GuideItem.Meta):
        constraints = [unique_slug("prep_phase")]

    def __str__(self):
        return self.name


class FinalTip(GuideItem):
    name = models.CharField(max_length=200)
    text = models.TextField()
    anchor = models.CharField(max_length=200)

    class Meta(GuideItem.Meta):
        constraints = [unique_slug("final_tip")]

    def __str__(self):
        return self.name
