import functools

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from . import search as guide_search
from .loading import guide_files
from .models import Guide, InterviewRound, Level, Question, QuestionCategory, StoryPart, Theme, Value
from .rendering import get_rendered_guide


def _guide(slug):
    return get_object_or_404(Guide, slug=slug)


def home(request):
    if request.user.is_authenticated:
        return redirect("coverage:dashboard")
    guides = Guide.objects.all()
    part = StoryPart.objects.filter(guide__in=guides).select_related("guide").first()
    return render(request, "home.html", {"guides": guides, "structure_url": part.section_url() if part else None})


def guide_index(request):
    guides = [g for g in (get_rendered_guide(p.stem) for p in guide_files()) if g]
    return render(request, "guide/index.html", {"guides": guides})


@functools.lru_cache(maxsize=16)
def _detail_body(rendered) -> str:
    """The guide page's content (its table of contents and text), rendered once per RenderedGuide, that is
    per version of the guide's file: it is the same for every visitor."""
    return render_to_string("guide/_detail_body.html", {"rendered": rendered})


def guide_detail(request, guide):
    rendered = get_rendered_guide(guide)
    if rendered is None:
        raise Http404("No such guide")
    # Rendered by the template engine with autoescaping; the guide's own HTML is trusted content.
    body = mark_safe(_detail_body(rendered))  # noqa: S308
    return render(request, "guide/detail.html", {"rendered": rendered, "body": body})


def search(request):
    query = request.GET.get("q", "").strip()
    guides = [g for g in (get_rendered_guide(p.stem) for p in guide_files()) if g]
    words = guide_search.query_words(query)
    hits = guide_search.search(guides, query) if words else []
    suggestion = guide_search.did_you_mean(guides, words) if words and not hits else None
    return render(
        request,
        "guide/search.html",
        {
            "query": query[: guide_search.MAX_QUERY_LENGTH],
            "words": words,
            "hits": hits,
            "suggestion": suggestion,
        },
    )


def value_list(request, guide):
    guide = _guide(guide)
    values = Value.objects.filter(guide=guide).prefetch_related(
        Prefetch("categories", queryset=QuestionCategory.objects.all())
    )
    return render(request, "guide/value_list.html", {"guide": guide, "values": values})


def value_detail(request, guide, slug):
    # Detail pages show retired items too (marked as such): stories still link to them.
    value = get_object_or_404(Value.all_objects.select_related("guide"), guide__slug=guide, slug=slug)
    questions = Question.objects.filter(category__values=value).select_related("category").distinct()
    return render(
        request,
        "guide/value_detail.html",
        {"guide": value.guide, "value": value, "questions": questions, "item": value},
    )


def question_list(request, guide):
    guide = _guide(guide)
    categories = QuestionCategory.objects.filter(guide=guide).prefetch_related(
        Prefetch("questions", queryset=Question.objects.all()), Prefetch("values", queryset=Value.objects.all())
    )
    return render(request, "guide/question_list.html", {"guide": guide, "categories": categories})


def question_detail(request, guide, slug):
    question = get_object_or_404(
        Question.all_objects.with_category().select_related("theme"), guide__slug=guide, slug=slug
    )
    siblings = list(Question.objects.filter(guide=question.guide).values_list("slug", flat=True))
    # A retired question is in no sequence: no "question n of 33", no previous or next.
    index = siblings.index(question.slug) if question.slug in siblings else None
    return render(
        request,
        "guide/question_detail.html",
        {
            "guide": question.guide,
            "question": question,
            "item": question,
            "previous_slug": siblings[index - 1] if index else None,
            "next_slug": siblings[index + 1] if index is not None and index + 1 < len(siblings) else None,
            "position": index + 1 if index is not None else None,
            "total": len(siblings),
        },
    )


def theme_list(request, guide):
    guide = _guide(guide)
    themes = Theme.objects.filter(guide=guide)
    return render(request, "guide/theme_list.html", {"guide": guide, "themes": themes})


def theme_detail(request, guide, slug):
    theme = get_object_or_404(Theme.all_objects.select_related("guide"), guide__slug=guide, slug=slug)
    questions = Question.objects.filter(theme=theme)
    return render(
        request,
        "guide/theme_detail.html",
        {"guide": theme.guide, "theme": theme, "item": theme, "questions": questions},
    )


def round_list(request, guide):
    guide = _guide(guide)
    rounds = InterviewRound.objects.filter(guide=guide)
    return render(request, "guide/round_list.html", {"guide": guide, "rounds": rounds})


def round_detail(request, guide, slug):
    rnd = get_object_or_404(InterviewRound.all_objects.select_related("guide"), guide__slug=guide, slug=slug)
    return render(request, "guide/round_detail.html", {"guide": rnd.guide, "round": rnd, "item": rnd})


def level_list(request, guide):
    guide = _guide(guide)
    levels = Level.objects.filter(guide=guide)
    return render(request, "guide/level_list.html", {"guide": guide, "levels": levels})


def level_detail(request, guide, slug):
    level = get_object_or_404(Level.all_objects.select_related("guide"), guide__slug=guide, slug=slug)
    return render(request, "guide/level_detail.html", {"guide": level.guide, "level": level, "item": level})
