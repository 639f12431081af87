"""A property: random Unicode (NUL, unpaired surrogates, right-to-left marks, combining characters, very
long text) posted to the editor, the story list's filters and the import never gets a server error, on
SQLite and on PostgreSQL (CI runs the suite on both).

Text reaches the server as it would from a client: form fields percent-encoded from UTF-8, an unpaired
surrogate as the three bytes a careless encoder writes for it (which Django reads as U+FFFD); the
import's JSON with `\\ud800` escapes, as json.dumps writes them.
"""

import json
from urllib.parse import quote

from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stories.models import PART_FIELDS, Story
from tests.conftest import make_story

ODD = st.sampled_from(
    [
        "\x00",
        "\ud800",
        "\udfff",
        "\ud83d",
        "\u202e",
        "\u200f",
        "\u200b",
        "\ufeff",
        "\u0301",
        "e\u0301",
        "\r\n",
        "\u0645\u0631\u062d\u0628\u0627",
        "\U0001f3f3\ufe0f\u200d\U0001f308",
        "%00",
        "=SUM(A1)",
        "<script>",
        "'",
        ",",
        "\\",
        "\t",
        "\x7f",
        "\uffff",
        "\U0010ffff",
    ]
)
ANY_CHARACTER = st.characters(codec=None, exclude_categories=())  # every code point, surrogates included
TEXT = st.one_of(
    st.text(ANY_CHARACTER, max_size=40),
    st.lists(st.one_of(ODD, st.text(max_size=4)), max_size=10).map("".join),
    st.builds(
        lambda unit, n: unit * n,
        st.sampled_from(["x", "\u0301", "\u00e9 ", "\x00", "\ud800"]),
        st.integers(min_value=1_000, max_value=12_000),
    ),
)
BOUNDED = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def form_body(fields):
    """`fields` ({name: text or [texts]}) urlencoded from UTF-8, unpaired surrogates passed through."""
    pairs = [
        (name, value)
        for name, values in fields.items()
        for value in (values if isinstance(values, list) else [values])
    ]
    return "&".join(
        f"{quote(name)}={quote(value.encode('utf-8', 'surrogatepass'), safe='')}" for name, value in pairs
    )


def post_form(client, url, fields):
    return client.generic("POST", url, form_body(fields), content_type="application/x-www-form-urlencoded")


EDITOR = st.fixed_dictionaries(
    {"title": TEXT, "summary": TEXT, "new_tags": TEXT, **{name: TEXT for name in PART_FIELDS}},
    optional={
        "status": st.sampled_from(["draft", "ready"]) | TEXT,
        "values": st.lists(TEXT, max_size=2),
        "questions": st.lists(TEXT, max_size=2),
        "level": TEXT,
        "team_size": TEXT,
        "tags": st.lists(TEXT, max_size=2),
    },
)


@BOUNDED
@given(fields=EDITOR)
def test_the_editor_never_fails_on_a_new_story(owner_client, guide, fields):
    response = post_form(owner_client, "/stories/new/", {"status": "draft", **fields})
    assert response.status_code in (200, 302, 400)


@BOUNDED
@given(fields=EDITOR)
def test_the_editor_never_fails_on_an_edit(owner_client, guide, user, fields):
    story = Story.objects.filter(owner=user, title="Target").first() or make_story(user, title="Target")
    response = post_form(
        owner_client,
        f"/stories/{story.pk}/edit/",
        {"status": "draft", **fields, "version": str(story.version)},
    )
    assert response.status_code in (200, 302, 400, 409)


@BOUNDED
@given(
    params=st.fixed_dictionaries(
        {},
        optional={
            name: TEXT
            for name in ("q", "tag", "value", "level", "question", "theme", "status", "grade", "sort", "page")
        },
    )
)
def test_the_story_lists_filters_never_fail(owner_client, guide, user, params):
    if not Story.objects.filter(owner=user).exists():
        make_story(user, title="Caf\u00e9", tags=["on-call"], values=["candor-feedback"])
    query = form_body(params)
    for url in ("/stories/", "/export/"):
        assert owner_client.get(f"{url}?{query}").status_code == 200


IMPORTED = st.fixed_dictionaries(
    {
        "title": TEXT,
        "summary": TEXT,
        **{name: TEXT for name in PART_FIELDS},
        "values": st.lists(TEXT, max_size=2),
        "questions": st.lists(TEXT, max_size=2),
        "themes": st.lists(TEXT, max_size=2),
        "tags": st.lists(TEXT, max_size=3),
        "level": st.none() | TEXT,
        "team_size": st.none(),
        "status": st.just("draft"),
    }
)


@BOUNDED
@given(story=IMPORTED, keys=st.lists(TEXT, max_size=2))
def test_the_import_never_fails(owner_client, guide, story, keys):
    # This product's backup, and another tool's list of stories (whose field names are anyone's).
    ours = {"format": "storybank", "version": 2, "exported_at": None, "guide": "netflix", "stories": [story]}
    theirs = [
        {
            "title": story["title"],
            "situation": story["challenge"],
            "result": story["impact"],
            **{key: story["summary"] for key in keys},
        }
    ]
    for document in (ours, theirs):
        upload = SimpleUploadedFile("bank.json", json.dumps(document).encode())
        response = owner_client.post("/import/", {"file": upload}, follow=True)
        assert response.status_code in (200, 400)
        if response.redirect_chain and response.redirect_chain[-1][0] == "/import/mapping/":
            assert owner_client.post("/import/mapping/", {"action": "split"}).status_code < 500
        assert owner_client.get("/import/preview/").status_code < 500
        owner_client.post("/import/cancel/")
