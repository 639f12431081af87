"""The coverage dashboard, its one-click fixes, and the interview-loop planner."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from guide.models import Question
from stories.facts import load_guide_facts
from stories.fields import parse_id
from stories.models import Profile
from stories.navigation import back
from stories.ownership import get_story_or_404
from stories.plan.today import today_context
from stories.practice.services import warnings_for
from stories.structure import default_guide

from . import planner
from .counts import coverage_for_user, reviewed_story_facts, tag_story_with_question
from .forms import LoopPlanForm, TargetForm
from .sheet import sheet_notes


@login_required
def dashboard(request):
    coverage = coverage_for_user(request.user)
    uncovered_only = request.GET.get("questions") == "uncovered"
    return render(
        request,
        "stories/coverage/dashboard.html",
        {
            "coverage": coverage,
            "summary": coverage.summary,
            "uncovered_only": uncovered_only,
            "target_form": TargetForm(initial={"stories_per_value": coverage.summary.target}),
            "warnings": warnings_for(request.user, timezone.now()),
            **today_context(request.user, coverage, timezone.now()),
        },
    )


@login_required
@require_POST
def set_target(request):
    form = TargetForm(request.POST, instance=Profile.for_user(request.user))
    if form.is_valid():
        form.save()
        messages.success(request, f"Target set to {form.instance.stories_per_value} stories per value.")
    else:
        errors = " ".join(form.errors.get("stories_per_value", ["Enter a whole number."]))
        messages.error(request, f"The target was not changed: {errors}")
    return redirect("coverage:dashboard")


def _back(request):
    """Where the form came from, if it is a page of this site; else the dashboard."""
    return back(request, "coverage:dashboard")


@login_required
@require_POST
def tag_story(request, pk):
    story = get_story_or_404(request, pk)
    question_id = parse_id(request.POST.get("question"))
    question = Question.objects.filter(pk=question_id).first() if question_id else None
    if question is None:
        messages.error(request, "That question does not exist; nothing was changed.")
    elif tag_story_with_question(story, question):
        messages.success(request, f"Tagged “{story.title}” with “{question.text}”.")
    else:
        messages.info(request, f"“{story.title}” was already tagged with that question.")
    return _back(request)


def _loop_rows(form, rounds, stories, candidates, proposal=None):
    """Per round: its slots, each with the story shown in it and why that story fits (or None)."""
    fit_for = {(round_id, f.story.id): f for round_id, fits in candidates.items() for f in fits}
    fit_for |= {(round_id, f.story.id): f for round_id, fits in (proposal or {}).items() for f in fits}
    titles = {str(s.id): s.title for s in stories}
    rows = []
    for rnd in rounds:
        slots = []
        for field in form.slots(rnd):
            story_id = field.value()
            pick = None
            if story_id in titles:
                pick = {"id": int(story_id), "title": titles[story_id], "fit": fit_for.get((rnd.id, int(story_id)))}
            slots.append((field, pick))
        picks = [pick for _, pick in slots if pick]
        rows.append(
            {"round": rnd, "slots": slots, "picks": picks, "picked": bool(picks), "candidates": len(candidates[rnd.id])}
        )
    return rows


@login_required
def loop(request):
    guide = default_guide()
    guide_facts = load_guide_facts(guide)
    stories = reviewed_story_facts(request.user, guide, guide_facts, Profile.for_user(request.user).words_per_minute)
    rounds = guide_facts.rounds
    round_facts = {r.id: planner.round_facts(r) for r in rounds}
    candidates = planner.fits_by_round(round_facts.values(), stories, guide_facts)
    fitting = {round_id: {f.story.id for f in fits} for round_id, fits in candidates.items()}
    form_kwargs = {"rounds": rounds, "stories": stories, "fitting": fitting}
    proposed = request.method == "GET" and request.GET.get("plan") == "auto"
    plan = None

    if request.method == "POST":
        form = LoopPlanForm(request.POST, **form_kwargs)
        if form.is_valid():
            count = planner.save_plan(request.user, form.plan())
            messages.success(request, f"Loop plan saved: {count} {'story' if count == 1 else 'stories'}.")
            return redirect("coverage:loop")
        messages.error(request, "The plan was not saved: see the marked choices. Your choices are kept below.")
    else:
        if proposed:
            plan = planner.plan_loop([r.id for r in rounds], candidates, spare=stories, rounds=round_facts)
            chosen = {round_id: [f.story.id for f in fits] for round_id, fits in plan.items()}
        else:
            chosen = planner.saved_plan(request.user)
        initial = {
            planner.slot_name(round_id, index): str(story_id)
            for round_id, story_ids in chosen.items()
            for index, story_id in enumerate(story_ids)
        }
        form = LoopPlanForm(initial=initial, **form_kwargs)

    rows = _loop_rows(form, rounds, stories, candidates, plan)
    # The printed sheet gives each planned story's summary and key figure.
    picks = [pick for row in rows for pick in row["picks"]]
    notes = sheet_notes(request.user, {pick["id"] for pick in picks})
    for pick in picks:
        pick["note"] = notes.get(pick["id"])
    return render(
        request,
        "stories/coverage/loop.html",
        {"form": form, "rows": rows, "proposed": proposed, "stories": stories, "guide": guide_facts.guide},
    )
