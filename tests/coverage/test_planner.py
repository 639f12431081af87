"""The loop planner: which story fits which round, and "Plan for me", on small hand-made cases."""

from django.utils import timezone

from guide.models import InterviewRound
from stories import words
from stories.coverage import planner
from stories.coverage.planner import Fit, FocusMatch, RoundFacts, match_round, plan_loop
from stories.facts import StoryFacts, load_guide_facts, load_story_facts
from stories.models import LoopSlot
from tests.conftest import make_story


def story(id, title, text="", status="draft"):
    return StoryFacts(id=id, title=title, status=status, stems=words.stem_words(f"{title} {text}"))


def tags(*labels_and_texts):
    """A story's tag stems, as story_tag_stems builds them: stem -> the label of the tag."""
    found = {}
    for label, text in labels_and_texts:
        for s in words.stem_words(text):
            found.setdefault(s, label)
    return found


PEER = RoundFacts(1, "Peer Manager", ("Team leadership", "Candor & feedback", "Culture building"))
TECH = RoundFacts(2, "Technical Leadership", ("System design", "Architecture at Netflix scale"))
VALUES = RoundFacts(3, "Netflix Values Interview", ("Freedom & responsibility",))


def fit(rnd, s, points=3):
    """A fit worth `points` (3: a full tag match, 2: a partial one, 1: the story's text)."""
    match = FocusMatch(rnd.focus[0], ("x",), tagged=points > 1, full=points == 3)
    return Fit(rnd, s, (match,))


# Matching a story to a round's focus.


def test_a_value_named_like_a_focus_is_a_full_tag_match_with_its_reason():
    result = match_round(PEER, story(1, "Hard talk"), tags(("value Candor & Feedback", "Candor & Feedback")))
    assert [(m.focus, m.tagged, m.full) for m in result.matches] == [("Candor & feedback", True, True)]
    assert result.score == 3
    assert result.reason == "Fits Candor & feedback (value Candor & Feedback)."


def test_half_the_words_of_a_focus_in_the_tags_is_a_partial_match():
    result = match_round(TECH, story(1, "CDN"), tags(("theme Global Streaming at Scale", "Global Streaming at Scale")))
    (match,) = result.matches
    assert (match.focus, match.full, match.points) == ("Architecture at Netflix scale", False, 2)


def test_the_story_text_matches_only_when_it_has_every_word_of_the_focus():
    both = match_round(TECH, story(1, "Redid the system design of search"), {})
    one = match_round(TECH, story(2, "Redid the system"), {})
    assert [(m.focus, m.tagged, m.points) for m in both.matches] == [("System design", False, 1)]
    assert both.reason == "Fits System design (its text mentions system, design)."
    assert one.matches == ()


def test_the_printed_reason_names_only_the_focus_phrases():
    story_tags = tags(("value Candor & Feedback", "Candor & Feedback"))
    result = match_round(PEER, story(1, "Hard talk about culture building"), story_tags)
    assert result.short_reason == "Fits Candor & feedback, Culture building (in its text)."


def test_a_story_with_nothing_in_common_does_not_match():
    assert match_round(VALUES, story(1, "Migrated billing"), tags(("value Customer Obsession", "Customer"))).matches == ()


def test_fits_by_round_uses_the_guide_tags_of_real_stories(guide, user):
    make_story(user, title="Candid", values=["candor-feedback"])
    make_story(user, title="Free", values=["freedom-responsibility"], questions=["team-leadership-culture-1"])
    guide_facts = load_guide_facts(guide)
    rounds = [planner.round_facts(r) for r in guide_facts.rounds]
    fits = planner.fits_by_round(rounds, load_story_facts(user), guide_facts)
    peer = InterviewRound.objects.get(slug="peer-manager").id
    values_round = InterviewRound.objects.get(slug="netflix-values-interview").id
    assert [f.story.title for f in fits[peer]] == ["Free", "Candid"]  # team leadership + culture beat candor
    assert "questions on Team Leadership & Culture" in fits[peer][0].reason
    assert [f.story.title for f in fits[values_round]] == ["Free"]


# Planning the loop.


