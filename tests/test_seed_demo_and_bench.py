"""`manage.py seed_demo` (realistic stories for a user) and `manage.py bench` (the speed table)."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from stories.benchmarks import load
from stories.coach.review import review_story
from stories.models import Story


def seed(**options):
    out = StringIO()
    call_command("seed_demo", stdout=out, **options)
    return out.getvalue()


def test_seed_demo_makes_the_user_and_realistic_stories(guide):
    assert "demo: 40 stories (40 added)." in seed(user="demo", stories=40)
    user = get_user_model().objects.get(username="demo")
    assert not user.has_usable_password()
    stories = list(
        Story.objects.filter(owner=user)
        .prefetch_related("values", "questions", "tags")
        .select_related("level")
    )
    assert len(stories) == 40 and len({s.title for s in stories}) == 40
    assert all(s.values.exists() and s.level_id and s.history.count() == 1 for s in stories)
    assert {s.status for s in stories} == {"ready", "draft"}
    assert any(s.tags.exists() for s in stories) and any(s.questions.exists() for s in stories)
    grades = {review_story(s).grade for s in stories}
    assert {"strong", "weak"} <= grades  # a bank with strong stories and first drafts


def test_seed_demo_is_idempotent_adds_what_is_missing_and_replaces_on_request(guide):
    seed(user="demo", stories=5)
    first = list(Story.objects.order_by("pk").values_list("title", flat=True))
    assert "5 stories (0 added)" in seed(user="demo", stories=5)
    assert "8 stories (3 added)" in seed(user="demo", stories=8)
    assert list(Story.objects.order_by("pk").values_list("title", flat=True))[:5] == first
    assert "2 stories (2 added, after deleting the old ones)" in seed(user="demo", stories=2, replace=True)
    assert (
        Story.objects.count() == 2
        and Story.history.filter(owner_id=Story.objects.first().owner_id).count() == 2
    )


def test_seed_demo_gives_a_password_when_asked(guide):
    seed(user="demo", stories=1, password="a-long-demo-password")
    response = Client().post("/accounts/login/", {"username": "demo", "password": "a-long-demo-password"})
    assert response.status_code == 302 and response["Location"] == "/coverage/"


@pytest.mark.parametrize("stories", [-1, 10_001])
def test_seed_demo_refuses_an_odd_size(guide, stories):
    with pytest.raises(CommandError, match="between 0 and 10000"):
        seed(user="demo", stories=stories)


def test_bench_prints_one_table_with_the_targets_without_load(guide):
    out = StringIO()
    call_command("bench", sizes="2,3", runs=2, no_load=True, stdout=out, stderr=StringIO())
    table = out.getvalue()
    assert "| | 2 stories | 3 stories | queries flat |" in table
    for row in (
        "Dashboard /coverage/, after an edit",
        "Dashboard /coverage/, warm",
        "Loop page /coverage/loop/, warm",
        "Story list /stories/, warm",
        "A story's page, warm",
        "Guide /guide/netflix/",
        "Export: JSON",
        "Export: Anki deck",
        "Export: print view",
        "Import: applying the JSON backup",
    ):
        assert f"| {row} | " in table
    assert "| Dashboard /coverage/, warm | " in table and " ms · 4 q |" in table  # from the per-user cache
    assert "- The dashboard after an edit at 3 stories within 2x its time at 2:" in table
    assert "not measured (no wrk, or --no-load)" in table
    assert Story.objects.filter(owner__username="bench-3").count() == 3


@pytest.mark.parametrize("sizes", ["0", "a,b", "1,6000"])
def test_bench_refuses_odd_sizes(guide, sizes):
    with pytest.raises(CommandError):
        call_command("bench", sizes=sizes, no_load=True, stdout=StringIO(), stderr=StringIO())


WRK_OUTPUT = """Running 5s test @ http://127.0.0.1:8123/coverage/
  2 threads and 4 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     3.21ms    1.02ms  21.40ms   90.12%
    Req/Sec   620.11     40.22   700.00     70.00%
  Latency Distribution
     50%    3.01ms
     75%    3.40ms
     90%    4.10ms
     99%    7.52ms
  6180 requests in 5.00s, 110.00MB read
  Non-2xx or 3xx responses: 3
Requests/sec:   1235.50
Transfer/sec:     21.99MB
"""


def test_wrk_output_is_read_for_rate_p99_and_errors():
    measured = load.parse_wrk(WRK_OUTPUT)
    assert (measured.requests_per_second, measured.p99_ms, measured.errors) == (1235.5, 7.52, 3)
    assert (
        load.parse_wrk(
            WRK_OUTPUT.replace("7.52ms", "1.20s").replace("  Non-2xx or 3xx responses: 3\n", "")
        ).p99_ms
        == 1200.0
    )
    with pytest.raises(RuntimeError, match="not understood"):
        load.parse_wrk("wrk: connection refused")


def test_the_load_session_logs_wrk_in(guide, user):
    cookie = load.session_cookie(user)
    name, key = cookie.split("=")
    client = Client()
    client.cookies[name] = key
    assert client.get("/coverage/").status_code == 200
