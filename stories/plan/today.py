"""The Today panel at the top of the coverage dashboard: days left, what is due and overdue, the next
three actions, and the questions real interviews asked that the bank still cannot answer.

The dashboard composes it (stories/coverage/views.py); it costs 6 queries on top of the coverage it is
given (profile, and plan_for's 4; the asked questions), however large the bank or the history.
"""

from datetime import datetime

from stories.models import AskedQuestion, Profile

from .debrief import gaps
from .progress import plan_for


def today_context(user, coverage, now: datetime, profile=None) -> dict:
    """{"plan": Plan, "asked_gaps": [Gap]}: the panel's data for `user` at `now` (aware); `profile`: the
    user's Profile when the caller has it (else one query more)."""
    profile = profile or Profile.for_user(user)
    covered = {qc.question.id for c in coverage.categories for qc in c.questions if qc.covered}
    asked = AskedQuestion.objects.filter(debrief__owner=user).select_related("question__guide").order_by(
        "debrief__held_on", "debrief_id", "order")
    return {"plan": plan_for(user, profile, coverage, now), "asked_gaps": gaps(asked, covered)}
