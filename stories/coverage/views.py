"""The coverage dashboard, its one-click fixes, and the interview-loop planner."""

from datetime import datetime, time, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from guide.models import Question
from stories import pagecache
from stories.fields import parse_id
from stories.navigation import back
from stories.ownership import get_story_or_404
from stories.plan.progress import local_today, user_zone
from stories.plan.today import today_context
from stories.practice.services import cached_due_count, first_warnings, warnings_until
from stories.structure import default_guide

from . import planner
from .counts import SHOWN_WARNINGS, coverage_for_user, tag_story_with_question
from .derived import guide_data, reviewed_story_facts
from .forms import LoopPlanForm, TargetForm
from .sheet import sheet_notes


def _dashboard_fragments(user, profile, guide, *, uncovered_only: bool, matrix: int, now):
    """The dashboard's bank-dependent HTML (its "top" and "bottom" around the live practice strip), and
    until when it holds by the clock: the user's next midnight (the Today panel counts days) or the next
    change of the rehearsal warnings, whichever comes first."""
    coverage = coverage_for_user(user, profile, matrix=matrix, guide=guide)
    warnings, warnings_change = warnings_until(user, now, stories=coverage.stories)
    tomorrow = local_today(profile, now) + timedelta(days=1)
    midnight = datetime.combine(tomorrow, time(0), tzinfo=user_zone(profile))
    context = {
        "coverage": coverage,
        "summary": coverage.summary,
        "uncovered_only": uncovered_only,
        "target_form": TargetForm(initial={"stories_per_value": coverage.summary.target}),
        "warnings": first_warnings(warnings, SHOWN_WARNINGS),
        "practice_due": pagecache.live("due"),
        "next_path": reverse("coverage:dashboard") + ("?questions=uncovered" if uncovered_only else ""),
        **today_context(user, coverage, now, profile=profile),
    }
    html = {part: pagecache.render_fragment(f"stories/coverage/_dashboard_{part}.html", context)
            for part in ("top", "bottom")}
    html["empty"] = "" if coverage.summary.stories_total else "empty"  # the first steps instead
    return html, min(filter(None, (midnight, warnings_change)))


@login_required
def dashboard(request):
    """The coverage dashboard: its bank-dependent parts come from the per-user page cache."""
    profile = pagecache.profile_of(request)
    uncovered_only = request.GET.get("questions") == "uncovered"
    matrix = parse_id(request.GET.get("matrix")) or 1
    now = timezone.now()
    guide = default_guide()
    key = pagecache.cache_key("dashboard", profile, guide, (uncovered_only, matrix))
    html, _ = pagecache.fragments(
        key, lambda: _dashboard_fragments(request.user, profile, guide, uncovered_only=uncovered_only,
                                          matrix=matrix, now=now), now)
    due = cached_due_count(profile, now)  # live: cards fall due by the minute
    return render(request, "stories/coverage/dashboard.html", {
        "top": pagecache.serve(request, html["top"], {"due": due}),
        "bottom": pagecache.serve(request, html["bottom"]),
        "empty": html["empty"],
        "practice_due": due,
    })


@login_required
@require_POST
def set_target(request):
    form = TargetForm(request.POST, instance=pagecache.profile_of(request))
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


# What a slot's select lists at 1,000 stories: the round's best fitting stories, then the strongest others;
# "Show every story" lists them all for one round (?all=<round slug>).
LOOP_FITTING = 15
LOOP_STRONGEST = 10


def _offered(rounds, stories, candidates, show_all: str):
    """Round id -> the stories its selects list: its best LOOP_FITTING fits, then the LOOP_STRONGEST
    strongest usable stories besides (every story for the round whose slug is `show_all`)."""
    strongest = sorted((s for s in stories if s.usable), key=lambda s: (-planner.strength(s), s.title.lower(), s.id))
    offered = {}
    for rnd in rounds:
        if rnd.slug == show_all:
            offered[rnd.id] = stories
            continue
        fits = [f.story for f in candidates[rnd.id][:LOOP_FITTING]]
        seen = {s.id for s in fits}
        offered[rnd.id] = fits + [s for s in strongest if s.id not in seen][:LOOP_STRONGEST]
    return offered


