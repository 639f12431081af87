"""Demonstration stories: a bank of realistic stories for one user, for benchmarks and load tests.

`demo_stories(count, guide_items, seed)` returns plain dicts, the same on every run for the same seed: a
title, a summary, the five parts told the way a candidate tells them (first person, figures, members),
the guide's values, questions and themes by id, a level, a team size, a status and the user's own tag
names. Most stories are Ready and within their budgets; about one in five is a thin draft, and about
one in ten leans on "we" or forgets the figure, so the coach's grades spread as in a real bank.

`manage.py seed_demo` writes them (stories/management/commands/seed_demo.py).
"""

import random
from dataclasses import dataclass

# {system}, {region}, {team}, {metric}, {n}... are filled per story, so no two stories read the same.
SYSTEMS = (
    "playback start-up",
    "the recommendations API",
    "the billing service",
    "the search index",
    "encoding pipeline",
    "the device certification lab",
    "the studio asset tracker",
    "the A/B test platform",
    "the edge cache",
    "the payments gateway",
    "the content delivery fleet",
    "the subtitles service",
    "the home page ranker",
    "the sign-up flow",
    "the live events stack",
    "the data warehouse",
    "the mobile download feature",
)
REGIONS = (
    "Brazil",
    "India",
    "Japan",
    "Germany",
    "Mexico",
    "Korea",
    "France",
    "Canada",
    "Nigeria",
    "Indonesia",
)
TEAMS = (
    "the product team",
    "the platform team",
    "the data science team",
    "the studio partners",
    "legal",
    "the device partners",
    "the security team",
    "finance",
    "the content team",
    "marketing",
)
METRICS = (
    "p95 start-up time",
    "error rate",
    "cost per stream",
    "search success rate",
    "rebuffer rate",
    "sign-up conversion",
    "on-call pages per week",
    "deploy lead time",
    "crash-free sessions",
)
OWN_TAGS = (
    "launch",
    "on-call",
    "migration",
    "hiring",
    "incident",
    "cost",
    "mentoring",
    "reorg",
    "latency",
    "experiment",
    "partner",
    "deadline",
    "quality",
    "growth",
)

TITLES = (
    "Cut {metric} on {system} before a launch in {region}",
    "Pulled a risky change from {system} a week before launch",
    "Rebuilt {system} with a team of {team_size}",
    "Told {team} their plan for {system} would miss the date",
    "Turned around {metric} for members in {region}",
    "Made the call to retire {system}",
    "Managed out an engineer after a missed bar on {system}",
    "Shipped {system} to {n} million members in {region}",
    "Bet on an experiment to move {metric}",
    "Raised the bar on {system} after an outage",
)

CHALLENGE = (
    "Two weeks before a global launch, {metric} on {system} doubled, and {n} million members in {region} were "
    "about to hit it on launch night.",
    "We had a code freeze in {days} days and no headcount to spare.",
    "{system} had paged the on-call engineer {pages} times in a month, and two senior engineers had asked to leave "
    "the rotation.",
    "The launch in {region} was fixed by a partner contract, with a penalty of ${money} million if we slipped.",
    "Our {metric} had drifted {pct}% above target for a quarter, and nobody owned it.",
    "Leadership wanted the migration of {system} done by the end of the quarter, {days} days away.",
)
DECISION = (
    "I decided to pull the new version of {system} from the launch and ship the old one with one fix, because a "
    "slow first play costs more members than a missing feature.",
    "I weighed a staged rollout instead, but rather than bet the launch on a risky migration I chose the smaller "
    "change.",
    "I told my director the call and owned the risk, without waiting for a review board.",
    "I set a rollback plan and a kill switch so that if the fix failed we could revert in minutes.",
    "I asked two senior engineers to challenge the numbers, and I wrote the decision record myself.",
    "I chose to stop two projects so that {team_size} engineers could focus on {metric}.",
    "I decided to run an A/B test on {pct}% of members in {region} before committing the whole fleet.",
    "I considered hiring contractors, and decided against it because the ramp-up would eat the time we had.",
)
EXECUTION = (
    "I set a bar of {metric} under {limit} on the slowest supported device and picked {few} engineers who knew "
    "{system}.",
    "I split the work: I owned the caching change myself, paired on the prefetch code, and asked each engineer "
    "to bring one measurement a day.",
    "I reviewed the daily numbers with them and I cut two tasks that did not move the metric.",
    "I ran a load test at three times launch traffic and found a lock in {system}, which I fixed with {team}.",
    "I held a daily fifteen-minute review of the metric, and I made the call to stop work on anything that did "
    "not move it.",
    "I kept a dashboard of {metric} per device family and used it to decide what to fix next.",
    "I gave the tech lead full ownership of the rollout and checked in twice a week, not every day.",
    "I wrote the runbook myself and ran two game days before launch, each with a real rollback.",
    "By launch week I had {metric} at {limit} and a tested rollback I could trigger myself.",
)
COMMUNICATION = (
    "I told {team} directly that {system} would not make the launch and why, with the numbers.",
    "They pushed back, then agreed once they saw the data, and we kept the feature for the next release.",
    "I gave the engineer the feedback in person the same day, with two examples, and asked what would help.",
    "I wrote one page for my director with the risk, the cost and my recommendation, and we decided in one "
    "meeting.",
)
IMPACT = (
    "{metric} for members in {region} fell {pct}%, and playback failures dropped {pct2}% for {n} million "
    "viewers in the first week.",
    "We saved ${money} million a year in cloud cost, and the on-call pages fell from {pages} to {few} a month.",
    "Sign-ups in {region} grew {pct}% in the quarter after launch, {n} million new members.",
    "The team kept the new bar: {metric} has stayed under {limit} for {few} quarters since.",
)
# A newcomer's first draft: short, "we" everywhere, no figure.
STUB = {
    "challenge": "We had a problem with {system}.",
    "decision": "We decided to fix it.",
    "execution": "We built it. It was faster and the team liked it.",
    "communication": "",
    "impact": "Things got a lot better for our users.",
}
PARTS = {
    "challenge": (CHALLENGE, 2, 3),
    "decision": (DECISION, 4, 6),
    "execution": (EXECUTION, 5, 8),
    "communication": (COMMUNICATION, 2, 3),
    "impact": (IMPACT, 1, 2),
}


