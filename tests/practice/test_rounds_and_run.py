"""A round as a session of focus questions; what the run shows per part; drills; the charts."""

from datetime import UTC, date, datetime
from types import SimpleNamespace

from guide.models import InterviewRound, Question, QuestionCategory
from stories.practice import charts, rounds, run
from stories.structure import story_parts
from tests.conftest import make_story


def _session(slug):
    rnd = InterviewRound.objects.get(slug=slug)
    questions = list(Question.objects.select_related("category").order_by("category__order", "order"))
    values = {c.pk: list(c.values.all()) for c in QuestionCategory.objects.all()}
    return rounds.round_session(rnd, questions, values)


def test_a_round_takes_the_questions_that_match_its_focus_as_many_as_its_minutes_allow(guide):
    session = _session("peer-manager")  # Team leadership, Candor & feedback, Culture building; 45 min
    assert session.matched
    assert len(session.questions) == 45 // rounds.QUESTION_MINUTES == 7
    assert session.seconds == 2700
    categories = {q.category.slug for q in session.questions}
    assert categories <= {
        "team-leadership-culture",
        "candor-direct-communication",
        "high-performance-culture",
        "freedom-responsibility",
        "innovation-member-focus",
    }
    assert "team-leadership-culture" in categories and "candor-direct-communication" in categories


def test_the_technical_round_draws_on_technical_questions(guide):
    session = _session("technical-leadership")
    assert session.questions[0].category.slug == "technical-leadership-at-netflix-scale"


def test_a_round_whose_focus_matches_nothing_falls_back_to_the_guides_first_questions(guide):
    rnd = SimpleNamespace(minutes=12, focus=["Zebra husbandry"])
    questions = list(Question.objects.select_related("category").order_by("category__order", "order"))
    session = rounds.round_session(rnd, questions, {})
    assert not session.matched
    assert session.questions == questions[:2]


def test_the_run_parts_give_budgets_words_that_fit_and_a_cue(guide, user):
    story = make_story(
        user,
        challenge="**Playback** start-up times doubled two weeks before a global launch, "
        "and nobody owned it.",
        decision="",
    )
    parts = run.run_parts(story_parts(), story, wpm=120)
    assert [p.budget for p in parts] == [30, 60, 90, 30, 30]
    assert [p.words_allowed for p in parts] == [60, 120, 180, 60, 60]
    assert parts[0].cue == "Playback start-up times doubled two weeks before a…"
    assert parts[0].written_seconds == 7  # 14 words at 120 a minute
    assert "<strong>Playback</strong>" in parts[0].text_html
    assert parts[1].cue == "" and parts[1].text_html == ""
    assert all(p.template for p in parts)


def test_without_a_story_the_run_parts_have_no_cue(guide):
    parts = run.run_parts(story_parts(), None, wpm=150)
    assert {p.cue for p in parts} == {""}
    assert parts[2].words_allowed == 225


def test_drills_come_from_the_coach_review_when_there_is_one():
    review = SimpleNamespace(
        checklist=["Did you say what *you* decided?", "<b>x</b>"],
        probes=[SimpleNamespace(text="p1"), SimpleNamespace(text="p2"), SimpleNamespace(text="p3")],
    )
    drills = run.drills_for(review)
    assert drills.from_coach
    assert drills.checklist == ["Did you say what <em>you</em> decided?", "&lt;b&gt;x&lt;/b&gt;"]
    assert [p.text for p in drills.probes] == ["p1", "p2"]


def test_without_a_review_the_guides_checklist_and_two_generic_probes_stand_in():
    drills = run.drills_for(None)
    assert not drills.from_coach
    assert len(drills.checklist) == 5 and len(drills.probes) == 2
    assert "Did you say the figure" in drills.checklist[2]


def test_the_per_day_chart_draws_a_bar_per_day_with_its_count(guide):
    svg = charts.per_day_chart([(date(2025, 3, 1), 0), (date(2025, 3, 2), 3)])
    assert svg.count('<rect class="bar"') == 2
    assert "<title>Sun 02 Mar: 3 rehearsals</title>" in svg
    assert 'role="img"' in svg and "3 rehearsals in the last 2 days" in svg


def test_the_parts_chart_stacks_the_parts_and_marks_the_budget(guide):
    at = datetime(2025, 3, 2, 10, 0, tzinfo=UTC)
    svg = charts.parts_chart([{"part_seconds": [40, 60, 90, 30, 30], "created_at": at}], story_parts())
    assert svg.count("<rect ") == 5
    assert "Challenge: 40 s of 30 s" in svg
    assert "budget 4:00" in svg
    assert "No rehearsal yet" in charts.parts_chart([], story_parts())


def test_the_cue_drops_the_punctuation_before_its_ellipsis():
    assert run.cue_for("I chose to tell him the same day, in private.") == "I chose to tell him the same day…"
    assert run.cue_for("Short one.") == "Short one."
