"""The plan's pages: /plan/, its date, ticks, the calendar and its private feed (owner, other user, anonymous)."""

from datetime import UTC, date, datetime, timedelta

import icalendar
import pytest
from django.urls import reverse

from stories.models import PlanTick, Profile
from stories.plan.phases import task_key
from tests.conftest import make_story

from .conftest import NOW

HOME = reverse("plan:home")


def set_date(user, day, end=None, zone=""):
    profile = Profile.for_user(user)
    profile.interview_date, profile.interview_end_date, profile.time_zone = day, end, zone
    profile.save()
    return profile


def test_without_a_date_the_plan_is_a_checklist_with_an_invitation(guide, owner_client, clock):
    page = owner_client.get(HOME).content.decode()
    assert 'id="plan-invite"' in page and "8 Weeks Before" in page and "Day of Interview" in page
    assert "Study Netflix" in page  # the guide's own tasks, from the database


def test_the_owner_sets_a_date_and_sees_the_dated_phases(guide, owner_client, user, clock):
    response = owner_client.post(reverse("plan:date"), {"interview_date": "2026-04-26"}, follow=True)
    page = response.content.decode()
    assert "Interview date set to 26 April 2026." in page
    assert "56 days to your loop" in page and "Sun 1 Mar" in page
    assert Profile.for_user(user).interview_date == date(2026, 4, 26)


@pytest.mark.parametrize("day, message", [
    ("2026-02-28", "is in the past"),
    ("2031-01-01", "more than two years away"),
    ("2026-13-40", "Enter a valid date"),
    ("2026-04-\x0026", "Enter a valid date"),
    ("9" * 40, "Enter a valid date"),
])
def test_a_bad_date_gets_a_clear_message_and_changes_nothing(guide, owner_client, user, clock, day, message):
    response = owner_client.post(reverse("plan:date"), {"interview_date": day})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Profile.for_user(user).interview_date is None


@pytest.mark.parametrize("fields, message", [
    ({"interview_date": "2026-04-26", "interview_end_date": "2026-04-25"}, "must come after the first"),
    ({"interview_end_date": "2026-04-25"}, "Enter the first day of the loop too"),
    ({"interview_date": "2026-04-26", "time_zone": "Mars/Olympus"}, "Select a valid choice"),
    ({"interview_date": "2026-04-26", "time_zone": "Europe/\x00Paris"}, "Select a valid choice"),
])
def test_a_bad_second_day_or_zone_gets_a_clear_message(guide, owner_client, clock, fields, message):
    response = owner_client.post(reverse("plan:date"), fields)
    assert response.status_code == 400 and message in response.content.decode()


def test_the_date_is_today_in_the_users_time_zone(guide, owner_client, user, clock):
    # 23:30 UTC on 28 February is already 1 March in Tokyo: 28 February is in the past there only.
    clock(datetime(2026, 2, 28, 23, 30, tzinfo=UTC))
    response = owner_client.post(reverse("plan:date"), {"interview_date": "2026-02-28", "time_zone": "Asia/Tokyo"})
    assert response.status_code == 400 and "is in the past" in response.content.decode()
    assert owner_client.post(reverse("plan:date"), {"interview_date": "2026-02-28"}).status_code == 302


def test_a_saved_date_in_the_past_stays_and_the_plan_says_the_loop_is_behind(guide, owner_client, user, clock):
    set_date(user, date(2026, 2, 1))
    page = owner_client.get(HOME).content.decode()
    assert 'id="plan-past"' in page and "Log what was asked" in page
    response = owner_client.post(reverse("plan:date"), {"interview_date": "2026-02-01", "time_zone": "UTC"})
    assert response.status_code == 302  # re-saving an unchanged past date is allowed


def test_settings_hold_the_date_level_and_time_zone(guide, owner_client, user, clock):
    from guide.models import Level
    level = Level.objects.get(code="L6")
    response = owner_client.post(reverse("account_settings"), {
        "words_per_minute": "150", "interview_date": "2099-01-01", "target_level": str(level.pk),
        "time_zone": "Europe/Paris"})
    assert "more than two years away" in response.content.decode()
    response = owner_client.post(reverse("account_settings"), {
        "words_per_minute": "150", "interview_date": "", "target_level": "9" * 30, "time_zone": ""})
    assert "Select a valid choice" in response.content.decode()
    owner_client.post(reverse("account_settings"), {"words_per_minute": "150", "target_level": str(level.pk),
                                                    "time_zone": "Europe/Paris"})
    profile = Profile.for_user(user)
    assert profile.target_level == level and profile.time_zone == "Europe/Paris"


