"""Strength drives coverage: the stub story is thin, not covered; the dashboard and the list show grades."""

import re

from stories.coach.strength import bank_strength
from stories.coverage.counts import coverage_for_user
from tests.conftest import STUB_PARTS, make_story, make_strong_story

STUB = {"title": "Faster app", **STUB_PARTS, "status": "ready"}


def test_the_ready_stub_story_is_thin_not_covered(guide, user):
    make_story(user, **STUB, values=["customer-obsession"], questions=["innovation-member-focus-3"], level="L6")
    coverage = coverage_for_user(user)
    value = next(v for v in coverage.values if v.value.slug == "customer-obsession")
    assert (value.covered, value.thin, value.status, value.thin_reason) == (False, True, "thin", "only weak stories")
    question = coverage.categories[4].questions[2]
    assert question.question.slug == "innovation-member-focus-3"
    assert (question.covered, question.thin, question.heat) == (False, True, 0)
    assert coverage.summary.values_covered == 0 and coverage.summary.questions_covered == 0


def test_a_draft_is_thin_with_its_reason(guide, user):
    make_strong_story(user, status="draft", values=["candor-feedback"])
    value = next(v for v in coverage_for_user(user).values if v.value.slug == "candor-feedback")
    assert value.thin_reason == "only drafts"


def test_a_strong_ready_story_covers(guide, user):
    make_strong_story(user, values=["customer-obsession"], questions=["innovation-member-focus-3"])
    coverage = coverage_for_user(user)
    assert coverage.summary.values_covered == 1 and coverage.summary.questions_covered == 1


def test_bank_strength_counts_grades_common_findings_and_the_next_three_fixes(guide, user):
    strong = make_strong_story(user, title="Strong one", values=["customer-obsession"], questions=["innovation-member-focus-3"])
    for n in range(3):
        make_story(user, title=f"Weak {n}", challenge="Latency doubled before launch.", impact="Users were happier.")
    strength = coverage_for_user(user).strength
    assert strength.grades == {"strong": 1, "workable": 0, "weak": 3}
    assert strength.needs_work == 3
    assert strong.pk not in [s.id for s in strength.weakest]
    texts = [c.text for c in strength.common]
    assert "3 of 4 stories have an empty part" in texts
    assert "3 of 4 stories have no figure in Member Impact" in texts
    assert len(strength.next_fixes) == 3
    assert {fix.story.title for fix in strength.next_fixes} == {"Weak 0", "Weak 1", "Weak 2"}
    assert all(fix.finding.severity == "blocker" for fix in strength.next_fixes)
    assert re.fullmatch(r"/stories/\d+/edit/#id_\w+", strength.next_fixes[0].url)


def test_bank_strength_of_one_weak_story_still_gives_three_fixes(guide, user):
    make_story(user, title="Only one", impact="Users were happier.")
    fixes = coverage_for_user(user).strength.next_fixes
    assert len(fixes) == 3 and {f.story.title for f in fixes} == {"Only one"}


def test_bank_strength_of_nothing(guide):
    assert bank_strength([]).total == 0


def test_the_dashboard_shows_strength_and_thin_values(guide, owner_client, user):
    make_story(user, **STUB, values=["customer-obsession"], questions=["innovation-member-focus-3"], level="L6")
    html = owner_client.get("/coverage/").content.decode()
    assert 'id="strength-heading"' in html
    assert "1 of 1 story needs work" in html
    assert "Next three fixes" in html
    assert "Only weak stories" in html  # the value row
    assert "Thin</span> Only weak stories: " in html  # the question
    assert re.search(r'id="values-covered">\s*0/5', html)


def test_the_story_list_shows_grades_and_filters_and_sorts_by_them(guide, owner_client, user):
    make_strong_story(user, title="Strong one", values=["customer-obsession"], questions=["innovation-member-focus-3"])
    make_story(user, title="Weak one")
    html = owner_client.get("/stories/").content.decode()
    assert html.count('class="badge grade-badge"') == 2
    weak_only = owner_client.get("/stories/", {"grade": "weak"}).content.decode()
    assert "Weak one" in weak_only and "Strong one" not in weak_only
    by_grade = owner_client.get("/stories/", {"sort": "grade"}).content.decode()
    assert by_grade.index("Weak one") < by_grade.index("Strong one")
    assert owner_client.get("/stories/", {"grade": "bogus"}).status_code == 200  # an unknown grade is ignored


def test_export_of_a_grade_filter_exports_only_that_grade(guide, owner_client, user):
    make_strong_story(user, title="Strong one", values=["customer-obsession"], questions=["innovation-member-focus-3"])
    make_story(user, title="Weak one")
    body = owner_client.get("/export/json/", {"grade": "weak"}).content.decode()
    assert "Weak one" in body and "Strong one" not in body
    assert "coach&#x27;s grade: weak" in owner_client.get("/export/", {"grade": "weak"}).content.decode()


def test_the_weakest_first_list_costs_the_same_for_3_and_30_stories(guide, owner_client, user, django_assert_num_queries):
    def count_for(n):
        for i in range(n):
            make_story(user, title=f"S{i}", values=["candor-feedback"], questions=["candor-direct-communication-1"])
        owner_client.get("/stories/?sort=grade")
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            owner_client.get("/stories/?sort=grade")
        return len(ctx.captured_queries)

    first = count_for(3)
    assert count_for(27) == first


def test_might_fit_on_the_dashboard_shows_the_suggested_storys_grade(guide, owner_client, user):
    make_story(user, title="Disagreed on direction", challenge="My lead and I disagreed about the technical "
               "direction of search, and I had to handle the disagreement.")
    html = owner_client.get("/coverage/").content.decode()
    item = html[html.index('class="might-fit-item"'):]
    item = item[: item.index("</span>\n")]
    assert "Disagreed on direction" in item and 'data-grade="weak"' in item
