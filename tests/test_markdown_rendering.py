"""Parts render as CommonMark with GitHub's extensions (tables, strikethrough, task lists, autolinks),
on every page that shows them: the field case 14-markdown-part-samples.md as GitHub renders it."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from linkify_it import LinkifyIt

from stories.markup import PARSER, render_markdown
from tests.conftest import make_story
from tests.field_cases import markdown_part_samples


def squeeze(html):
    """HTML with the white space between tags dropped, to compare structure."""
    return re.sub(r">\s+<", "><", str(html)).strip()


# What GitHub renders for each sample of 14-markdown-part-samples.md, in order.
GITHUB_HTML = [
    "<p><strong>Action:</strong></p><ul><li>Split the job into a stream consumer</li>"
    "<li>Ran both side by side</li><li>Turned the batch off</li></ul>",
    "<pre><code>GET /product/42 -&gt; 200 queries\n</code></pre><ol><li>Added a cache</li><li>Added indexes</li></ol>",
    "<ul><li>Plan\n<ul><li>cut scope</li><li>pair teams</li></ul></li><li>Ship</li></ul>",
    "<p>We <del>rewrote</del> cached it.</p>",
]


def test_the_field_case_has_the_four_samples():
    assert len(markdown_part_samples()) == len(GITHUB_HTML)


@pytest.mark.parametrize("index", range(len(GITHUB_HTML)))
def test_each_markdown_sample_renders_as_github_renders_it(index):
    assert squeeze(render_markdown(markdown_part_samples()[index])) == GITHUB_HTML[index]


def test_a_table_keeps_its_alignment_without_a_style_attribute():
    html = squeeze(render_markdown("| Metric | Before |\n| :-- | --: |\n| p99 | 900 ms |"))
    assert '<th align="left">Metric</th><th align="right">Before</th>' in html
    assert '<td align="left">p99</td><td align="right">900 ms</td>' in html
    assert "style" not in html


def test_a_task_list_shows_boxes_that_cannot_be_ticked():
    html = str(render_markdown("- [x] rolled back\n- [ ] postmortem"))
    boxes = re.findall(r"<input[^>]*>", html)
    assert len(boxes) == 2 and all('type="checkbox"' in b and 'disabled="disabled"' in b for b in boxes)
    assert 'checked="checked"' in boxes[0] and "checked" not in boxes[1]
    assert "[x]" not in html and "[ ]" not in html


def test_a_written_input_is_only_ever_a_disabled_checkbox():
    html = str(render_markdown('<input type="text" name="password" value="x" formaction="https://evil.example">'))
    assert re.fullmatch(r'<input (?=.*type="checkbox")(?=.*disabled="disabled")[^>]*>', html.strip())
    assert "password" not in html and "evil" not in html


def test_bare_addresses_become_links_as_on_github():
    html = str(render_markdown("Dashboard at https://grafana.example.com/d/1 and www.example.org."))
    assert '<a href="https://grafana.example.com/d/1" rel="noopener noreferrer nofollow">' in html
    assert '<a href="http://www.example.org" rel="noopener noreferrer nofollow">www.example.org</a>.' in html


def test_a_numbered_list_keeps_its_first_number():
    assert '<ol start="3">' in str(render_markdown("3. third\n4. fourth"))


def test_soft_line_breaks_stay_one_paragraph_as_in_commonmark():
    assert squeeze(render_markdown("one line\nnext line")) == "<p>one line\nnext line</p>"


@pytest.fixture
def sample_story(user):
    a, b, c, d = markdown_part_samples()
    return make_story(user, title="Markdown as written", challenge=a, decision=b, execution=c, communication=d,
                      impact="- [x] shipped")


def rendered_samples_in(html):
    html = squeeze(html)
    return [expected in html for expected in GITHUB_HTML]


def test_the_story_page_renders_the_samples_as_github_does(owner_client, guide, sample_story):
    html = owner_client.get(sample_story.get_absolute_url()).content.decode()
    assert rendered_samples_in(html) == [True] * 4


def test_the_print_view_renders_the_samples_as_github_does(owner_client, guide, sample_story):
    html = owner_client.get("/export/print/").content.decode()
    assert rendered_samples_in(html) == [True] * 4


@pytest.mark.parametrize("index", range(len(GITHUB_HTML)))
def test_the_editor_preview_renders_each_sample_as_github_does(owner_client, index):
    response = owner_client.post("/stories/preview/", {"text": markdown_part_samples()[index]})
    assert squeeze(response.json()["html"]) == GITHUB_HTML[index]


# The quick linkify pretest answers as linkify-it's own, on the texts that decide it --------------

LINKY = ["@", ":", "//", ".", "www", "localhost", "http", "HTTPS", "ftp", "mailto", "com", "co", "uk", "io",
         "рф", "1", "127", " ", "\n", ">", "<", "_", "｜", "(", "a", "Z", "é", "。"]


ORIGINAL = LinkifyIt()


def _original_pretest(text):
    return ORIGINAL.pretest(text)


@pytest.mark.parametrize("text", [
    "", "plain prose without a link.", "mail ada@example.com", "see https://example.com", "HTTP://X.ORG",
    "a //cdn path", "go to www.example", "on localhost:8000", "example.com", "node.js and vue.io",
    "10.0.0.1", "ftp:x", "_http://no", "(http://yes)", "mailto:x", "3.2 times", "e.g. this", "end.Of",
])
def test_the_quick_linkify_pretest_answers_as_linkify_its(text):
    assert PARSER.linkify.pretest(text) is _original_pretest(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(LINKY) | st.text(max_size=3), max_size=12).map("".join))
def test_the_quick_linkify_pretest_answers_as_linkify_its_on_any_text(text):
    assert PARSER.linkify.pretest(text) is _original_pretest(text)


def test_the_parts_renderer_uses_the_quick_pretest():
    from stories.markup import QuickLinkify

    assert isinstance(PARSER.linkify, QuickLinkify)
    assert "<a href=\"http://www.example.com\"" in str(render_markdown("see www.example.com"))
