"""The dated prep plan: the guide's phases counted back from the interview date, and their tasks.

Phases come from the guide's "Preparation Strategy" (guide.PrepPhase rows: a name, `days_before`
the interview it starts, its tasks as a list of sentences). A phase runs from its start to the day
before the next phase starts; the last one ("Day of Interview", 0 days before) runs over the
loop's one or two days. A task is due on its phase's last day and is overdue from the day after.

Each phase holds the guide's own tasks, ticked by hand (a PlanTick row per task key), followed by
the product's measurable tasks (MEASURES), which tick themselves from `PlanFacts` and show a figure
such as "5/8". Everything here is plain data and takes `today` (a date in the user's time zone):
no queries, no clock.
"""

import hashlib
from dataclasses import dataclass, field
from datetime import date, timedelta


@dataclass(frozen=True)
class PlanFacts:
    """What the measurable tasks count; every figure is a whole number of things.

    stories: stories in the bank (drafts too); strong_ready: Ready stories the coach grades Strong;
    ready: Ready stories; ready_rehearsed_twice: Ready stories told at least twice in practice;
    values_met / values_total: values at the user's per-value target; values_covered: values with a
    usable story; rounds_practised / rounds_total: rounds with a rehearsed question of their session;
    rounds_planned: rounds with a story in the loop plan; target: stories per value.
    """

    stories: int = 0
    ready: int = 0
    strong_ready: int = 0
    ready_rehearsed_twice: int = 0
    values_covered: int = 0
    values_met: int = 0
    values_total: int = 5
    rounds_practised: int = 0
    rounds_planned: int = 0
    rounds_total: int = 6
    target: int = 2


@dataclass(frozen=True)
class Measure:
    """A task the product can measure. `phase`: position of its phase (0 = the earliest);
    `count(facts)` -> (done, needed); `url_name`: where to act on it."""

    key: str
    phase: int
    label: str
    count: object
    url_name: str


STORY_GOAL = 8  # the guide's bank: 8 to 15 stories (Story Structure); 8 is the floor.

MEASURES = (
    Measure("m:stories", 0, f"Write {STORY_GOAL} stories (drafts count)",
            lambda f: (f.stories, STORY_GOAL), "stories:new"),
    Measure("m:values", 0, "A usable story for each of the five values",
            lambda f: (f.values_covered, f.values_total), "coverage:dashboard"),
    Measure("m:strong", 1, f"{STORY_GOAL} stories Ready and Strong",
            lambda f: (f.strong_ready, STORY_GOAL), "stories:list"),
    Measure("m:target", 1, "Every value at your target of stories",
            lambda f: (f.values_met, f.values_total), "coverage:dashboard"),
    Measure("m:rehearsed", 1, "Each Ready story rehearsed at least twice",
            lambda f: (f.ready_rehearsed_twice, f.ready), "practice:home"),
    Measure("m:rounds", 2, "A practice run of each round of the loop",
            lambda f: (f.rounds_practised, f.rounds_total), "practice:home"),
    Measure("m:loop", 2, "A story planned for each round",
            lambda f: (f.rounds_planned, f.rounds_total), "coverage:loop"),
)


def task_key(phase_slug: str, text: str) -> str:
    """The key a hand tick is saved under: the phase's slug and a hash of the task's sentence, so a
    tick stays with its task when the guide reorders tasks (and lapses when the sentence changes)."""
    return f"{phase_slug}:{hashlib.sha256(text.encode()).hexdigest()[:10]}"


@dataclass
class Task:
    key: str
    text: str
    measured: bool
    done: bool
    due: date | None = None
    done_count: int = 0  # measured tasks: the figure, e.g. 5 of 8
    needed: int = 0
    url_name: str = ""
    overdue: bool = False
    due_today: bool = False

    @property
    def figure(self) -> str:
        return f"{self.done_count}/{self.needed}" if self.measured else ""


@dataclass
class Phase:
    name: str
    slug: str
    anchor: str
    days_before: int
    starts: date | None
    ends: date | None
    tasks: list[Task]
    state: str = "undated"  # "undated", "upcoming", "current", "past", "catch-up" (see build_plan)
    catch_up_by: date | None = None  # a catch-up phase's tasks are due then

    @property
    def done(self) -> int:
        return sum(1 for t in self.tasks if t.done)

    @property
    def percent(self) -> int:
        return round(100 * self.done / len(self.tasks)) if self.tasks else 100


