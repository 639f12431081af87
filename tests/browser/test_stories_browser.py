"""The story editor in a real browser: budgets while typing, conflicts, drafts, trash, history, privacy."""

import json
import re

import pytest
from playwright.sync_api import expect

from stories.models import Profile, Story
from stories.timing import speaking_seconds, spoken_length, word_count
from tests.browser.conftest import log_in
from tests.conftest import make_story
from tests.field_cases import field_case
from tests.test_timing import SCRIPT_SAMPLES

pytestmark = pytest.mark.django_db(transaction=True)

QUESTION = "How would you handle a streaming outage during a major content launch?"


def words(n, stem="word"):
    return " ".join(f"{stem}{i}" for i in range(n))


def editor_ready(page):
    """story-editor.js has run once: the counters show figures instead of the placeholder."""
    expect(page.locator("[data-total-counter]")).to_have_attribute("data-seconds", re.compile(r"\d+"))


def save(page):
    page.get_by_role("button", name="Save story").click()
    expect(page).to_have_url(re.compile(r"/stories/\d+/$"))


def clock_seconds(text):
    minutes, seconds = re.search(r"(\d+):(\d\d)", text).groups()
    return int(minutes) * 60 + int(seconds)


def test_a_new_user_signs_up_writes_a_story_and_watches_the_budget_while_typing(page, guide):
    page.goto("/accounts/signup/")
    page.get_by_label("Username").fill("margaret")
    page.get_by_label("Email").fill("margaret@example.com")
    page.get_by_label(re.compile(r"^\s*Password\W*$")).fill("apollo-guidance-11")
    page.get_by_label("Password confirmation").fill("apollo-guidance-11")
    page.get_by_role("button", name="Create account").click()
    expect(page).to_have_url("/welcome/")  # three first steps; the first opens the editor
    page.get_by_role("link", name="Write a story", exact=True).click()
    expect(page).to_have_url("/stories/new/")

    page.get_by_label("Title").fill("Landed the launch despite a failing dependency")
    challenge = page.get_by_role("textbox", name="1. Challenge")
    counter = page.locator('[data-counter-for="challenge"]')
    total = page.locator("[data-total-counter]")
    expect(counter).to_have_attribute("data-seconds", "0")

    # 150 words a minute: 58 words take 23 s of the 30 s budget; 59 words round to 24 s = 80 %.
    challenge.fill(words(58))
    expect(counter).to_have_attribute("data-status", "ok")
    expect(counter).to_have_attribute("data-seconds", "23")
    expect(total).to_have_attribute("data-seconds", "23")
    challenge.press("Control+End")
    challenge.press_sequentially(" one")
    expect(counter).to_have_attribute("data-status", "near")
    expect(counter).to_have_attribute("data-seconds", "24")
    expect(total).to_have_attribute("data-seconds", "24")

    # 76 words round to 30 s (still inside); the 77th word takes it to 31 s.
    challenge.fill(words(76))
    expect(counter).to_have_attribute("data-status", "near")
    challenge.press("Control+End")
    challenge.press_sequentially(" two")
    expect(counter).to_have_attribute("data-status", "over")
    expect(counter).to_contain_text("over")
    expect(total).to_have_attribute("data-seconds", "31")
    expect(total).to_have_attribute("data-status", "ok")  # 31 s of the story's 4:00
    expect(total).to_contain_text("0:31 of 4:00")

    save(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Landed the launch despite a failing dependency"
    )
    expect(page.locator(".messages")).to_contain_text(
        "Saved “Landed the launch despite a failing dependency”."
    )
    story = Story.objects.get(owner__username="margaret")
    assert word_count(story.challenge) == 77


def test_saving_a_stale_tab_keeps_the_typed_text_and_shows_the_newer_one(owner_page, user):
    story = make_story(user, challenge="The original challenge.")
    tab_a = owner_page
    tab_b = tab_a.context.new_page()
    for tab in (tab_a, tab_b):
        tab.goto(f"/stories/{story.pk}/edit/")
        editor_ready(tab)

    tab_a.get_by_role("textbox", name="1. Challenge").fill("Tab A: we rolled back within ten minutes.")
    save(tab_a)

    tab_b.get_by_role("textbox", name="1. Challenge").fill("Tab B: we paused the launch for a day.")
    with tab_b.expect_response(lambda r: r.request.method == "POST") as response:
        tab_b.get_by_role("button", name="Save story").click()
    assert response.value.status == 409
    expect(tab_b.locator(".alert-danger")).to_contain_text("saved elsewhere")
    expect(tab_b.get_by_role("textbox", name="1. Challenge")).to_have_value(
        "Tab B: we paused the launch for a day."
    )
    # Both tabs changed the Challenge: the box shows tab A's change, and tab B's text is kept.
    expect(tab_b.locator("[data-newer-for=challenge] ins")).to_have_text("Tab A: we rolled back within ten minutes.")
    expect(tab_b.get_by_role("radio", name="Keep mine for Challenge")).to_be_checked()
    story.refresh_from_db()
    assert story.challenge == "Tab A: we rolled back within ten minutes."

    # Having seen the newer text, saving again from tab B is accepted.
    save(tab_b)
    story.refresh_from_db()
    assert story.challenge == "Tab B: we paused the launch for a day."


