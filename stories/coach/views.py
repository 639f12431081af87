from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.views.decorators.http import require_POST

from ..pagecache import profile_of
from ..structure import default_guide
from .editor import draft_from_post
from .review import coach_guide, review_draft


@login_required
@require_POST
def check(request):
    """The coach's review of the editor's unsaved fields, as JSON (see Review.as_dict); nothing is saved."""
    guide = default_guide()
    wpm = profile_of(request).words_per_minute
    draft = draft_from_post(request.POST, wpm=wpm, guide=guide)
    return JsonResponse(review_draft(draft, coach_guide(guide)).as_dict())
