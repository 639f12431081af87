"""A labelled set for the "Might fit" suggestions: a candidate's story bank and story-question pairs.

The stories are written as a candidate would write them for the editor, in the
guide's five parts, each tagged with the values the candidate would pick; none
is tagged with a question. LABELS marks pairs of a story and a guide question
(by slug) as fitting (the story answers the question) or not. Hard negatives
share a value with the question's category but do not answer it, such as the
underperformer story against the autonomy question. Pairs whose answer is
arguable are left unlabelled.
"""

PARTS = ("challenge", "decision", "execution", "communication", "impact")


def story(title: str, values: list[str], text: str) -> dict:
    """A story from its five parts, written one paragraph each (blank lines between) in that order."""
    paragraphs = [" ".join(p.split()) for p in text.strip().split("\n\n")]
    assert len(paragraphs) == len(PARTS), title
    return {"title": title, "values": values, **dict(zip(PARTS, paragraphs, strict=True))}


STORIES = {
    "underperformer": story(
        "Managed out a senior engineer after a missed performance plan",
        ["high-performance-culture", "freedom-responsibility", "candor-feedback"],
        """
        A senior engineer on my 7-person payments team had missed three sprint commitments in a row and
        his code reviews sat untouched for days. Two strong engineers told me in 1:1s they were thinking
        of leaving because they kept picking up his work, a quarter before our PCI audit.

        I decided not to wait for the annual review cycle. I set up a written 30-day performance plan
        with three concrete goals, told my director it might end in an exit, and decided that if he
        missed them I would let him go rather than move him to another team.

        I met him twice a week, paired him with our staff engineer on the ledger migration, and kept a
        shared doc of each goal and where he stood. After 30 days he had closed one of the three. I
        worked with HR on a fair severance package, redistributed his on-call shifts and opened the req
        the same day.

        I told him plainly in our first meeting that his performance was below the bar and that his job
        was at risk, with examples. When he left, I told the team the same afternoon, without gossip,
        and what it meant for their workload.

        The team hit the PCI audit date, sprint completion went from 60% to 90% the next quarter, and
        both engineers who had been thinking of leaving stayed. Payment failures for members dropped 12%
        once the ledger migration landed.
        """,
    ),
    "autonomy": story(
        "Handed the playback analytics rewrite to a first-time tech lead",
        ["freedom-responsibility"],
        """
        Our playback analytics pipeline dropped about 4% of events at peak and the rewrite was estimated
        at two quarters. I had five engineers and was also running hiring for a second team, so I could
        not lead the rewrite myself.

        I gave Priya, a mid-level engineer who had never led a project, full ownership of the rewrite:
        design, technology choice, sequencing and the date. I set two constraints, no data loss during
        cutover and a budget ceiling, and made it clear the calls were hers, including ones I would have
        made differently.

        She chose Flink over extending our Spark jobs, which I was unsure about. I shared context from
        the capacity planning meetings instead of reviewing her design doc line by line, and we kept a
        30-minute weekly check-in where she brought the risks. When the cutover slipped two weeks, she
        re-planned it herself and told stakeholders.

        I told her at the start that she had real autonomy here and that my job was to remove blockers,
        not approve decisions. When a staff engineer from another org questioned her choice, I sent him
        to her rather than answering for her.

        The new pipeline shipped in 11 weeks, event loss fell from 4% to under 0.1%, and the
        recommendations team got accurate viewing data for member personalisation. Priya was promoted to
        senior the next cycle and now leads the team.
        """,
    ),
    "review_tone": story(
        "Told a principal engineer his code reviews were driving people away",
        ["candor-feedback"],
        """
        Two junior engineers on my team asked to move off the search project. Both named the same
        principal engineer, whose code reviews were blunt to the point of contempt: comments like 'did
        you even run this?' on 40-comment PRs. He was our most senior engineer and the architect of the
        indexing service.

        I decided to give him the feedback myself, that week, rather than raise it with his manager or
        soften it into a general note about review etiquette to the whole team.

        I collected five specific review threads, checked my read with our staff engineer, and booked an
        hour in person. We went through the threads one by one. We agreed he would pair-review with one
        junior engineer each week and I would check back with the team in a month.

        I opened with the impact: 'Your reviews are why two people want to leave this project.' I said I
        valued his technical bar and did not want it lowered, only the tone changed. He was defensive at
        first and said people were too sensitive; I held the point and showed him the threads.

        Within six weeks review turnaround dropped from three days to one, neither engineer left, and
        our engagement score on 'I feel safe raising ideas' rose from 3.1 to 4.2. He later told me it
        was the most useful feedback he'd had in years.
        """,
    ),
    "vp_rewrite": story(
        "Pushed back on the VP's one-quarter platform rewrite",
        ["candor-feedback", "freedom-responsibility"],
        """
        Our VP of Engineering announced at an all-hands that the monolith behind the partner portal
        would be rewritten as microservices in one quarter, to unblock a partner launch. My team of
        eight owned a third of the code, and my estimate for our part alone was two quarters.

        I decided to challenge the plan openly, with data, rather than commit to a date I believed we
        would miss. I proposed an alternative: carve out only the two services the partner launch needed
        and leave the rest of the monolith in place.

        I spent a week with two senior engineers sizing both options from the dependency graph and past
        velocity, wrote a two-page doc with the risks of each, and asked for 30 minutes in the VP's
        staff meeting rather than going around her to the CTO.

        I told her directly: 'I don't think the one-quarter plan is achievable, and I'd rather tell you
        now than in week ten.' She pushed back hard on the estimates; I walked her through them and
        offered to be proven wrong in writing.

        She adopted the narrower plan. The partner launch shipped on time, and the remaining migration
        was replanned over three quarters with no outage for partners. She later asked me to review the
        roadmap for the other two teams.
        """,
    ),
    "premiere_outage": story(
        "Led the recovery when a regional outage hit a season premiere",
        ["customer-obsession", "innovation-risk-taking"],
        """
        Forty minutes before the premiere of our biggest series of the year, one of our three AWS
        regions started failing playback license requests. Error rates for members in Europe climbed to
        18% and launch traffic was expected to triple within the hour.

        As incident commander I decided to evacuate the region and shift all European traffic to the two
        healthy regions, even though we had only ever tested a full evacuation at half that load. The
        alternative, debugging in place, risked the premiere itself.

        I pulled in the traffic and license service owners, had the capacity team pre-scale the healthy
        regions by 60%, and shifted traffic in three steps of a third each, watching error rates and
        latency between steps. Once members were stable, we found a bad certificate rotation as the root
        cause.

        I posted updates every 15 minutes to the incident channel and a one-line status for executives.
        I told the content team plainly that we might delay the premiere by 30 minutes and why, so they
        could prepare.

        Error rates were back under 0.5% eleven minutes before the premiere, which launched on time to 9
        million members on its first day. The postmortem led to automated certificate checks and
        quarterly evacuation drills at full load.
        """,
    ),
    "billing_debt": story(
        "Paid down the billing service's technical debt while revenue tripled",
        ["innovation-risk-taking"],
        """
        Billing had grown from 2 to 30 engineers contributing in two years. The service was a 400k-line
        codebase with no owner for half its modules, deploys took a day, and one in five releases was
        rolled back. Product wanted three new payment methods that year.

        I decided to reserve 20% of every sprint for debt across the four billing teams, and to pick the
        debt by incident data instead of by who complained loudest. I said no to a full rewrite, which
        two senior engineers were pushing for.

        We ranked modules by incidents and change frequency, gave every module an owning team, and split
        the three hottest modules into independently releasable services. I tracked the debt budget next
        to feature work in the same planning review, so it could not quietly disappear.

        I told product leadership directly that the first payment method would ship a month later than
        they wanted, and showed them the rollback rate that made the trade worth it.

        Deploy time fell from a day to 40 minutes, rollbacks from 20% to 3%, and we shipped all three
        payment methods that year, the last two faster than planned. Involuntary churn from failed
        payments dropped by 8% as members hit fewer billing errors.
        """,
    ),
    "hiring_loop": story(
        "Rebuilt our hiring loop to raise the bar for senior engineers",
        ["high-performance-culture"],
        """
        We needed to hire six senior engineers in two quarters for a new studio tooling team. Our loop
        was four unstructured conversations, offer acceptance was 40%, and two of the last five senior
        hires had struggled by their second review.

        I decided to redesign the loop myself rather than add more interviewers to the old one: a
        work-sample exercise drawn from our real codebase, structured rubrics for each interview, and a
        hiring committee that could say no to me.

        I wrote the rubrics with two staff engineers, trained twelve interviewers with shadowing, and
        sourced directly from engineers whose open-source work we used. For strong candidates with
        competing offers from other big tech companies, I moved from loop to offer in five days and had
        them talk to the engineer they would work with.

        I told recruiters and interviewers that we would rather leave a seat empty than lower the bar,
        and shared every no-hire decision with its rubric scores so the reasons were visible.

        We hired six senior engineers in five months, offer acceptance rose to 75%, and every hire was
        rated strong or above at their first review. The team shipped the studio scheduling tool that
        cut production planning time by 30%.
        """,
    ),
    "per_title_encoding": story(
        "Shipped per-title encoding that cut rebuffering on slow networks",
        ["innovation-risk-taking", "customer-obsession"],
        """
        Members on mobile networks in India and Brazil rebuffered three times as often as members in the
        US, and those were our fastest growing markets. Our encoding used one bitrate ladder for every
        title, wasting bits on simple animation and starving complex action scenes.

        I proposed to bet a quarter of my team's time on per-title encoding, which at the time had only
        been tried in research papers. I decided to run it as a staged A/B test rather than a big-bang
        switch, so the risk was limited if it hurt picture quality.

        We built a complexity analysis step into the encoding pipeline, re-encoded the top 500 titles
        first, and ran the test on 5% of members in the two markets. I set kill criteria in advance: any
        drop in perceptual quality or increase in start-up time would stop the rollout.

        I told my director up front that there was maybe a 40% chance this would not work and what we
        would learn if it failed. I shared weekly results with the product team, including one week
        where the numbers went the wrong way.

        Rebuffering in the two markets fell 35%, data usage dropped 20% at the same quality, and viewing
        hours per member rose 4%: a visibly smoother experience on cheap phones. Per-title encoding
        rolled out to the whole catalogue the next quarter.
        """,
    ),
    "event_bus_standoff": story(
        "Settled a standoff between two senior engineers over the event bus",
        ["candor-feedback", "high-performance-culture"],
        """
        Two of my strongest engineers had argued for a month over whether our new order events should go
        through Kafka or our existing SQS queues. Design reviews had turned into debates, the rest of
        the team had stopped offering opinions, and the project was three weeks behind.

        I decided the disagreement would end with a decision by a fixed date, made on criteria we agreed
        first, not on who argued longer. If the data did not settle it, I would make the call myself.

        I got both of them to agree on four criteria: ordering guarantees, operational cost, team
        familiarity and replay. Each wrote a one-page case against those criteria and we ran a two-day
        spike on replay, the one real unknown. Kafka won on three of four, and I made the call.

        I met each of them alone first and told them the conflict was now costing the team more than
        either design could save. In the review I said which option we chose, why, and what we gave up.
        I asked the engineer whose option lost to own the replay plan.

        We shipped the events platform five weeks later, design reviews went back to 45 minutes, and
        both engineers are still on the team two years later. Checkout latency for members dropped from
        2 seconds to 300 ms.
        """,
    ),
    "rollback_without_signoff": story(
        "Rolled back a schema migration at 2 a.m. without waiting for sign-off",
        ["freedom-responsibility"],
        """
        During a planned schema migration on the account service, our dashboards showed that 0.3% of
        profile updates were silently being dropped. The change board required a director's sign-off for
        any production rollback, and my director was on a flight.

        I decided to roll back immediately without the approval, because every hour was losing member
        data and the rollback had been tested that afternoon. I accepted that I would own the
        consequences if the rollback itself caused trouble.

        I paged the on-call DBA, froze deploys, ran the rollback script on one shard first, checked
        writes for ten minutes, then rolled back the rest. We replayed the dropped updates from the
        write-ahead log by 6 a.m.

        I wrote to my director and the change board before the rollback started: what I was doing, why I
        wasn't waiting, and how to reach me. The next morning I walked them through the timeline and
        said I would make the same call again.

        We lost no member data in the end: all 14,000 dropped profile updates were recovered. The change
        board changed its policy so that on-call leads can roll back a tested change without approval.
        """,
    ),
    "growing_leads": story(
        "Grew two junior engineers into tech leads in a year",
        ["high-performance-culture"],
        """
        My team of nine had one senior engineer carrying every design decision and every on-call
        escalation. She was close to burning out, and no one was ready to lead the two new projects
        planned for the next half.

        I decided to grow two of our junior engineers into tech leads within a year instead of hiring
        seniors from outside, and to give them real projects, not shadow roles.

        I wrote a growth plan with each of them: one owned the search relevance project, the other our
        mobile API. I set up fortnightly mentoring with our senior engineer, had them present their
        designs at the architecture review, and gave each a stretch goal a quarter. In our 1:1s I
        coached them on running planning and giving feedback.

        I was honest with each of them about the gaps I saw, such as one rarely pushing back in reviews,
        and asked what support they needed. I told the senior engineer her job now included teaching,
        and took two on-call rotations off her.

        Both were promoted to senior within 14 months and led their projects to launch; the search
        relevance work raised member click-through by 6%. Escalations to our senior engineer fell by two
        thirds and she stayed.
        """,
    ),
    "blameless_postmortems": story(
        "Made it safe to report mistakes on a team that blamed people in postmortems",
        ["candor-feedback", "high-performance-culture"],
        """
        When I took over the platform reliability team, postmortems named the engineer who pushed the
        change. Incidents were reported late, one outage went unreported for six hours, and the team's
        survey showed the lowest psychological safety score in the org.

        I decided to make postmortems blameless while keeping the standard for follow-up work high:
        every action item would have an owner and a date, and missed ones would be reviewed in our
        weekly operations meeting.

        I rewrote the postmortem template to focus on systems and decisions, ran the first three myself,
        and opened one by describing a mistake I had made the previous year. I tracked time-to-report
        and action-item completion every week.

        I told the team directly that nobody would be punished for reporting a mistake, but that I would
        hold everyone, including me, to closing their action items. When a senior engineer blamed a
        colleague in a review, I stopped the meeting and reset it.

        Median time to report an incident fell from 50 minutes to 8, action-item completion went from
        45% to 92%, and the psychological safety score rose from the bottom of the org to the top
        quartile in two survey cycles. Member-facing incidents fell by a third.
        """,
    ),
    "recommendation_cache": story(
        "Cut recommendation API latency with a multi-region cache",
        ["customer-obsession", "innovation-risk-taking"],
        """
        Our recommendations API served 40,000 requests a second at peak and p99 latency had crept to 900
        ms as traffic grew, so home screens loaded rows late for members on TVs. The service called
        three downstream models synchronously in a single region.

        I decided to precompute the top rows for each profile and serve them from a replicated cache in
        each of our three regions, accepting that recommendations could be up to 15 minutes stale.

        We built the precompute job on our batch cluster, used a write-through cache with per-region
        replicas, and fell back to the live path on a miss. We load-tested at three times peak, found
        hot-key contention on popular profiles, and sharded those keys before launch.

        I told the personalisation scientists plainly that the staleness would cost some relevance, and
        agreed an experiment with them to measure it rather than argue about it.

        p99 latency fell from 900 ms to 120 ms, home screen render time on TVs dropped by 40%, and the
        A/B test showed no measurable loss in engagement from the staleness. The cache now absorbs
        launch-night spikes of five times normal traffic.
        """,
    ),
}