def _loop_rows(form, rounds, stories, candidates, counts, guide_facts, offered, proposal=None):
    """Per round: its slots, each with the story shown in it and why that story fits (or None)."""
    fit_for = {(round_id, f.story.id): f for round_id, fits in candidates.items() for f in fits}
    fit_for |= {(round_id, f.story.id): f for round_id, fits in (proposal or {}).items() for f in fits}
    by_id = {str(s.id): s for s in stories}
    rows = []
    for rnd, facts in zip(rounds, (planner.round_facts(r) for r in rounds), strict=True):
        slots = []
        for field in form.slots(rnd):
            story = by_id.get(field.value())
            pick = None
            if story is not None:
                fit = fit_for.get((rnd.id, story.id))
                if fit is None:  # picked from beyond the round's best fits: how does it fit, if at all?
                    fit = planner.fits_by_round([facts], [story], guide_facts)[rnd.id][:1]
                    fit = fit[0] if fit else None
                pick = {"id": story.id, "title": story.title, "fit": fit}
            slots.append((field, pick))
        picks = [pick for _, pick in slots if pick]
        rows.append({"round": rnd, "slots": slots, "picks": picks, "picked": bool(picks), "candidates": counts[rnd.id],
                     "listed": len(stories) if rnd.slug == form.show_all else None,
                     "truncated": len(offered[rnd.id]) < len(stories)})
    return rows


def _loop_body(request, profile, data, *, proposed: bool, show_all: str):
    """The loop page's content (its form unbound, or bound to the POST), and the saved plan's count when a
    valid POST was saved (then nothing to render)."""
    guide_facts = data.facts
    stories = reviewed_story_facts(request.user, data, profile.words_per_minute)
    rounds = guide_facts.rounds
    round_facts = {r.id: r for r in data.rounds}
    candidates = planner.fits_by_round(round_facts.values(), stories, guide_facts, limit=LOOP_FITTING)
    counts = planner.fit_counts(round_facts.values(), stories, guide_facts)
    fitting = {round_id: {f.story.id for f in fits} for round_id, fits in candidates.items()}
    offered = _offered(rounds, stories, candidates, show_all)
    form_kwargs = {"rounds": rounds, "stories": stories, "fitting": fitting, "offered": offered}
    plan = None
    if request.method == "POST":
        form = LoopPlanForm(request.POST, **form_kwargs)
        if form.is_valid():
            return None, planner.save_plan(request.user, form.plan())
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
    form.show_all = show_all
    rows = _loop_rows(form, rounds, stories, candidates, counts, guide_facts, offered, plan)
    # The printed sheet gives each planned story's summary and key figure.
    picks = [pick for row in rows for pick in row["picks"]]
    notes = sheet_notes(request.user, {pick["id"] for pick in picks})
    for pick in picks:
        pick["note"] = notes.get(pick["id"])
    context = {"form": form, "rows": rows, "proposed": proposed, "stories": stories, "guide": guide_facts.guide,
               "show_all": show_all}
    return pagecache.render_fragment("stories/coverage/_loop_body.html", context), None


@login_required
def loop(request):
    """The loop planner: its content is cached per bank revision for a GET (the saved plan, or "Plan for
    me"'s proposal), made afresh for a POST."""
    profile = pagecache.profile_of(request)
    guide = default_guide()
    data = guide_data(guide)
    proposed = request.method == "GET" and request.GET.get("plan") == "auto"
    show_all = (request.GET.get("all") or "")[:120]
    if request.method == "POST":
        body, count = _loop_body(request, profile, data, proposed=False, show_all="")
        if body is None:
            messages.success(request, f"Loop plan saved: {count} {'story' if count == 1 else 'stories'}.")
            return redirect("coverage:loop")
        messages.error(request, "The plan was not saved: see the marked choices. Your choices are kept below.")
    else:
        key = pagecache.cache_key("loop", profile, guide, (proposed, show_all))
        html, _ = pagecache.fragments(
            key, lambda: ({"body": _loop_body(request, profile, data, proposed=proposed, show_all=show_all)[0]},
                          None))
        body = html["body"]
    return render(request, "stories/coverage/loop.html", {"body": pagecache.serve(request, body)})
