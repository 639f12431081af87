"""The coach's word lists and thresholds: data, kept apart from the checks that read them.

Every list is matched as whole words, case-insensitively, in a part's plain text
(Markdown and quoted speech removed first; see text.py). Where a list stands for
one of the guide's red flags it is keyed by that red flag's slug, and the test
suite checks that the slug still names the red flag whose words are given in
`expect`, so a reordered guide cannot silently tie a phrase to the wrong flag.
"""

from dataclasses import dataclass

# Anchors of the guide sections the findings link to (headings of guide/content/netflix.md;
# tests/coach/test_phrases.py checks each one exists on the rendered guide page).
ANCHORS = {
    "structure": "story-structure-for-netflix-interviews",
    "decision": "show-autonomous-decision-making",
    "standards": "emphasize-high-performance-standards",
    "communication": "demonstrate-direct-communication",
    "member": "focus-on-member-impact",
    "red_flags": "red-flags-to-avoid",
    "success": "what-netflix-values-most",
    "values": "netflixs-core-values-leadership-principles",
    "questions": "common-interview-questions-by-category",
    "levels": "level-specific-expectations",
}

# A part shorter than this share of its budget's words (at the user's pace) is too thin to tell.
THIN_SHARE = 1 / 3

# Stories tagged with more values than this cannot show each of them well (as the coverage dashboard warns).
MAX_VALUES = 3

# "I" per "we" wanted in Autonomous Decision and High Performance Execution, by target level: the more
# senior the candidate, the more the team acts, but the interviewer still wants the candidate's own calls.
I_PER_WE = {"L5": 3.0, "L6": 2.0, "L7": 1.5}
I_PER_WE_DEFAULT = 2.0
# Below this many "we", a part is not judged on its ratio: one "we" in a short part says little.
MIN_WE_TO_JUDGE = 2

I_WORDS = ("i", "me", "my", "mine", "myself", "i'm", "i've", "i'd", "i'll")
WE_WORDS = ("we", "us", "our", "ours", "ourselves", "we're", "we've", "we'd", "we'll")

# A decision part should hold at least one of these straight after "I" (or "I then", "I quickly", ...).
DECISION_VERBS = (
    "decided", "chose", "picked", "committed", "called", "made", "took", "owned", "set", "cut", "killed",
    "stopped", "dropped", "prioritised", "prioritized", "bet", "proposed", "pushed", "overruled", "ruled",
    "vetoed", "approved", "greenlit", "moved", "shifted", "redirected", "reorganised", "reorganized",
    "scrapped", "paused", "delayed", "accepted", "rejected", "declined", "insisted", "opted", "determined",
    "resolved", "elected", "staked", "wrote", "drafted", "launched", "started", "split", "merged",
    "replaced", "rolled", "reverted", "hired", "fired", "promoted", "reassigned", "assigned", "gave",
    "asked", "escalated", "challenged", "argued", "recommended",
)
# Phrases that carry a decision without a verb after "I".
DECISION_PHRASES = ("my decision", "my call", "my recommendation", "my choice", "my bet", "on my own authority")

# Figures written as words: Member Impact and Challenge should carry one (digits count too).
NUMBER_WORDS = (
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "fifteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred",
    "hundreds", "thousand", "thousands", "million", "millions", "billion", "billions", "dozen", "dozens",
    "half", "halve", "halves", "halved", "third", "thirds", "double", "doubled", "doubling", "twice", "triple", "tripled", "tripling",
    "quadrupled", "tenfold", "threefold", "twofold", "fivefold", "percent", "per cent", "zero",
)

# Vague magnitude where a number belongs (the guide asks for quantified impact).
VAGUE_WORDS = (
    "significantly", "significant", "a lot", "lots of", "greatly", "massively", "massive", "hugely",
    "huge", "dramatically", "dramatic", "substantially", "substantial", "tremendously", "tremendous",
    "vastly", "considerably", "a ton", "tons of", "much better", "much faster", "way faster",
    "way better", "big impact", "major improvement", "noticeably",
)

# Who Member Impact should name: the people the product serves, or their experience of it.
MEMBER_WORDS = (
    "member", "members", "customer", "customers", "user", "users", "subscriber", "subscribers", "viewer",
    "viewers", "household", "households", "audience", "audiences", "player", "players", "fan", "fans",
    "client", "clients", "people", "patient", "patients", "buyer", "buyers", "shopper", "shoppers",
    "experience", "engagement", "retention", "churn", "satisfaction", "playback", "streaming", "watch",
    "watching", "watched", "sign-ups", "signups", "conversion",
)

# What gives a Challenge stakes or a constraint, besides a number (which counts on its own).
STAKES_WORDS = (
    "deadline", "launch", "launches", "outage", "outages", "incident", "sla", "slo", "budget", "headcount",
    "weeks", "days", "hours", "months", "quarter", "q1", "q2", "q3", "q4", "january", "february", "march",
    "april", "may", "june", "july", "august", "september", "october", "november", "december", "deadline",
    "threatened", "at risk", "revenue", "churn", "regulator", "regulatory", "compliance", "contract",
    "million", "millions", "global", "worldwide", "scale", "peak", "p99", "p95", "latency", "downtime",
    "before", "by friday", "by monday", "end of", "freeze", "without", "only", "constraint", "constraints",
)