FITS, DOES_NOT_FIT = True, False

# (story key, question slug, whether the story answers the question)
LABELS = [
    ("underperformer", "high-performance-culture-2", FITS),
    ("underperformer", "freedom-responsibility-3", FITS),
    ("underperformer", "high-performance-culture-4", FITS),
    ("underperformer", "freedom-responsibility-1", DOES_NOT_FIT),  # shares Freedom & Responsibility
    ("underperformer", "high-performance-culture-1", DOES_NOT_FIT),
    ("underperformer", "team-leadership-culture-4", DOES_NOT_FIT),
    ("autonomy", "freedom-responsibility-1", FITS),
    ("autonomy", "freedom-responsibility-2", FITS),
    ("autonomy", "freedom-responsibility-3", DOES_NOT_FIT),
    ("autonomy", "freedom-responsibility-5", DOES_NOT_FIT),
    ("autonomy", "high-performance-culture-2", DOES_NOT_FIT),
    ("review_tone", "candor-direct-communication-1", FITS),
    ("review_tone", "candor-direct-communication-5", FITS),
    ("review_tone", "candor-direct-communication-3", DOES_NOT_FIT),
    ("review_tone", "high-performance-culture-2", DOES_NOT_FIT),
    ("vp_rewrite", "candor-direct-communication-3", FITS),
    ("vp_rewrite", "candor-direct-communication-5", FITS),
    ("vp_rewrite", "candor-direct-communication-2", FITS),
    ("vp_rewrite", "candor-direct-communication-1", DOES_NOT_FIT),
    ("vp_rewrite", "freedom-responsibility-1", DOES_NOT_FIT),
    ("premiere_outage", "technical-leadership-at-netflix-scale-2", FITS),
    ("premiere_outage", "innovation-member-focus-1", DOES_NOT_FIT),
    ("premiere_outage", "technical-leadership-at-netflix-scale-4", DOES_NOT_FIT),
    ("premiere_outage", "global-streaming-at-scale-1", DOES_NOT_FIT),
    ("billing_debt", "technical-leadership-at-netflix-scale-4", FITS),
    ("billing_debt", "technical-leadership-at-netflix-scale-2", DOES_NOT_FIT),
    ("billing_debt", "technical-leadership-at-netflix-scale-1", DOES_NOT_FIT),
    ("billing_debt", "innovation-member-focus-1", DOES_NOT_FIT),
    ("hiring_loop", "high-performance-culture-1", FITS),
    ("hiring_loop", "high-performance-culture-5", FITS),
    ("hiring_loop", "high-performance-culture-2", DOES_NOT_FIT),
    ("hiring_loop", "high-performance-culture-3", DOES_NOT_FIT),
    ("per_title_encoding", "innovation-member-focus-5", FITS),
    ("per_title_encoding", "innovation-member-focus-3", FITS),
    ("per_title_encoding", "innovation-member-focus-1", FITS),
    ("per_title_encoding", "technical-leadership-at-netflix-scale-2", DOES_NOT_FIT),
    ("per_title_encoding", "technical-leadership-at-netflix-scale-4", DOES_NOT_FIT),
    ("event_bus_standoff", "team-leadership-culture-5", FITS),
    ("event_bus_standoff", "candor-direct-communication-2", FITS),
    ("event_bus_standoff", "high-performance-culture-2", DOES_NOT_FIT),
    ("event_bus_standoff", "candor-direct-communication-1", DOES_NOT_FIT),
    ("rollback_without_signoff", "freedom-responsibility-5", FITS),
    ("rollback_without_signoff", "freedom-responsibility-1", DOES_NOT_FIT),
    ("rollback_without_signoff", "technical-leadership-at-netflix-scale-2", DOES_NOT_FIT),
    ("growing_leads", "team-leadership-culture-4", FITS),
    ("growing_leads", "high-performance-culture-2", DOES_NOT_FIT),
    ("growing_leads", "team-leadership-culture-5", DOES_NOT_FIT),
    ("blameless_postmortems", "candor-direct-communication-4", FITS),
    ("blameless_postmortems", "candor-direct-communication-1", DOES_NOT_FIT),
    ("blameless_postmortems", "technical-leadership-at-netflix-scale-2", DOES_NOT_FIT),
    ("recommendation_cache", "technical-leadership-at-netflix-scale-5", FITS),
    ("recommendation_cache", "global-streaming-at-scale-2", FITS),
    ("recommendation_cache", "technical-leadership-at-netflix-scale-2", DOES_NOT_FIT),
]
