"""The coach on stories as candidates keep them (../shared/field-cases/): other languages and Markdown."""

import json
import re

import pytest

from stories.coach import text
from stories.coach.findings import StoryDraft
from stories.coach.review import coach_guide, review_draft
from stories.models import PART_FIELDS
from tests.conftest import make_story
from tests.field_cases import field_case, markdown_part_samples


@pytest.fixture
def arabic_and_chinese():
    return json.loads(field_case("09-arabic-chinese.json"))["stories"]


def draft_of(record, **extra):
    return StoryDraft(
        parts={name: record[name] for name in PART_FIELDS},
        title=record["title"],
        summary=record["summary"],
        level=record["level"],
        team_size=record["team_size"],
        value_count=len(record["values"]),
        question_count=1,
        **extra,
    )


def test_arabic_and_chinese_parts_are_not_judged_on_english_words(guide, arabic_and_chinese):
    guide_data = coach_guide(guide)
    for record in arabic_and_chinese:
        codes = {f.code for f in review_draft(draft_of(record), guide_data).findings}
        # No English word list can find these in Arabic or Chinese: they would all be false alarms.
        assert not codes & {"impact-no-figure", "impact-no-member", "no-decision-verb", "challenge-no-stakes",
                            "we-heavy", "red-flag", "vague-magnitude", "l7-no-scope"}, (record["title"], codes)
        assert "language" in codes


def test_a_story_the_coach_cannot_read_is_at_best_workable(guide, arabic_and_chinese):
    guide_data = coach_guide(guide)
    for record in arabic_and_chinese:
        review = review_draft(draft_of({**record, "team_size": None}), guide_data)
        assert review.grade != "strong", (record["title"], review.score)


def test_chinese_parts_are_not_called_one_word_long(guide, arabic_and_chinese):
    """They are judged by their real length: Chinese is timed at 200 characters a minute at 150 words a
    minute, so the Challenge's 77 characters fill most of its 30 s (about 100 characters) and the other
    parts (38, 48, 28 and 28 characters) are each under a third of their budgets."""
    chinese = next(r for r in arabic_and_chinese if re.search("[\u4e00-\u9fff]", r["title"]))
    findings = review_draft(draft_of(chinese), coach_guide(guide)).findings
    thin = {f.part: f.message for f in findings if f.code == "part-thin"}
    assert set(thin) == {"decision", "execution", "communication", "impact"}
    assert thin["decision"] == "Autonomous Decision is 38 characters; its 60 s hold about 200 characters at your pace."
    assert not [f for f in findings if f.code in ("part-empty", "part-over", "story-over")]


def test_a_long_chinese_part_is_over_its_budget(guide, arabic_and_chinese):
    chinese = next(r for r in arabic_and_chinese if re.search("[\u4e00-\u9fff]", r["title"]))
    record = {**chinese, "challenge": chinese["challenge"] * 2}  # 154 characters: 46 s at 200 a minute
    over = [f for f in review_draft(draft_of(record), coach_guide(guide)).findings if f.code == "part-over"]
    assert [(f.part, f.message) for f in over] == [("challenge", "Challenge takes 0:46, over its 0:30.")]
    assert over[0].hint.startswith("Cut to about 100 characters")


def test_arabic_parts_keep_their_length_checks(guide, arabic_and_chinese):
    arabic = next(r for r in arabic_and_chinese if re.search("[\u0600-\u06ff]", r["title"]))
    codes = [f.code for f in review_draft(draft_of(arabic), coach_guide(guide)).findings]
    assert "part-thin" in codes  # Arabic is written with spaces: its words are counted


def test_english_with_accents_is_still_judged():
    assert text.reads_as_english("Le déploiement a réduit la latence de 40 % pour les utilisateurs.")
    assert not text.reads_as_english("把每次问答都先存下来。")


def test_markdown_part_samples_read_as_plain_words(guide):
    blocks = markdown_part_samples()
    assert len(blocks) == 4
    for block in blocks:
        plain = text.plain_text(block)
        assert "**" not in plain and "```" not in plain and "~~" not in plain
    # The fenced block's "GET /product/42" is code, not a figure of the part.
    assert not text.has_figure(text.plain_text(blocks[1]))


def test_the_story_page_of_a_chinese_story_shows_the_language_tip(owner_client, user, guide, arabic_and_chinese):
    chinese = next(r for r in arabic_and_chinese if re.search("[\u4e00-\u9fff]", r["title"]))
    story = make_story(user, **{name: chinese[name] for name in ("title", "summary", *PART_FIELDS)}, level="L5")
    html = owner_client.get(story.get_absolute_url()).content.decode()
    assert "The coach reads English" in html
    assert "gives no figure" not in html


def test_arabic_titles_and_fields_read_right_to_left(owner_client, user, guide, arabic_and_chinese):
    arabic = next(r for r in arabic_and_chinese if re.search("[\u0600-\u06ff]", r["title"]))
    story = make_story(user, **{name: arabic[name] for name in ("title", "summary", *PART_FIELDS)})
    page = owner_client.get(story.get_absolute_url()).content.decode()
    assert f'<h1 class="h2 mb-2 story-title" dir="auto">{arabic["title"]}</h1>' in page
    editor = owner_client.get(f"/stories/{story.pk}/edit/").content.decode()
    assert re.search(r'<input type="text" name="title"[^>]*dir="auto"', editor)
    assert editor.count('dir="auto" rows="5"') == 5  # the five parts
    assert f'<h2 class="h5 mb-1" dir="auto"><a href="/stories/{story.pk}/">' in owner_client.get("/stories/").content.decode()
