"""The print view and the loop sheet as Chromium prints them: pages counted and read back with pypdf."""

import io
import unicodedata

import pytest
from pypdf import PdfReader

from guide.models import InterviewRound
from stories.models import LoopSlot
from tests.conftest import STRONG_PARTS, make_story

pytestmark = pytest.mark.django_db(transaction=True)

BULLETS = "\n".join(f"- I fixed cause {i} and cut start-up time by {i}%" for i in range(1, 13))


def pdf_pages(page, path):
    """The text of each page of `path` printed to PDF, at the page size its CSS asks for (A4), with the
    font's ligatures ("ﬁ") read as letters."""
    page.goto(path)
    reader = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True)))
    return [" ".join(unicodedata.normalize("NFKC", p.extract_text()).split()) for p in reader.pages]


def test_each_story_starts_a_page_and_every_page_of_it_carries_its_title(owner_page, user):
    # Four stories of known length: 6 words, 378 words, 378 words and twelve bullets, 1,134 words.
    titles = {
        "Tiny story": make_story(
            user, title="Tiny story", challenge="Short.", impact="We saved 12% of cost."
        ),
        "Strong story": make_story(user, title="Strong story", **STRONG_PARTS),
        "Bulleted story": make_story(
            user,
            title="Bulleted story",
            **{**STRONG_PARTS, "execution": STRONG_PARTS["execution"] + "\n\n" + BULLETS},
        ),
        "Long story": make_story(
            user, title="Long story", **{k: f"{v}\n\n{v}\n\n{v}" for k, v in STRONG_PARTS.items()}
        ),
    }
    pages = pdf_pages(owner_page, "/export/print/")

    # The cover, a page for each of the three stories that fit one, two for the long one.
    assert len(pages) == 6, [p[:80] for p in pages]
    assert pages[0].startswith("STORY BANK")
    on_page = [[t for t in titles if t in text] for text in pages[1:]]
    assert all(len(found) == 1 for found in on_page), on_page  # each page carries exactly one story's title
    assert sorted(t for found in on_page for t in found) == sorted([*titles, "Long story"])
    # A story's first page begins with it (after its status line): each story starts a page.
    for text, (title,) in zip(pages[1:], on_page, strict=True):
        assert text.index(title) < 80, text[:120]
    # The long story's second page repeats its title and carries on with its parts, probes last.
    long_pages = [text for text, (title,) in zip(pages[1:], on_page, strict=True) if title == "Long story"]
    assert "What they will ask next" not in long_pages[0] and "What they will ask next" in long_pages[1]
    # No bullet is left alone on a page of its own: the list is on the story's one page.
    bulleted = next(
        text for text, (title,) in zip(pages[1:], on_page, strict=True) if title == "Bulleted story"
    )
    assert all(f"cause {i} and" in bulleted for i in range(1, 13))


def test_the_loop_sheet_prints_on_one_page_with_each_storys_summary_and_key_figure(owner_page, user):
    rounds = list(InterviewRound.objects.all())
    for i, rnd in enumerate(rounds):
        for order in (0, 1):
            story = make_story(
                user,
                title=f"Story {i}-{order} about a launch that went wrong",
                summary="When a launch slipped for 12 million members, I rebuilt the player pipeline in a week.",
                **STRONG_PARTS,
            )
            LoopSlot.objects.create(owner=user, round=rnd, story=story, order=order)
    (text,) = pdf_pages(owner_page, "/coverage/loop/")  # twelve stories, one landscape page
    assert text.count("I rebuilt the player pipeline in a week.") == 12
    assert text.count("launch-night playback failures dropped 38%") == 12  # Member Impact's figure
    assert "Key figure" in text and "Summary" in text