def test_a_task_measured_by_the_product_ticks_itself_with_its_figure(guide, owner_client, user, clock):
    for n in range(3):
        make_story(user, title=f"Story {n}")
    page = owner_client.get(HOME).content.decode()
    assert "Write 8 stories (drafts count)" in page and "3/8" in page


def test_the_owner_ticks_and_unticks_a_guide_task(guide, owner_client, user, clock):
    from guide.models import PrepPhase
    phase = PrepPhase.objects.get(slug="8-weeks-before")
    key = task_key(phase.slug, phase.tasks[0])
    response = owner_client.post(reverse("plan:tick"), {"key": key, "done": "1", "next": HOME}, follow=True)
    assert "Done: Study Netflix" in response.content.decode()
    assert PlanTick.objects.filter(owner=user, key=key).exists()
    owner_client.post(reverse("plan:tick"), {"key": key, "done": "1"})  # twice: still one tick
    assert PlanTick.objects.filter(owner=user).count() == 1
    owner_client.post(reverse("plan:tick"), {"key": key, "done": "0"})
    assert not PlanTick.objects.filter(owner=user).exists()


@pytest.mark.parametrize("key", ["m:stories", "nonsense", "", "\x00", "8-weeks-before:" + "9" * 200])
def test_an_unknown_or_measured_key_is_refused_with_a_message(guide, owner_client, user, clock, key):
    response = owner_client.post(reverse("plan:tick"), {"key": key, "done": "1"}, follow=True)
    assert "nothing was changed" in response.content.decode()
    assert not PlanTick.objects.exists()


@pytest.mark.parametrize("target", ["https://evil.example/", "abc", "plan", "x y", "//evil.example/", "\ufffd"])
def test_a_tick_returns_only_to_a_page_of_this_site(guide, owner_client, clock, target):
    response = owner_client.post(reverse("plan:tick"), {"key": "x", "next": target})
    assert response.status_code == 302 and response["Location"] == HOME


@pytest.mark.parametrize("name, method", [("plan:home", "get"), ("plan:tick", "post"), ("plan:date", "post"),
                                          ("plan:calendar", "get"), ("plan:renew", "post")])
def test_anonymous_visitors_go_to_the_login_page(guide, client, name, method):
    response = getattr(client, method)(reverse(name))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_ticks_are_private(guide, owner_client, other_client, user, other_user, clock):
    from guide.models import PrepPhase
    phase = PrepPhase.objects.get(slug="8-weeks-before")
    PlanTick.objects.create(owner=other_user, key=task_key(phase.slug, phase.tasks[0]))
    assert "Done, undo" not in owner_client.get(HOME).content.decode()
    assert "Done, undo" in other_client.get(HOME).content.decode()


@pytest.mark.parametrize("ticks", [1, 12])
def test_the_plan_page_runs_the_same_queries_however_many_stories_and_ticks(
        guide, owner_client, user, clock, django_assert_num_queries, ticks):
    set_date(user, date(2026, 4, 26))
    for n in range(ticks):
        make_story(user, title=f"Story {n}")
        PlanTick.objects.create(owner=user, key=f"k{n}")
    # session; user; profile; the dashboard's coverage (guide; once per process, 7 guide items and 3 of
    # the coach's view of the guide; the stories, their stored facts, texts, values, questions, themes, and
    # storing what was derived); prep phases; ticks; rehearsals; loop plan; the navigation's due count
    # (new cards; rated cards' due times)
    with django_assert_num_queries(27):
        assert owner_client.get(HOME).status_code == 200
    # again, with the guide's data and the stories' derived facts in this process, the due count cached:
    # session; user; profile; guide; stories; prep phases; ticks; rehearsals; loop plan
    with django_assert_num_queries(9):
        assert owner_client.get(HOME).status_code == 200


# The calendar ---------------------------------------------------------------------------------------


def events(content):
    cal = icalendar.Calendar.from_ical(content)
    return {str(e["uid"]).split("-")[0] + "-" + str(e["uid"]).split("-")[1]: e for e in cal.walk("VEVENT")}