def test_a_draft_survives_a_reload_and_is_forgotten_once_saved(owner_page, user):
    page = owner_page
    key = f"storybank:{user.pk}:story:new"
    page.goto("/stories/new/")
    editor_ready(page)
    page.get_by_label("Title").fill("Drafted on a train")
    page.get_by_role("textbox", name="3. High Performance Execution").fill(
        "We split the migration into twelve reversible steps."
    )
    # Autosave is debounced by 400 ms; wait until it has written the draft.
    page.wait_for_function("key => localStorage.getItem(key) !== null", arg=key, timeout=2_000)

    page.reload()
    banner = page.locator("#draft-banner")
    expect(banner).to_be_visible()
    expect(page.get_by_role("textbox", name="3. High Performance Execution")).to_have_value("")
    banner.get_by_role("button", name="Restore my draft").click()
    expect(banner).to_be_hidden()
    expect(page.get_by_label("Title")).to_have_value("Drafted on a train")
    expect(page.get_by_role("textbox", name="3. High Performance Execution")).to_have_value(
        "We split the migration into twelve reversible steps."
    )
    expect(page.locator('[data-counter-for="execution"]')).to_have_attribute("data-seconds", "3")

    save(page)
    assert Story.objects.get(owner=user).execution == "We split the migration into twelve reversible steps."
    page.goto("/stories/new/")
    editor_ready(page)
    expect(page.locator("#draft-banner")).to_be_hidden()
    assert page.evaluate("key => localStorage.getItem(key)", key) is None


def test_a_story_goes_to_the_trash_comes_back_and_can_then_be_deleted_for_good(owner_page, user):
    page = owner_page
    title = "Retired the legacy encoder fleet"
    story = make_story(user, title=title)

    def move_to_trash():
        page.goto(f"/stories/{story.pk}/")
        page.get_by_role("link", name="Delete").click()
        expect(page.get_by_role("heading", name=f"Move “{title}” to the trash?")).to_be_visible()
        page.get_by_role("button", name="Move to trash").click()
        expect(page).to_have_url("/stories/")
        expect(page.locator(".messages")).to_contain_text("moved to the trash")

    move_to_trash()
    expect(page.get_by_role("link", name=title)).to_have_count(0)
    page.goto("/stories/trash/")
    expect(page.get_by_text(title)).to_be_visible()
    page.get_by_role("button", name=f"Restore {title}").click()
    expect(page).to_have_url(f"/stories/{story.pk}/")
    page.goto("/stories/")
    expect(page.get_by_role("link", name=title)).to_be_visible()

    move_to_trash()
    page.goto("/stories/trash/")
    page.get_by_role("link", name=f"Delete {title} for good").click()
    expect(page.get_by_role("heading", name=f"Delete “{title}” for good?")).to_be_visible()
    assert Story.objects.filter(pk=story.pk).exists()  # nothing is gone before the confirmation
    page.get_by_role("button", name="Delete for good").click()
    expect(page).to_have_url("/stories/trash/")
    expect(page.locator(".messages")).to_contain_text("deleted for good")
    expect(page.get_by_text("The trash is empty")).to_be_visible()
    assert not Story.objects.filter(pk=story.pk).exists()
    assert not Story.history.filter(id=story.pk).exists()


def test_an_older_revision_can_be_compared_and_restored(owner_page, user):
    page = owner_page
    story = make_story(user, title="Chose the cheaper cache", challenge="First: the cache cost doubled.")
    for text in ("Second: the cache bill doubled in a month.", "Third: the bill tripled after the launch."):
        page.goto(f"/stories/{story.pk}/edit/")
        page.get_by_role("textbox", name="1. Challenge").fill(text)
        save(page)

    page.get_by_role("link", name="History").click()
    revisions = page.locator(".revision-list > li")
    expect(revisions).to_have_count(3)
    revisions.last.get_by_role("link", name="Compare with current").click()
    challenge_diff = page.locator(".diff-card").filter(has=page.get_by_role("heading", name="Challenge"))
    expect(challenge_diff.locator("del")).to_contain_text(["First:", "cost doubled."])
    expect(challenge_diff.locator("ins")).to_contain_text(["Third:", "bill tripled after the launch."])

    page.get_by_role("button", name="Restore this revision").click()
    expect(page).to_have_url(f"/stories/{story.pk}/")
    expect(page.locator(".messages")).to_contain_text("The older revision is back")
    expect(page.locator("section.story-part").first).to_contain_text("First: the cache cost doubled.")
    story.refresh_from_db()
    assert story.challenge == "First: the cache cost doubled."
    page.get_by_role("link", name="History").click()
    expect(revisions).to_have_count(4)