# Words of scope the guide expects at L7: "Multiple product areas or company-wide initiatives".
_L7_SCOPE_WORDS = (
    "organisation", "organization", "organisations", "organizations", "org", "org-wide", "organisation-wide",
    "organization-wide", "company-wide", "company wide", "companywide", "across the company",
    "multiple teams", "several teams", "many teams", "across teams", "cross-team", "cross-org",
    "multiple product areas", "product areas", "every team", "all teams", "engineering-wide",
    "division", "divisions", "cross-functional",
)
# By level code: a story at that level should say it reached this far. L5 and L6 ask for no such word.
SCOPE_WORDS = {"L7": _L7_SCOPE_WORDS}
# Words that say a story reached beyond one team at all (asked of L6 and L7 by a probe).
WIDER_SCOPE_WORDS = (*_L7_SCOPE_WORDS, "other teams", "partner teams", "two teams", "three teams", "platform")

# What a decision part says when it weighed options (probes ask when it does not).
ALTERNATIVE_WORDS = (
    "instead of", "rather than", "alternative", "alternatives", "option", "options", "considered",
    "trade-off", "tradeoff", "trade-offs", "tradeoffs", "versus", "vs", "weighed", "compared", "either",
)
RISK_WORDS = (
    "risk", "risks", "risky", "riskiest", "uncertain", "uncertainty", "bet", "gamble", "could fail",
    "might fail", "downside", "rollback", "roll back", "fallback", "worst case", "unknown", "unknowns",
)
# How the people spoken to took it (probes ask when a communication part does not say).
REACTION_WORDS = (
    "reacted", "reaction", "responded", "response", "replied", "pushed back", "agreed", "disagreed",
    "accepted", "thanked", "took it", "appreciated", "was upset", "were upset", "welcomed", "asked me",
    "came back", "changed", "improved", "grew", "bought in", "buy-in", "nodded", "objected",
)

# Words that turn a red-flag phrase around: "never settled for good enough" is the opposite of the flag.
NEGATIONS = (
    "not", "never", "no", "nor", "without", "instead", "rather", "refused", "refuse", "didn't", "don't",
    "doesn't", "won't", "wouldn't", "couldn't", "wasn't", "weren't", "isn't", "stopped", "avoid", "avoided",
)
NEGATION_WINDOW = 4  # words before a phrase in which a negation turns it around


@dataclass(frozen=True)
class RedFlagPhrases:
    """Phrases that tell one of the guide's red flags; `expect` is a word of the red flag's own text."""

    expect: str
    phrases: tuple[str, ...]
    hint: str


RED_FLAG_PHRASES = {
    "anti-netflix-behaviors-1": RedFlagPhrases(
        expect="excuses",
        phrases=(
            "not my fault", "wasn't my fault", "was not my fault", "not our fault", "wasn't our fault",
            "blamed the", "blamed them", "blamed it on", "their fault", "out of my control", "out of our control",
            "nothing i could do", "nothing we could do", "had no choice", "because the other team",
            "the other team failed", "bad luck", "unlucky", "we were set up to fail",
        ),
        hint="Own the outcome: say what you would do differently, not who else was at fault.",
    ),
    "anti-netflix-behaviors-2": RedFlagPhrases(
        expect="difficult conversations",
        phrases=(
            "avoided the conversation", "put off the conversation", "postponed the conversation",
            "hoped it would resolve", "hoped it would go away", "waited for it to blow over",
            "let it slide", "didn't bring it up", "did not bring it up",
        ),
        hint="Show the hard conversation you had, when you had it, and what it changed.",
    ),
    "anti-netflix-behaviors-3": RedFlagPhrases(
        expect="approval",
        phrases=(
            "waited for approval", "waited for permission", "asked for permission", "got permission",
            "needed approval", "needed permission", "until leadership approved", "once leadership approved",
            "once i got sign-off", "waited for sign-off", "asked my manager what to do",
            "my manager told me to", "i was told to", "was asked to decide nothing", "waited to be told",
        ),
        hint="Show the call you made on your own judgement, and how you kept people informed.",
    ),
    "anti-netflix-behaviors-4": RedFlagPhrases(
        expect="indirect",
        phrases=(
            "dropped hints", "hinted", "went around", "behind the scenes", "behind their back",
            "sugar-coated", "sugarcoated", "softened the message", "didn't want to upset",
            "did not want to upset", "kept it vague", "feedback sandwich", "politically", "lobbied",
            "played politics", "off the record",
        ),
        hint="Say what you told whom, directly, and why you chose to be that direct.",
    ),
    "anti-netflix-behaviors-5": RedFlagPhrases(
        expect="mediocrity",
        phrases=(
            "good enough", "acceptable", "settled for", "it was fine", "didn't need to be perfect",
            "lowered the bar", "lower the bar", "cut corners", "close enough", "met expectations",
        ),
        hint="Show the bar you raised, not the one you accepted.",
    ),
    "leadership-red-flags-1": RedFlagPhrases(
        expect="micromanaging",
        phrases=(
            "reviewed every", "approved every", "checked every", "signed off on every", "every pull request",
            "told them exactly how", "dictated", "run everything by me", "ran everything by me",
            "daily check-ins on", "hourly updates", "looked over their shoulder", "took over their work",
        ),
        hint="Show the context you gave and the freedom you left, then how you held people to results.",
    ),
    "leadership-red-flags-2": RedFlagPhrases(
        expect="accountability",
        phrases=(
            "the team failed", "my team failed", "the team dropped the ball", "my team dropped the ball",
            "their mistake", "not my responsibility", "not my job", "someone else's problem",
        ),
        hint="A leader owns the team's results: say what you did about the miss.",
    ),
    "leadership-red-flags-5": RedFlagPhrases(
        expect="feedback",
        phrases=("didn't give feedback", "did not give feedback", "held back feedback", "waited for the review cycle"),
        hint="Give the feedback in the story, in the words you used.",
    ),
}
