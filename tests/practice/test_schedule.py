"""The fsrs schedule with a fixed clock: new cards, ratings, order, the due count."""

from datetime import UTC, datetime, timedelta

import pytest

from guide.models import Question
from stories.models import PracticeCard, Rehearsal, Story
from stories.practice import schedule
from stories.practice.services import load_cards, save_rehearsal
from tests.conftest import make_story

NOW = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
GOOD = Rehearsal.Rating.GOOD


def test_a_card_never_rated_is_new_and_due_at_once():
    card = schedule.to_card(None, NOW)
    assert card.due == NOW
    assert card.stability is None


def test_good_on_a_new_card_brings_it_back_after_ten_minutes():
    row = schedule.review(PracticeCard(), GOOD, NOW)
    assert row.due == NOW + timedelta(minutes=10)
    assert row.last_review == NOW
    assert row.state == PracticeCard.State.LEARNING
    assert row.stability > 0


def test_again_brings_it_back_sooner_than_good_and_easy_much_later():
    due = schedule.preview(None, NOW)
    assert due[Rehearsal.Rating.AGAIN] == NOW + timedelta(minutes=1)
    assert due[Rehearsal.Rating.AGAIN] < due[Rehearsal.Rating.HARD] <= due[GOOD] < due[Rehearsal.Rating.EASY]
    assert due[Rehearsal.Rating.EASY] >= NOW + timedelta(days=1)


def test_two_goods_graduate_the_card_to_days_and_the_same_ratings_give_the_same_dates():
    def run():
        row = schedule.review(PracticeCard(), GOOD, NOW)
        return schedule.review(row, GOOD, NOW + timedelta(minutes=10))

    first, second = run(), run()
    assert first.state == PracticeCard.State.REVIEW
    assert first.due >= NOW + timedelta(days=1)
    assert first.due == second.due  # no fuzzing


def test_a_lapse_sends_a_reviewed_card_to_relearning():
    row = schedule.review(PracticeCard(), Rehearsal.Rating.EASY, NOW)
    later = row.due
    row = schedule.review(row, Rehearsal.Rating.AGAIN, later)
    assert row.state == PracticeCard.State.RELEARNING
    assert row.due == later + timedelta(minutes=10)


@pytest.mark.parametrize(
    ("delta", "words"),
    [
        (timedelta(seconds=20), "in 1 min"),
        (timedelta(minutes=10), "in 10 min"),
        (timedelta(hours=1), "in 1 hour"),
        (timedelta(hours=5), "in 5 hours"),
        (timedelta(days=1), "in 1 day"),
        (timedelta(days=12), "in 12 days"),
        (timedelta(days=90), "in 3 months"),
    ],
)
def test_intervals_read_as_a_person_says_them(delta, words):
    assert schedule.describe_interval(NOW + delta, NOW) == words


class Item:
    def __init__(self, pk, story_count=0):
        self.pk = pk
        self.story_count = story_count


def test_new_cards_come_first_in_guide_order_then_rated_ones_by_due_date():
    q1, q2, s1 = Item(1, 2), Item(2, 1), Item(7)
    later = PracticeCard(question_id=1, due=NOW + timedelta(days=2))
    overdue = PracticeCard(story_id=7, due=NOW - timedelta(days=1))
    cards = schedule.cards_for([s1], [q1, q2], [later, overdue], NOW)
    assert [(c.kind, c.target.pk) for c in cards] == [("story", 7), ("question", 2), ("question", 1)]
    assert [c.is_due(NOW) for c in cards] == [True, True, False]
    assert cards[1].is_new and not cards[2].is_new
    assert cards[2].story_count == 2
    assert schedule.next_due_at(cards, NOW) == NOW + timedelta(days=2)


def test_a_card_whose_story_or_question_is_gone_is_left_out():
    rows = [PracticeCard(question_id=5, due=NOW), PracticeCard(story_id=9, due=NOW)]
    assert schedule.cards_for([], [], rows, NOW) == []
    assert schedule.next_due_at([], NOW) is None


# The due count, against the database.


