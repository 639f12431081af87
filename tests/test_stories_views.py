import re

import pytest
from django.urls import reverse

from guide.models import Question, Theme, Value
from stories.models import Profile, Story, Tag
from tests.conftest import make_story


def story_urls(story):
    pk = story.pk
    record = story.history.first().history_id
    return {
        "get": [f"/stories/{pk}/", f"/stories/{pk}/edit/", f"/stories/{pk}/delete/", f"/stories/{pk}/history/",
                f"/stories/{pk}/history/{record}/"],
        "post": [f"/stories/{pk}/edit/", f"/stories/{pk}/duplicate/", f"/stories/{pk}/delete/",
                 f"/stories/{pk}/history/{record}/restore/"],
    }


def form_data(**overrides):
    data = {
        "title": "Rebuilt the encoding pipeline",
        "summary": "",
        "challenge": "Encoding backlog threatened the launch.",
        "decision": "I paused the feature work.",
        "execution": "",
        "communication": "",
        "impact": "",
        "status": "draft",
        "new_tags": "",
    }
    data.update(overrides)
    return data


# --- Access: owner, another user, anonymous -------------------------------------------------

def test_anonymous_visitors_are_sent_to_log_in(client, story):
    urls = story_urls(story)
    for url in ["/stories/", "/stories/new/", "/stories/trash/", *urls["get"]]:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/?next="), url
    for url in urls["post"]:
        assert client.post(url)["Location"].startswith("/accounts/login/"), url


def test_another_user_gets_404_on_every_story_url(other_client, story):
    urls = story_urls(story)
    for url in urls["get"]:
        assert other_client.get(url).status_code == 404, url
    for url in urls["post"]:
        assert other_client.post(url, form_data(version=story.version)).status_code == 404, url
    story.deleted_at = story.updated_at
    story.save()
    for url in [f"/stories/{story.pk}/restore/", f"/stories/{story.pk}/purge/"]:
        assert other_client.post(url).status_code == 404, url
    assert other_client.get(f"/stories/{story.pk}/purge/").status_code == 404
    story.refresh_from_db()
    assert story.title == "Cut p99 start-up latency during a launch" and story.deleted_at


def test_another_user_never_sees_the_story_in_lists_or_guide_pages(other_client, story):
    for url in ["/stories/", "/stories/trash/", "/guide/netflix/values/candor-feedback/",
                "/guide/netflix/questions/candor-direct-communication-1/"]:
        assert story.title not in other_client.get(url).content.decode(), url


def test_the_owner_reaches_every_story_page(owner_client, story):
    for url in story_urls(story)["get"]:
        assert owner_client.get(url).status_code == 200, url


# --- Writing ----------------------------------------------------------------------------------

def test_a_new_story_is_saved_with_its_tags_and_one_revision(owner_client, user, guide):
    candor = Value.objects.get(slug="candor-feedback")
    question = Question.objects.get(slug="candor-direct-communication-2")
    theme = Theme.objects.get(slug="global-streaming-at-scale")
    response = owner_client.post("/stories/new/", form_data(
        values=[candor.pk], questions=[question.pk], themes=[theme.pk], team_size="12",
        new_tags="Migration, on-call, migration", status="ready", confirm_ready="1",
    ))
    story = Story.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/stories/{story.pk}/"
    assert story.owner == user and story.status == "ready" and story.team_size == 12
    assert list(story.values.all()) == [candor] and list(story.questions.all()) == [question]
    assert sorted(story.tags.values_list("name", flat=True)) == ["Migration", "on-call"]
    assert story.history.count() == 1
    assert story.history.first().history_change_reason == "Created"
    assert sorted(r.tag.name for r in story.history.first().tags.all()) == ["Migration", "on-call"]
    page = owner_client.get(response["Location"]).content.decode()
    assert "Saved “Rebuilt the encoding pipeline”." in page