@pytest.fixture
def other_page(browser, live_server, other_user):
    """A fresh browser context logged in as the other user ("grace")."""
    context = browser.new_context(base_url=live_server.url)
    context.set_default_timeout(10_000)
    log_in(context, other_user, live_server)
    yield context.new_page()
    context.close()


def test_another_user_gets_a_404_and_never_sees_the_title(owner_page, other_page, user):
    title = "Quietly fixed the billing double charge"
    story = make_story(user, title=title)
    story.challenge = "Edited once, so the history has two entries."
    story.save()
    record = story.history.first()

    # The owner sees it at the very URLs the other user tries.
    owner_page.goto(f"/stories/{story.pk}/")
    expect(owner_page.get_by_role("heading", level=1)).to_have_text(title)

    for path in ("", "edit/", "history/", f"history/{record.history_id}/", "delete/"):
        response = other_page.goto(f"/stories/{story.pk}/{path}")
        assert response.status == 404, path
        expect(other_page.locator("body")).not_to_contain_text(title)
    other_page.goto("/stories/")
    expect(other_page.locator("body")).not_to_contain_text(title)


# Texts a writer really types: punctuation, Markdown, accents, figures, odd spacing.
PART_SAMPLES = {
    "challenge": "Plain ASCII words, with punctuation; and a dash - here. Start-up time doubled!",
    "decision": "# Decision\n\n- **Rolled back** first\n- *then* asked why ** -- ##\n\n> quote: `git revert` [PR](https://example.com/pr/1)",
    "execution": "naïve café déjà vu — Zürich, Ångström, résumé, crème brûlée. " * 3,
    "communication": "Error rate fell from 12.5% to 99.9% availability (1,200 ms -> 80 ms) in Q3 2024; 3x faster.",
    "impact": "  multiple   spaces\n\n\n\tand tabs \n  and   blank\n\n lines   ",
}
WORD_SAMPLES = [
    *PART_SAMPLES.values(),
    "",
    "   \n\t  ",
    "- ** #",
    "**bold** _it_ ~~x~~ --- *** ###",
    "naïve café",
    "e\u0301te\u0301 (decomposed accents)",
    "99.9% 1,000 3.14 -5 +7 #1 v2.0",
    "non\u00a0breaking\u00a0spaces",
    "Windows\r\nline\r\nbreaks",
    "C++ / C# & .NET — don't stop…",
    "😀 🚀 ✓ → 10×",
    *SCRIPT_SAMPLES,
]


def test_the_live_counter_and_the_server_agree_on_words_and_time(owner_page):
    page = owner_page
    page.goto("/stories/new/")
    editor_ready(page)
    for sample in WORD_SAMPLES:
        assert page.evaluate("text => window.storyTiming.wordCount(text)", sample) == word_count(sample), (
            sample
        )
        length = spoken_length(sample)
        assert page.evaluate("text => window.storyTiming.spokenLength(text)", sample) == {
            "words": length.words, "chinese": length.chinese, "japanese": length.japanese, "thai": length.thai
        }, sample
        for wpm in (150, 120, 97):
            browser = page.evaluate("([t, w]) => window.storyTiming.speakingSeconds(window.storyTiming.spokenLength(t), w)",
                                    [sample, wpm])
            assert browser == speaking_seconds(length, wpm), (sample, wpm)
        assert page.evaluate("t => window.storyTiming.describeLength(window.storyTiming.spokenLength(t))",
                             sample) == str(length), sample

    page.get_by_label("Title").fill("Counting words both ways")
    browser_figures = {}
    for field, text in PART_SAMPLES.items():
        page.locator(f"#id_{field}").fill(text)
        counter = page.locator(f'[data-counter-for="{field}"]')
        expect(counter).to_contain_text(f"{word_count(text)} word")
        browser_figures[field] = (
            counter.text_content().split(" · ")[0],
            int(counter.get_attribute("data-seconds")),
        )
    browser_total = int(page.locator("[data-total-counter]").get_attribute("data-seconds"))
    assert browser_total == sum(seconds for _, seconds in browser_figures.values()) > 0

    save(page)
    rows = page.locator("table.timing-table tbody tr")
    expect(rows).to_have_count(5)
    server_figures = {}
    for field, row in zip(PART_SAMPLES, rows.all(), strict=True):
        cells = row.locator("td")
        server_figures[field] = (cells.nth(0).text_content().strip(), clock_seconds(cells.nth(1).text_content()))
    assert server_figures == browser_figures
    server_total = int(page.locator("[data-total-seconds]").get_attribute("data-total-seconds"))
    assert server_total == browser_total


