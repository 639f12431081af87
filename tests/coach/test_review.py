"""The grade, the probes and the checklist, and the phrase data's ties to the guide."""

import pytest

from guide.models import RedFlag
from stories.coach import phrases
from stories.coach.findings import BLOCKER, TIP, WARNING, Finding, StoryDraft
from stories.coach.probes import MAX_PROBES, MIN_PROBES, probes_for
from stories.coach.review import STRONG, WEAK, WORKABLE, coach_guide, grade_for, review_draft, review_story
from tests.conftest import STRONG_PARTS, STUB_PARTS, make_story

from .test_checks import strong_draft

STUB = STUB_PARTS


def finding(severity):
    return Finding(code="x", severity=severity, message="m", hint="h", guide_url="/")


@pytest.mark.parametrize(
    ("severities", "score", "grade"),
    [
        ([], 100, STRONG),
        ([WARNING, WARNING], 80, STRONG),
        ([WARNING, WARNING, WARNING], 70, WORKABLE),
        ([WARNING] * 5, 50, WORKABLE),
        ([WARNING] * 6, 40, WEAK),
        ([BLOCKER], 60, WEAK),  # a blocker makes a story Weak whatever its score
        ([TIP] * 10, 80, STRONG),
    ],
)
def test_grade_for(severities, score, grade):
    assert grade_for([finding(s) for s in severities]) == (score, grade)


def test_the_stub_story_is_weak_with_a_blocker(guide):
    review = review_draft(
        StoryDraft(parts=STUB, level="L6", value_count=1, question_count=1), coach_guide(guide)
    )
    assert review.grade == WEAK
    assert [f.message for f in review.blockers] == ["Direct Communication is empty."]
    assert not review.usable


def test_the_strong_story_is_strong(guide):
    review = review_draft(strong_draft(), coach_guide(guide))
    assert (review.score, review.grade, review.findings) == (100, STRONG, ())
    assert review.usable


def test_findings_come_whole_story_first_then_by_part_and_severity(guide):
    guide_data = coach_guide(guide)
    review = review_draft(StoryDraft(parts=STUB, level="L6"), guide_data)
    order = [p.field for p in guide_data.parts]
    positions = [(-1 if f.part is None else order.index(f.part)) for f in review.findings]
    assert positions == sorted(positions)
    headings = [heading for heading, _, _ in review.by_part(guide_data)]
    assert headings[0] == "Whole story"
    assert "Direct Communication" in headings


def test_review_story_reads_a_saved_story(guide, user):
    story = make_story(
        user,
        **STRONG_PARTS,
        values=["candor-feedback"],
        questions=["candor-direct-communication-5"],
        level="L6",
        team_size=10,
    )
    assert review_story(story).grade == STRONG
    story.impact = "It went well."
    assert {f.code for f in review_story(story).findings} >= {"impact-no-figure", "impact-no-member"}


# Probes


@pytest.mark.parametrize(
    ("changes", "probe"),
    [
        ({"parts": {"impact": "Members were significantly happier."}}, "By how much, measured how?"),
        (
            {"parts": {"decision": "We decided to roll back and we told our director. I agreed."}},
            "What did you personally decide",
        ),
        (
            {"parts": {"decision": "I decided to roll back the player the same day."}},
            "What else did you consider",
        ),
        (
            {"parts": {"communication": "I told the director directly that we would slip, with the data."}},
            "How did they take it",
        ),
        (
            {
                "level": "L7",
                "parts": {"execution": STRONG_PARTS["execution"].replace("platform team", "cache")},
            },
            "How did this change things beyond your team?",
        ),
    ],
)
def test_a_story_invites_the_probe_its_text_calls_for(guide, changes, probe):
    guide_data = coach_guide(guide)
    strong = [p.text for p in review_draft(strong_draft(), guide_data).probes]
    assert not any(p.startswith(probe) for p in strong)
    found = [p.text for p in review_draft(strong_draft(**changes), guide_data).probes]
    assert any(p.startswith(probe) for p in found), found


def test_no_risk_named_asks_for_the_riskiest_call(guide):
    guide_data = coach_guide(guide)
    riskless = {
        name: text.replace("risk", "plan")
        .replace("bet", "stake")
        .replace("rollback", "plan")
        .replace("kill switch", "switch")
        for name, text in STRONG_PARTS.items()
    }
    riskless["decision"] = riskless["decision"].replace("risky", "large")
    found = [p.text for p in probes_for(strong_draft(parts=riskless), [], guide_data)]
    assert "What was the riskiest call, and what would you do differently?" in found


def test_between_three_and_six_probes(guide):
    guide_data = coach_guide(guide)
    few = probes_for(strong_draft(), [], guide_data)
    assert len(few) == MIN_PROBES
    many_draft = StoryDraft(parts={**STUB, "communication": "I told them the truth."}, level="L7")
    many = probes_for(many_draft, list(review_draft(many_draft, guide_data).findings), guide_data)
    assert len(many) == MAX_PROBES
    assert all(p.reason for p in many)


def test_the_checklist_quotes_the_figure(guide):
    review = review_draft(strong_draft(), coach_guide(guide))
    assert review.checklist[0].startswith(
        "Did you say the figure? (Start-up time for members on smart TVs fell from 4.2"
    )
    bare = review_draft(strong_draft(parts={"impact": "Members were happier."}), coach_guide(guide))
    assert bare.checklist[0] == "Did you give a figure for the member impact?"


# Data ties


def test_each_red_flag_phrase_list_names_the_guides_red_flag(guide):
    flags = {rf.slug: rf.text.lower() for rf in RedFlag.objects.filter(guide=guide)}
    for slug, data in phrases.RED_FLAG_PHRASES.items():
        assert slug in flags, slug
        assert data.expect in flags[slug], (slug, flags[slug])


def test_every_anchor_a_finding_links_to_is_on_the_guide_page(guide, client):
    html = client.get("/guide/netflix/").content.decode()
    anchors = set(phrases.ANCHORS.values())
    guide_data = coach_guide(guide)
    anchors |= {rf.anchor for rf in guide_data.red_flags.values()} | {
        lv.anchor for lv in guide_data.levels.values()
    }
    missing = [a for a in anchors if f'id="{a}"' not in html]
    assert missing == []


def test_a_review_is_made_once_per_draft_and_guide_version(guide, monkeypatch):
    from stories.coach import review as review_module

    calls = []
    real = review_module.run_checks
    monkeypatch.setattr(review_module, "run_checks", lambda d, g: calls.append(1) or real(d, g))
    guide_data = coach_guide(guide)
    draft = StoryDraft(parts=STUB, level="L6", title="Cached once")
    first = review_draft(draft, guide_data)
    assert review_draft(draft, guide_data) == first and len(calls) == 1
    review_draft(StoryDraft(parts={**STUB, "impact": "Members watched 12% more."}, level="L6", title="Cached once"),
                 guide_data)
    assert len(calls) == 2  # another text is another review
    from dataclasses import replace

    review_draft(draft, replace(guide_data, version="reloaded"))
    assert len(calls) == 3  # a reloaded guide is checked again
