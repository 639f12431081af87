"""What the print view shows (templates/stories/exchange/print.html): a cover, then a page per story."""

from stories.coach.review import coach_guide, review_story
from stories.markup import render_markdown
from stories.models import Profile
from stories.structure import default_guide, story_parts, timing_parts
from stories.timing import story_timing

from .coverage_matrix import coverage_summary
from .reading import for_reading


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
                (part, render_markdown(text)) for part, text in zip(parts, story.part_texts(), strict=True)
            ],
            "probes": review_story(story, wpm=wpm, guide=coach).probes,
        }
        for story in stories
    ]
    return {"pages": pages, "coverage": coverage_summary(stories, profile, guide), "guide": guide, "wpm": wpm}