def test_value_and_question_parameters_preselect_them(owner_client, guide):
    value = Value.objects.get(slug="innovation-risk-taking")
    html = owner_client.get("/stories/new/?value=innovation-risk-taking").content.decode()
    assert re.search(rf'name="values" value="{value.pk}" id="id_values_\d+" checked', html)
    question = Question.objects.get(slug="high-performance-culture-2")
    html = owner_client.get("/stories/new/?question=high-performance-culture-2").content.decode()
    assert f'name="questions" value="{question.pk}"' in html
    assert re.search(rf'name="questions" value="{question.pk}" id="id_questions_[\d_]+" checked', html)
    # The question, and the value its category probes.
    assert len(re.findall(r'name="(?:values|questions)" [^>]* checked', html)) == 2
    # An unknown slug is ignored, not an error.
    assert owner_client.get("/stories/new/?value=nope&question=<script>").status_code == 200


def test_the_questions_are_grouped_by_category_in_the_form(owner_client, guide):
    html = owner_client.get("/stories/new/").content.decode()
    assert html.count('<legend class="picker-legend">') == 6
    assert html.count('name="questions"') == 33


def test_editing_bumps_the_version_and_keeps_a_revision(owner_client, story):
    response = owner_client.post(f"/stories/{story.pk}/edit/", form_data(title="Sharper title", version=story.version))
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.title == "Sharper title" and story.version == 2
    assert story.history.count() == 2
    assert story.history.first().history_change_reason == "Edited"


def test_a_stale_tab_is_refused_and_keeps_the_typed_text(owner_client, story):
    stale_version = story.version
    owner_client.post(f"/stories/{story.pk}/edit/", form_data(challenge="Text saved in tab A", version=stale_version))
    response = owner_client.post(
        f"/stories/{story.pk}/edit/", form_data(challenge="Text typed in tab B", version=stale_version)
    )
    html = response.content.decode()
    assert response.status_code == 409
    assert "was saved elsewhere" in html
    assert ">Text typed in tab B</textarea>" in html
    # Both tabs changed the Challenge: the box shows the other save's change, and the typed text is kept.
    assert '<ins>Text saved in tab A</ins>' in html.split('data-newer-for="challenge"')[1].split("</div>")[0]
    assert 'name="merge_challenge" id="merge_challenge_mine" value="mine" checked' in html
    story.refresh_from_db()
    assert story.challenge == "Text saved in tab A"
    # The form now carries the newer version: saving again, on purpose, goes through.
    assert f'name="version" value="{story.version}"' in html
    again = owner_client.post(f"/stories/{story.pk}/edit/", form_data(challenge="Merged", version=story.version))
    assert again.status_code == 302


@pytest.mark.parametrize(
    "overrides,field,message",
    [
        ({"title": ""}, "title", "Give the story a title"),
        ({"title": "x" * 201}, "title", "Keep the title under 200 characters (it has 201)"),
        ({"challenge": "w " * 5001}, "challenge", "a part holds at most 10000"),
        ({"tags": ["999999"]}, "tags", "Tag 999999 is not one of your tags"),
        ({"tags": ["abc"]}, "tags", "Tag abc is not one of your tags"),
        ({"values": ["999999"]}, "values", "Select a valid choice"),
        ({"values": ["9" * 30]}, "values", "Select a valid choice"),
        ({"questions": ["²"]}, "questions", "Select a valid choice"),
        ({"themes": ["-1"]}, "themes", "Select a valid choice"),
        ({"tags": ["9" * 30]}, "tags", "is not one of your tags"),
        ({"level": "9" * 30}, "level", "Select a valid choice"),
        ({"team_size": "-3"}, "team_size", "greater than or equal to 0"),
    ],
)
def test_bad_input_gets_a_clear_message_and_keeps_everything_typed(owner_client, guide, overrides, field, message):
    data = form_data(summary="My careful summary", execution="Long careful execution text", **overrides)
    response = owner_client.post("/stories/new/", data)
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert "My careful summary</textarea>" in html
    assert ">Long careful execution text</textarea>" in html
    assert f"{data['challenge']}</textarea>" in html
    assert "The story was not saved" in html
    assert not Story.objects.exists()


