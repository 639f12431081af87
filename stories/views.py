from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from guide.models import Level, Question, Theme, Value

from . import merge as merging
from . import pagecache, services
from .coach import editor as coach_editor
from .coach import listing
from .coach.review import GRADE_LABELS, coach_guide, review_story
from .filters import StoryFilter, filter_stories
from .forms import StoryForm
from .markup import render_markdown
from .models import Story, Tag
from .ownership import get_story_or_404
from .revisions import story_diff, tag_changes
from .structure import default_guide, story_parts, timing_parts
from .templatetags.story_tags import ago_changes_at
from .timing import story_timing

PAGE_SIZE = 20
MAX_PREVIEW_LENGTH = 20_000


def _saved(request, story, *, created=False):
    """Tell the next page to forget the browser drafts this save made obsolete."""
    keys = [f"storybank:{request.user.pk}:story:{story.pk}"]
    if created:
        keys.append(f"storybank:{request.user.pk}:story:new")
    request.session["clear_drafts"] = keys
    messages.success(request, f"Saved “{story.title}”.")
    return redirect(story)


def _query_key(request) -> tuple:
    """The request's query parameters, in a fixed order: the part of a page key a filter or page makes."""
    return tuple(sorted((name, tuple(request.GET.getlist(name))) for name in request.GET))


@login_required
def story_list(request):
    """The list, its filters and pages: made once per bank revision and query, then from the cache."""
    profile = pagecache.profile_of(request)
    guide = default_guide()
    key = pagecache.cache_key("list", profile, guide, _query_key(request))
    html, _ = pagecache.fragments(key, lambda: _list_body(request, profile, guide))
    return render(request, "stories/list.html", {"body": pagecache.serve(request, html["body"])})


def _list_body(request, profile, guide):
    """The list's HTML, and until when its "updated ... ago" texts hold."""
    story_filter = StoryFilter.from_params(request.GET)
    wpm = profile.words_per_minute
    stories = filter_stories(
        Story.objects.for_user(request.user)
        .active()
        .select_related("level")
        .prefetch_related("values", "questions", "tags"),
        story_filter,
    )
    if story_filter.grade:
        stories = listing.only_grade(stories, story_filter.grade, wpm=wpm, guide=guide)
    reviews = {}  # story id -> review, when the sort already reviewed every story
    if story_filter.sort == "grade":
        graded = listing.weakest_first(listing.graded(stories, wpm=wpm, guide=guide))
        reviews = {story.pk: review for story, review in graded}
        stories = [story for story, _ in graded]
    page = Paginator(stories, PAGE_SIZE).get_page(request.GET.get("page"))
    parts = story_parts(guide)
    coach = coach_guide(guide, parts)
    rows = [
        (
            story,
            story_timing(story.part_texts(), timing_parts(parts), wpm),
            reviews.get(story.pk) or review_story(story, wpm=wpm, guide=coach),
        )
        for story in page
    ]
    context = {
        "page": page,
        "rows": rows,
        "filter": story_filter,
        "filter_params": story_filter.as_params(),
        "values": Value.objects.filter(guide=guide),
        "questions": Question.objects.filter(guide=guide),
        "themes": Theme.objects.filter(guide=guide),
        "levels": Level.objects.filter(guide=guide),
        "tags": Tag.objects.for_user(request.user),
        "statuses": Story.Status.choices,
        "guide": guide,
        "grades": list(GRADE_LABELS.items()),
        "has_any": page.paginator.count > 0 or Story.objects.for_user(request.user).active().exists(),
    }
    now = timezone.now()
    changes = [ago_changes_at(story.updated_at, now) for story, _, _ in rows]
    # With the request for {% querystring %}: its query is part of the page's key.
    html = pagecache.render_fragment("stories/_list_body.html", context, request=request)
    return {"body": html}, min(changes, default=None)


def _editor(request, form, story=None, merge=None, trashed=False, status=200, ready_blockers=()):
    """The editor page; `merge` (a merge.Merge) when a stale save was refused."""
    parts = form.parts
    merges = merge.by_field if merge else {}
    context = {
        "ready_blockers": ready_blockers,
        "form": form,
        "story": story,
        "parts": [(part, form[part.field]) for part in parts],
        "part_rows": [(part, form[part.field], merges.get(part.field)) for part in parts],
        "wpm": pagecache.profile_of(request).words_per_minute,
        "budget": sum(p.seconds for p in parts),
        "merge": merge,
        "title_merge": merges.get("title"),
        "summary_merge": merges.get("summary"),
        "trashed": trashed,
    }
    return render(request, "stories/edit.html", context, status=status)