def test_the_plan_never_uses_a_story_twice():
    a, b = story(1, "A"), story(2, "B")
    candidates = {PEER.id: [fit(PEER, a), fit(PEER, b)], TECH.id: [fit(TECH, a), fit(TECH, b)]}
    plan = plan_loop([PEER.id, TECH.id], candidates)
    used = [f.story.id for fits in plan.values() for f in fits]
    assert sorted(used) == [1, 2]
    assert all(len(fits) == 1 for fits in plan.values())


def test_a_round_with_a_single_fitting_story_is_not_starved_by_a_round_with_choices():
    star, other = story(1, "Star"), story(2, "Other")
    # The technical round likes Star best, but the values round has nothing else.
    candidates = {
        TECH.id: [fit(TECH, star, 3), fit(TECH, other, 2)],
        VALUES.id: [fit(VALUES, star, 2)],
    }
    plan = plan_loop([TECH.id, VALUES.id], candidates, slots=1)
    assert [f.story.title for f in plan[VALUES.id]] == ["Star"]
    assert [f.story.title for f in plan[TECH.id]] == ["Other"]


def test_with_every_round_served_the_plan_takes_the_best_total_fit():
    a, b = story(1, "A"), story(2, "B")
    candidates = {PEER.id: [fit(PEER, a, 3), fit(PEER, b, 2)], TECH.id: [fit(TECH, a, 3), fit(TECH, b, 1)]}
    plan = plan_loop([PEER.id, TECH.id], candidates, slots=1)
    # A→peer, B→tech scores 4; B→peer, A→tech scores 5.
    assert ([f.story.title for f in plan[PEER.id]], [f.story.title for f in plan[TECH.id]]) == (["B"], ["A"])


def test_on_equal_fit_a_ready_story_is_chosen_over_a_draft():
    draft, ready = story(1, "Aardvark draft"), story(2, "Zebra ready", status="ready")
    candidates = {PEER.id: sorted([fit(PEER, draft), fit(PEER, ready)], key=Fit.sort_key)}
    plan = plan_loop([PEER.id], candidates, slots=1)
    assert [f.story.title for f in plan[PEER.id]] == ["Zebra ready"]


def test_each_round_gets_at_most_two_stories_and_a_round_nothing_fits_gets_none():
    stories = [story(i, f"S{i}") for i in range(5)]
    candidates = {PEER.id: [fit(PEER, s) for s in stories], TECH.id: [], VALUES.id: []}
    plan = plan_loop([PEER.id, TECH.id, VALUES.id], candidates)
    assert [f.story.title for f in plan[PEER.id]] == ["S0", "S1"]
    assert plan[TECH.id] == [] and plan[VALUES.id] == []


def test_a_long_loop_is_planned_round_by_round_without_repeats():
    rounds = [RoundFacts(i, f"R{i}", ("x",)) for i in range(planner.MAX_ROUNDS_EXACT + 2)]
    shared = [story(i, f"S{i}") for i in range(8)]
    candidates = {r.id: [fit(r, s) for s in shared] for r in rounds}
    plan = plan_loop([r.id for r in rounds], candidates)
    used = [f.story.id for fits in plan.values() for f in fits]
    assert len(used) == len(set(used)) == 8


# Saving the plan.


def test_a_saved_plan_reads_back_in_order_without_stories_in_the_trash(guide, user):
    peer = InterviewRound.objects.get(slug="peer-manager")
    tech = InterviewRound.objects.get(slug="technical-leadership")
    a, b, c = (make_story(user, title=t) for t in "ABC")
    assert planner.save_plan(user, {peer.id: [b.id, a.id], tech.id: [c.id]}) == 3
    assert planner.saved_plan(user) == {peer.id: [b.id, a.id], tech.id: [c.id]}
    c.deleted_at = timezone.now()
    c.save()
    assert planner.saved_plan(user) == {peer.id: [b.id, a.id]}


def test_saving_a_plan_replaces_the_previous_one_and_leaves_other_users_alone(guide, user, other_user):
    peer = InterviewRound.objects.get(slug="peer-manager")
    mine, theirs = make_story(user, title="Mine"), make_story(other_user, title="Theirs")
    planner.save_plan(other_user, {peer.id: [theirs.id]})
    planner.save_plan(user, {peer.id: [mine.id]})
    planner.save_plan(user, {peer.id: []})
    assert planner.saved_plan(user) == {}
    assert planner.saved_plan(other_user) == {peer.id: [theirs.id]}
    assert str(LoopSlot.objects.get()) == "Theirs in Peer Manager"


