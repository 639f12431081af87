"""The coach's grade in story lists: a badge per story, a filter by grade, weakest first."""

from .review import GRADES, Review, coach_guide, review_story


def graded(stories, *, wpm: int, guide) -> list[tuple[object, Review]]:
    """Each story of `stories` (a queryset) with its review at pace `wpm`: 3 queries for the stories,
    their values and questions, plus the coach's 3 for the guide."""
    rows = list(stories.select_related("level").prefetch_related("values", "questions"))
    guide_data = coach_guide(guide)
    return [(story, review_story(story, wpm=wpm, guide=guide_data)) for story in rows]


def weakest_first(rows: list[tuple[object, Review]]) -> list[tuple[object, Review]]:
    """Rows sorted by the coach's score, lowest first, then by title."""
    return sorted(rows, key=lambda row: (row[1].score, row[0].title.lower(), row[0].pk))


def only_grade(stories, grade: str, *, wpm: int, guide):
    """`stories` (a queryset) narrowed to those the coach grades `grade`; unchanged for an unknown grade."""
    if grade not in GRADES:
        return stories
    ids = [story.pk for story, review in graded(stories, wpm=wpm, guide=guide) if review.grade == grade]
    return stories.filter(pk__in=ids)
