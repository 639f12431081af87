"""Follow-up questions an interviewer would ask of a story, from what it says and what it lacks.

An interviewer in this loop interrupts: "by how much?", "what did *you* decide?".
`probes_for` picks 3 to 6 such questions, the ones the story invites first (a vague
number, we-heavy parts, no alternative weighed, no risk named, a conversation with
no reaction, a level that asks for wider scope), then general ones.
"""

from dataclasses import dataclass

from . import phrases, text
from .findings import CoachGuide, Finding, StoryDraft

MIN_PROBES = 3
MAX_PROBES = 6

# Asked of any story when it invites fewer than MIN_PROBES of its own.
GENERAL_PROBES = (
    ("How do you know it was your work that made the difference?", "Every story gets this one."),
    ("What would you do differently if you did it again?", "Every story gets this one."),
    ("What did it cost, and was it worth it?", "Every story gets this one."),
)


@dataclass(frozen=True)
class Probe:
    """A follow-up question (`text`) and why this story invites it (`reason`)."""

    text: str
    reason: str


def probes_for(draft: StoryDraft, findings: list[Finding], guide: CoachGuide) -> list[Probe]:
    """3 to 6 follow-up questions for `draft`, the ones its text invites first."""
    codes = {f.code for f in findings}
    plain = draft.worded
    found: list[Probe] = []
    if codes & {"vague-magnitude", "impact-no-figure"}:
        vague = next((f.quote for f in findings if f.code == "vague-magnitude"), "")
        why = f"The story says “{vague}” without a figure." if vague else "Member Impact gives no figure."
        found.append(Probe("By how much, measured how?", why))
    if "we-heavy" in codes or "no-decision-verb" in codes:
        found.append(
            Probe(
                "What did you personally decide, and what did the team decide?",
                "The story says “we” more than “I”.",
            )
        )
    decision = plain.get("decision", "")
    if decision.strip() and not text.has_any(decision, phrases.ALTERNATIVE_WORDS):
        found.append(
            Probe(
                "What else did you consider, and why not that?", "Autonomous Decision weighs no alternative."
            )
        )
    if draft.all_worded and not text.has_any(draft.all_worded, phrases.RISK_WORDS):
        found.append(
            Probe(
                "What was the riskiest call, and what would you do differently?", "The story names no risk."
            )
        )
    communication = plain.get("communication", "")
    if communication.strip() and not text.has_any(communication, phrases.REACTION_WORDS):
        found.append(
            Probe(
                "How did they take it, and what changed afterwards?",
                "Direct Communication says what you said, not how it landed.",
            )
        )
    if draft.level in ("L6", "L7") and draft.all_worded and not text.has_any(draft.all_worded, phrases.WIDER_SCOPE_WORDS):
        found.append(
            Probe(
                "How did this change things beyond your team?",
                f"At {draft.level} the interviewer looks for reach past one team.",
            )
        )
    for question, reason in GENERAL_PROBES:
        if len(found) >= MIN_PROBES:
            break
        found.append(Probe(question, reason))
    return found[:MAX_PROBES]