def test_a_chinese_part_is_timed_by_its_characters_while_typing_and_on_the_server(owner_page):
    chinese = json.loads(field_case("09-arabic-chinese.json"))["stories"][1]
    page = owner_page
    page.goto("/stories/new/")
    editor_ready(page)
    page.get_by_label("Title").fill(chinese["title"])
    page.get_by_role("textbox", name="1. Challenge").press_sequentially(chinese["challenge"][:20])
    counter = page.locator('[data-counter-for="challenge"]')
    # 19 characters and a comma; at 150 words a minute Chinese is 200 characters a minute: 5.7 s
    expect(counter).to_have_text(re.compile(r"^19 characters · 0:06 of 0:30"))
    page.get_by_role("textbox", name="1. Challenge").fill(chinese["challenge"])
    expect(counter).to_have_text(re.compile(r"^77 characters · 0:23 of 0:30 · within budget"))
    for field in ("decision", "execution", "communication", "impact"):
        page.locator(f"#id_{field}").fill(chinese[field])
    total = page.locator("[data-total-counter]")
    expect(total).to_have_attribute("data-seconds", "64")
    expect(total).to_contain_text("1:04 of 4:00")
    save(page)
    expect(page.locator("[data-total-seconds]")).to_have_attribute("data-total-seconds", "64")
    expect(page.locator("table.timing-table tfoot")).to_contain_text("219 characters")


def test_the_live_counter_and_the_server_agree_at_a_slower_pace(owner_page, user):
    profile = Profile.for_user(user)
    profile.words_per_minute = 120
    profile.save()
    page = owner_page
    page.goto("/stories/new/")
    page.get_by_label("Title").fill("One word")
    page.get_by_role("textbox", name="1. Challenge").fill("Outage.")  # 1 word at 120 wpm = 0.5 s
    counter = page.locator('[data-counter-for="challenge"]')
    expect(counter).to_contain_text("1 word")
    browser_seconds = counter.get_attribute("data-seconds")
    save(page)
    assert page.locator("[data-total-seconds]").get_attribute("data-total-seconds") == browser_seconds


@pytest.mark.parametrize("text", ["two\ufeffwords", "two\x1fwords", "two\x85words"])
def test_the_live_counter_and_the_server_split_words_on_the_same_spaces(owner_page, text):
    owner_page.goto("/stories/new/")
    assert owner_page.evaluate("text => window.storyTiming.wordCount(text)", text) == word_count(text)


def test_the_question_picker_filters_as_you_type_and_tags_the_story(owner_page, user):
    page = owner_page
    page.goto("/stories/new/")
    page.get_by_label("Title").fill("Kept streams up during a premiere")
    options = page.locator("#id_questions .picker-option")
    expect(options.filter(visible=True).first).to_be_visible()
    assert options.filter(visible=True).count() > 10

    page.get_by_label("Filter questions").fill("outage")
    expect(options.filter(visible=True)).to_have_count(1)
    expect(options.filter(visible=True)).to_have_text(QUESTION)
    page.get_by_role("checkbox", name=QUESTION).check()
    expect(page.get_by_role("button", name=f"Remove {QUESTION}")).to_be_visible()
    expect(
        page.locator("fieldset", has=page.locator("#id_questions")).locator("[data-picker-count]")
    ).to_have_text("(1 chosen)")

    save(page)
    story = Story.objects.get(owner=user)
    assert [q.text for q in story.questions.all()] == [QUESTION]
    expect(page.get_by_role("link", name=QUESTION)).to_be_visible()


def test_a_value_link_opens_the_editor_with_that_value_ticked(owner_page):
    page = owner_page
    page.goto("/stories/new/?value=innovation-risk-taking")
    expect(page.get_by_role("checkbox", name="Innovation & Risk-Taking")).to_be_checked()
    expect(page.locator("#id_values input:checked")).to_have_count(1)
    expect(page.get_by_role("button", name="Remove Innovation & Risk-Taking")).to_be_visible()
