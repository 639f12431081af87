"""The print view's pages (stories/exchange/printing.py and its template): what is kept on one page."""

from stories.exchange.printing import SHORT_PART_WORDS, is_short
from tests.conftest import STRONG_PARTS, make_story


def test_a_part_of_up_to_about_nine_lines_is_kept_whole():
    assert is_short("")
    assert is_short("word " * SHORT_PART_WORDS)
    assert not is_short("word " * (SHORT_PART_WORDS + 1))


def test_each_story_is_a_table_whose_head_is_its_title_and_short_parts_are_kept_whole(
    guide, user, owner_client
):
    make_story(user, title="Printed <story>", **{**STRONG_PARTS, "execution": "word " * 300})
    html = owner_client.get("/export/print/").content.decode()
    article = html.split('class="print-sheet print-story"')[1]
    head = article.split("<thead>")[1].split("</thead>")[0]
    assert 'class="h3 mb-2 print-title">Printed &lt;story&gt;</h2>' in head
    assert '<table class="print-story-table" role="presentation">' in article
    # Summary row, four short parts and the probes are kept whole; the 300-word part may break.
    body = article.split("<tbody>")[1].split("</tbody>")[0]
    assert body.count('<tr class="print-keep">') == 6
    assert body.count("<tr>") == 1