def _initial_tags(request):
    """`?value=<slug>` or `?question=<slug>` preselects that tag on a new story."""
    initial = {}
    guide = default_guide()
    value = Value.objects.filter(guide=guide, slug=request.GET.get("value", "")).first()
    if value:
        initial["values"] = [value.pk]
    question = Question.objects.filter(guide=guide, slug=request.GET.get("question", "")).first()
    if question:
        initial["questions"] = [question.pk]
        initial.setdefault("values", list(question.category.values.values_list("pk", flat=True)))
    theme = Theme.objects.filter(guide=guide, slug=request.GET.get("theme", "")).first()
    if theme:
        initial["themes"] = [theme.pk]
    return initial


def _posted(request):
    """The editor's POST data; "Save as Draft" on the Ready confirmation saves with status Draft."""
    if request.method != "POST":
        return None
    if request.POST.get("save_as_draft") == "1":
        data = request.POST.copy()
        data["status"] = Story.Status.DRAFT
        return data
    return request.POST or None


@login_required
def story_new(request):
    guide = default_guide()
    form = StoryForm(
        _posted(request),
        initial=_initial_tags(request),
        user=request.user,
        guide=guide,
        parts=story_parts(guide),
    )
    if request.method == "POST" and form.is_valid():
        blockers = _ready_blockers(request, form, guide)
        if blockers:
            return _editor(request, form, ready_blockers=blockers)
        story = services.save_story(form, owner=request.user, new_tag_names=form.cleaned_data["new_tags"])
        return _saved(request, story, created=True)
    if request.method == "POST":
        messages.error(request, NOT_SAVED)
    return _editor(request, form, status=400 if request.method == "POST" else 200)


NOT_SAVED = "The story was not saved: see the marked fields. Everything you typed is still here."


def _ready_blockers(request, form, guide):
    """What stops this save from marking the story Ready, unless the user confirmed; see coach.editor."""
    return coach_editor.ready_blockers(
        form,
        wpm=pagecache.profile_of(request).words_per_minute,
        guide=guide,
        confirmed=request.POST.get("confirm_ready") == "1",
    )


@login_required
def story_edit(request, pk):
    story = get_object_or_404(Story.objects.for_user(request.user), pk=pk)
    if story.in_trash and request.method != "POST":
        raise Http404("This story is in the trash")
    guide = default_guide()
    form = StoryForm(
        merging.take_chosen(_posted(request), story),
        instance=story,
        initial={"version": story.version},
        user=request.user,
        guide=guide,
        parts=story_parts(guide),
    )
    if request.method == "POST" and story.in_trash:
        # Moved to the trash in another tab while this one was editing: keep the text, explain.
        messages.error(
            request,
            "This story was moved to the trash (in another tab or device) while you were editing, so your "
            "changes were not saved. Your text is below. Restore the story, then save again.",
        )
        return _editor(request, form, story=story, trashed=True, status=409)
    if request.method == "POST" and form.is_valid():
        # A stale form hears of the conflict first; the blockers it would be asked about are of old text.
        current = form.cleaned_data["version"] == story.version
        blockers = _ready_blockers(request, form, guide) if current else []
        if blockers:
            return _editor(request, form, story=story, ready_blockers=blockers)
        try:
            story = services.save_story(
                form,
                owner=request.user,
                expected_version=form.cleaned_data["version"],
                new_tag_names=form.cleaned_data["new_tags"],
            )
        except services.StaleEdit as stale:
            messages.error(
                request,
                "This story was saved elsewhere (another tab or device) after you opened it, so your changes "
                "were not saved yet. Your text is below; what the other save changed is listed above the form "
                "and shown under each part it changed. Choose what to keep, then save again.",
            )
            merge = merging.merge_form(form, stale.current, form.parts)
            return _editor(request, form, story=stale.current, merge=merge, status=409)
        return _saved(request, story)
    if request.method == "POST":
        messages.error(request, NOT_SAVED)
    return _editor(request, form, story=story, status=400 if request.method == "POST" else 200)


@login_required
def story_detail(request, pk):
    """A story's page. Its content is cached per bank revision: a hit was made for this user, at this
    revision, from a story of theirs not in the trash (a write to it, or its trashing, moves the revision)."""
    profile = pagecache.profile_of(request)
    guide = default_guide()
    key = pagecache.cache_key("story", profile, guide, (pk,))
    html, _ = pagecache.fragments(key, lambda: _detail_body(request, pk, profile, guide))
    return render(request, "stories/detail.html", {
        "title": html["title"],
        "body": pagecache.serve(request, html["body"]),
        "clear_drafts": request.session.pop("clear_drafts", None),
    })


