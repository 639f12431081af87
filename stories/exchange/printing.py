"""What the print view shows (templates/stories/exchange/print.html): a cover, then a page per story.

Each story starts a page; its title is the head of a table, which the browser repeats on every page the
story continues on. A part short enough (SHORT_PART_WORDS) is kept on one page rather than split.
"""

from stories.coach.review import coach_guide, review_story
from stories.markup import render_markdown
from stories.models import Profile
from stories.structure import default_guide, story_parts, timing_parts
from stories.timing import story_timing

from .coverage_matrix import coverage_summary
from .reading import for_reading

# About nine printed lines: a part this short moves to the next page whole rather than leave a line or two
# behind (a 30-second part is about 75 words at 150 a minute).
SHORT_PART_WORDS = 120


def is_short(text):
    """Whether a part's text (Markdown) is short enough to keep on one printed page: at most
    SHORT_PART_WORDS words (whitespace-separated)."""
    return len((text or "").split()) <= SHORT_PART_WORDS


def print_context(stories, owner, guide=None):
    """What the print view shows: the cover's coverage summary, then each story with rendered parts and
    the coach's follow-up probes."""
    guide = guide or default_guide()
    parts = story_parts(guide)
    profile = Profile.for_user(owner)
    wpm = profile.words_per_minute
    stories = for_reading(stories)
    coach = coach_guide(guide, parts)
    pages = [
        {
            "story": story,
            "summary": render_markdown(story.summary),
            "timing": story_timing(story.part_texts(), timing_parts(parts), wpm),
            "parts": [
                (part, render_markdown(text), is_short(text))
                for part, text in zip(parts, story.part_texts(), strict=True)
            ],
            "probes": review_story(story, wpm=wpm, guide=coach).probes,
        }
        for story in stories
    ]
    return {"pages": pages, "coverage": coverage_summary(stories, profile, guide), "guide": guide, "wpm": wpm}