def test_another_users_tag_is_refused(owner_client, other_user, guide):
    theirs = Tag.objects.create(owner=other_user, name="secret")
    response = owner_client.post("/stories/new/", form_data(tags=[theirs.pk]))
    assert response.status_code == 400
    assert f"Tag {theirs.pk} is not one of your tags" in response.content.decode()
    assert not Story.objects.exists()


def test_the_editor_shows_each_part_with_its_budget_and_template(owner_client, guide):
    html = owner_client.get("/stories/new/").content.decode()
    for name, seconds in [("Challenge", 30), ("Autonomous Decision", 60), ("High Performance Execution", 90),
                          ("Direct Communication", 30), ("Member Impact", 30)]:
        assert f"{name}</label>" in html and f"budget {seconds} s" in html
    assert "“When [major challenge] threatened [member experience/business outcome]" in html
    assert 'data-total-counter data-budget="240"' in html
    assert 'placeholder="When working on [challenge] for [user segment], I built [solution]' in html


def test_preview_returns_sanitized_html(owner_client):
    response = owner_client.post("/stories/preview/", {"text": "**bold** <script>alert(1)</script>"})
    assert response.json()["html"].startswith("<p><strong>bold</strong>")
    assert "<script" not in response.json()["html"]
    assert owner_client.get("/stories/preview/").status_code == 405


# --- List ---------------------------------------------------------------------------------------

def test_the_list_shows_parts_filled_time_and_values(owner_client, user, guide):
    make_story(user, title="Four parts", challenge="word " * 10, decision="word " * 150, execution="x", communication="y", impact="",
               values=["candor-feedback", "customer-obsession"])
    html = owner_client.get("/stories/").content.decode()
    assert "4/5 parts" in html
    assert "1:04" in html  # the parts' times summed: 4 s + 60 s + 0 s + 0 s (one word is 0.4 s)
    assert "Candor &amp; Feedback" in html and "Customer Obsession" in html


def test_an_empty_bank_invites_the_first_story(owner_client, guide):
    html = owner_client.get("/stories/").content.decode()
    assert "Your bank is empty" in html and "Write your first story" in html


@pytest.mark.parametrize(
    "query,expected",
    [
        ("value=candor-feedback", ["Candor story"]),
        ("question=high-performance-culture-2", ["Perf story"]),
        ("theme=global-streaming-at-scale", ["Perf story"]),
        ("level=l6", ["Candor story"]),
        ("tag=scale", ["Perf story"]),
        ("status=ready", ["Ready story"]),
        ("q=backlog+ENCODING", ["Ready story"]),
        ("sort=title", ["Candor story", "Perf story", "Ready story"]),
        ("value=candor-feedback&status=ready", []),
        ("sort=evil&status=nope&page=x", ["Ready story", "Perf story", "Candor story"]),
        ("value=<script>", []),
    ],
)
def test_the_list_filters_searches_and_sorts(owner_client, user, guide, query, expected):
    make_story(user, title="Candor story", values=["candor-feedback"], level="L6")
    make_story(user, title="Perf story", questions=["high-performance-culture-2"], themes=["global-streaming-at-scale"],
               tags=["scale"])
    make_story(user, title="Ready story", status="ready", execution="An encoding backlog grew.")
    html = owner_client.get(f"/stories/?{query}").content.decode()
    shown = [t for t in ["Candor story", "Perf story", "Ready story"] if f">{t}</a>" in html]
    assert sorted(shown, key=html.index) == expected


def test_the_list_is_paginated_and_keeps_the_filter(owner_client, user, guide):
    for i in range(25):
        make_story(user, title=f"Story {i:02d}", values=["candor-feedback"])
    html = owner_client.get("/stories/?value=candor-feedback").content.decode()
    assert "Page 1 of 2" in html
    assert 'href="?value=candor-feedback&amp;page=2"' in html
    assert owner_client.get("/stories/?page=999").status_code == 200
    assert owner_client.get("/stories/?page=abc").status_code == 200


