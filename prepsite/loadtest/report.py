"""What a load test measured, and whether it met its targets (issue 15: 0 server errors, 0 lost writes,
every same-story race one save and one 409 with the loser's text kept)."""

import math
from dataclasses import dataclass, field


@dataclass
class Sample:
    """One request: what it was ("dashboard", "list", "story", "editor", "save", "race-save"), its
    HTTP status (0 when the connection failed) and its time in seconds."""

    kind: str
    status: int
    seconds: float


@dataclass
class Save:
    """A save a client posted: the story, the marker its text carries, the answer's status."""

    story_id: int
    marker: str
    status: int


@dataclass
class Race:
    """Two tabs saving one story at once (both opened it at the same version): their markers and
    statuses in the order they were posted, and whether the 409 page showed the loser's text."""

    story_id: int
    markers: tuple
    statuses: tuple
    loser_text_kept: bool

    @property
    def one_save_one_conflict(self) -> bool:
        return sorted(self.statuses) == [302, 409] and self.loser_text_kept

    @property
    def winner(self):
        return self.markers[self.statuses.index(302)] if 302 in self.statuses else None

    @property
    def loser(self):
        return self.markers[self.statuses.index(409)] if 409 in self.statuses else None


def percentile(values, fraction):
    """The nearest-rank percentile of `values` (seconds), e.g. fraction=0.99; 0.0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[max(1, math.ceil(len(ordered) * fraction)) - 1]


@dataclass
class Outcome:
    """The figures of a run and the targets' verdict. `lost` and `bad_races` come from the database
    check (bank.verify); the rest from the samples."""

    seconds: float
    samples: list
    saves: list
    races: list
    lost: list = field(default_factory=list)  # markers answered 302 but not in the database
    bad_races: list = field(default_factory=list)  # (race, why)

    @property
    def requests(self):
        return len(self.samples)

    @property
    def errors(self):
        """Server errors (5xx) and failed connections."""
        return sum(1 for s in self.samples if s.status >= 500 or s.status == 0)

    @property
    def unexpected(self):
        """Answers that are neither a page, a redirect nor a conflict (a 403 would mean a broken client)."""
        return sum(1 for s in self.samples if 400 <= s.status < 500 and s.status != 409)

    @property
    def accepted(self):
        return [s for s in self.saves if s.status == 302]

    @property
    def conflicts(self):
        return sum(1 for s in self.samples if s.status == 409)

    def latency(self, fraction):
        return percentile([s.seconds for s in self.samples], fraction)

    def failures(self):
        """The targets missed, in words; empty when the run passed."""
        missed = []
        if self.errors:
            missed.append(f"{self.errors} server errors or failed connections (target 0)")
        if self.unexpected:
            missed.append(f"{self.unexpected} answers of 400-499 other than 409 (target 0)")
        if self.lost:
            missed.append(f"{len(self.lost)} lost writes (target 0)")
        if self.bad_races:
            missed.append(
                f"{len(self.bad_races)} races not ending in one save and one 409 with the loser's text"
            )
        if not self.accepted:
            missed.append("no save was accepted: the test did not test saving")
        if not self.races:
            missed.append("no same-story race was run")
        return missed

    def lines(self, *, clients, database):
        """The report, as printed by `manage.py loadtest` and copied into docs/benchmarks.md."""
        rate = self.requests / self.seconds if self.seconds else 0
        good_races = sum(1 for race in self.races if race.one_save_one_conflict)
        return [
            f"Database               {database}",
            f"Clients, duration      {clients} for {self.seconds:.0f} s",
            f"Requests               {self.requests:,} ({rate:.0f}/s)",
            f"Errors (5xx)           {self.errors}",
            f"Other 4xx than 409     {self.unexpected}",
            f"Latency p50 / p99      {self.latency(0.5) * 1000:.0f} ms / {self.latency(0.99) * 1000:.0f} ms",
            f"Saves accepted         {len(self.accepted):,} of {len(self.saves):,} posted",
            f"Conflicts (409)        {self.conflicts}",
            f"Lost writes            {len(self.lost)}",
            f"Same-story races       {good_races} of {len(self.races)} ended in one save and one 409, "
            "the loser's text on the 409 page",
            *self.by_kind(),
        ]

    def by_kind(self):
        """A line per kind of request: how many, p50 and p99 in ms."""
        kinds = {}
        for sample in self.samples:
            kinds.setdefault(sample.kind, []).append(sample.seconds)
        return [
            f"  {kind:<20} {len(times):>6,}  p50 {percentile(times, 0.5) * 1000:>5.0f} ms  "
            f"p99 {percentile(times, 0.99) * 1000:>5.0f} ms"
            for kind, times in sorted(kinds.items())
        ]