# Strength in the plan.


def reviewed(id, title, grade, score, blockers=(), status="ready"):
    """A story the coach reviewed, with the grade, score and blocker messages given."""
    from stories.coach.findings import BLOCKER, Finding
    from stories.coach.review import Review

    findings = tuple(Finding(code="part-empty", severity=BLOCKER, message=m, hint="", guide_url="/") for m in blockers)
    review = Review(findings=findings, score=score, grade=grade, probes=(), checklist=())
    return StoryFacts(id=id, title=title, status=status, review=review)


def test_on_equal_fit_the_strong_story_is_chosen_over_a_weak_one():
    weak = reviewed(1, "Aardvark weak", "weak", 20, blockers=["Direct Communication is empty."])
    strong = reviewed(2, "Zebra strong", "strong", 95)
    candidates = {PEER.id: sorted([fit(PEER, weak), fit(PEER, strong)], key=Fit.sort_key)}
    plan = plan_loop([PEER.id], candidates, slots=1)
    assert [f.story.title for f in plan[PEER.id]] == ["Zebra strong"]


def test_a_usable_story_beats_a_weak_one_with_a_better_tag_match():
    weak = reviewed(1, "Weak", "weak", 30, blockers=["Challenge is empty."])
    strong = reviewed(2, "Strong", "strong", 90)
    candidates = {PEER.id: sorted([fit(PEER, weak, 3), fit(PEER, strong, 1)], key=Fit.sort_key)}
    assert [f.story.title for f in plan_loop([PEER.id], candidates, slots=1)[PEER.id]] == ["Strong"]


def test_a_story_with_blockers_is_placed_only_with_a_flag():
    stub = reviewed(1, "Stub", "weak", 20, blockers=["Direct Communication is empty."])
    plan = plan_loop([PEER.id], {PEER.id: [fit(PEER, stub)]}, slots=1)
    placed = plan[PEER.id][0]
    assert placed.flag == "1 blocker: Direct Communication is empty."
    assert "Coach: Weak, 20/100." in placed.reason
    assert fit(PEER, reviewed(2, "Fine", "strong", 90)).flag == ""


def test_no_round_is_left_empty_while_a_usable_story_is_unplaced():
    fits_peer, spare_one = reviewed(1, "Peer story", "strong", 90), reviewed(2, "Spare", "workable", 70)
    weak_spare = reviewed(3, "Weak spare", "weak", 10, blockers=["Challenge is empty."])
    candidates = {PEER.id: [fit(PEER, fits_peer)], TECH.id: [], VALUES.id: []}
    rounds = {r.id: r for r in (PEER, TECH, VALUES)}
    plan = plan_loop([PEER.id, TECH.id, VALUES.id], candidates, slots=1,
                     spare=[fits_peer, spare_one, weak_spare], rounds=rounds)
    assert [f.story.title for f in plan[PEER.id]] == ["Peer story"]
    assert [f.story.title for f in plan[TECH.id]] == ["Spare"]
    assert plan[TECH.id][0].fallback
    assert plan[TECH.id][0].reason.startswith("No story of yours matches the focus of Technical Leadership yet")
    assert plan[VALUES.id] == []  # only a weak story is left: it is not pushed into the plan


def test_plan_for_me_on_the_page_prefers_the_strong_story_and_flags_blockers(guide, owner_client, user):
    from tests.conftest import make_strong_story

    make_story(user, title="Stub", values=["candor-feedback"], status="ready", impact="It went well.")
    make_strong_story(user, title="Strong candor", values=["candor-feedback"])
    html = owner_client.get("/coverage/loop/", {"plan": "auto"}).content.decode()
    peer = html[html.index('id="round-peer-manager"'):]
    peer = peer[: peer.index("</section>")]
    assert "Coach: Strong" in peer
    assert "blocker" in html  # the stub, if placed anywhere, carries its flag
    assert html.count('class="text-danger fw-semibold mt-1 pick-flag"') == html.count("Coach: Weak")
