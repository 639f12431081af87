import re
from html.parser import HTMLParser

import pytest
from django.utils.html import escape

from stories.markup import render_markdown
from tests.conftest import make_story

XSS_PAYLOADS = [
    "<script>alert('x')</script>",
    '<img src=x onerror="alert(1)">',
    "<svg onload=alert(1)>",
    '<a href="javascript:alert(1)">click</a>',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    '<iframe src="https://evil.example"></iframe>',
    '<p style="background:url(javascript:alert(1))">styled</p>',
    '<div onclick="alert(1)">hi</div>',
    "<body onload=alert(1)>",
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data</a>',
    "<object data=x></object><embed src=x>",
    "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
    '"><script>alert(1)</script>',
    "<scr<script>ipt>alert(1)</script>",
]
class ActiveContent(HTMLParser):
    """Collects what a browser would run: script/iframe-like tags, on* handlers, javascript: URLs."""

    BAD_TAGS = {"iframe", "svg", "object", "embed", "img", "math", "frame", "frameset"}

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and not (attrs.get("src") or "").startswith("/static/"):
            self.found.append("inline script")
        if tag in self.BAD_TAGS:
            self.found.append(tag)
        for name, value in attrs.items():
            if name.startswith("on") or name == "style":
                self.found.append(f"{tag} {name}=")
            if name in ("href", "src", "action") and re.match(r"\s*(javascript|data|vbscript):", value or "", re.I):
                self.found.append(f"{tag} {name}={value}")


def active_content(html):
    parser = ActiveContent()
    parser.feed(html)
    return parser.found


DANGER = re.compile(r"<script|onerror|onload|onclick|javascript:|<iframe|style=|<object|<embed|data:text", re.I)


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_markdown_rendering_leaves_every_payload_inert(payload):
    assert not DANGER.search(str(render_markdown(payload)))


def test_markdown_still_renders_formatting():
    html = str(render_markdown("**Cut** costs by *40%*\n\n- one\n- two\n\n[docs](https://example.com)"))
    assert "<strong>Cut</strong>" in html and "<em>40%</em>" in html and "<li>one</li>" in html
    assert 'href="https://example.com"' in html and 'rel="noopener noreferrer nofollow"' in html


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_payloads_in_every_user_field_come_out_inert_on_every_page(owner_client, user, guide, payload):
    fields = {name: payload for name in ("title", "summary", "challenge", "decision", "execution", "communication", "impact")}
    story = make_story(user, tags=[payload[:50]], values=["candor-feedback"], questions=["candor-direct-communication-1"], **fields)
    for url in [
        story.get_absolute_url(),
        "/stories/",
        f"/stories/{story.pk}/edit/",
        f"/stories/{story.pk}/history/",
        f"/stories/{story.pk}/delete/",
        "/guide/netflix/values/candor-feedback/",
        "/guide/netflix/questions/candor-direct-communication-1/",
    ]:
        assert active_content(owner_client.get(url).content.decode()) == [], url
    detail = owner_client.get(story.get_absolute_url()).content.decode()
    assert escape(payload) in detail  # the title is shown as the text it is
