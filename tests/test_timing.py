import json

import pytest

from stories.models import PART_FIELDS
from stories.timing import (
    SpokenLength,
    fits_in,
    format_seconds,
    part_status,
    speaking_seconds,
    spoken_length,
    story_timing,
    word_count,
)
from tests.conftest import make_story
from tests.field_cases import field_case

PARTS = [("challenge", "Challenge", 30), ("decision", "Autonomous Decision", 60),
         ("execution", "High Performance Execution", 90), ("communication", "Direct Communication", 30),
         ("impact", "Member Impact", 30)]


@pytest.fixture
def arabic_and_chinese():
    return json.loads(field_case("09-arabic-chinese.json"))["stories"]


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


# Shared with the editor's script: tests/browser/test_stories_browser.py checks it gives the same.
SCRIPT_SAMPLES = {
    "我决定不等待整个流程结束": SpokenLength(chinese=12),
    "我们把 p99 延迟降到 80 ms。": SpokenLength(words=3, chinese=7),  # p99, 80, ms
    "我用Redis缓存了数据": SpokenLength(words=1, chinese=7),
    "、。，！？「」（）": SpokenLength(),  # CJK punctuation is not said
    "わたしはカレーが好きです": SpokenLength(japanese=12),  # kana present: the kanji count as Japanese
    "東京タワー": SpokenLength(japanese=5),  # the long-vowel mark ー is a mora
    "ผมตัดสินใจเอง": SpokenLength(thai=11),  # 13 code points, two of them marks above the letters
    "ทีม 5 คน": SpokenLength(words=1, thai=4),
    "𠀀𠀁 rare": SpokenLength(words=1, chinese=2),  # Han beyond the Basic Multilingual Plane
    "한국어는 띄어 씁니다": SpokenLength(words=3),  # Korean is written with spaces: words
}


@pytest.mark.parametrize("text,length", SCRIPT_SAMPLES.items())
def test_scripts_without_spaces_are_counted_by_characters(text, length):
    assert spoken_length(text) == length
    assert word_count(text) == length.words


def test_character_rates_at_the_default_pace():
    assert speaking_seconds(SpokenLength(chinese=200)) == 60
    assert speaking_seconds(SpokenLength(japanese=300)) == 60
    assert speaking_seconds(SpokenLength(thai=500)) == 60
    assert speaking_seconds(SpokenLength(words=150)) == speaking_seconds(150) == 60


def test_the_pace_scales_the_character_rates_in_proportion():
    # 120 words a minute is 4/5 of 150: 160 Chinese characters a minute instead of 200.
    assert speaking_seconds(SpokenLength(chinese=160), 120) == 60
    assert speaking_seconds(SpokenLength(chinese=100), 300) == 15
    assert fits_in(30, 120, "chinese") == 80 and fits_in(30, 120) == 60


def test_mixed_text_sums_words_and_characters():
    # 75 words (30 s) and 100 Chinese characters (30 s)
    length = spoken_length("word " * 75 + "字" * 100)
    assert length == SpokenLength(words=75, chinese=100)
    assert speaking_seconds(length) == 60
    assert str(length) == "75 words + 100 characters"
    assert str(SpokenLength(chinese=1)) == "1 character" and str(SpokenLength()) == "0 words"


def test_the_chinese_field_case_is_timed_by_its_characters(arabic_and_chinese):
    chinese = arabic_and_chinese[1]
    timing = story_timing([chinese[field] for field, _, _ in PARTS], PARTS)
    assert [str(p.length) for p in timing.parts] == [
        "77 characters", "38 characters", "48 characters", "28 characters", "28 characters"]
    assert [p.seconds for p in timing.parts] == [23, 11, 14, 8, 8]
    assert timing.clock == "1:04" and str(timing.length) == "219 characters"


def test_the_story_page_times_a_chinese_story_by_its_characters(owner_client, user, guide, arabic_and_chinese):
    chinese = arabic_and_chinese[1]
    story = make_story(user, **{name: chinese[name] for name in ("title", "summary", *PART_FIELDS)})
    html = owner_client.get(story.get_absolute_url()).content.decode()
    assert 'data-total-seconds="64"' in html and "219 characters" in html
    assert "0:00" not in html.split('data-total-seconds="64"')[1][:20]
