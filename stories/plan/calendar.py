"""The plan as an iCalendar file (RFC 5545), made with the `icalendar` library.

Events: each phase's start as a milestone at MILESTONE_TIME in the user's time zone (with its
VTIMEZONE, so a calendar app shows it at the same local hour wherever it is), the interview itself
as an all-day event over the loop's days, and, when asked, a daily practice reminder at
REMINDER_TIME from today to the day before the interview (one event with a daily RRULE).
UIDs are stable (the user's id, the phase's slug), so a calendar that reads the feed again updates
its events instead of doubling them.
"""

from datetime import datetime, time, timedelta

from icalendar import Calendar, Event

MILESTONE_TIME = time(9, 0)
REMINDER_TIME = time(8, 0)
REMINDER_MINUTES = 20
PRODID = "-//Story Bank//Prep plan//EN"


def _uid(user_id: int, name: str) -> str:
    return f"{name}-{user_id}@storybank.invalid"


def plan_calendar(plan, *, user_id: int, zone, now: datetime, reminders: bool = False,
                  plan_url: str = "") -> bytes:
    """The .ics bytes of `plan` (stories/plan/phases.Plan, dated) in time zone `zone` (a ZoneInfo).

    `now` (aware) stamps the events (DTSTAMP); `plan_url` is the link each event carries.
    """
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "Interview prep plan")
    cal.add("x-wr-timezone", str(zone.key))
    if plan.dated:
        for phase in plan.phases:
            event = Event()
            event.add("uid", _uid(user_id, f"phase-{phase.slug}"))
            event.add("dtstamp", now)
            event.add("summary", f"Prep: {phase.name}")
            event.add("dtstart", datetime.combine(phase.starts, MILESTONE_TIME, tzinfo=zone))
            event.add("duration", timedelta(minutes=30))
            event.add("description", "\n".join(f"- {task.text}" for task in phase.tasks))
            if plan_url:
                event.add("url", plan_url)
            cal.add_component(event)
        interview = Event()
        interview.add("uid", _uid(user_id, "interview"))
        interview.add("dtstamp", now)
        interview.add("summary", "Interview loop")
        interview.add("dtstart", plan.interview)
        interview.add("dtend", plan.interview_end + timedelta(days=1))  # all-day: the end is exclusive
        cal.add_component(interview)
        first = max(plan.today, plan.interview - timedelta(days=max(p.days_before for p in plan.phases)))
        last = plan.interview - timedelta(days=1)
        if reminders and first <= last:
            daily = Event()
            daily.add("uid", _uid(user_id, "practice"))
            daily.add("dtstamp", now)
            daily.add("summary", "Practice: rehearse the cards due today")
            daily.add("dtstart", datetime.combine(first, REMINDER_TIME, tzinfo=zone))
            daily.add("duration", timedelta(minutes=REMINDER_MINUTES))
            daily.add("rrule", {"freq": "daily", "count": (last - first).days + 1})
            if plan_url:
                daily.add("url", plan_url)
            cal.add_component(daily)
    cal.add_missing_timezones()
    return cal.to_ical()