def test_the_ics_holds_the_milestones_at_the_right_dates_in_the_users_time_zone(guide, owner_client, user, clock):
    set_date(user, date(2026, 4, 26), end=date(2026, 4, 27), zone="America/Los_Angeles")
    response = owner_client.get(reverse("plan:calendar"))
    assert response["Content-Type"].startswith("text/calendar")
    assert "interview-prep-plan.ics" in response["Content-Disposition"]
    cal = icalendar.Calendar.from_ical(response.content)
    by_summary = {str(e["summary"]): e for e in cal.walk("VEVENT")}
    start = by_summary["Prep: 8 Weeks Before"].decoded("dtstart")
    assert start.date() == date(2026, 3, 1) and start.hour == 9
    assert str(start.tzinfo) == "America/Los_Angeles" and start.utcoffset() == timedelta(hours=-8)
    week = by_summary["Prep: 1 Week Before"].decoded("dtstart")
    assert week.date() == date(2026, 4, 19) and week.utcoffset() == timedelta(hours=-7)  # summer time
    loop = by_summary["Interview loop"]
    assert loop.decoded("dtstart") == date(2026, 4, 26) and loop.decoded("dtend") == date(2026, 4, 28)
    assert "Practice: rehearse the cards due today" not in by_summary
    assert [tz["tzid"] for tz in cal.walk("VTIMEZONE")] == ["America/Los_Angeles"]


def test_daily_practice_reminders_run_from_today_to_the_eve_of_the_loop(guide, owner_client, user, clock):
    set_date(user, date(2026, 3, 11), zone="Europe/Paris")
    cal = icalendar.Calendar.from_ical(owner_client.get(reverse("plan:calendar") + "?reminders=1").content)
    daily = next(e for e in cal.walk("VEVENT") if str(e["summary"]).startswith("Practice"))
    assert daily.decoded("dtstart") == datetime(2026, 3, 1, 8, 0, tzinfo=daily.decoded("dtstart").tzinfo)
    assert daily["rrule"]["FREQ"] == ["DAILY"] and daily["rrule"]["COUNT"] == [10]


def test_the_calendar_needs_a_date(guide, owner_client, clock):
    response = owner_client.get(reverse("plan:calendar"), follow=True)
    assert "Set your interview date first" in response.content.decode()


def test_the_feed_works_without_login_and_dies_on_renewal(guide, owner_client, client, user, clock):
    set_date(user, date(2026, 4, 26))
    owner_client.post(reverse("plan:renew"))
    profile = Profile.for_user(user)
    assert len(profile.calendar_token) >= 43
    old = reverse("plan:feed", args=[profile.pk, profile.calendar_token])
    assert old in owner_client.get(HOME).content.decode()
    response = client.get(old)  # anonymous
    assert response.status_code == 200 and b"Interview loop" in response.content
    response = owner_client.post(reverse("plan:renew"), follow=True)
    assert "the old one no longer works" in response.content.decode()
    assert client.get(old).status_code == 404
    profile.refresh_from_db()
    assert client.get(reverse("plan:feed", args=[profile.pk, profile.calendar_token])).status_code == 200


@pytest.mark.parametrize("key, token", [("1", "x"), ("9" * 40, "abc"), ("-1", "abc"), ("abc", "abc"),
                                        ("1", "\x00"), ("1", "")])
def test_a_wrong_feed_link_is_a_404(guide, client, user, key, token, clock):
    Profile.objects.filter(user=user).update(calendar_token="")
    url = f"/plan/feed/{key}/{token}.ics"
    assert client.get(url).status_code == 404


def test_a_user_without_a_token_has_no_feed(guide, client, user, clock):
    profile = Profile.for_user(user)
    assert client.get(reverse("plan:feed", args=[profile.pk, "a" * 43])).status_code == 404


def test_one_users_token_does_not_open_another_users_feed(guide, owner_client, other_client, user, other_user,
                                                          client, clock):
    owner_client.post(reverse("plan:renew"))
    other_client.post(reverse("plan:renew"))
    mine, theirs = Profile.for_user(user), Profile.for_user(other_user)
    assert client.get(reverse("plan:feed", args=[theirs.pk, mine.calendar_token])).status_code == 404


def test_now_is_fixed(clock):
    from stories.plan import views
    assert views._now() == NOW


def test_the_settings_page_shows_the_plans_fields(guide, owner_client, clock):
    page = owner_client.get(reverse("account_settings")).content.decode()
    for label in ("Interview date", "Second day", "Target level", "Time zone", "Europe/Paris"):
        assert label in page


def test_the_plan_date_form_holds_the_loop_only_not_the_appearance(client, user, guide):
    client.force_login(user)
    page = client.get("/plan/").content.decode()
    assert 'name="interview_date"' in page and 'name="time_zone"' in page
    assert 'name="appearance"' not in page.split('action="/plan/date/"')[1].split("</form>")[0]
