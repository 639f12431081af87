"""The counts behind the coverage dashboard, and tagging a story from a suggestion."""

from django.utils import timezone

from guide.models import Question, Theme
from stories.coverage.counts import coverage_for_user, tag_story_with_question, theme_prompts
from stories.facts import forget_derived, load_story_facts
from stories.models import Profile, Story
from tests.conftest import make_story, make_strong_story


def by_slug(items, attr):
    return {getattr(item, attr).slug: item for item in items}


def test_a_new_user_has_every_value_and_question_uncovered(guide, user):
    coverage = coverage_for_user(user)
    s = coverage.summary
    assert (s.values_covered, s.values_total) == (0, 5)
    assert (s.questions_covered, s.questions_total) == (0, 33)
    assert (s.stories_ready, s.stories_total) == (0, 0)
    assert s.target == 2
    assert [v.shortfall for v in s.shortfall] == [2, 2, 2, 2, 2]
    assert s.missing_stories == 10
    assert all(v.status == "missing" for v in coverage.values)
    assert coverage.stretched == [] and coverage.fragile == []


def test_values_questions_and_ready_stories_are_counted(guide, user):
    make_strong_story(user, title="A", values=["candor-feedback"], questions=["candor-direct-communication-1"],
                      status=Story.Status.READY)
    make_story(user, title="B", values=["candor-feedback", "customer-obsession"],
               questions=["candor-direct-communication-1", "innovation-member-focus-3"])
    s = coverage_for_user(user).summary
    # B is a draft: it touches Customer Obsession and one more question, but covers neither.
    assert (s.values_covered, s.questions_covered, s.stories_ready, s.stories_total) == (1, 1, 1, 2)
    assert (s.values_thin, s.questions_thin) == (1, 1)


def test_each_value_lists_its_stories_and_a_matrix_cell_per_story(guide, user):
    a = make_strong_story(user, title="A", values=["candor-feedback"])
    b = make_strong_story(user, title="B", values=["candor-feedback", "customer-obsession"])
    coverage = coverage_for_user(user)
    values = by_slug(coverage.values, "value")
    assert [s.title for s in coverage.stories] == ["B", "A"]  # newest first, the columns' order
    assert [s.id for s in values["candor-feedback"].stories] == [b.id, a.id]
    assert [(story.title, on) for story, on in values["customer-obsession"].cells] == [("B", True), ("A", False)]
    assert values["candor-feedback"].status == "met"
    assert values["customer-obsession"].status == "short"
    assert values["innovation-risk-taking"].status == "missing"


def test_the_target_comes_from_the_profile_and_the_shortfall_lists_what_is_missing(guide, user):
    Profile.objects.create(user=user, stories_per_value=3)
    make_strong_story(user, title="A", values=["candor-feedback"])
    make_strong_story(user, title="B", values=["candor-feedback"])
    summary = coverage_for_user(user).summary
    assert summary.target == 3
    shortfall = {v.value.slug: v.shortfall for v in summary.shortfall}
    assert shortfall == {
        "candor-feedback": 1,
        "freedom-responsibility": 3,
        "high-performance-culture": 3,
        "innovation-risk-taking": 3,
        "customer-obsession": 3,
    }


def test_stories_in_the_trash_and_stories_of_other_users_do_not_count(guide, user, other_user):
    make_story(user, title="Trashed", values=["candor-feedback"], deleted_at=timezone.now())
    make_story(other_user, title="Theirs", values=["candor-feedback"], questions=["candor-direct-communication-1"])
    coverage = coverage_for_user(user)
    assert coverage.stories == []
    assert coverage.summary.values_covered == 0 and coverage.summary.questions_covered == 0


def test_questions_are_grouped_by_their_six_categories_with_the_stories_that_answer_them(guide, user):
    make_strong_story(user, title="A", questions=["high-performance-culture-2"])
    categories = coverage_for_user(user).categories
    assert [len(c.questions) for c in categories] == [5, 5, 5, 8, 5, 5]
    hpc = categories[1]
    assert hpc.category.name == "High Performance Culture"
    assert hpc.covered_count == 1
    answered = hpc.questions[1]
    assert answered.question.slug == "high-performance-culture-2"
    assert [s.title for s in answered.stories] == ["A"]
    assert answered.suggestions == []
    assert len(hpc.uncovered) == 4


def test_an_uncovered_question_carries_the_stories_that_answer_it_not_all_that_share_its_value(guide, user):
    make_story(user, title="Told my lead the plan was wrong", values=["candor-feedback"],
               challenge="Leadership had made a decision to ship without load tests, and I challenged it.")
    candor = coverage_for_user(user).categories[2]
    suggested = {q.question.slug: [s.story.title for s in q.suggestions] for q in candor.questions}
    assert suggested["candor-direct-communication-3"] == ["Told my lead the plan was wrong"]
    assert suggested["candor-direct-communication-4"] == []  # psychological safety: same value, not this story


def test_the_heat_of_a_question_counts_its_stories_up_to_three_or_more(guide, user):
    for n in range(4):
        make_strong_story(user, title=f"S{n}", questions=["candor-direct-communication-1"] if n else [])
    first, second = coverage_for_user(user).categories[2].questions[:2]
    assert (first.heat, second.heat) == (3, 0)
    make_strong_story(user, title="Another", questions=["candor-direct-communication-1"])
    assert coverage_for_user(user).categories[2].questions[0].heat == 3


