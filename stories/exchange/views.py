"""Export and import pages. The work happens in the modules beside this one (formats.py lists the
downloads; plan.py and apply.py do the import)."""

import json

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from guide.models import Level, Question, Theme, Value
from stories.coach.listing import only_grade
from stories.filters import StoryFilter, filter_stories
from stories.models import Story
from stories.ownership import get_story_or_404
from stories.pagecache import profile_of
from stories.structure import default_guide

from .apply import apply_plan
from .formats import FORMATS, STORY_FORMATS
from .mapping import ACTION_CHOICES
from .mapping_form import MappingForm
from .paste import MAX_PASTE, split_story
from .pending import content_of, find, keep, take
from .plan import plan_import, size_problem
from .printing import print_context
from .template_files import template_csv, template_xlsx

ACCEPT = (".json,.csv,.tsv,.txt,.xlsx,.md,.markdown,.zip,application/json,text/csv,text/tab-separated-values,"
          "text/plain,text/markdown,application/zip,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
PENDING_IMPORT = "exchange_import"  # session key: the id of the PendingImport between preview and confirm


def _chosen_stories(request):
    """The whole bank, or what the story list's filter (in the query string) shows."""
    bank = Story.objects.for_user(request.user).active()
    if request.GET.get("scope") == "all":
        return bank
    return _filtered(request, bank, StoryFilter.from_params(request.GET))


def _filtered(request, bank, story_filter):
    """The list's filter applied to `bank`, the coach's grade included."""
    stories = filter_stories(bank, story_filter)
    if story_filter.grade:
        wpm = profile_of(request).words_per_minute
        stories = only_grade(stories, story_filter.grade, wpm=wpm, guide=default_guide())
    return stories


def _attachment(content, filename, content_type):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def _download(fmt, stories, user, stem):
    name = f"{stem}-{timezone.localdate():%Y-%m-%d}.{fmt.extension}"
    return _attachment(fmt.build(stories, user), name, fmt.content_type)


def describe_filter(story_filter):
    """The filter in words, e.g. ["value: Candor & Feedback", "search: “latency”"]."""
    guide = default_guide()
    names = []
    for key, model, attr in [("value", Value, "name"), ("question", Question, "text"), ("theme", Theme, "name"),
                             ("level", Level, "code")]:
        slug = getattr(story_filter, key)
        if slug:
            item = model.objects.filter(guide=guide, slug=slug.lower()).first()
            names.append(f"{key}: {getattr(item, attr) if item else slug}")
    if story_filter.tag:
        names.append(f"tag: {story_filter.tag}")
    if story_filter.status:
        names.append(f"status: {Story.Status(story_filter.status).label}")
    if story_filter.grade:
        names.append(f"coach's grade: {story_filter.grade}")
    if story_filter.q:
        names.append(f"search: “{story_filter.q}”")
    return names


@login_required
def export_page(request):
    story_filter = StoryFilter.from_params(request.GET)
    bank = Story.objects.for_user(request.user).active()
    total = bank.count()
    context = {
        "formats": FORMATS.values(),
        "total": total,
        "filter": story_filter,
        "filter_params": story_filter.as_params(),
        "filter_words": describe_filter(story_filter) if story_filter.is_active else [],
        "shown": _filtered(request, bank, story_filter).count() if story_filter.is_active else total,
    }
    return render(request, "stories/exchange/export.html", context)


@login_required
def export_download(request, fmt):
    if fmt not in FORMATS:
        raise Http404("No such export format")
    stem = "storybank-coverage" if fmt == "coverage" else "storybank"
    return _download(FORMATS[fmt], _chosen_stories(request), request.user, stem)


def _print(request, stories, single=False):
    context = print_context(stories, request.user) | {"single": single}
    return render(request, "stories/exchange/print.html", context)


@login_required
def export_print(request):
    return _print(request, _chosen_stories(request))


@login_required
def export_story(request, pk, fmt):
    story = get_story_or_404(request, pk)
    stories = Story.objects.filter(pk=story.pk)
    if fmt == "print":
        return _print(request, stories, single=True)
    if fmt not in STORY_FORMATS:
        raise Http404("No such export format")
    return _download(FORMATS[fmt], stories, request.user, f"story-{slugify(story.title)[:60] or story.pk}")


# Import ------------------------------------------------------------------------------------------


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Your stories: a spreadsheet, Markdown notes, a Notion export or JSON",
        help_text="A .csv (commas, semicolons or tabs) or .xlsx spreadsheet, Markdown notes (.md), a Notion "
        "export (.zip) or a JSON file, up to 5 MB. Nothing is written before you confirm the preview.",
        widget=forms.FileInput(attrs={"accept": ACCEPT}),
    )


