"""The dated plan (stories/plan/phases.py): phases counted back, self-ticking tasks, overdue states."""

from datetime import date
from types import SimpleNamespace

import pytest

from stories.plan.phases import MEASURES, PlanFacts, build_plan, task_key

PHASES = [
    SimpleNamespace(name="8 Weeks Before", slug="8-weeks-before", anchor="a", days_before=56, tasks=["Study", "Map"]),
    SimpleNamespace(name="4 Weeks Before", slug="4-weeks-before", anchor="b", days_before=28, tasks=["Rehearse"]),
    SimpleNamespace(name="1 Week Before", slug="1-week-before", anchor="c", days_before=7, tasks=["Review"]),
    SimpleNamespace(name="Day of Interview", slug="day-of-interview", anchor="d", days_before=0, tasks=["Breathe"]),
]
INTERVIEW = date(2026, 4, 26)


def plan(today, ticks=(), facts=None, **kwargs):
    return build_plan(PHASES, set(ticks), facts or PlanFacts(), today=today, **{"interview": INTERVIEW, **kwargs})


def test_phases_are_dated_back_from_the_interview_and_run_until_the_next_one():
    p = plan(date(2026, 3, 1))
    spans = [(ph.starts, ph.ends) for ph in p.phases]
    assert spans == [
        (date(2026, 3, 1), date(2026, 3, 28)),
        (date(2026, 3, 29), date(2026, 4, 18)),
        (date(2026, 4, 19), date(2026, 4, 25)),
        (date(2026, 4, 26), date(2026, 4, 26)),
    ]
    assert [ph.state for ph in p.phases] == ["current", "upcoming", "upcoming", "upcoming"]
    assert p.days_left == 56 and p.state == "ahead"


def test_a_two_day_loop_makes_the_last_phase_two_days_long():
    p = plan(date(2026, 4, 27), interview_end=date(2026, 4, 27))
    assert p.phases[-1].ends == date(2026, 4, 27)
    assert p.state == "now" and p.phases[-1].state == "current"


def test_the_guides_tasks_come_first_then_the_measured_ones_of_their_phase():
    p = plan(date(2026, 3, 1))
    first = p.phases[0].tasks
    assert [t.text for t in first[:2]] == ["Study", "Map"] and not first[0].measured
    assert [t.key for t in first if t.measured] == [m.key for m in MEASURES if m.phase == 0]
    assert sum(len(ph.tasks) for ph in p.phases) == 5 + len(MEASURES)


def test_a_measured_task_ticks_itself_and_shows_its_figure():
    p = plan(date(2026, 3, 1), facts=PlanFacts(stories=8, values_covered=3))
    stories, values = [t for t in p.phases[0].tasks if t.measured]
    assert stories.done and stories.figure == "8/8"
    assert not values.done and values.figure == "3/5"


def test_rehearsed_twice_is_not_done_with_no_ready_story():
    p = plan(date(2026, 3, 1))
    rehearsed = next(t for t in p.tasks if t.key == "m:rehearsed")
    assert rehearsed.figure == "0/0" and not rehearsed.done


def test_a_hand_tick_marks_its_task_done_by_key():
    p = plan(date(2026, 3, 1), ticks=[task_key("8-weeks-before", "Map")])
    assert [t.done for t in p.phases[0].tasks[:2]] == [False, True]
    assert p.done == 1 and p.phases[0].done == 1


def test_a_task_is_due_on_its_phases_last_day_and_overdue_the_day_after():
    on_the_day = plan(date(2026, 3, 28))
    assert {t.text for t in on_the_day.due_today} >= {"Study", "Map"}
    assert not on_the_day.overdue
    after = plan(date(2026, 3, 29), ticks=[task_key("8-weeks-before", "Study")])
    overdue = [t.text for t in after.overdue]
    assert "Map" in overdue and "Study" not in overdue
    assert after.phases[0].state == "past" and after.phases[1].state == "current"


def test_next_actions_put_overdue_first_then_the_current_phase():
    p = plan(date(2026, 3, 29))
    actions = p.next_actions()
    assert len(actions) == 3 and all(t.overdue for t in actions)
    fresh = plan(date(2026, 3, 1), ticks=[task_key("8-weeks-before", t) for t in ("Study", "Map")],
                 facts=PlanFacts(stories=8, values_covered=5))
    assert [t.text for t in fresh.next_actions()][0] == MEASURES[2].label


def test_without_a_date_the_plan_is_a_plain_checklist():
    p = build_plan(PHASES, set(), PlanFacts(), today=date(2026, 3, 1))
    assert p.state == "undated" and p.days_left is None
    assert all(ph.starts is None and ph.state == "undated" for ph in p.phases)
    assert not p.overdue and len(p.next_actions()) == 3


@pytest.mark.parametrize("today", [date(2026, 4, 20), date(2026, 4, 26)])
def test_a_date_set_late_makes_the_earlier_phases_past_and_overdue(today):
    p = plan(today)
    assert p.phases[0].state == "past" and p.phases[0].tasks[0].overdue


def test_after_the_loop_the_plan_is_past():
    p = plan(date(2026, 5, 1))
    assert p.state == "past" and p.days_left < 0


def test_a_plan_started_three_weeks_out_catches_up_the_phases_already_over_instead_of_overdue():
    started = date(2026, 4, 5)  # 21 days before the loop: "8 Weeks Before" ended on 28 March
    p = plan(started, started=started)
    assert [ph.state for ph in p.phases] == ["catch-up", "current", "upcoming", "upcoming"]
    assert p.overdue == []
    first = p.phases[0]
    assert first.catch_up_by == date(2026, 4, 18) == p.phases[1].ends
    assert {t.due for t in first.tasks} == {date(2026, 4, 18)}
    # What to do next comes from the catch-up phase first (its measured tasks, then Study and Map).
    assert all(any(t is task for task in first.tasks) for t in p.next_actions(3))


def test_caught_up_tasks_fall_overdue_after_their_new_due_day():
    p = plan(date(2026, 4, 19), started=date(2026, 4, 5))
    assert [ph.state for ph in p.phases] == ["past", "past", "current", "upcoming"]
    assert {t.text for t in p.overdue} >= {"Study", "Map", "Rehearse"}
    assert all(t.due == date(2026, 4, 18) for t in p.phases[0].tasks)


def test_without_a_start_day_phases_already_over_are_overdue_as_before():
    p = plan(date(2026, 4, 5))
    assert p.phases[0].state == "past"
    assert {t.text for t in p.overdue} >= {"Study", "Map"}


def test_setting_the_interview_date_records_the_day_the_plan_started(client, user, guide):
    from datetime import timedelta

    from stories.models import Profile

    client.force_login(user)
    day = date.today() + timedelta(days=21)
    response = client.post("/plan/date/", {"interview_date": day.isoformat(), "interview_end_date": "",
                                           "time_zone": ""})
    assert response.status_code == 302
    profile = Profile.for_user(user)
    assert profile.interview_date == day and profile.plan_started is not None
    assert (day - profile.plan_started).days in (20, 21, 22)  # the user's day, whatever the server's zone
    page = client.get("/plan/").content.decode()
    assert "Catch up by" in page and "Overdue</span>" not in page