@dataclass(frozen=True)
class GuideItems:
    """The ids of the guide's items a demo story may be tagged with, and its levels' (id, min, max team)."""

    values: list[int]
    questions: list[int]
    themes: list[int]
    levels: list[tuple[int, int, int]]


def _fill(rng: random.Random, text: str, facts: dict) -> str:
    return text.format(
        **facts,
        n=rng.randint(2, 40),
        pct=rng.randint(8, 60),
        pct2=rng.randint(10, 45),
        money=rng.randint(2, 30),
        days=rng.randint(5, 30),
        pages=rng.randint(20, 90),
        few=rng.randint(2, 6),
        limit=f"{rng.randint(12, 25) / 10:.1f} seconds",
    )


def _part(rng: random.Random, pool: tuple[str, ...], low: int, high: int, facts: dict) -> str:
    sentences = rng.sample(pool, min(len(pool), rng.randint(low, high)))
    return " ".join(_fill(rng, s, facts) for s in sentences)


def demo_story(rng: random.Random, number: int, items: GuideItems) -> dict:
    """One story as a dict of Story fields, `value_ids`, `question_ids`, `theme_ids` and `tag_names`."""
    level_id, team_min, team_max = rng.choice(items.levels)
    team_size = rng.randint(team_min, team_max)
    facts = {
        "system": rng.choice(SYSTEMS),
        "region": rng.choice(REGIONS),
        "team": rng.choice(TEAMS),
        "metric": rng.choice(METRICS),
        "team_size": team_size,
    }
    kind = rng.random()
    if kind < 0.2:  # a first draft
        parts = {name: _fill(rng, text, facts) for name, text in STUB.items()}
        status = "draft"
    else:
        parts = {name: _part(rng, pool, low, high, facts) for name, (pool, low, high) in PARTS.items()}
        if kind < 0.3:  # leans on "we", forgets the figure
            parts["execution"] = parts["execution"].replace("I ", "we ")
            parts["impact"] = "Members were much happier and the team was proud of it."
        status = "ready" if rng.random() < 0.85 else "draft"
    title = _fill(rng, rng.choice(TITLES), facts)
    return {
        "title": f"{title} (#{number})"[:200],
        "summary": _fill(
            rng,
            "When {metric} on {system} put a launch in {region} at risk, I {verb}.",
            facts
            | {
                "verb": rng.choice(
                    ("made the call and owned it", "cut scope and shipped", "told the truth early")
                )
            },
        ),
        **parts,
        "status": status,
        "level_id": level_id,
        "team_size": team_size,
        "value_ids": rng.sample(items.values, rng.randint(1, min(3, len(items.values)))),
        "question_ids": rng.sample(items.questions, rng.randint(0, min(2, len(items.questions)))),
        "theme_ids": rng.sample(items.themes, rng.randint(0, min(1, len(items.themes)))),
        "tag_names": rng.sample(OWN_TAGS, rng.randint(0, 3)),
    }


def demo_stories(count: int, items: GuideItems, seed: int = 14, start: int = 0) -> list[dict]:
    """Stories number `start` to `count - 1` of the demo bank of `seed`: story n is the same on every run."""
    return [demo_story(random.Random(f"{seed}-{n}"), n + 1, items) for n in range(start, count)]
