"""One tag per name as people read it, whatever its case, width, composition or invisible characters."""

import importlib
import unicodedata

import pytest
from django.apps import apps

from stories.models import Story, Tag, tag_key
from stories.services import parse_tag_names, tags_for
from tests.conftest import make_story


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Café", unicodedata.normalize("NFD", "Café")),
        ("TAG", "ＴＡＧ"),
        ("tag", "tag\u200b"),
        ("Équipe", "équipe"),
        ("on call", "on   call"),
    ],
)
def test_look_alike_names_are_one_tag(user, one, other):
    assert tag_key(one) == tag_key(other)
    first, second = tags_for(user, [one]) + tags_for(user, [other])
    assert first.pk == second.pk
    assert Tag.objects.count() == 1


def test_different_names_stay_different_tags(user):
    assert len({t.pk for t in tags_for(user, ["tag", "tags", "ta g"])}) == 3


def test_parse_keeps_the_first_spelling_of_each_tag():
    assert parse_tag_names("Café, CAFÉ, café\u200b, ＴＡＧ, tag") == ["Café", "ＴＡＧ"]


def test_the_editor_does_not_make_a_look_alike_tag(owner_client, user, guide):
    make_story(user, title="A", tags=["Équipe"])
    data = {"title": "B", "summary": "", "challenge": "", "decision": "", "execution": "", "communication": "",
            "impact": "", "status": "draft", "new_tags": "équipe, ÉQUIPE\u200b"}
    assert owner_client.post("/stories/new/", data).status_code == 302
    assert list(Tag.objects.values_list("name", flat=True)) == ["Équipe"]
    assert list(Story.objects.get(title="B").tags.values_list("name", flat=True)) == ["Équipe"]


def test_the_data_migration_merges_look_alikes_keeping_every_story(user, other_user):
    migration = importlib.import_module("stories.migrations.0005_tag_key")
    a = make_story(user, title="A", tags=["Équipe"])
    b = make_story(user, title="B", tags=["x"])
    theirs = make_story(other_user, title="Theirs", tags=["équipe"])
    # A look-alike made before tags had keys: give it a key of its own, as the old rows had none.
    Tag.objects.filter(owner=user, name="x").update(name="équipe", key="old")
    migration.merge_look_alikes(apps, None)
    mine = Tag.objects.filter(owner=user)
    assert list(mine.values_list("name", flat=True)) == ["Équipe"]
    assert list(a.tags.values_list("name", flat=True)) == ["Équipe"]
    assert list(b.tags.values_list("name", flat=True)) == ["Équipe"]
    assert list(theirs.tags.values_list("name", flat=True)) == ["équipe"]  # another user's tag is theirs
