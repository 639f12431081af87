"""Names not only slugs (names.py), files recognised by content (sniff.py), spreadsheet habits (text_files.py)."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from stories import exchange
from stories.exchange.names import GuideNames, normal, split_cell
from stories.exchange.views import ACCEPT
from tests.exchange.test_document_and_import import CSV_HEADER, as_bytes, bank_state, document, record


def csv_file(*rows, header=CSV_HEADER):
    return ("\r\n".join([header, *rows]) + "\r\n").encode()


def test_names_ignore_case_accents_and_punctuation():
    assert normal("Candór  &  FEEDBACK!") == normal("candor & feedback") == "candor and feedback"


def test_cells_split_only_on_the_exports_separators():
    assert split_cell("Candor & Feedback, Freedom & Responsibility;x\ny") == [
        "Candor & Feedback", "Freedom & Responsibility", "x", "y"]


@pytest.mark.parametrize("written, slug", [
    ("candor-feedback", "candor-feedback"), ("Candor & Feedback", "candor-feedback"),
    ("CANDOR AND FEEDBACK", "candor-feedback"), ("Candor & Feedback (Radical Transparency)", "candor-feedback"),
    ("freedom & responsibility", "freedom-responsibility"),
])
def test_a_value_is_found_by_slug_or_guide_name(guide, written, slug):
    assert GuideNames(guide).resolve("values", [written]) == ((slug,), [])


def test_a_question_is_found_by_its_text_even_with_commas(guide):
    names = GuideNames(guide)
    text = "How do you provide context and direction without micromanaging?"
    slugs, unknown = names.resolve("questions", split_cell(f"“{text}”"))
    assert len(slugs) == 1 and not unknown
    assert names.resolve("questions", ["Tell me about the most innovative technical solution you've built, ok"])[1]


@pytest.mark.parametrize("written, code", [("Senior", "L5"), ("staff", "L6"), ("l7", "L7"),
                                           ("Staff Software Engineer", "L6"), ("Principal", "L7")])
def test_a_level_is_found_by_code_or_title(guide, written, code):
    assert GuideNames(guide).resolve("level", [written]) == ((code,), [])


def test_slugs_separated_by_spaces_still_import(guide, user):
    row = ",T,,,,,,,candor-feedback freedom-responsibility,,,,,,draft,,"
    plan = exchange.plan_import(user, csv_file(row), "bank.csv")
    assert plan.is_valid, plan.errors
    assert plan.creates[0].data.values == ("candor-feedback", "freedom-responsibility")


def test_a_near_miss_gets_one_did_you_mean(guide, user):
    row = ',T,,,,,,,"Candor and Fedback",,,,,,draft,,'
    plan = exchange.plan_import(user, csv_file(row), "bank.csv")
    assert plan.errors == ["Row 2 (“T”): unknown value “Candor and Fedback” "
                           "(did you mean “Candor & Feedback” (candor-feedback)?)"]


def test_optional_columns_may_be_absent_and_tabs_are_detected(guide, user):
    header = "title\tsummary\tchallenge\tdecision\texecution\tcommunication\timpact\tvalues\tquestions\tthemes" \
             "\ttags\tlevel\tteam_size\tstatus"
    raw = csv_file("T\t\t\t\t\t\t\tCandor & Feedback\t\t\t\tL6\t3\tdraft", header=header)
    plan = exchange.plan_import(user, raw, "bank.tsv")
    assert plan.is_valid, plan.errors
    assert plan.creates[0].data.values == ("candor-feedback",)


def test_a_cell_a_spreadsheet_mangled_is_flagged_with_the_old_text(guide, user, story):
    rec = exchange.story_record(type(story).objects.with_tags().get(pk=story.pk))
    row = ",".join(['"#NAME?"' if name == "execution" else f'"{str(rec[name] or "")}"'
                    if not isinstance(rec[name], list) else f'"{", ".join(rec[name])}"'
                    for name in exchange.CSV_COLUMNS])
    plan = exchange.plan_import(user, csv_file(row), "bank.csv")
    assert not plan.is_valid
    assert any("“execution” holds #NAME?, an error a spreadsheet wrote" in e and "your story has “" in e
               for e in plan.errors), plan.errors


def _zip(**files):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in files.items():
            archive.writestr(name.replace("__", "/").replace("_dot_", "."), content)
    return out.getvalue()


@pytest.mark.parametrize("raw, words", [
    (_zip(photo_dot_jpg="x", notes_dot_txt="x"), ["zip archive holds photo.jpg, notes.txt: no CSV or Markdown"]),
    (_zip(collection_dot_anki2="", media="{}"), ["Anki deck", "cannot be imported"]),
    (b"%PDF-1.7\n%\xe2\xe3\n1 0 obj", ["PDF document"]),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", ["image (PNG)"]),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF", ["image (JPEG)"]),
    (b"\x00\x01\x02\x00" * 100, ["not text"]),
])
def test_files_are_recognised_by_content_not_name(guide, user, raw, words):
    plan = exchange.plan_import(user, raw, "bank.csv")
    assert plan.fatal
    for word in words:
        assert word in plan.errors[0]
    assert "not UTF-8" not in plan.errors[0]


def test_windows_1252_that_cannot_be_read_says_how_to_save_as_utf8(guide, user):
    raw = csv_file(",Cafe,,,,,,,,,,,,,draft,,").replace(b"Cafe", b"Caf\x81")  # 0x81: not Windows-1252
    plan = exchange.plan_import(user, raw, "x.csv")
    assert "Save the file as UTF-8 (in Excel: File › Save As › “CSV UTF-8" in plan.errors[0]


@pytest.mark.parametrize("raw", [
    b"title\x00,x\n", "title,summary\n\ud800,x\n".encode("utf-8", "surrogatepass"), b"\xef\xbb\xbf",
    b"PK\x03\x04" + b"\x00" * 50, b";;;\n;;;\n", b"\t\n",
])
def test_odd_bytes_are_refused_not_crashed_on(guide, user, raw):
    plan = exchange.plan_import(user, raw, "x.csv")
    if plan.needs_mapping:  # read as someone else's table: the guessed mapping, confirmed
        plan = exchange.plan_import(user, raw, "x.csv", mapping=plan.mapping.as_data())
    if plan.is_valid:  # e.g. bytes that read as Windows-1252 text: stored as read
        exchange.apply_plan(plan)


def test_the_preview_never_calls_a_file_with_errors_ready(guide, user, owner_client):
    doc = document(record(title="A"), record(title="B", values=["candour"]))
    owner_client.post("/import/", {"file": SimpleUploadedFile("bank.json", as_bytes(doc))})
    html = owner_client.get("/import/preview/").content.decode()
    assert "ready to import" not in html
    assert "it cannot be imported until the problems below are fixed" in html
    assert "Did you mean “Candor &amp; Feedback” (candor-feedback)?" in html


def test_a_windows_1252_upload_survives_from_preview_to_confirm(guide, user, owner_client):
    raw = csv_file(",Café crème,,,,,,,,,,,,,draft,,").decode().encode("cp1252")
    owner_client.post("/import/", {"file": SimpleUploadedFile("bank.csv", raw)})
    html = owner_client.get("/import/preview/").content.decode()
    assert "read as Windows-1252" in html
    digest = html.split('name="digest" value="')[1].split('"')[0]
    owner_client.post("/import/confirm/", {"digest": digest})
    assert user.stories.get().title == "Café crème"


def test_an_unknown_column_is_ignored_and_named_in_the_preview(guide, user, owner_client):
    raw = csv_file(",T,,,,,,,,,,,,,draft,,,5", header=CSV_HEADER + ",Strength")
    owner_client.post("/import/", {"file": SimpleUploadedFile("bank.csv", raw)})
    assert "Ignored column (not Story Bank fields): “Strength”." in owner_client.get("/import/preview/").content.decode()


def test_the_file_picker_accepts_what_the_import_reads(owner_client):
    html = owner_client.get("/import/").content.decode()
    assert f'accept="{ACCEPT}"' in html
    assert bank_state  # imported for the other tests' helpers


@pytest.mark.parametrize("raw", [
    "".join(f"**Label {i}:** x\n" for i in range(150)).encode(),  # a column per label: too many
    ("# T\n" * 3000).encode(),  # more stories than an import takes
    b"a,b\n" + b"1,2\n" * 3000,  # more rows than an import takes
    b'[{"situation": "\\u0000"}]', b'{"stories": [{"title": "\\ud800", "result": "x"}]}',
])
def test_oversized_or_odd_tables_are_refused_with_a_message(guide, user, owner_client, raw):
    response = owner_client.post("/import/", {"file": SimpleUploadedFile("x", raw)})
    assert response.status_code in (302, 400)
    if response.status_code == 302:  # through the mapping step, with its guesses confirmed
        owner_client.post("/import/mapping/", {})
        plan = exchange.plan_import(user, raw, "x")
        plan = exchange.plan_import(user, raw, "x", mapping=plan.mapping.as_data())
        assert not plan.is_valid
        assert owner_client.get("/import/preview/").status_code in (200, 302)


def test_a_title_with_an_unpaired_surrogate_is_shown_not_crashed_on(guide, owner_client):
    raw = b'{"format": "storybank", "version": 1, "stories": [{"title": "A\\ud800", "summary": ""}]}'
    owner_client.post("/import/", {"file": SimpleUploadedFile("bank.json", raw)})
    response = owner_client.get("/import/preview/")
    assert response.status_code == 200 and "the field “challenge” is missing" in response.content.decode()


@pytest.mark.parametrize(
    ("written", "slug"),
    [
        ("Tell me about a time you disagreed with your manager", "candor-direct-communication-2"),
        ("Tell me about a time you hired a great engineer", "high-performance-culture-1"),
        ("Describe a time you took a risk", "innovation-member-focus-5"),
    ],
)
def test_a_question_in_own_words_is_linked_to_the_nearest_guide_question(guide, written, slug):
    assert GuideNames(guide).nearest_question(written) == slug


@pytest.mark.parametrize("written", ["Tell me about a failure", "Why Netflix?", "", "???"])
def test_a_question_near_no_guide_question_links_nothing(guide, written):
    assert GuideNames(guide).nearest_question(written) is None
