"""The prep plan, its calendar and the debrief. Logic lives in phases.py, progress.py, calendar.py and
debrief.py; these views read, check and redirect."""

import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from stories.coverage.counts import coverage_for_user
from stories.fields import parse_id
from stories.models import AskedQuestion, Debrief, Profile
from stories.navigation import back
from stories.pagecache import profile_of
from stories.structure import default_guide

from . import debrief as debriefs
from .calendar import plan_calendar
from .forms import AskedFormSet, DebriefForm, PlanDateForm, guide_questions, story_choices
from .progress import local_today, plan_for, set_tick, user_zone

TOKEN_BYTES = 32  # secrets.token_urlsafe(32): 43 characters, 256 bits


def _now():
    """The clock of every view here (tests replace it)."""
    return timezone.now()


def _plan(user, profile, now):
    return plan_for(user, profile, coverage_for_user(user, profile), now)


@login_required
def home(request):
    """/plan/: the dated plan (or the checklist), the date form and the calendar links."""
    profile = profile_of(request)
    now = _now()
    plan = _plan(request.user, profile, now)
    feed_url = None
    if profile.calendar_token:
        feed_url = request.build_absolute_uri(
            reverse("plan:feed", args=[profile.pk, profile.calendar_token]))
    return render(request, "stories/plan/home.html", {
        "plan": plan, "profile": profile, "feed_url": feed_url,
        "date_form": PlanDateForm(instance=profile, now=now),
    })


@login_required
@require_POST
def set_date(request):
    """Save the interview date, second day and time zone; a bad one re-shows the plan with the message (400)."""
    profile = profile_of(request)
    form = PlanDateForm(request.POST, instance=profile, now=_now())
    if form.is_valid():
        form.save()
        day = form.instance.interview_date
        messages.success(request, f"Interview date set to {day:%-d %B %Y}." if day else "Interview date cleared.")
        return redirect("plan:home")
    plan = _plan(request.user, profile, form.now)
    profile.refresh_from_db()
    messages.error(request, "The date was not changed: see the message below.")
    return render(request, "stories/plan/home.html",
                  {"plan": plan, "profile": profile, "date_form": form, "feed_url": None}, status=400)


def _back(request, fallback="plan:home"):
    return back(request, fallback)


@login_required
@require_POST
def tick(request):
    """Tick (done=1) or untick a guide task of the plan by its key; measured tasks tick themselves."""
    key = request.POST.get("key", "")
    profile = profile_of(request)
    plan = _plan(request.user, profile, _now())
    task = next((t for t in plan.tasks if t.key == key and not t.measured), None)
    if task is None:
        messages.error(request, "That task is not in your plan (or ticks itself); nothing was changed.")
        return _back(request)
    done = request.POST.get("done") == "1"
    set_tick(request.user, key, done)
    if done:
        messages.success(request, f"Done: {task.text}")
    else:
        messages.info(request, f"Not done: {task.text}")
    return _back(request)


def _ics(plan, profile, now, reminders, request):
    return plan_calendar(plan, user_id=profile.user_id, zone=user_zone(profile), now=now, reminders=reminders,
                         plan_url=request.build_absolute_uri(reverse("plan:home")))


@login_required
def calendar_download(request):
    """The plan as an .ics download; `?reminders=1` adds the daily practice reminder."""
    profile = profile_of(request)
    now = _now()
    plan = _plan(request.user, profile, now)
    if not plan.dated:
        messages.error(request, "Set your interview date first: the calendar counts back from it.")
        return redirect("plan:home")
    response = HttpResponse(_ics(plan, profile, now, request.GET.get("reminders") == "1", request),
                            content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, "interview-prep-plan.ics")
    return response


def feed(request, key, token):
    """The private calendar feed: no login, the secret token instead; a wrong or renewed token is a 404."""
    pk = parse_id(key)
    profile = Profile.objects.filter(pk=pk).select_related("user").first() if pk else None
    if profile is None or not profile.calendar_token or not secrets.compare_digest(
            profile.calendar_token.encode(), token.encode()):
        raise Http404("No such calendar")
    now = _now()
    plan = _plan(profile.user, profile, now)
    return HttpResponse(_ics(plan, profile, now, request.GET.get("reminders") == "1", request),
                        content_type="text/calendar; charset=utf-8")


@login_required
@require_POST
def renew_feed(request):
    """Make the private feed's token (secrets.token_urlsafe), replacing any old one: the old link 404s."""
    profile = profile_of(request)
    had = bool(profile.calendar_token)
    profile.calendar_token = secrets.token_urlsafe(TOKEN_BYTES)
    profile.save(update_fields=["calendar_token"])
    messages.success(request, "New calendar link made; the old one no longer works." if had
                     else "Your private calendar link is ready: add it to your calendar app.")
    return redirect(reverse("plan:home") + "#calendar")


@login_required
def debrief_list(request):
    """/plan/debrief/: the prediction over every debrief, the form to log one, and the list."""
    profile = profile_of(request)
    guide = default_guide()
    today = local_today(profile, _now())
    form = DebriefForm(request.POST or None, guide=guide, today=today, initial={"held_on": today})
    formset = AskedFormSet(request.POST or None, form_kwargs={"stories": story_choices(request.user)}, prefix="asked")
    questions = guide_questions(guide)
    if request.method == "POST":
        if form.is_valid() and formset.is_valid():
            coverage = coverage_for_user(request.user)
            debrief = debriefs.record_debrief(
                owner=request.user, held_on=form.cleaned_data["held_on"], round=form.cleaned_data["round"],
                note=form.cleaned_data["note"], rows=[f.cleaned_data for f in formset.forms],
                questions=questions, stories=coverage.stories)
            messages.success(request, f"Debrief saved: {debrief.asked.count()} questions.")
            return redirect("plan:debrief", pk=debrief.pk)
        messages.error(request, "The debrief was not saved: see the marked fields. What you typed is kept.")
    asked = list(AskedQuestion.objects.filter(debrief__owner=request.user).select_related("question"))
    items = Debrief.objects.for_user(request.user).select_related("round").prefetch_related("asked")
    return render(request, "stories/plan/debrief_list.html", {
        "form": form, "formset": formset, "questions": questions, "debriefs": items,
        "prediction": debriefs.prediction(asked),
    }, status=400 if request.method == "POST" else 200)


def _debrief_or_404(request, pk):
    return get_object_or_404(Debrief.objects.for_user(request.user).select_related("round"), pk=pk)


@login_required
def debrief_detail(request, pk):
    """One debrief of the request user (another user's is a 404): each question and what the bank had."""
    debrief = _debrief_or_404(request, pk)
    asked = list(debrief.asked.select_related("question__guide", "story"))
    return render(request, "stories/plan/debrief_detail.html",
                  {"debrief": debrief, "asked": asked, "prediction": debriefs.prediction(asked)})


@login_required
@require_POST
def debrief_delete(request, pk):
    """Delete one of the request user's debriefs."""
    debrief = _debrief_or_404(request, pk)
    debriefs.delete_debrief(debrief)
    messages.success(request, "Debrief deleted.")
    return redirect("plan:debriefs")

