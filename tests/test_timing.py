import pytest

from stories.timing import format_seconds, part_status, speaking_seconds, story_timing, word_count

PARTS = [("challenge", "Challenge", 30), ("decision", "Autonomous Decision", 60),
         ("execution", "High Performance Execution", 90), ("communication", "Direct Communication", 30),
         ("impact", "Member Impact", 30)]


@pytest.mark.parametrize(
    "text,words",
    [
        ("", 0),
        ("   \n\t ", 0),
        ("one", 1),
        ("Cut p99 latency by 40%", 5),
        ("- item one\n- item two", 4),  # list marks are not words
        ("**bold** and _em_", 3),
        ("naïve café déjà-vu", 3),
        ("a — b", 2),
        ("99.9% uptime", 2),
        ("# Heading\n\n> quote", 2),
    ],
)
def test_word_count_counts_spoken_words(text, words):
    assert word_count(text) == words


def test_speaking_time_uses_the_pace():
    assert speaking_seconds(150, 150) == 60
    assert speaking_seconds(75, 150) == 30
    assert speaking_seconds(75, 100) == 45
    assert speaking_seconds(1, 150) == 0  # 0.4 s rounds down
    assert speaking_seconds(1, 120) == 1  # 0.5 s rounds up, as in the editor
    assert speaking_seconds(15, 200) == 5


@pytest.mark.parametrize("seconds,status", [(0, "ok"), (23, "ok"), (24, "near"), (30, "near"), (31, "over")])
def test_part_status_turns_near_at_80_percent_and_over_past_the_budget(seconds, status):
    assert part_status(seconds, 30) == status


def test_story_timing_sums_the_parts_against_four_minutes():
    texts = ["word " * 75, "word " * 100, "", "word " * 80, "word"]
    timing = story_timing(texts, PARTS, wpm=150)
    assert [p.seconds for p in timing.parts] == [30, 40, 0, 32, 0]
    assert [p.status for p in timing.parts] == ["near", "ok", "ok", "over", "ok"]
    assert timing.seconds == 102
    assert timing.budget == 240
    assert timing.words == 256
    assert timing.clock == "1:42" and timing.budget_clock == "4:00"
    assert timing.status == "ok"


def test_format_seconds():
    assert format_seconds(0) == "0:00"
    assert format_seconds(65) == "1:05"
    assert format_seconds(240) == "4:00"
