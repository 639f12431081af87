"""The load test's data: users with a few stories and a logged-in session each, seeded with the ORM;
afterwards, the check that every accepted save is in the database; then everything removed again."""

from dataclasses import dataclass
from importlib import import_module

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.db import transaction

from stories.accounts import delete_account
from stories.models import PART_FIELDS, Story

PREFIX = "loadtest-"  # every user the load test makes; left-overs of an interrupted run go first
STORIES_PER_USER = 3
PARTS = {
    "challenge": "Playback start-up time doubled two weeks before a global launch, for 12 million members.",
    "decision": "I decided to ship the old player with one fix instead of the new one, and owned the risk.",
    "execution": "I set a bar of two seconds at p95, split the work between four engineers and cut two tasks.",
    "communication": "I told the product director directly that the new player would not make the launch.",
    "impact": "Start-up time fell from 4.2 to 1.7 seconds for members on smart TVs.",
}


@dataclass
class Account:
    """A seeded user: the session cookie that logs a client in, and the ids of its stories."""

    username: str
    session_key: str
    story_ids: list


def remove():
    """Delete every load-test user with all it holds (stories, revisions, sessions go with it)."""
    for user in get_user_model().objects.filter(username__startswith=PREFIX):
        delete_account(user)


def seed(count) -> list[Account]:
    """`count` users, each with STORIES_PER_USER draft stories and a session as a log-in makes one.

    Sessions are made directly (as django.contrib.auth.login stores them) rather than by posting the
    password: hashing it for each client would load the server before the test begins.
    """
    remove()
    store = import_module(settings.SESSION_ENGINE).SessionStore
    accounts = []
    with transaction.atomic():
        for n in range(count):
            user = get_user_model().objects.create_user(f"{PREFIX}{n}", f"{PREFIX}{n}@example.com")
            ids = []
            for k in range(STORIES_PER_USER):
                story = Story(owner=user, title=f"Load test story {k + 1} of user {n}", **PARTS)
                story._change_reason = "Created"
                story.save()
                ids.append(story.pk)
            session = store()
            session[SESSION_KEY] = str(user.pk)
            session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
            session[HASH_SESSION_KEY] = user.get_session_auth_hash()
            session.create()
            accounts.append(Account(user.username, session.session_key, ids))
    return accounts


def verify(outcome):
    """Fill `outcome.lost` (accepted saves whose text no revision of the story holds, or whose story
    does not end with its last accepted text) and `outcome.bad_races`, from the database."""
    ids = {save.story_id for save in outcome.saves} | {race.story_id for race in outcome.races}
    field = PART_FIELDS[-1]  # the clients write their marker into the last part
    texts = {}
    for story_id, text in Story.history.filter(id__in=ids).values_list("id", field):
        texts.setdefault(story_id, []).append(text)
    current = dict(Story.objects.filter(pk__in=ids).values_list("pk", field))
    last = {}
    for save in outcome.accepted:
        if not any(save.marker in text for text in texts.get(save.story_id, ())):
            outcome.lost.append(save.marker)
        last[save.story_id] = save.marker
    for story_id, marker in last.items():
        if marker not in current.get(story_id, "") and marker not in outcome.lost:
            outcome.lost.append(marker)  # a later revision replaced the last accepted text
    for race in outcome.races:
        kept = texts.get(race.story_id, ())
        if not race.one_save_one_conflict:
            outcome.bad_races.append(
                (race, f"answers {race.statuses}, loser's text kept: {race.loser_text_kept}")
            )
        elif not any(race.winner in text for text in kept) or any(race.loser in text for text in kept):
            outcome.bad_races.append((race, "the database does not hold the winner's text alone"))
    return outcome
