"""History rules over plain data: overruns, stats, the streak, per-day counts, overuse, staleness."""

from datetime import UTC, date, datetime, timedelta

from stories.practice import history

NOW = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
TODAY = date(2025, 3, 3)


def row(story_id=None, question_id=None, seconds=(30, 60, 90, 30, 30), rating=3, at=NOW):
    return {
        "story_id": story_id,
        "question_id": question_id,
        "part_seconds": list(seconds),
        "budget_seconds": [30, 60, 90, 30, 30],
        "rating": rating,
        "created_at": at,
    }


def test_an_overrun_counts_each_part_on_its_own():
    assert history.overrun([40, 50, 90, 30, 30], [30, 60, 90, 30, 30]) == 10  # the 10 s saved do not pay
    assert history.overrun([0] * 5, [30] * 5) == 0


def test_stats_by_story_count_last_average_rating_and_overrun():
    rows = [
        row(1, rating=1, seconds=(50, 60, 90, 30, 30), at=NOW - timedelta(days=2)),
        row(1, rating=4),
        row(2),
    ]
    stats = history.stats_by(rows, "story_id")
    assert stats[1] == history.Stats(
        count=2, last=NOW, average_rating=2.5, average_overrun=10, average_seconds=250
    )
    assert stats[2].count == 1
    assert history.stats_by(rows, "question_id") == {}


def test_the_streak_counts_days_in_a_row_up_to_today_or_yesterday():
    assert history.streak([TODAY, TODAY - timedelta(days=1), TODAY - timedelta(days=2)], TODAY) == 3
    assert (
        history.streak([TODAY - timedelta(days=1), TODAY - timedelta(days=2)], TODAY) == 2
    )  # today still open
    assert history.streak([TODAY - timedelta(days=2)], TODAY) == 0
    assert history.streak([TODAY, TODAY - timedelta(days=2)], TODAY) == 1
    assert history.streak([], TODAY) == 0


def test_per_day_gives_every_day_of_the_span_oldest_first():
    days = history.per_day([TODAY, TODAY, TODAY - timedelta(days=3)], TODAY, span=5)
    assert days == [
        (TODAY - timedelta(days=4), 0),
        (TODAY - timedelta(days=3), 1),
        (TODAY - timedelta(days=2), 0),
        (TODAY - timedelta(days=1), 0),
        (TODAY, 2),
    ]


STORIES = [(1, "A"), (2, "B"), (3, "C")]


def test_a_story_told_far_more_often_than_the_rest_is_overused():
    warnings = history.overused(STORIES, {1: 6, 2: 1, 3: 1}, {})
    assert [(w.story_id, w.kind) for w in warnings] == [(1, "overused")]
    assert "told 6 times, against 1.0 on average" in warnings[0].reason


def test_a_few_tellings_or_an_even_spread_is_not_overuse():
    assert history.overused(STORIES, {1: 4, 2: 0, 3: 0}, {}) == []  # under five tellings
    assert history.overused(STORIES, {1: 8, 2: 5, 3: 5}, {}) == []  # not more than twice the others
    assert history.overused([(1, "A")], {1: 20}, {}) == []  # nothing to compare with


def test_a_story_planned_for_more_than_two_rounds_is_overused():
    warnings = history.overused(STORIES, {}, {2: 3, 3: 2})
    assert [(w.story_id, w.reason) for w in warnings] == [(2, "planned for 3 rounds of the loop")]


def test_a_ready_story_not_rehearsed_for_14_days_is_stale_longest_forgotten_first():
    last = {1: NOW - timedelta(days=13), 2: NOW - timedelta(days=15), 3: NOW - timedelta(days=30)}
    warnings = history.stale(STORIES + [(4, "D")], last, NOW)
    assert [w.story_id for w in warnings] == [4, 3, 2]
    assert warnings[0].reason == "Ready, never rehearsed"
    assert warnings[1].reason == "Ready, last rehearsed 30 days ago"


def test_a_ready_story_written_less_than_14_days_ago_and_never_rehearsed_is_not_stale_yet():
    written = {4: NOW - timedelta(days=2), 5: NOW - timedelta(days=20)}
    warnings = history.stale([(4, "New"), (5, "Old")], {}, NOW, written)
    assert [(w.story_id, w.reason) for w in warnings] == [(5, "Ready, never rehearsed")]


def test_part_averages_ignore_malformed_rows():
    rows = [row(seconds=(10, 20, 30, 40, 50)), row(seconds=(20, 40, 60, 80, 100)), {"part_seconds": [1]}]
    assert history.part_averages(rows) == [15, 30, 45, 60, 75]
    assert history.part_averages([]) == [0, 0, 0, 0, 0]