@dataclass
class Plan:
    today: date
    interview: date | None
    interview_end: date | None
    phases: list[Phase] = field(default_factory=list)

    @property
    def dated(self) -> bool:
        return self.interview is not None

    @property
    def state(self) -> str:
        """"undated"; "ahead" (the loop is to come); "now" (a day of the loop); "past"."""
        if not self.dated:
            return "undated"
        if self.today < self.interview:
            return "ahead"
        return "now" if self.today <= self.interview_end else "past"

    @property
    def days_left(self) -> int | None:
        return (self.interview - self.today).days if self.dated else None

    @property
    def tasks(self) -> list[Task]:
        return [t for phase in self.phases for t in phase.tasks]

    @property
    def done(self) -> int:
        return sum(1 for t in self.tasks if t.done)

    @property
    def percent(self) -> int:
        tasks = self.tasks
        return round(100 * self.done / len(tasks)) if tasks else 100

    @property
    def overdue(self) -> list[Task]:
        return [t for t in self.tasks if t.overdue]

    @property
    def due_today(self) -> list[Task]:
        return [t for t in self.tasks if t.due_today]

    @property
    def current(self) -> Phase | None:
        return next((p for p in self.phases if p.state == "current"), None)

    def next_actions(self, count: int = 3) -> list[Task]:
        """The `count` tasks to do next: overdue first, then the current phase's, then the next phase's;
        measured tasks before hand ones within each (they say what to open), in plan order."""
        open_tasks = [t for t in self.tasks if not t.done]
        current = self.current
        upcoming = [p for p in self.phases if p.state in ("catch-up", "current", "upcoming", "undated")]
        now = {id(t) for p in self.phases if p.state == "catch-up" or p is current for t in p.tasks}
        rank = {id(t): (0 if t.overdue else 1 if id(t) in now else 2) for t in open_tasks}
        later = {id(t): i for i, p in enumerate(upcoming) for t in p.tasks}
        ordered = sorted(
            (t for t in open_tasks if t.overdue or id(t) in later),
            key=lambda t: (rank[id(t)], later.get(id(t), -1), not t.measured),
        )
        return ordered[:count]


def loop_end(start: date, end: date | None) -> date:
    """The loop's last day: `end` when it is a later day, else `start`."""
    return end if end and end > start else start


def build_plan(phase_rows, ticks: set[str], facts: PlanFacts, *, today: date,
               interview: date | None = None, interview_end: date | None = None,
               started: date | None = None) -> Plan:
    """The plan for `today` (the user's local date). `phase_rows`: PrepPhase-like objects (name, slug,
    anchor, days_before, tasks); `ticks`: the keys the user ticked by hand.

    `started`: the day the interview date was set. A phase already over by then (a loop booked three
    weeks out leaves no "8 Weeks Before") is a catch-up phase: its tasks are due with the phase that
    was current on `started`, so they are not overdue from the first day."""
    rows = sorted(phase_rows, key=lambda p: -p.days_before)
    plan = Plan(today=today, interview=interview,
                interview_end=loop_end(interview, interview_end) if interview else None)
    for index, row in enumerate(rows):
        starts = ends = None
        if interview:
            starts = interview - timedelta(days=row.days_before)
            if index + 1 < len(rows):
                ends = max(starts, interview - timedelta(days=rows[index + 1].days_before + 1))
            else:
                ends = plan.interview_end
        tasks = [Task(task_key(row.slug, text), text, False, task_key(row.slug, text) in ticks)
                 for text in row.tasks]
        for measure in MEASURES:
            if min(measure.phase, len(rows) - 1) == index:  # a short guide gets the later ones last
                done_count, needed = measure.count(facts)
                tasks.append(Task(measure.key, measure.label, True, needed > 0 and done_count >= needed,
                                  done_count=done_count, needed=needed, url_name=measure.url_name))
        phase = Phase(row.name, row.slug, row.anchor, row.days_before, starts, ends, tasks)
        if interview:
            phase.state = "past" if today > ends else "current" if today >= starts else "upcoming"
            for task in tasks:
                task.due = ends
        plan.phases.append(phase)
    if interview:
        _catch_up(plan, started)
        for task in plan.tasks:
            task.overdue = not task.done and today > task.due
            task.due_today = not task.done and today == task.due
    return plan


def _catch_up(plan: Plan, started: date | None) -> None:
    """Phases over before `started` take the due day of the phase current on `started` (see build_plan)."""
    if started is None:
        return
    missed = [p for p in plan.phases if p.ends < started]
    later = [p for p in plan.phases if p.ends >= started]
    if not missed or not later:
        return
    due = later[0].ends
    for phase in missed:
        phase.state = "catch-up" if plan.today <= due else "past"
        phase.catch_up_by = due
        for task in phase.tasks:
            task.due = due