def _detail_body(request, pk, profile, guide):
    """The story page's title and HTML, and until when its "updated ... ago" holds; a 404 for a story
    that is not the user's or is in the trash."""
    story = get_object_or_404(
        Story.objects.for_user(request.user)
        .active()
        .select_related("level__guide")
        .prefetch_related("values__guide", "questions__guide", "themes__guide", "tags"),
        pk=pk,
    )
    parts = story_parts(guide)
    timing = story_timing(story.part_texts(), timing_parts(parts), profile.words_per_minute)
    coach = coach_guide(guide, parts)
    review = review_story(story, wpm=timing.wpm, guide=coach)
    sections = [
        (part, render_markdown(getattr(story, part.field)), part_timing)
        for part, part_timing in zip(parts, timing.parts, strict=True)
    ]
    context = {
        "story": story,
        "sections": sections,
        "timing": timing,
        "review": review,
        "review_groups": review.by_part(coach),
    }
    html = {"title": story.title, "body": pagecache.render_fragment("stories/_detail_body.html", context)}
    return html, ago_changes_at(story.updated_at, timezone.now())


@login_required
@require_POST
def story_duplicate(request, pk):
    copy = services.duplicate_story(get_story_or_404(request, pk))
    messages.success(request, f"Duplicated as “{copy.title}”. Edit it to make it its own story.")
    return redirect(copy)


@login_required
def story_delete(request, pk):
    story = get_story_or_404(request, pk)
    if request.method == "POST":
        services.move_to_trash(story)
        messages.success(request, f"“{story.title}” moved to the trash. You can restore it from there.")
        return redirect("stories:list")
    return render(request, "stories/confirm_delete.html", {"story": story})


@login_required
def trash(request):
    stories = Story.objects.for_user(request.user).trashed().order_by("-deleted_at")
    page = Paginator(stories, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "stories/trash.html", {"page": page})


@login_required
@require_POST
def trash_restore(request, pk):
    story = get_story_or_404(request, pk, trashed=True)
    services.restore_from_trash(story)
    if request.POST.get("then") == "edit":
        messages.success(request, f"“{story.title}” is back. Restore your draft below, then save.")
        return redirect("stories:edit", story.pk)
    messages.success(request, f"“{story.title}” is back in your stories.")
    return redirect(story)


@login_required
def trash_purge(request, pk):
    story = get_story_or_404(request, pk, trashed=True)
    if request.method == "POST":
        title = story.title
        services.purge(story)
        messages.success(request, f"“{title}” was deleted for good.")
        return redirect("stories:trash")
    return render(request, "stories/confirm_purge.html", {"story": story})


@login_required
def story_history(request, pk):
    story = get_story_or_404(request, pk)
    records = story.history.select_related("history_user").order_by("-history_date", "-history_id")
    page = Paginator(records, 50).get_page(request.GET.get("page"))
    return render(request, "stories/history.html", {"story": story, "page": page})


def _diff_fields(parts):
    return [("title", "Title"), ("summary", "Summary")] + [(p.field, p.name) for p in parts]


def _texts(obj, fields):
    return {name: getattr(obj, name) or "" for name, _ in fields}


@login_required
def story_revision(request, pk, history_id):
    story = get_story_or_404(request, pk)
    record = get_object_or_404(story.history.all(), history_id=history_id)
    fields = _diff_fields(story_parts())
    diffs = story_diff(_texts(record, fields), _texts(story, fields), fields)
    changes = tag_changes(record, story)
    return render(
        request,
        "stories/revision.html",
        {
            "story": story,
            "record": record,
            "diffs": diffs,
            "tag_changes": changes,
            "unchanged": not any(d.changed for d in diffs) and not changes,
        },
    )


@login_required
@require_POST
def story_revision_restore(request, pk, history_id):
    story = get_story_or_404(request, pk)
    record = get_object_or_404(story.history.all(), history_id=history_id)
    services.restore_revision(story, record)
    messages.success(request, "The older revision is back. The text it replaced is kept in the history too.")
    return redirect(story)


@login_required
@require_POST
def preview(request):
    """The sanitized HTML of one part's Markdown, for the editor's preview."""
    text = request.POST.get("text", "")[:MAX_PREVIEW_LENGTH]
    return JsonResponse({"html": str(render_markdown(text))})
