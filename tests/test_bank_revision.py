"""Every write to a bank bumps its revision, so the pages cached per user (stories/pagecache.py) are made
again: each write path is taken through its own view, as a user takes it.

For each: the dashboard is served from the cache before (4 queries: session, user, profile, guide), the
write moves Profile.bank_revision on, and the next dashboard is made again (more queries), showing the
write where the dashboard shows it.
"""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from guide.models import InterviewRound, PrepPhase, Question
from stories.coverage.planner import slot_name
from stories.models import Debrief, Profile, Story
from stories.plan.phases import task_key
from tests.conftest import STRONG_PARTS, make_story, make_strong_story

DASHBOARD = "/coverage/"
CACHED = 4  # session, user, profile (its revision), guide


def revision(user):
    return Profile.objects.get(user=user).bank_revision


def dashboard(client):
    """The dashboard's HTML and the queries it took."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(DASHBOARD)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def story_form(**fields):
    return {
        "title": "Written today",
        "summary": "",
        **{name: "" for name in STRONG_PARTS},
        "status": "draft",
        "new_tags": "",
        **fields,
    }


def _edit(client, world):
    story = world["story"]
    client.post(
        f"/stories/{story.pk}/edit/", story_form(title="Renamed in the editor", version=story.version)
    )
    return "Renamed in the editor"


def _restore_revision(client, world):
    story = world["story"]
    first = story.history.order_by("history_id").first()
    client.post(f"/stories/{story.pk}/edit/", story_form(title="A later title", version=story.version))
    dashboard(client)
    assert "A later title" in dashboard(client)[0]
    client.post(f"/stories/{story.pk}/history/{first.history_id}/restore/")
    return None  # checked here: the older title is back below


def _trash(client, world):
    client.post(f"/stories/{world['story'].pk}/delete/")
    return lambda html: "Gave candid feedback" not in html


def _restore(client, world):
    client.post(f"/stories/{world['trashed'].pk}/restore/")
    return "Back from the trash"


def _purge(client, world):
    client.post(f"/stories/{world['trashed'].pk}/purge/")
    return None  # a story in the trash is not on the dashboard


def _tag(client, world):
    client.post(reverse("coverage:tag", args=[world["story"].pk]), {"question": world["question"].pk})
    return lambda html: f'id="q-{world["question"].slug}" class="coverage-question is-covered"' in html


def _import(client, world):
    from django.contrib.auth import get_user_model

    from stories.exchange.document import dumps, export_document

    exporter = get_user_model().objects.create(username="exporter")
    make_story(exporter, title="Imported from my notes")
    content = dumps(export_document(Story.objects.filter(owner=exporter), owner=exporter)).encode()
    client.post(reverse("exchange:import"), {"file": SimpleUploadedFile("bank.json", content)})
    html = client.get("/import/preview/").content.decode()
    digest = html.split('name="digest" value="')[1].split('"')[0]
    client.post("/import/confirm/", {"digest": digest})
    return "Imported from my notes"


def _loop(client, world):
    peer = InterviewRound.objects.get(slug="peer-manager")
    client.post("/coverage/loop/", {slot_name(peer.id, 0): world["story"].pk})
    return None  # the plan's figures show on the dashboard only among its next three tasks


def _date(client, world):
    day = timezone.localdate() + timedelta(days=30)
    client.post(reverse("plan:date"), {"interview_date": day.isoformat()})
    return "<strong>30</strong> days to your loop"


def _tick(client, world):
    phase = PrepPhase.objects.get(slug="8-weeks-before")
    client.post(reverse("plan:tick"), {"key": task_key(phase.slug, phase.tasks[0]), "done": "1"})
    return None  # without an interview date, the Today panel lists no guide tasks


def _debrief(client, world):
    client.post(
        reverse("plan:debriefs"),
        {
            "held_on": timezone.localdate().isoformat(),
            "round": "",
            "note": "",
            "asked-TOTAL_FORMS": "1",
            "asked-INITIAL_FORMS": "0",
            "asked-0-text": "Why do you want to work here?",
        },
    )
    return "Why do you want to work here?"


def _debrief_delete(client, world):
    debrief = Debrief.objects.create(owner=world["user"], held_on=timezone.localdate())
    debrief.asked.create(text="A question nobody saw coming", order=0)
    Profile.bump_bank_revision(world["user"])
    assert "A question nobody saw coming" in dashboard(client)[0]
    client.post(reverse("plan:debrief_delete", args=[debrief.pk]))
    return lambda html: "A question nobody saw coming" not in html


def _rehearsal(client, world):
    seconds = {f"seconds_{name}": "30" for name in STRONG_PARTS}
    client.post(reverse("practice:story", args=[world["old"].pk]), {**seconds, "rating": "3"})
    return lambda html: "Ready, never rehearsed" not in html


def _target(client, world):
    client.post(reverse("coverage:target"), {"stories_per_value": "4"})
    return "4 per value"


def _settings(client, world):
    client.post("/accounts/settings/", {"words_per_minute": "90"})
    return None  # the pace changes the coach's findings, not always a figure the dashboard shows


def _feed(client, world):
    client.post(reverse("plan:renew"))
    return None


WRITES = {
    "create a story": lambda client, world: client.post("/stories/new/", story_form()) and "Written today",
    "edit a story": _edit,
    "duplicate a story": lambda client, world: (
        client.post(f"/stories/{world['story'].pk}/duplicate/") and "Copy of Gave candid feedback"
    ),
    "restore a revision": _restore_revision,
    "move a story to the trash": _trash,
    "restore a story from the trash": _restore,
    "delete a story for good": _purge,
    "tag a story with a question": _tag,
    "import a file": _import,
    "save the loop plan": _loop,
    "set the interview date": _date,
    "tick a task of the plan": _tick,
    "log a debrief": _debrief,
    "delete a debrief": _debrief_delete,
    "save a rehearsal": _rehearsal,
    "set the target": _target,
    "change the pace in Settings": _settings,
    "renew the calendar link": _feed,
}


@pytest.fixture
def world(guide, user):
    story = make_strong_story(user, title="Gave candid feedback", values=["candor-feedback"])
    old = make_strong_story(user, title="An old ready story", created_at=timezone.now() - timedelta(days=30))
    trashed = make_story(user, title="Back from the trash", deleted_at=timezone.now())
    return {
        "user": user,
        "story": story,
        "old": old,
        "trashed": trashed,
        "question": Question.objects.get(slug="candor-direct-communication-2"),
    }


@pytest.mark.parametrize("write", list(WRITES), ids=str)
def test_every_write_bumps_the_revision_and_the_dashboard_is_made_again(owner_client, user, world, write):
    dashboard(owner_client)
    before_html, queries = dashboard(owner_client)
    assert queries == CACHED
    before = revision(user)
    shows = WRITES[write](owner_client, world)
    assert revision(user) > before, f"{write} did not bump the bank revision"
    _, queries = dashboard(owner_client)  # also shows the write's message, outside the cached part
    assert queries > CACHED, f"after {write}, the dashboard came from the cache"
    html, queries = dashboard(owner_client)
    assert queries == CACHED
    if isinstance(shows, str):
        assert shows not in before_html and shows in html, f"{write}: {shows!r} not shown"
    elif callable(shows):  # a check a stale page would fail
        assert shows(html), f"after {write}, the dashboard did not change"


def test_a_write_of_another_user_leaves_my_cached_dashboard_alone(owner_client, user, other_user, world):
    dashboard(owner_client)
    make_story(other_user, title="Someone else's story")
    assert dashboard(owner_client)[1] == CACHED


def test_nothing_written_nothing_made_again(owner_client, user, world):
    dashboard(owner_client)
    for _ in range(3):
        assert dashboard(owner_client)[1] == CACHED


def test_a_write_of_a_stale_form_bumps_nothing(owner_client, user, world):
    story = world["story"]
    dashboard(owner_client)
    before = revision(user)
    response = owner_client.post(f"/stories/{story.pk}/edit/", story_form(title="From an old tab", version=0))
    assert response.status_code == 409
    assert revision(user) == before and dashboard(owner_client)[1] == CACHED
    assert Story.objects.get(pk=story.pk).title == "Gave candid feedback"
