"""Export and import in a real browser: every download from /export/, an import with an error, a good one."""

import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from stories.models import Story
from tests.conftest import make_story
from tests.exchange.test_document_and_import import bank_state, document, record

pytestmark = pytest.mark.django_db(transaction=True)
FILE_LABEL = "Your stories: a spreadsheet, Markdown notes, a Notion export or JSON"


@pytest.fixture
def bank(guide, user):
    return [
        make_story(user, title="Latency, “quoted” & <b>", values=["candor-feedback"], tags=["scale"],
                   questions=["candor-direct-communication-1"], decision="I **chose** spot capacity.",
                   status=Story.Status.READY, level="L6"),
        make_story(user, title="Hiring bar", values=["high-performance-culture"]),
    ]


def download(page, button):
    with page.expect_download() as info:
        page.get_by_role("button", name=button).click()
    return info.value


def test_each_format_downloads_from_the_export_page(owner_page, bank):
    page = owner_page
    page.goto("/export/")
    checks = {
        "Download Markdown": (".md", lambda data: data.decode().startswith("# Story bank of ada")),
        "Download JSON": (".json", lambda data: len(json.loads(data)["stories"]) == 2),
        "Download CSV": (".csv", lambda data: data.startswith(b"\xef\xbb\xbfuuid,title,")),
        "Download Coverage matrix (CSV)": (".csv", lambda data: data.startswith(b"\xef\xbb\xbfValue,Stories,Target")),
        "Download Anki deck": (".apkg", lambda data: data.startswith(b"PK")),
    }
    for button, (extension, looks_right) in checks.items():
        got = download(page, button)
        assert got.suggested_filename.startswith("storybank-") and got.suggested_filename.endswith(extension)
        assert looks_right(Path(got.path()).read_bytes()), button
    with zipfile.ZipFile(download(page, "Download Anki deck").path()) as deck:
        assert "collection.anki2" in deck.namelist()


def test_the_print_view_opens_with_a_cover_and_a_page_per_story(owner_page, bank, screenshot):
    page = owner_page
    page.goto("/export/")
    page.get_by_role("button", name="Open the print view").click()
    expect(page).to_have_url(re.compile(r"/export/print/\??$"))  # the form sends an empty query
    expect(page.get_by_role("heading", name="Stories of ada")).to_be_visible()
    expect(page.get_by_role("button", name="Print or save as PDF")).to_be_visible()
    expect(page.locator("article.print-story")).to_have_count(2)
    screenshot("exchange-print-1440", width=1440)
    page.emulate_media(media="print")
    breaks = page.locator("article.print-story").evaluate_all(
        "els => els.map(e => getComputedStyle(e).breakBefore)")
    assert breaks == ["page", "page"]
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.get_by_role("button", name="Print or save as PDF")).to_be_hidden()
    screenshot("exchange-print-media-800", width=800)
    pdf = page.pdf(format="A4")  # what "Save as PDF" makes: the cover, then a page per story
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 3


def test_the_export_can_follow_the_story_lists_filter_or_take_the_whole_bank(owner_page, bank):
    page = owner_page
    page.goto("/export/?value=candor-feedback")
    expect(page.get_by_label("The 1 story the story list shows")).to_be_checked()
    titles = json.loads(Path(download(page, "Download JSON").path()).read_text())["stories"]
    assert [s["title"] for s in titles] == ["Latency, “quoted” & <b>"]
    page.get_by_label("The whole bank: 2 stories").check()
    titles = json.loads(Path(download(page, "Download JSON").path()).read_text())["stories"]
    assert len(titles) == 2


def test_a_download_works_from_the_keyboard(owner_page, bank):
    page = owner_page
    page.goto("/export/")
    page.get_by_role("button", name="Download JSON").focus()
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    assert info.value.suggested_filename.endswith(".json")


def test_an_import_with_an_error_shows_the_message_and_changes_nothing(owner_page, bank, user, screenshot):
    page = owner_page
    before = bank_state(user)
    page.goto("/import/")
    page.get_by_label(FILE_LABEL).set_input_files(
        {"name": "broken.json", "mimeType": "application/json",
         "buffer": b'{"format": "storybank",\n "version": 1\n "stories": []}'}
    )
    page.get_by_role("button", name="Preview the import").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("“broken.json” was not imported; nothing was changed.")
    expect(alert).to_contain_text("expecting ',' delimiter at line 3, column 2")
    screenshot("exchange-import-error-375", width=375)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert bank_state(user) == before


