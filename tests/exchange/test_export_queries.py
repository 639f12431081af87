"""Every export is built in one pass: the same queries for 2 stories as for 20, whatever the format."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from stories.exchange import FORMATS
from stories.models import Profile
from tests.conftest import make_story

URLS = [f"/export/{fmt}/" for fmt in FORMATS] + ["/export/print/"]


def _add_stories(user, start, stop):
    for n in range(start, stop):
        make_story(user, title=f"Story {n}", values=["candor-feedback", "customer-obsession"][: 1 + n % 2],
                   questions=["candor-direct-communication-1", "freedom-responsibility-1"][: 1 + n % 2],
                   themes=["global-streaming-at-scale"], tags=[f"tag {n}", "shared"], level=["L5", "L6", "L7"][n % 3],
                   status="ready" if n % 2 else "draft", impact=f"Cut start-up time by {n} % for members.")


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        assert response.status_code == 200
        b"".join(response.streaming_content) if response.streaming else response.content
    return [q["sql"] for q in queries.captured_queries]


def test_every_format_is_covered():
    assert {"json", "csv", "md", "apkg", "xlsx", "coverage"} <= set(FORMATS)


@pytest.mark.parametrize("url", URLS)
def test_an_export_makes_the_same_queries_for_2_and_20_stories(guide, user, owner_client, url):
    _add_stories(user, 0, 2)
    _queries(owner_client, url)  # the first request fills the per-process caches (guide parts, coach)
    Profile.bump_bank_revision(user)  # as adding stories below does: the navigation's due count is made again
    few = _queries(owner_client, url)
    _add_stories(user, 2, 20)
    many = _queries(owner_client, url)
    assert len(few) == len(many), "\n".join(many)
