"""The example story: its text, adding it to a bank with one click and taking it out again.

The guide has no worked example of a whole story, only its template sentences (Story Structure for
Netflix Interviews) and a one-sentence Story Framework; the example fills them in, as a candidate for
an L6 role would, with a story the coach grades Strong (tests/welcome/). Its title starts with
EXAMPLE_PREFIX and the story carries `is_example`, so it is marked "Example" wherever it shows: the
list, the story page, the editor, the dashboard, practice, the exports.
"""

from django.db import transaction
from django.utils import timezone

from guide.models import Level, Question, Theme, Value
from stories import services
from stories.models import Profile, Story

EXAMPLE_PREFIX = "Example: "
EXAMPLE = {
    "title": EXAMPLE_PREFIX + "Cut smart-TV start-up time before a global launch",
    "summary": (
        "When playback start-up on smart TVs doubled two weeks before a global launch, I pulled the new "
        "player and shipped one fix that cut start-up time at p95 from 4.2 to 1.7 seconds for 12 million members."
    ),
    "challenge": (
        "Two weeks before a global launch, playback start-up time on smart TVs doubled to 4.2 seconds, "
        "and 12 million members in Brazil and India were about to hit the new title on launch night. "
        "We had no headcount to spare and a code freeze in ten days."
    ),
    "decision": (
        "I decided to pull the new player from the launch and ship the old one with one fix, even though "
        "the product team wanted the new player, because I judged that a slow first play costs more "
        "members than a missing feature. I weighed a staged rollout instead, but rather than bet the launch "
        "on a risky migration I chose the smaller change. I told my director the call and owned the risk. "
        "I set a rollback plan and a kill switch so that if the fix failed we could revert in minutes. "
        "I asked two senior engineers to challenge the numbers, and I wrote the decision record myself."
    ),
    "execution": (
        "I set a bar of p95 start-up under two seconds on the slowest supported TV and picked four engineers "
        "who knew the player. I split the work: I owned the caching change myself, paired on the prefetch "
        "code, and asked each engineer to bring one measurement a day. I reviewed the daily numbers with them "
        "and I cut two tasks that did not move the metric. I ran a load test at three times launch traffic "
        "and found a lock in the manifest service, which I fixed with the platform team. I held a daily "
        "fifteen-minute review of the metric, and I made the call to stop work on anything that did not move "
        "it. I kept a dashboard of start-up time per device family and used it to decide what to fix next. "
        "By launch week I had the slowest device at 1.8 seconds and a tested rollback I could trigger myself."
    ),
    "communication": (
        "I told the product director directly that the new player would not make the launch and why, with "
        "the numbers. She pushed back, then agreed once she saw the start-up data, and we kept the feature for "
        "the next release."
    ),
    "impact": (
        "Start-up time for members on smart TVs fell from 4.2 to 1.7 seconds at p95, and launch-night "
        "playback failures dropped 38%, for 12 million viewers in the first week."
    ),
    "level": "L6",
    "team_size": 10,
    "status": Story.Status.READY,
}
# What it answers, by the guide's slugs; a slug the guide does not have is left out.
EXAMPLE_VALUES = ("freedom-responsibility", "candor-feedback", "customer-obsession")
EXAMPLE_QUESTIONS = (
    "technical-leadership-at-netflix-scale-3",  # a critical architectural decision under pressure
    "candor-direct-communication-5",  # direct communication that led to a better outcome
    "innovation-member-focus-3",  # significantly improved user experience through technology
)
EXAMPLE_THEMES = ("global-streaming-at-scale",)
TEXT_FIELDS = ("title", "summary", "challenge", "decision", "execution", "communication", "impact")


def example_links(guide) -> dict:
    """The guide items the example answers: {"values", "questions", "themes": querysets, "level": Level|None}."""
    return {
        "values": Value.objects.filter(guide=guide, slug__in=EXAMPLE_VALUES),
        "questions": Question.objects.filter(guide=guide, slug__in=EXAMPLE_QUESTIONS).order_by("order"),
        "themes": Theme.objects.filter(guide=guide, slug__in=EXAMPLE_THEMES),
        "level": Level.objects.filter(guide=guide, code=EXAMPLE["level"]).first(),
    }


def current_example(owner):
    """The owner's example story still in the bank (not in the trash), or None."""
    return Story.objects.for_user(owner).active().filter(is_example=True).order_by("pk").first()


@transaction.atomic
def add_example(owner, guide) -> tuple[Story, bool]:
    """(the owner's example story, whether it was created now): one at a time, a second click adds none.
    Written as the editor writes a story: one revision with its tags."""
    existing = current_example(owner)
    if existing is not None:
        return existing, False
    links = example_links(guide)
    now = timezone.now()
    story = Story(
        owner=owner,
        is_example=True,
        level=links["level"],
        team_size=EXAMPLE["team_size"],
        status=EXAMPLE["status"],
        created_at=now,
        updated_at=now,
        **{name: EXAMPLE[name] for name in TEXT_FIELDS},
    )
    story.skip_history_when_saving = True
    story.save()
    for name in ("values", "questions", "themes"):
        getattr(story, name).set(links[name])
    services.record_revision(story, "Added the example story")
    Profile.bump_bank_revision(owner)
    return story, True


def remove_example(owner) -> Story | None:
    """Move the owner's example story to the trash (restorable, as any deleted story); None when there is
    none. The trash, not a purge: a user may have rewritten the example into a story of their own."""
    story = current_example(owner)
    if story is not None:
        services.move_to_trash(story)
    return story