def test_the_due_count_counts_new_stories_and_questions_and_rated_cards_due(guide, user, other_user):
    story = make_story(user, questions=["candor-direct-communication-1", "candor-direct-communication-2"])
    make_story(other_user, questions=["candor-direct-communication-3"])
    assert schedule.due_count(user, NOW) == 3  # one story, two questions
    question = Question.objects.get(slug="candor-direct-communication-1")
    save_rehearsal(
        user,
        question=question,
        story=story,
        part_seconds=[30] * 5,
        budget_seconds=[30] * 5,
        rating=GOOD,
        now=NOW,
    )
    assert schedule.due_count(user, NOW) == 1  # the question and the story were rated
    assert schedule.due_count(user, NOW + timedelta(minutes=10)) == 3  # and come back after 10 minutes
    assert schedule.due_count(other_user, NOW) == 2


def test_the_due_count_leaves_out_trashed_stories_and_questions_no_story_answers(guide, user):
    story = make_story(user, questions=["candor-direct-communication-1"])
    save_rehearsal(
        user,
        question=Question.objects.get(slug="candor-direct-communication-1"),
        story=story,
        part_seconds=[1] * 5,
        budget_seconds=[30] * 5,
        rating=Rehearsal.Rating.AGAIN,
        now=NOW,
    )
    assert schedule.due_count(user, NOW + timedelta(hours=1)) == 2
    Story.objects.filter(pk=story.pk).update(deleted_at=NOW)
    assert schedule.due_count(user, NOW + timedelta(hours=1)) == 0
    assert PracticeCard.objects.filter(owner=user).count() == 2  # kept, should the story come back


def test_the_due_count_is_one_query(guide, user, django_assert_num_queries):
    for i in range(5):
        make_story(user, title=f"Story {i}", questions=[f"candor-direct-communication-{i % 3 + 1}"])
    with django_assert_num_queries(1):
        assert schedule.due_count(user, NOW) == 8


def test_loading_the_cards_agrees_with_the_due_count(guide, user):
    make_story(user, questions=["candor-direct-communication-1"])
    make_story(user, title="Second", questions=["candor-direct-communication-1"])
    cards = load_cards(user, NOW)
    assert len([c for c in cards if c.is_due(NOW)]) == schedule.due_count(user, NOW) == 3
    question_card = next(c for c in cards if c.kind == "question")
    assert question_card.story_count == 2


def test_rating_a_question_without_a_story_moves_no_card(guide, user):
    question = Question.objects.get(slug="candor-direct-communication-1")
    save_rehearsal(
        user,
        question=question,
        story=None,
        part_seconds=[10] * 5,
        budget_seconds=[30] * 5,
        rating=GOOD,
        now=NOW,
    )
    assert Rehearsal.objects.filter(owner=user).count() == 1
    assert not PracticeCard.objects.exists()


def test_cards_and_rehearsals_read_as_what_they_are(guide, user):
    story = make_story(user, title="Launch latency")
    rehearsal = save_rehearsal(
        user, question=None, story=story, part_seconds=[30] * 5, budget_seconds=[30] * 5, rating=GOOD, now=NOW
    )
    assert str(rehearsal) == "Rehearsal of Launch latency (Good)"
    assert str(PracticeCard.objects.get()) == "Card for Launch latency, due 2025-03-03 09:10"
    assert rehearsal.seconds == 150


def test_the_due_schedule_kept_per_revision_counts_as_the_due_count_at_any_time(guide, user):
    """The navigation's count (practice/services.py cached_due_count) is due_schedule read against the clock:
    the same figure as due_count, whatever the time, trashed stories and retired questions included."""
    from stories.models import Profile
    from stories.practice.services import cached_due_count

    stories = [
        make_story(user, title=f"Story {i}", questions=[f"candor-direct-communication-{i + 1}"])
        for i in range(3)
    ]
    for i, story in enumerate(stories):
        save_rehearsal(
            user,
            question=story.questions.first(),
            story=story,
            part_seconds=[30] * 5,
            budget_seconds=[30] * 5,
            rating=[GOOD, Rehearsal.Rating.AGAIN, Rehearsal.Rating.EASY][i],
            now=NOW,
        )
    Story.objects.filter(pk=stories[2].pk).update(deleted_at=NOW)
    Question.all_objects.filter(slug="candor-direct-communication-2").update(retired=True)
    Profile.bump_bank_revision(user)  # as the writes above would
    profile = Profile.for_user(user)
    for later in (
        timedelta(0),
        timedelta(minutes=5),
        timedelta(minutes=11),
        timedelta(days=3),
        timedelta(days=60),
    ):
        assert cached_due_count(profile, NOW + later) == schedule.due_count(user, NOW + later), later