@pytest.mark.parametrize("count", [3, 60])
def test_the_list_runs_a_fixed_number_of_queries(owner_client, user, guide, count, django_assert_num_queries):
    for i in range(count):
        make_story(user, title=f"Story {i}", values=["candor-feedback", "customer-obsession"], tags=["a", "b"],
                   level="L5")
    owner_client.get("/stories/")  # warm the session and profile
    Profile.bump_bank_revision(user)
    # session, user, profile, guide, count, stories (+level), values, questions, tags, story parts,
    # the coach's levels and red flags, and for the filter lists values, questions, themes, levels, tags;
    # the navigation's due count (new cards, rated cards); the any-story check skipped
    with django_assert_num_queries(19):
        response = owner_client.get("/stories/")
    assert response.status_code == 200
    # until the next write, from the per-user cache: session, user, profile, guide
    with django_assert_num_queries(4):
        assert owner_client.get("/stories/").content.count(b'class="card mb-2 story-row"') == min(count, 20)


# --- Detail, duplicate, trash, history -----------------------------------------------------------

def test_the_detail_page_shows_parts_times_tags_and_actions(owner_client, user, guide):
    story = make_story(user, values=["candor-feedback"], questions=["candor-direct-communication-1"],
                       themes=["data-driven-personalization"], level="L7", tags=["edge"], decision="word " * 160)
    html = owner_client.get(story.get_absolute_url()).content.decode()
    for heading in ["1. Challenge", "2. Autonomous Decision", "3. High Performance Execution",
                    "4. Direct Communication", "5. Member Impact"]:
        assert heading in html
    assert "1:04 / 1:00 · over" in html
    assert 'href="/guide/netflix/values/candor-feedback/"' in html
    assert 'href="/guide/netflix/questions/candor-direct-communication-1/"' in html
    assert 'href="/guide/netflix/themes/data-driven-personalization/"' in html
    assert 'href="/guide/netflix/levels/l7/"' in html
    assert 'href="/stories/?tag=edge"' in html
    for action in ["Edit", "Duplicate", "History", "Delete"]:
        assert f">{action}</" in html


def test_the_speaking_pace_can_be_changed(owner_client, user, guide):
    story = make_story(user, challenge="word " * 100)
    response = owner_client.post("/accounts/settings/", {"words_per_minute": "100"})
    assert response.status_code == 302
    assert Profile.for_user(user).words_per_minute == 100
    html = owner_client.get(story.get_absolute_url()).content.decode()
    assert "1:00 / 0:30 · over" in html
    assert owner_client.post("/accounts/settings/", {"words_per_minute": "5"}).status_code == 200


def test_duplicating_makes_an_independent_draft_copy(owner_client, user, guide):
    story = make_story(user, status="ready", values=["candor-feedback"], tags=["x"])
    response = owner_client.post(f"/stories/{story.pk}/duplicate/")
    copy = Story.objects.exclude(pk=story.pk).get()
    assert response["Location"] == copy.get_absolute_url()
    assert copy.title == f"Copy of {story.title}" and copy.status == "draft" and copy.uuid != story.uuid
    assert list(copy.values.all()) == list(story.values.all()) and copy.tags.get().name == "x"
    assert copy.history.count() == 1
    assert owner_client.get(f"/stories/{story.pk}/duplicate/").status_code == 405


def test_delete_asks_first_then_moves_to_the_trash_and_restores(owner_client, story):
    confirm = owner_client.get(f"/stories/{story.pk}/delete/").content.decode()
    assert "Move “Cut p99 start-up latency during a launch” to the trash?" in confirm
    assert Story.objects.active().count() == 1
    owner_client.post(f"/stories/{story.pk}/delete/")
    assert Story.objects.active().count() == 0
    assert f">{story.title}</a>" not in owner_client.get("/stories/").content.decode()
    assert f"<strong>{story.title}</strong>" in owner_client.get("/stories/trash/").content.decode()
    assert owner_client.get(story.get_absolute_url()).status_code == 404
    owner_client.post(f"/stories/{story.pk}/restore/")
    assert Story.objects.active().count() == 1
    assert f">{story.title}</a>" in owner_client.get("/stories/").content.decode()


