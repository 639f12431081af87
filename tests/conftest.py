"""Shared fixtures: the loaded guide and three users (owner, another user, anonymous)."""

from pathlib import Path

import pytest
from django.conf import settings

from guide.loading import load_guide

GUIDE_FILE = Path(settings.GUIDE_DIR) / "netflix.md"


# A story the coach grades Strong: every part within its budget, figures, first person, no red flag.
STRONG_PARTS = {
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
        "fifteen-minute review of the metric, and I made the call to stop work on anything that did not move it. "
        "I kept a dashboard of start-up time per device family and used it to decide what to fix next. "
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
}

# The thin story a newcomer saves first: 28 words, "we" everywhere, no figure, one part empty.
STUB_PARTS = {
    "challenge": "We had a problem with the app.",
    "decision": "We decided to fix it.",
    "execution": "We built it. It was faster and the team liked it.",
    "communication": "",
    "impact": "Things got a lot better.",
}


def make_strong_story(owner, **fields):
    """A Ready story the coach grades Strong, so it covers what it is tagged with (unless `fields` spoil it)."""
    return make_story(owner, **{**STRONG_PARTS, "status": "ready", "level": "L6", "team_size": 10, **fields})


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_caches():
    """Each test starts with empty caches: ids and bank revisions start again after a rolled-back test, so a
    page or derived facts cached by an earlier test could otherwise be taken for this one's."""
    from django.core.cache import cache

    from stories.facts import forget_derived

    cache.clear()
    forget_derived()


@pytest.fixture
def guide(db):
    guide, _ = load_guide(GUIDE_FILE)
    return guide


@pytest.fixture
def user(db, django_user_model):
    return django_user_model.objects.create_user("ada", "ada@example.com", "correct-horse-9")


@pytest.fixture
def other_user(db, django_user_model):
    return django_user_model.objects.create_user("grace", "grace@example.com", "correct-horse-9")


@pytest.fixture
def owner_client(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def other_client(other_user):
    from django.test import Client

    client = Client()
    client.force_login(other_user)
    return client


def make_story(owner, *, values=(), questions=(), themes=(), tags=(), level=None, **fields):
    """A story of `owner`; values, questions and themes by slug, tags by name, level by code."""
    from guide.models import Level, Question, Theme, Value
    from stories.models import Profile, Story
    from stories.services import tags_for

    fields.setdefault("title", "Cut p99 start-up latency during a launch")
    fields.setdefault("challenge", "Playback start-up times doubled two weeks before a global launch.")
    story = Story(owner=owner, level=Level.objects.filter(code=level).first(), **fields)
    # Like the app's own writes: one revision for the story and its tags, not one per relation.
    story.skip_history_when_saving = True
    story.save()
    if values:
        story.values.set(Value.objects.filter(slug__in=values))
    if questions:
        story.questions.set(Question.objects.filter(slug__in=questions))
    if themes:
        story.themes.set(Theme.objects.filter(slug__in=themes))
    if tags:
        story.tags.set(tags_for(owner, tags))  # by tag key, as the editor does
    del story.skip_history_when_saving
    story._change_reason = "Created"
    story.save(update_fields=["version"])
    Profile.bump_bank_revision(owner)  # as every write of the app does (stories/pagecache.py)
    return story


@pytest.fixture
def story(guide, user):
    return make_story(user, values=["candor-feedback"], questions=["candor-direct-communication-1"])
