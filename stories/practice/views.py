"""Practice pages: choose what to rehearse, the run (timer, recording, after-run form), history."""

import random

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from guide.models import InterviewRound, Question, QuestionCategory, Value

from ..coach.review import review_story
from ..fields import parse_id
from ..models import Story
from ..ownership import get_story_or_404
from ..pagecache import profile_of
from ..structure import default_guide, story_parts
from . import charts, schedule, services
from .forms import RehearsalForm
from .rounds import round_session
from .run import PROBE_SECONDS, THINK_SECONDS, drills_for, run_parts


def _now():
    return timezone.now()


def _question(slug):
    return get_object_or_404(
        Question.objects.select_related("category", "guide"), guide=default_guide(), slug=slug
    )


def _guide_questions(guide):
    return list(
        Question.objects.filter(guide=guide).select_related("category").order_by("category__order", "order")
    )


@login_required
def home(request):
    if "story" in request.GET:  # the "A story of yours" picker
        story_id = parse_id(request.GET["story"])
        if story_id is None:
            raise Http404("No such story.")
        return redirect("practice:story", story_id)
    now = _now()
    guide = default_guide()
    cards = services.load_cards(request.user, now)
    answered = {c.target.pk for c in cards if c.kind == "question"}
    context = {
        "guide": guide,
        "cards": cards,
        "due": [c for c in cards if c.is_due(now)],
        "now": now,
        "next_due_at": schedule.next_due_at(cards, now),
        "unanswered": [q for q in _guide_questions(guide) if q.pk not in answered],
        "stories": [c.target for c in cards if c.kind == "story"],
        "categories": QuestionCategory.objects.filter(guide=guide),
        "values": Value.objects.filter(guide=guide),
        "rounds": InterviewRound.objects.filter(guide=guide),
    }
    return render(request, "stories/practice/home.html", context)


@login_required
def next_due(request):
    """The first due card's run; back to the practice page when nothing is due."""
    now = _now()
    due = [c for c in services.load_cards(request.user, now) if c.is_due(now)]
    if not due:
        messages.info(request, "Nothing is due right now. Pick a question or a story below.")
        return redirect("practice:home")
    card = due[0]
    if card.kind == "story":
        return redirect("practice:story", card.target.pk)
    return redirect("practice:question", card.target.slug)


@login_required
def random_question(request):
    """A random question, of `?category=<slug>` or `?value=<slug>` if given; one you have a story for
    when there is one."""
    questions = Question.objects.filter(guide=default_guide())
    if slug := request.GET.get("category"):
        questions = questions.filter(category__slug=slug)
    elif slug := request.GET.get("value"):
        questions = questions.filter(category__values__slug=slug)
    answered = questions.filter(stories__owner=request.user, stories__deleted_at__isnull=True)
    slugs = list(answered.values_list("slug", flat=True).distinct()) or list(
        questions.values_list("slug", flat=True)
    )
    if not slugs:
        messages.error(request, "No question matches that choice.")
        return redirect("practice:home")
    return redirect("practice:question", random.choice(slugs))


def _chosen_story(request, question):
    """`?story=<id>` (one of the user's stories), else the user's best story for the question (Ready
    first, then the latest edited), else None."""
    if "story" in request.GET:
        story_id = parse_id(request.GET["story"])
        if story_id is None:
            raise Http404("No such story.")
        return get_story_or_404(request, story_id)
    mine = Story.objects.for_user(request.user).active().filter(questions=question)
    return mine.order_by("-status", "-updated_at").first()  # "ready" > "draft": Ready stories first


@login_required
def run_question(request, slug):
    question = _question(slug)
    return _run(request, question=question, story=_chosen_story(request, question))


@login_required
def run_story(request, pk):
    return _run(request, question=None, story=get_story_or_404(request, pk))


@login_required
def run_round(request, slug, step):
    guide = default_guide()
    rnd = get_object_or_404(InterviewRound, guide=guide, slug=slug)
    categories = QuestionCategory.objects.filter(guide=guide).prefetch_related("values")
    session = round_session(rnd, _guide_questions(guide), {c.pk: list(c.values.all()) for c in categories})
    if not 1 <= step <= len(session.questions):
        raise Http404("That round has no such question.")
    question = session.questions[step - 1]
    question.guide = guide
    after = (
        reverse("practice:round", args=[slug, step + 1])
        if step < len(session.questions)
        else reverse("practice:history")
    )
    return _run(
        request,
        question=question,
        story=_chosen_story(request, question),
        session={"session": session, "step": step, "after": after},
    )


def _run(request, *, question, story, session=None):
    """The run page (GET) and its after-run form (POST) for a question, a story, or both."""
    parts = story_parts()
    form = RehearsalForm(request.POST if request.method == "POST" else None, parts=parts)
    wpm = profile_of(request).words_per_minute
    if form.is_valid():
        now = _now()
        services.save_rehearsal(
            request.user,
            question=question,
            story=story,
            part_seconds=form.part_seconds(),
            budget_seconds=[p.seconds for p in parts],
            rating=form.cleaned_data["rating"],
            recall=form.cleaned_data["recall"],
            note=form.cleaned_data["note"],
            now=now,
        )
        messages.success(request, "Rehearsal saved.")
        return redirect(session["after"] if session else "practice:home")
    if form.is_bound:
        messages.error(request, "The rehearsal was not saved: see the marked fields.")
    now = _now()
    target = services.rated_card(request.user, question=question, story=story)
    previews = schedule.preview(target[1], now) if target else {}
    # The coach's checklist and probes for a story; a question rehearsed without one gets the guide's.
    review = review_story(story, wpm=wpm) if story is not None else None
    shown = run_parts(parts, story, wpm)
    context = {
        "question": question,
        "story": story,
        "form": form,
        "parts": shown,
        "part_rows": list(zip(shown, form.second_fields(), strict=True)),
        "total_budget": sum(p.budget for p in shown),
        "parts_data": [
            {"name": p.name, "template": p.template, "budget": p.budget, "cue": p.cue} for p in shown
        ],
        "wpm": wpm,
        "drills": drills_for(review),
        "review": review,
        "ratings": [
            (field, schedule.describe_interval(previews[int(field.data["value"])], now) if previews else "")
            for field in form["rating"]
        ],
        "other_stories": Story.objects.for_user(request.user).active().only("id", "title")
        if question
        else [],
        "think_seconds": THINK_SECONDS,
        "probe_seconds": PROBE_SECONDS,
        "recording_key": f"{'q:' + question.slug if question else 's:' + str(story.pk)}",
        **(session or {}),
    }
    return render(request, "stories/practice/run.html", context, status=400 if form.is_bound else 200)


@login_required
def history(request):
    now = _now()
    data = services.history_data(request.user, now)
    parts = story_parts()
    data["per_day_chart"] = charts.per_day_chart(data["per_day"])
    data["parts_chart"] = charts.parts_chart(list(reversed(data["recent"])), parts)
    data["parts"] = parts
    data["legend"] = charts.legend(parts)
    data["now"] = now
    data["recent_rows"] = services.label_rows(request.user, data["recent"])
    return render(request, "stories/practice/history.html", data)