def test_deleting_for_good_needs_a_confirmation_and_erases_the_history(owner_client, story):
    owner_client.post(f"/stories/{story.pk}/delete/")
    assert "This cannot be undone" in owner_client.get(f"/stories/{story.pk}/purge/").content.decode()
    assert Story.objects.filter(pk=story.pk).exists()
    owner_client.post(f"/stories/{story.pk}/purge/")
    assert not Story.objects.filter(pk=story.pk).exists()
    assert not Story.history.filter(id=story.pk).exists()
    # Only stories in the trash can be deleted for good.
    live = make_story(story.owner)
    assert owner_client.post(f"/stories/{live.pk}/purge/").status_code == 404


def test_history_lists_revisions_diffs_and_restores(owner_client, story):
    first = story.history.get()
    owner_client.post(f"/stories/{story.pk}/edit/", form_data(
        title=story.title, challenge="A brand new challenge text", version=story.version,
        values=[Value.objects.get(slug="customer-obsession").pk],
    ))
    html = owner_client.get(f"/stories/{story.pk}/history/").content.decode()
    assert html.count("Compare with current") == 1 and "Created" in html and "Edited" in html
    diff = owner_client.get(f"/stories/{story.pk}/history/{first.history_id}/").content.decode()
    assert "<del>Playback start-up times doubled two weeks before a global launch.</del>" in diff
    assert "<ins>A brand new challenge text</ins>" in diff
    assert "Only in this revision: <del>Candor &amp; Feedback</del>" in diff
    owner_client.post(f"/stories/{story.pk}/history/{first.history_id}/restore/")
    story.refresh_from_db()
    assert story.challenge == "Playback start-up times doubled two weeks before a global launch."
    assert [v.slug for v in story.values.all()] == ["candor-feedback"]
    assert story.history.count() == 3
    assert story.history.first().history_change_reason.startswith("Restored the revision of")


def test_a_revision_of_another_story_is_404(owner_client, user, story):
    other = make_story(user, title="Other")
    record = other.history.first().history_id
    assert owner_client.get(f"/stories/{story.pk}/history/{record}/").status_code == 404


# --- Guide pages -------------------------------------------------------------------------------

def test_guide_pages_list_your_stories_and_offer_to_write_one(owner_client, story):
    html = owner_client.get("/guide/netflix/values/candor-feedback/").content.decode()
    assert "Write a story for this" in html and 'href="/stories/new/?value=candor-feedback"' in html
    assert f'href="/stories/{story.pk}/">{story.title}</a>' in html
    html = owner_client.get("/guide/netflix/questions/candor-direct-communication-1/").content.decode()
    assert 'href="/stories/new/?question=candor-direct-communication-1"' in html
    assert f'href="/stories/{story.pk}/">{story.title}</a>' in html
    html = owner_client.get("/guide/netflix/values/customer-obsession/").content.decode()
    assert "No story yet" in html


def test_guide_pages_invite_anonymous_readers_to_sign_up(client, guide):
    html = client.get("/guide/netflix/values/candor-feedback/").content.decode()
    assert "to keep stories for it" in html
    assert reverse("signup") in html


def test_a_404_keeps_the_site_navigation(other_client, story):
    html = other_client.get(story.get_absolute_url()).content.decode()
    assert "That page is not here" in html and 'href="/guide/"' in html
    assert story.title not in html


def test_the_detail_page_exports_that_story(owner_client, story):
    html = owner_client.get(story.get_absolute_url()).content.decode()
    for fmt in ["md", "json", "csv", "apkg", "print"]:
        assert f'href="/export/story/{story.pk}/{fmt}/"' in html


def test_the_list_exports_what_its_filter_shows(owner_client, story):
    html = owner_client.get("/stories/?value=candor-feedback&page=1").content.decode()
    assert 'href="/export/?value=candor-feedback">Export these</a>' in html