def test_an_import_with_an_unknown_value_lists_it_and_offers_no_import(owner_page, bank, user):
    page = owner_page
    before = bank_state(user)
    page.goto("/import/")
    page.get_by_label(FILE_LABEL).set_input_files(
        {"name": "bank.json", "mimeType": "application/json",
         "buffer": json.dumps(document(record(title="Typo", values=["candour"]))).encode()}
    )
    page.get_by_role("button", name="Preview the import").click()
    expect(page).to_have_url("/import/preview/")
    expect(page.get_by_role("alert")).to_contain_text("Story 1 (“Typo”): unknown value “candour”")
    expect(page.get_by_role("cell", name="candour")).to_be_visible()
    expect(page.get_by_role("button", name="Import 1 story")).to_have_count(0)
    assert bank_state(user) == before


def test_a_good_import_is_previewed_then_confirmed(owner_page, bank, user, screenshot):
    page = owner_page
    page.goto("/import/")
    page.get_by_label(FILE_LABEL).set_input_files(
        {"name": "more.json", "mimeType": "application/json",
         "buffer": json.dumps(document(record(title="From my backup"))).encode()}
    )
    page.get_by_role("button", name="Preview the import").click()
    expect(page.get_by_role("heading", name="Will be created (1)")).to_be_visible()
    assert Story.objects.filter(owner=user).count() == 2  # nothing written yet
    screenshot("exchange-preview-1440", width=1440)
    screenshot("exchange-preview-375", width=375)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.get_by_role("button", name="Import 1 story").click()
    expect(page).to_have_url("/stories/")
    expect(page.get_by_role("alert")).to_contain_text("Imported “more.json”: 1 created, 0 updated, 0 unchanged.")
    expect(page.get_by_role("link", name="From my backup")).to_be_visible()


@pytest.mark.parametrize("width", [375, 1440])
def test_the_export_page_fits_the_screen(owner_page, bank, screenshot, width):
    page = owner_page
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/export/?value=candor-feedback")
    screenshot(f"exchange-export-{width}", width=width)
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("width", [375, 1440])
def test_a_long_unbroken_word_wraps_in_the_print_view(owner_page, user, width):
    make_story(user, title="See https://example.com/" + "a" * 170, challenge="x" * 300, values=["candor-feedback"])
    owner_page.set_viewport_size({"width": width, "height": 900})
    owner_page.goto("/export/print/")
    assert owner_page.evaluate("document.documentElement.scrollWidth") <= width


def test_a_star_spreadsheet_is_mapped_then_imported(owner_page, bank, user):
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["Story", "Situation", "Task", "Action", "Result", "Learning"])
    book.active.append(["Killed a pilot", "A pilot had fans but no usage.", "Decide its fate.",
                        "I proposed ending it.\n\nI showed the data to each stakeholder.", "Three sprints freed.",
                        "Show data earlier."])
    raw = io.BytesIO()
    book.save(raw)
    page = owner_page
    page.goto("/import/")
    page.get_by_label(FILE_LABEL).set_input_files({"name": "star.xlsx", "mimeType": "application/octet-stream",
                                                   "buffer": raw.getvalue()})
    page.get_by_role("button", name="Preview the import").click()
    expect(page).to_have_url("/import/mapping/")
    expect(page.get_by_label("Situation")).to_have_value("challenge")
    expect(page.get_by_label("Learning")).to_have_value("note")
    page.get_by_label("Learning").select_option("ignore")
    page.get_by_label("Split: first paragraph to Autonomous Decision").check()
    page.get_by_role("button", name="See the preview").click()
    expect(page).to_have_url("/import/preview/")
    expect(page.locator(".plan-mapping")).to_contain_text("Learning → Ignore")
    assert Story.objects.filter(owner=user).count() == 2  # nothing written yet
    page.get_by_role("button", name="Import 1 story").click()
    expect(page).to_have_url("/stories/")
    story = Story.objects.get(owner=user, title="Killed a pilot")
    assert (story.challenge, story.decision, story.execution, story.impact, story.summary) == (
        "A pilot had fans but no usage.\n\nDecide its fate.", "I proposed ending it.",
        "I showed the data to each stakeholder.", "Three sprints freed.", "")


def test_the_mapping_step_fits_a_phone(owner_page, bank, screenshot):
    from tests.field_cases import field_case

    page = owner_page
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/import/")
    page.get_by_label(FILE_LABEL).set_input_files({"name": "notion.csv", "mimeType": "text/csv",
                                                   "buffer": field_case("05-notion-star-export.csv").encode()})
    page.get_by_role("button", name="Preview the import").click()
    expect(page).to_have_url("/import/mapping/")
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    select = page.get_by_label("Situation")
    box = select.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375  # the whole choice shows
    screenshot("mapping-375")
