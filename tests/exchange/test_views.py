"""Export and import pages (stories/exchange/views.py): owner, another user, anonymous; files and messages."""

import json
from datetime import UTC, datetime

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from stories import exchange
from stories.exchange.views import PENDING_IMPORT
from stories.models import Profile, Story
from tests.conftest import make_story
from tests.exchange.test_document_and_import import as_bytes, bank_state, document, record

TODAY = f"{timezone.localdate():%Y-%m-%d}"
DOWNLOADS = {
    "md": ("text/markdown; charset=utf-8", f"storybank-{TODAY}.md"),
    "json": ("application/json", f"storybank-{TODAY}.json"),
    "csv": ("text/csv; charset=utf-8", f"storybank-{TODAY}.csv"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", f"storybank-{TODAY}.xlsx"),
    "coverage": ("text/csv; charset=utf-8", f"storybank-coverage-{TODAY}.csv"),
    "apkg": ("application/octet-stream", f"storybank-{TODAY}.apkg"),
}


def login_url(path):
    return f"{resolve_url(settings.LOGIN_URL)}?next={path}"


def upload(client, content, name="bank.json"):
    return client.post(reverse("exchange:import"), {"file": SimpleUploadedFile(name, content)})


def _confirm(client):
    html = client.get("/import/preview/").content.decode()
    digest = html.split('name="digest" value="')[1].split('"')[0]
    return client.post("/import/confirm/", {"digest": digest}, follow=True)


def exported_titles(response):
    return [s["title"] for s in json.loads(response.content)["stories"]]


# Who may see what --------------------------------------------------------------------------------


@pytest.mark.parametrize("url", [
    "/export/", "/export/json/", "/export/md/", "/export/csv/", "/export/coverage/", "/export/apkg/",
    "/export/print/", "/export/story/1/json/", "/export/story/1/print/", "/import/", "/import/mapping/", "/import/preview/",
])
def test_anonymous_visitors_go_to_the_login_page(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == login_url(url)


@pytest.mark.parametrize("url", ["/import/confirm/", "/import/cancel/"])
def test_anonymous_posts_go_to_the_login_page(client, url):
    assert client.post(url)["Location"] == login_url(url)


@pytest.mark.parametrize("fmt", ["md", "json", "csv", "apkg", "print"])
def test_another_user_gets_404_on_a_single_story_export(story, other_client, fmt):
    assert other_client.get(reverse("exchange:story", args=[story.pk, fmt])).status_code == 404


def test_another_users_bank_never_appears_in_an_export(story, other_client, other_user):
    make_story(other_user, title="Grace's own")
    assert exported_titles(other_client.get("/export/json/")) == ["Grace's own"]
    assert "Cut p99" not in other_client.get("/export/print/").content.decode()


def test_a_trashed_story_cannot_be_exported_alone(story, owner_client):
    story.deleted_at = timezone.now()
    story.save()
    assert owner_client.get(reverse("exchange:story", args=[story.pk, "json"])).status_code == 404


@pytest.mark.parametrize("url", ["/export/pdf/", "/export/story/1/coverage/"])
def test_an_unknown_format_is_404(story, owner_client, url):
    assert owner_client.get(url.replace("/1/", f"/{story.pk}/")).status_code == 404


# Export ------------------------------------------------------------------------------------------


def test_the_export_page_offers_every_format_for_the_whole_bank(story, owner_client):
    html = owner_client.get("/export/").content.decode()
    assert "The whole bank: <strong>1 story</strong>" in html
    for fmt in DOWNLOADS:
        assert f'formaction="/export/{fmt}/"' in html
    assert 'formaction="/export/print/"' in html
    assert 'aria-current="page" href="/export/">Export / Import</a>' in html


def test_an_empty_bank_is_told_how_to_start(guide, owner_client):
    html = owner_client.get("/export/").content.decode()
    assert "Nothing to export yet" in html and 'href="/import/"' in html


@pytest.mark.parametrize("fmt", DOWNLOADS)
def test_each_download_has_its_content_type_and_a_dated_file_name(story, owner_client, fmt):
    content_type, filename = DOWNLOADS[fmt]
    response = owner_client.get(f"/export/{fmt}/")
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'


def test_the_export_follows_the_story_lists_filter(guide, user, owner_client):
    make_story(user, title="Candid", values=["candor-feedback"], status=Story.Status.READY)
    make_story(user, title="Other", values=["customer-obsession"])
    params = "?value=candor-feedback&status=ready&page=3"
    html = owner_client.get(f"/export/{params}").content.decode()
    assert "The 1 story the story list shows" in html
    assert "value: Candor &amp; Feedback; status: Ready" in html
    assert '<input type="hidden" name="value" value="candor-feedback">' in html
    assert exported_titles(owner_client.get(f"/export/json/{params}")) == ["Candid"]
    assert sorted(exported_titles(owner_client.get(f"/export/json/{params}&scope=all"))) == ["Candid", "Other"]


def test_the_export_these_link_carries_the_filter_but_not_the_page(rf, user):
    from django.template.loader import render_to_string

    request = rf.get("/stories/?value=candor-feedback&q=latency&page=2")
    html = render_to_string("stories/exchange/_export_these.html", request=request)
    assert 'href="/export/?value=candor-feedback&amp;q=latency"' in html


def test_one_story_exports_alone_with_its_title_in_the_file_name(story, user, owner_client):
    make_story(user, title="Another one")
    response = owner_client.get(reverse("exchange:story", args=[story.pk, "json"]))
    assert exported_titles(response) == [story.title]
    assert response["Content-Disposition"] == (
        f'attachment; filename="story-cut-p99-start-up-latency-during-a-launch-{TODAY}.json"'
    )
    markdown = owner_client.get(reverse("exchange:story", args=[story.pk, "md"])).content.decode()
    assert "### Cut p99" in markdown and "Another one" not in markdown


def test_a_non_ascii_title_gets_a_plain_file_name(guide, user, owner_client):
    accented, kanji = make_story(user, title="東京 café"), make_story(user, title="東京")
    response = owner_client.get(reverse("exchange:story", args=[accented.pk, "md"]))
    assert response["Content-Disposition"] == f'attachment; filename="story-cafe-{TODAY}.md"'
    response = owner_client.get(reverse("exchange:story", args=[kanji.pk, "md"]))
    assert response["Content-Disposition"] == f'attachment; filename="story-{kanji.pk}-{TODAY}.md"'


def test_the_print_view_has_a_coverage_cover_then_a_page_per_story(guide, user, owner_client):
    make_story(user, title="First <b>bold</b>", values=["candor-feedback"], decision="I **chose**",
               execution="<script>alert(1)</script>", status=Story.Status.READY,
               questions=["candor-direct-communication-1"])
    make_story(user, title="Second", values=["candor-feedback"])
    html = owner_client.get("/export/print/").content.decode()
    assert html.count('class="print-sheet print-story"') == 2
    assert "2 stories · 1 ready · 1 of 33 questions answered" in html
    assert '<tr data-missing="0"><th scope="row">Candor &amp; Feedback</th><td class="text-end">2</td>' in html
    assert "No story yet" in html  # the other values, said in words
    assert "First &lt;b&gt;bold&lt;/b&gt;" in html
    assert "<strong>chose</strong>" in html
    assert "<script>alert(1)" not in html
    assert "css/exchange.css" in html and "js/print-button.js" in html


def test_a_single_story_prints_without_the_cover(story, owner_client):
    html = owner_client.get(reverse("exchange:story", args=[story.pk, "print"])).content.decode()
    assert html.count('class="print-sheet print-story"') == 1
    assert "print-cover" not in html


def _json_export_queries(client, django_assert_num_queries):
    # session, user, the guide's slug, the stories (with their level), then one query each for
    # their values, questions, themes and tags; the plan (format version 3): profile, loop, ticks, debriefs
    with django_assert_num_queries(12):
        response = client.get("/export/json/")
    return response


def test_the_json_export_makes_the_same_queries_for_any_number_of_stories(guide, user, owner_client,
                                                                        django_assert_num_queries):
    make_story(user, values=["candor-feedback"], tags=["a"], level="L6")
    assert len(exported_titles(_json_export_queries(owner_client, django_assert_num_queries))) == 1
    for n in range(20):
        make_story(user, title=f"Story {n}", values=["candor-feedback", "customer-obsession"],
                   questions=["candor-direct-communication-1"], themes=["global-streaming-at-scale"],
                   tags=[f"t{n}", "shared"], level="L7")
    assert len(exported_titles(_json_export_queries(owner_client, django_assert_num_queries))) == 21


def test_the_print_view_makes_the_same_queries_for_any_number_of_stories(guide, user, owner_client,
                                                                       django_assert_num_queries):
    make_story(user, values=["candor-feedback"], tags=["a"])
    Profile.for_user(user)
    # session, user, guide, story parts, profile, stories, values, questions, themes, tags,
    # the guide's values, the count of its questions, the navigation's due count (profile; new cards;
    # rated cards' due times), the coach's levels and red flags (for the probes)
    with django_assert_num_queries(17):
        owner_client.get("/export/print/")
    for n in range(10):
        make_story(user, title=f"Story {n}", values=["candor-feedback"], questions=["freedom-responsibility-1"],
                   tags=[f"t{n}"], level="L5")
    with django_assert_num_queries(17):
        owner_client.get("/export/print/")


def test_the_print_view_carries_each_storys_follow_up_probes(guide, user, owner_client):
    make_story(user, title="Vague one", impact="Members were significantly happier.")
    html = owner_client.get("/export/print/").content.decode()
    assert "What they will ask next" in html
    assert "<li>By how much, measured how?</li>" in html


# Import ------------------------------------------------------------------------------------------


def test_the_import_page_has_a_labelled_file_field(guide, owner_client):
    html = owner_client.get("/import/").content.decode()
    assert '<label class="form-label fw-semibold" for="id_file">Your stories: a spreadsheet, Markdown notes, a Notion export or JSON</label>' in html
    assert 'enctype="multipart/form-data"' in html and "csrfmiddlewaretoken" in html


def test_an_upload_is_previewed_then_imported_on_confirm(guide, user, owner_client):
    response = upload(owner_client, as_bytes(document(record(title="From a file"))))
    assert response["Location"] == reverse("exchange:preview")
    assert not Story.objects.filter(owner=user).exists()  # nothing written before the confirm
    html = owner_client.get("/import/preview/").content.decode()
    assert "Will be created (1)" in html and "From a file" in html and "Import 1 story" in html
    response = _confirm(owner_client)
    assert response.redirect_chain[-1][0] == reverse("stories:list")
    assert "Imported “bank.json”: 1 created, 0 updated, 0 unchanged." in response.content.decode()
    assert Story.objects.get(owner=user).title == "From a file"
    assert PENDING_IMPORT not in owner_client.session


def test_the_same_file_twice_shows_nothing_to_do(story, user, owner_client):
    raw = exchange.dumps(exchange.export_document(Story.objects.for_user(user))).encode()
    upload(owner_client, raw)
    html = owner_client.get("/import/preview/").content.decode()
    assert "Nothing to do" in html and "Unchanged, skipped (1)" in html
    assert 'action="/import/confirm/"' not in html


def test_update_create_and_skip_are_shown_apart_in_the_preview(story, user, owner_client):
    records = exchange.export_document(Story.objects.for_user(user))["stories"]
    changed = dict(records[0], impact="A new impact.")
    upload(owner_client, as_bytes(document(changed, record(title="New one"))))
    html = owner_client.get("/import/preview/").content.decode()
    assert "Will be updated (1)" in html and "Changes: impact" in html
    assert "Will be created (1)" in html and "Import 2 stories" in html
    response = _confirm(owner_client)
    assert "1 created, 1 updated, 0 unchanged" in response.content.decode()
    story.refresh_from_db()
    assert story.impact == "A new impact."


def test_a_file_over_5_mb_is_refused_with_a_message(story, user, other_user, owner_client):
    before = bank_state(user, other_user)
    response = upload(owner_client, b" " * (6 * 1024 * 1024))
    assert response.status_code == 400
    assert "The file is too large: 6,291,456 bytes; the limit is 5 MB" in response.content.decode()
    assert bank_state(user, other_user) == before
    assert PENDING_IMPORT not in owner_client.session


def test_malformed_json_is_refused_with_line_and_column(story, user, owner_client):
    before = bank_state(user)
    response = upload(owner_client, b'{"format": "storybank",\n "version": 1,,}')
    html = response.content.decode()
    assert response.status_code == 400
    assert "“bank.json” was not imported; nothing was changed." in html
    assert "expecting property name enclosed in double quotes at line 2, column 15" in html
    assert 'aria-describedby="file-help file-errors"' in html
    assert bank_state(user) == before


def test_a_csv_with_other_headers_goes_to_the_mapping_step(story, owner_client):
    response = upload(owner_client, b"name,text\nA,B\n", "bank.csv")
    assert response["Location"] == "/import/mapping/"


def test_a_file_with_unknown_slugs_is_previewed_with_them_and_cannot_be_confirmed(story, user, owner_client):
    before = bank_state(user)
    upload(owner_client, as_bytes(document(record(title="T", values=["candour"], questions=["q-99"]))))
    html = owner_client.get("/import/preview/").content.decode()
    assert "This file cannot be imported: 2 problems" in html
    assert "<td>value</td><td><code>candour</code></td>" in html
    assert "<td>question</td><td><code>q-99</code></td>" in html
    assert 'action="/import/confirm/"' not in html
    response = owner_client.post("/import/confirm/", {"digest": "anything"}, follow=True)
    assert "This file cannot be imported; nothing was changed." in response.content.decode()
    assert bank_state(user) == before


def test_a_bank_changed_after_the_preview_asks_for_a_new_look(story, user, owner_client):
    records = exchange.export_document(Story.objects.for_user(user))["stories"]
    upload(owner_client, as_bytes(document(dict(records[0], impact="From the file."))))
    html = owner_client.get("/import/preview/").content.decode()
    digest = html.split('name="digest" value="')[1].split('"')[0]
    story.impact = "Edited in another tab."
    story.version += 1
    story.save()
    response = owner_client.post("/import/confirm/", {"digest": digest}, follow=True)
    assert "Your stories or the file waiting to be imported changed since this preview" in response.content.decode()
    story.refresh_from_db()
    assert story.impact == "Edited in another tab."


def test_confirm_without_an_upload_says_so(guide, owner_client):
    response = owner_client.post("/import/confirm/", follow=True)
    assert "There is no file waiting to be imported" in response.content.decode()


def test_the_preview_without_an_upload_goes_back_to_the_form(guide, owner_client):
    assert owner_client.get("/import/preview/")["Location"] == reverse("exchange:import")


def test_cancel_forgets_the_file(guide, user, owner_client):
    upload(owner_client, as_bytes(document(record())))
    response = owner_client.post("/import/cancel/", follow=True)
    assert "Import cancelled; nothing was changed." in response.content.decode()
    assert PENDING_IMPORT not in owner_client.session
    assert not Story.objects.filter(owner=user).exists()


def test_confirm_and_cancel_need_a_post(guide, owner_client):
    assert owner_client.get("/import/confirm/").status_code == 405
    assert owner_client.get("/import/cancel/").status_code == 405


def test_posts_without_a_csrf_token_are_refused(guide, user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    assert client.post("/import/", {"file": SimpleUploadedFile("b.json", b"{}")}).status_code == 403
    assert client.post("/import/confirm/").status_code == 403


def test_an_upload_of_another_users_export_never_touches_their_stories(story, user, other_user, other_client):
    raw = exchange.dumps(exchange.export_document(Story.objects.for_user(user))).encode()
    theirs = bank_state(user)
    upload(other_client, raw)
    html = other_client.get("/import/preview/").content.decode()
    assert "becomes a new story with a new uuid" in html
    _confirm(other_client)
    assert bank_state(user) == theirs
    copy = Story.objects.get(owner=other_user)
    assert copy.uuid != story.uuid and copy.title == story.title


def test_the_pending_file_is_read_again_at_confirm_time(guide, user, owner_client):
    upload(owner_client, as_bytes(document(record(title="Original"))))
    html = owner_client.get("/import/preview/").content.decode()
    digest = html.split('name="digest" value="')[1].split('"')[0]
    owner_client.post("/import/confirm/", {"digest": digest, "content": "ignored", "title": "Injected"})
    assert list(Story.objects.filter(owner=user).values_list("title", flat=True)) == ["Original"]


def test_the_navigation_shows_export_import_to_signed_in_users_only(guide, owner_client):
    assert "Export / Import" in owner_client.get("/guide/").content.decode()
    assert "Export / Import" not in Client().get("/guide/").content.decode()


def test_created_times_come_from_the_file(guide, user, owner_client):
    upload(owner_client, as_bytes(document(record(created_at="2023-01-02T03:04:05+00:00"))))
    _confirm(owner_client)
    assert Story.objects.get(owner=user).created_at == datetime(2023, 1, 2, 3, 4, 5, tzinfo=UTC)


def test_the_story_export_menu_links_every_single_story_format(story, owner_client):
    from django.template.loader import render_to_string

    html = render_to_string("stories/exchange/_story_export_menu.html", {"story": story})
    for fmt in ["md", "json", "csv", "apkg", "print"]:
        url = reverse("exchange:story", args=[story.pk, fmt])
        assert f'href="{url}"' in html
        assert owner_client.get(url).status_code == 200


def test_the_export_page_offers_the_server_command_to_staff_only(client, user, guide):
    from tests.conftest import make_story

    make_story(user)
    client.force_login(user)
    assert "Trashed stories are left out" in client.get("/export/").content.decode()
    assert "manage.py export_bank" not in client.get("/export/").content.decode()
    user.is_staff = True
    user.save()
    assert "manage.py export_bank" in client.get("/export/").content.decode()