def test_saving_a_story_trashed_in_another_tab_keeps_the_typed_text(owner_client, story):
    version = story.version
    owner_client.post(f"/stories/{story.pk}/delete/")
    response = owner_client.post(
        f"/stories/{story.pk}/edit/", form_data(challenge="Typed while it was trashed", version=version)
    )
    html = response.content.decode()
    assert response.status_code == 409
    assert "moved to the trash" in html and ">Typed while it was trashed</textarea>" in html
    assert "Restore it and keep editing" in html
    story.refresh_from_db()
    assert story.in_trash and story.challenge.startswith("Playback")
    assert owner_client.get(f"/stories/{story.pk}/edit/").status_code == 404
    restored = owner_client.post(f"/stories/{story.pk}/restore/", {"then": "edit"})
    assert restored["Location"] == f"/stories/{story.pk}/edit/"


def test_a_conflict_lists_what_the_other_save_changed_besides_the_parts(owner_client, story):
    from stories.coverage.counts import tag_story_with_question

    version = story.version
    tag_story_with_question(story, Question.objects.get(slug="high-performance-culture-2"))
    Story.objects.filter(pk=story.pk).update(title="Title from the other tab")
    response = owner_client.post(f"/stories/{story.pk}/edit/", form_data(
        title="My title", version=version, questions=[Question.objects.get(slug="candor-direct-communication-1").pk],
    ))
    html = response.content.decode()
    assert response.status_code == 409
    assert "What the other save changed" in html
    assert "<del>Cut p99 start-up latency during a launch</del><ins>Title from the other tab</ins>" in html
    assert "added <ins>Tell me about a time you had to manage out an underperformer</ins>" in html


def test_the_detail_page_runs_a_fixed_number_of_queries(owner_client, user, guide, django_assert_num_queries):
    story = make_story(user, values=["candor-feedback", "customer-obsession"], themes=["global-streaming-at-scale"],
                       questions=["candor-direct-communication-1", "high-performance-culture-2"], level="L6",
                       tags=["a", "b"])
    owner_client.get(story.get_absolute_url())
    Profile.bump_bank_revision(user)
    # session, user, profile, the default guide, story (+level and its guide), values, their guide,
    # questions, their guide, themes, their guide, tags, its story parts, and for the coach the guide's
    # levels and red flags, the navigation's due count (new cards, rated cards): 17, whatever the tags
    with django_assert_num_queries(17):
        owner_client.get(story.get_absolute_url())
    # until the next write, from the per-user cache: session, user, profile, guide
    with django_assert_num_queries(4):
        owner_client.get(story.get_absolute_url())


def test_pages_work_without_javascript(client, db):
    html = client.get("/").content.decode()
    assert '<noscript><link rel="stylesheet" href="/static/css/noscript.css"></noscript>' in html


def test_line_ends_are_saved_as_newlines(owner_client, user, guide):
    data = form_data(challenge="First line\r\nsecond line\rthird", summary="One\r\ntwo")
    assert owner_client.post("/stories/new/", data).status_code == 302
    story = Story.objects.get()
    assert story.challenge == "First line\nsecond line\nthird" and story.summary == "One\ntwo"


def test_the_data_migration_normalises_old_line_ends(user):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("stories.migrations.0007_line_ends")
    story = make_story(user, decision="a\r\nb")
    Story.objects.filter(pk=story.pk).update(impact="c\rd")
    migration.normalise(apps, None)
    story.refresh_from_db()
    assert (story.decision, story.impact) == ("a\nb", "c\nd")


def test_a_story_saved_a_moment_ago_says_just_now(owner_client, user, guide, monkeypatch):
    from datetime import timedelta

    from django.utils import timezone

    story = make_story(user)
    assert "updated just now" in owner_client.get(story.get_absolute_url()).content.decode()
    assert "updated just now" in owner_client.get("/stories/").content.decode()
    # Five minutes later, the cached pages have expired: they said when their "ago" would change.
    later = timezone.now() + timedelta(minutes=5, seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    html = owner_client.get(story.get_absolute_url()).content.decode()
    assert "updated 5\xa0minutes ago" in html and "0\xa0minutes" not in html
    assert "updated 5\xa0minutes ago" in owner_client.get("/stories/").content.decode()