def test_an_uncovered_theme_shows_the_guide_story_ideas_and_a_covered_one_its_stories(guide, user):
    make_story(user, title="CDN", themes=["global-streaming-at-scale"])
    themes = by_slug(coverage_for_user(user).themes, "theme")
    assert [s.title for s in themes["global-streaming-at-scale"].stories] == ["CDN"]
    team = themes["high-performance-team-building"]
    assert not team.covered
    assert team.prompts[0] == "Dramatically raising hiring standards and team performance"


def test_a_theme_without_a_story_ideas_list_prompts_with_its_challenges_and_story_framework(guide):
    prompts = theme_prompts(Theme.objects.get(slug="data-driven-personalization"))
    assert "Building recommendation systems that scale globally" in prompts
    assert prompts[-1].startswith("When working on [personalization challenge]")
    assert "Massive-scale recommendation engines" not in prompts  # "Unique Aspects" are not prompts


def test_levels_list_the_stories_written_for_them(guide, user):
    make_story(user, title="Staff story", level="L6")
    levels = {lc.level.code: lc for lc in coverage_for_user(user).levels}
    assert [s.title for s in levels["L6"].stories] == ["Staff story"]
    assert not levels["L5"].covered and not levels["L7"].covered


def test_each_round_counts_the_stories_whose_tags_fit_its_focus(guide, user):
    make_story(user, title="Candid", values=["candor-feedback"])
    make_story(user, title="Untagged but mentions candor and feedback")
    rounds = {rc.round.slug: rc for rc in coverage_for_user(user).rounds}
    assert rounds["peer-manager"].count == 1  # "Candid": the other only mentions the focus in its text
    assert rounds["technical-leadership"].count == 0
    assert len(rounds) == 6


def test_a_story_with_more_than_three_values_is_stretched_thin(guide, user):
    make_story(user, title="Three", values=["candor-feedback", "customer-obsession", "innovation-risk-taking"])
    make_story(user, title="Four", values=["candor-feedback", "customer-obsession", "innovation-risk-taking",
                                           "freedom-responsibility"])
    stretched = coverage_for_user(user).stretched
    assert [s.story.title for s in stretched] == ["Four"]
    assert [v.name for v in stretched[0].values] == [
        "Freedom & Responsibility", "Candor & Feedback", "Innovation & Risk-Taking", "Customer Obsession"
    ]


def test_a_value_held_up_by_a_single_story_is_fragile(guide, user):
    make_strong_story(user, title="A", values=["candor-feedback", "customer-obsession"])
    make_strong_story(user, title="B", values=["candor-feedback"])
    make_story(user, title="Draft", values=["customer-obsession"])  # a draft does not hold a value up
    fragile = coverage_for_user(user).fragile
    assert [v.value.slug for v in fragile] == ["customer-obsession"]


def test_the_stories_are_read_in_four_queries_however_many_there_are(guide, user, django_assert_num_queries):
    for n in range(30):
        make_story(user, title=f"S{n}", values=["candor-feedback"], questions=["candor-direct-communication-1"],
                   themes=["global-streaming-at-scale"])
    # stories; their values; their questions; their themes
    with django_assert_num_queries(4):
        facts = load_story_facts(user)
    assert len(facts) == 30


def test_the_whole_coverage_costs_a_fixed_number_of_queries(guide, user, django_assert_num_queries):
    Profile.for_user(user)
    make_story(user, title="A", values=["candor-feedback"])
    # profile; guide; values; categories; category values; questions; themes; rounds; levels;
    # the coach's story parts, levels and red flags (the guide's data, once per guide version);
    # stories; their stored derived facts (none yet); their texts; values; questions; themes;
    # storing what was derived
    with django_assert_num_queries(19):
        coverage_for_user(user)
    # profile; guide; stories (what was derived is in this process's memo)
    with django_assert_num_queries(3):
        coverage_for_user(user)
    for n in range(10):
        make_story(user, title=f"S{n}", values=["customer-obsession"], questions=["innovation-member-focus-1"])
    # + the 10 new stories' stored facts (none), texts, values, questions, themes, and one UPDATE
    with django_assert_num_queries(9):
        coverage_for_user(user)
    with django_assert_num_queries(3):
        coverage_for_user(user)
    forget_derived()  # another process: the stored facts are read, not derived again
    with django_assert_num_queries(4):
        coverage_for_user(user)


def test_tagging_a_story_with_a_question_is_a_new_version_with_one_revision(guide, user):
    story = make_story(user, title="A")
    question = Question.objects.get(slug="candor-direct-communication-2")
    revisions = story.history.count()
    assert tag_story_with_question(story, question) is True
    story.refresh_from_db()
    assert list(story.questions.all()) == [question]
    assert story.version == 2
    assert story.history.count() == revisions + 1
    latest = story.history.first()
    assert [q.question_id for q in latest.questions.all()] == [question.id]
    assert "Tagged with the question" in latest.history_change_reason


def test_tagging_a_story_again_with_the_same_question_changes_nothing(guide, user):
    story = make_story(user, title="A", questions=["candor-direct-communication-2"])
    revisions = story.history.count()
    assert tag_story_with_question(story, Question.objects.get(slug="candor-direct-communication-2")) is False
    story.refresh_from_db()
    assert story.version == 1 and story.history.count() == revisions
