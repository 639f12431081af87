"""The coach in the editor: a draft from what the user is typing, and the blockers that a Ready save meets."""

from guide.models import Level

from ..fields import parse_id
from ..models import PART_FIELDS, Story
from .findings import StoryDraft
from .review import coach_guide, review_draft

MAX_TEXT = 20_000  # characters read of one field: more than a part may hold, so nothing real is cut


def _ids(values) -> set[int]:
    return {i for i in (parse_id(str(v)) for v in values) if i is not None}


def draft_from_post(data, *, wpm: int, guide) -> StoryDraft:
    """A draft from the editor's form fields as posted (a QueryDict), valid or not.

    Odd input never raises: unknown ids count as tags the user chose (only how many matters),
    a team size that is not a whole number is left out, and each text is read up to MAX_TEXT.
    """
    level = None
    level_id = parse_id(data.get("level", ""))
    if level_id is not None:
        level = Level.objects.filter(guide=guide, pk=level_id).values_list("code", flat=True).first()
    team = parse_id(data.get("team_size", ""))
    return StoryDraft(
        parts={name: data.get(name, "")[:MAX_TEXT] for name in PART_FIELDS},
        title=data.get("title", "")[:MAX_TEXT],
        summary=data.get("summary", "")[:MAX_TEXT],
        level=level or "",
        team_size=team if team is not None and team <= 100_000 else None,
        value_count=len(_ids(data.getlist("values"))),
        question_count=len(_ids(data.getlist("questions"))),
        wpm=wpm,
    )


def draft_from_form(form, *, wpm: int) -> StoryDraft:
    """A draft from a valid StoryForm's cleaned data."""
    data = form.cleaned_data
    return StoryDraft(
        parts={name: data.get(name) or "" for name in PART_FIELDS},
        title=data.get("title") or "",
        summary=data.get("summary") or "",
        level=data["level"].code if data.get("level") else "",
        team_size=data.get("team_size"),
        value_count=len(data.get("values") or ()),
        question_count=len(data.get("questions") or ()),
        wpm=wpm,
    )


def ready_blockers(form, *, wpm: int, guide, confirmed: bool):
    """The blockers of a story being marked Ready by this save, unless the user `confirmed` them.

    Empty when the form does not mark the story Ready, when the story was Ready already (the
    confirmation is asked once, when it becomes Ready), or when the story has no blocker.
    """
    if confirmed or form.cleaned_data.get("status") != Story.Status.READY:
        return []
    if form.instance.pk and form.initial.get("status") == Story.Status.READY:
        return []
    return review_draft(draft_from_form(form, wpm=wpm), coach_guide(guide)).blockers
