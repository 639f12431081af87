"""'Tag it' on the dashboard returns to the question that was tagged, by a fragment (no JavaScript needed)."""

import re

import pytest

from guide.models import Question
from tests.conftest import make_story
from tests.coverage.test_views import DASHBOARD, tag_url


def tag_form_for(html, question):
    """The hidden fields of the first "Tag it" form on the page for `question`."""
    forms = re.findall(
        r'<form method="post" action="[^"]+" class="[^"]*tag-form">(.*?)</form>', html, re.S
    )
    fields = [dict(re.findall(r'name="(\w+)" value="([^"]*)"', form)) for form in forms]
    return next(f for f in fields if f.get("question") == str(question.pk))


@pytest.fixture
def suggested(guide, user):
    """A story the dashboard suggests for an uncovered question, with that question."""
    story = make_story(
        user,
        title="Told my lead we disagreed about the technical direction",
        challenge="My lead and I disagreed about the technical direction of the search service.",
        decision="I handled the disagreement about technical direction by writing both options down.",
        values=["candor-feedback"],
    )
    return story, Question.objects.get(slug="candor-direct-communication-2")


def test_the_tag_form_on_the_dashboard_names_the_question_it_comes_back_to(owner_client, suggested):
    story, question = suggested
    html = owner_client.get(DASHBOARD).content.decode()
    fields = tag_form_for(html, question)
    assert fields["anchor"] == f"q-{question.slug}" and fields["next"] == DASHBOARD
    assert f'id="q-{question.slug}"' in html


def test_tag_it_redirects_to_the_question_on_the_dashboard(owner_client, suggested):
    story, question = suggested
    fields = tag_form_for(owner_client.get(DASHBOARD).content.decode(), question)
    response = owner_client.post(tag_url(story), fields)
    assert response.status_code == 302
    assert response["Location"] == f"{DASHBOARD}#q-{question.slug}"
    # The place it returns to is on the page it lands on.
    assert f'id="q-{question.slug}"' in owner_client.get(response["Location"]).content.decode()
    assert list(story.questions.all()) == [question]


def test_with_uncovered_only_it_returns_to_the_question_category(owner_client, suggested):
    story, question = suggested
    page = f"{DASHBOARD}?questions=uncovered"
    fields = tag_form_for(owner_client.get(page).content.decode(), question)
    assert fields["anchor"] == f"cat-{question.category.slug}"
    response = owner_client.post(tag_url(story), fields)
    assert response["Location"] == f"{page}#cat-{question.category.slug}"
    assert f'id="cat-{question.category.slug}"' in owner_client.get(response["Location"]).content.decode()


@pytest.mark.parametrize("anchor", ['x"><script>', "1abc", "a b", "#q", "a" * 300, "q-é"])
def test_an_odd_anchor_is_ignored(owner_client, suggested, anchor):
    story, question = suggested
    response = owner_client.post(
        tag_url(story), {"question": question.pk, "next": DASHBOARD, "anchor": anchor}
    )
    assert response["Location"] == DASHBOARD


def test_the_anchor_also_follows_the_fallback_page(owner_client, suggested):
    story, question = suggested
    response = owner_client.post(
        tag_url(story), {"question": question.pk, "next": "//evil.example/", "anchor": "q-x"}
    )
    assert response["Location"] == f"{DASHBOARD}#q-x"