@login_required
def import_page(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        problem = size_problem(upload.size)
        raw = b"" if problem else upload.read()
        plan = None if problem else plan_import(request.user, raw, upload.name)
        if problem or plan.fatal:
            for message in [problem] if problem else plan.errors:
                form.add_error("file", message)
        else:
            pending = keep(request.user, raw, upload.name, replaces=request.session.get(PENDING_IMPORT))
            request.session[PENDING_IMPORT] = str(pending.pk)
            return redirect("exchange:mapping" if plan.needs_mapping else "exchange:preview")
    status = 400 if form.errors else 200
    return render(request, "stories/exchange/import.html", {"form": form}, status=status)


NO_FILE = (messages.INFO, "Choose a file to import first.")


def _pending_plan(request, missing=NO_FILE):
    """(the user's PendingImport, its plan), or (None, None) with a message: `missing` ((level, text)) when
    no file waits, or that the file waited too long and was removed."""
    pending, expired = find(request.user, request.session.get(PENDING_IMPORT))
    if pending is None:
        if expired:
            messages.warning(request, "The file waiting to be imported was kept for a day and has been removed; "
                                      "nothing was changed. Upload it again.")
        else:
            messages.add_message(request, *missing)
        request.session.pop(PENDING_IMPORT, None)
        return None, None
    # Re-read and re-checked against the bank as it is now: the row only keeps the file.
    return pending, plan_import(request.user, content_of(pending), pending.filename, mapping=pending.mapping)


@login_required
def import_preview(request):
    pending, plan = _pending_plan(request)
    if plan is None:
        return redirect("exchange:import")
    if plan.needs_mapping:
        return redirect("exchange:mapping")
    context = {"plan": plan, "filename": pending.filename, "form": ImportForm()}
    return render(request, "stories/exchange/preview.html", context)


TEMPLATES = {
    "csv": ("text/csv; charset=utf-8", template_csv),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", template_xlsx),
}


@login_required
def import_template(request, ext):
    if ext not in TEMPLATES:
        raise Http404("No such template")
    content_type, build = TEMPLATES[ext]
    return _attachment(build(default_guide()), f"storybank-template.{ext}", content_type)


def _storable(text):
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # an unpaired surrogate, from a \ud800 escape in the JSON
        return False
    return True


@login_required
@require_POST
def split_story_view(request):
    """JSON in ({"text", "action"}) and out (paste.split_story's result); 400 with "error" for bad input."""
    try:
        body = json.loads(request.body or b"{}")
    except (ValueError, RecursionError):
        body = None
    text = body.get("text") if isinstance(body, dict) else None
    action = body.get("action", "split") if isinstance(body, dict) else None
    problem = None
    if not isinstance(text, str) or not isinstance(action, str) or action not in ACTION_CHOICES:
        problem = "Send {\"text\": the story, \"action\": \"split\", \"decision\" or \"execution\"}."
    elif len(text) > MAX_PASTE:
        problem = f"The text is {len(text):,} characters long; paste at most {MAX_PASTE:,}."
    elif "\x00" in text or not _storable(text):
        problem = "The text holds a NUL character or an unpaired surrogate, which cannot be stored."
    if problem:
        return JsonResponse({"error": problem}, status=400)
    return JsonResponse(split_story(text, action))


@login_required
def import_mapping(request):
    """The column-mapping step for someone else's table: each column's guess, to confirm or change."""
    pending, plan = _pending_plan(request)
    if plan is None:
        return redirect("exchange:import")
    if plan.table is None:
        messages.info(request, "This file has Story Bank's own columns: no mapping is needed.")
        return redirect("exchange:preview")
    form = MappingForm(plan.table, plan.mapping, request.POST or None)
    if form.is_valid():
        pending.mapping = form.mapping().as_data()
        pending.save(update_fields=["mapping"])
        return redirect("exchange:preview")
    context = {"plan": plan, "filename": pending.filename, "form": form, "rows": form.column_rows()}
    return render(request, "stories/exchange/mapping.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def import_confirm(request):
    pending, plan = _pending_plan(request, (messages.ERROR, "There is no file waiting to be imported; upload it again."))
    if plan is None:
        return redirect("exchange:import")
    if not plan.is_valid:
        messages.error(request, "This file cannot be imported; nothing was changed. Fix the problems listed.")
        return redirect("exchange:preview")
    if request.POST.get("digest") != plan.digest:
        messages.warning(
            request,
            "Your stories or the file waiting to be imported changed since this preview (another tab?). "
            "Check the new preview, then import.",
        )
        return redirect("exchange:preview")
    try:
        with transaction.atomic():
            # Taking the row first makes a second confirm of the same file (another tab, another app
            # server) wait for this one and then find nothing to import.
            taken = take(pending)
            counts = apply_plan(plan) if taken else None
    except IntegrityError:
        messages.error(request, "The import failed and nothing was changed: a story's id was taken meanwhile. "
                                "Try again.")
        return redirect("exchange:preview")
    request.session.pop(PENDING_IMPORT, None)
    if counts is None:
        messages.info(request, "This file was already imported (from another tab?); nothing more was changed.")
        return redirect("stories:list")
    messages.success(
        request,
        f"Imported “{pending.filename}”: {counts['created']} created, {counts['updated']} updated, "
        f"{counts['skipped']} unchanged.",
    )
    return redirect("stories:list")


@login_required
@require_POST
def import_cancel(request):
    pending, _ = find(request.user, request.session.pop(PENDING_IMPORT, None))
    if pending is not None:
        pending.delete()
    messages.info(request, "Import cancelled; nothing was changed.")
    return redirect("exchange:import")
