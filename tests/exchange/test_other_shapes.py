"""Someone else's tables: .xlsx, Notion zips, other tools' JSON, and the mapping step's page."""

import io
import json
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from stories import exchange
from stories.exchange.mapping import guess, split_action
from stories.exchange.tables import MAX_UNZIPPED
from stories.models import Story
from tests.exchange.field_cases import field_case_bytes


def xlsx(rows):
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def zipped(files, compression=zipfile.ZIP_DEFLATED):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return out.getvalue()


def confirmed(user, raw, name="file", **choices):
    plan = exchange.plan_import(user, raw, name)
    assert plan.needs_mapping, plan.errors
    return exchange.plan_import(user, raw, name, mapping=plan.mapping.as_data() | choices)


@pytest.mark.parametrize("header, target", [
    ("Situation", "challenge"), ("TASK", "challenge"), ("Context", "challenge"), ("Action", "action"),
    ("Result", "impact"), ("Learning", "note"), ("Member Impact", "impact"), ("Autonomous Decision", "decision"),
    ("résultat", "impact"), ("S (Situation)", "challenge"), ("Star Rating", "ignore"), ("Story Title", "title"),
])
def test_a_column_is_guessed_from_its_header(header, target):
    assert guess(header) == target


def test_an_action_splits_by_paragraph_then_sentence():
    assert split_action("Decided.\n\nBuilt it.\n\nShipped.", "split") == ("Decided.", "Built it.\n\nShipped.")
    assert split_action("Chose a flag. Built it.", "split") == ("Chose a flag.", "Built it.")
    assert split_action("One sentence only", "split") == ("", "One sentence only")


def test_a_star_workbook_imports_through_the_mapping_step(guide, user):
    raw = xlsx([["Title", "Situation", "Task", "Action", "Result", "Values", "Level"],
                ["Cut costs", "Costs grew.", "Halve them.", "I chose spot.\n\nI built a scheduler.", "40 % less.",
                 "Candor & Feedback", "Staff"]])
    plan = confirmed(user, raw, "bank.xlsx")
    assert plan.kind == "Excel workbook" and plan.is_valid, plan.errors
    exchange.apply_plan(plan)
    story = Story.objects.get(owner=user)
    assert (story.challenge, story.decision, story.execution) == ("Costs grew.\n\nHalve them.", "I chose spot.",
                                                                 "I built a scheduler.")
    assert story.level.code == "L6" and [v.slug for v in story.values.all()] == ["candor-feedback"]


def test_a_workbook_with_this_products_columns_needs_no_mapping(guide, user):
    header = list(exchange.CSV_COLUMNS)
    row = ["", "T", "", "a", "", "", "", "", "candor-feedback", "", "", "x", "L6", 4, "draft", "", ""]
    plan = exchange.plan_import(user, xlsx([header, row]), "bank.xlsx")
    assert not plan.needs_mapping and plan.is_valid, plan.errors
    assert plan.creates[0].data.team_size == 4


def test_a_notion_zip_is_read_from_its_csv(guide, user):
    raw = zipped({"Export abc/Stories 0123456789abcdef0123456789abcdef.csv":
                  field_case_bytes("05-notion-star-export.csv"), "Export abc/Onboarding rewrite.md": "# x"})
    plan = confirmed(user, raw, "Export.zip")
    assert plan.kind == "Notion export" and plan.is_valid, plan.errors
    assert plan.creates[0].data.title == "Onboarding rewrite"


def test_a_notion_zip_of_pages_is_one_story_per_page(guide, user):
    raw = zipped({"Cut costs 0123456789abcdef0123456789abcdef.md": "# Cut costs\n\nStatus: Ready\n\n## Situation\n"
                  "Costs grew.\n\n## Result\nHalved.", "Other.md": "**Situation:** Late.\n**Result:** On time."})
    plan = confirmed(user, raw, "Export.zip")
    assert plan.is_valid, plan.errors
    assert [(i.data.title, i.data.parts[0], i.data.status) for i in plan.creates] == [
        ("Cut costs", "Costs grew.", "ready"), ("Other", "Late.", "draft")]


def test_a_zip_bomb_is_refused_before_it_is_expanded(guide, user):
    raw = zipped({"big.csv": b"a" * (MAX_UNZIPPED + 1)})
    assert len(raw) < 100_000
    plan = exchange.plan_import(user, raw, "bomb.zip")
    assert plan.fatal and "unpacks to" in plan.errors[0]
    plan = exchange.plan_import(user, zipped({"xl/x": b"a" * (MAX_UNZIPPED + 1), "[Content_Types].xml": ""}), "b.xlsx")
    assert plan.fatal and "unpacks to" in plan.errors[0]


def test_a_damaged_workbook_is_refused(guide, user):
    plan = exchange.plan_import(user, zipped({"[Content_Types].xml": "<x", "xl/workbook.xml": "no"}), "b.xlsx")
    assert plan.fatal and "The Excel workbook cannot be read" in plan.errors[0]


def test_another_tools_json_is_mapped_by_its_field_names(guide, user):
    doc = {"items": [{"title": "Cut costs", "situation": "Costs grew.", "action": "Built a scheduler.",
                      "result": "Halved.", "tags": ["cost", "infra"], "id": 7}]}
    plan = confirmed(user, json.dumps(doc).encode(), "other.json")
    assert plan.is_valid, plan.errors
    data = plan.creates[0].data
    assert (data.title, data.parts[4], data.tags) == ("Cut costs", "Halved.", ("cost", "infra"))


def test_json_without_story_fields_is_refused_naming_the_fields_found(guide, user):
    plan = exchange.plan_import(user, json.dumps([{"name": "x", "body": "y"}]).encode(), "other.json")
    assert plan.fatal
    assert "have the fields “name”, “body”, none of which says which part of a story it is" in plan.errors[0]


# The mapping page -----------------------------------------------------------------------------------


def test_the_mapping_page_shows_each_guess_and_leads_to_the_preview(guide, user, owner_client):
    raw = field_case_bytes("04-question-star.csv")
    response = owner_client.post("/import/", {"file": SimpleUploadedFile("q.csv", raw)})
    assert response["Location"] == "/import/mapping/"
    assert owner_client.get("/import/preview/")["Location"] == "/import/mapping/"
    html = owner_client.get("/import/mapping/").content.decode()
    assert '<option value="challenge" selected>Challenge</option>' in html
    assert "We planned to ship without a rollback path." in html
    data = {"column_0": "title", "column_1": "challenge", "column_2": "note", "column_3": "action",
            "column_4": "impact", "action": "execution"}
    assert owner_client.post("/import/mapping/", data)["Location"] == "/import/preview/"
    html = owner_client.get("/import/preview/").content.decode()
    assert "task → Keep in the summary as a note" in html and "Change the mapping" in html
    digest = html.split('name="digest" value="')[1].split('"')[0]
    owner_client.post("/import/confirm/", {"digest": digest})
    story = Story.objects.get(owner=user)
    assert story.summary == "task: Make the risk visible." and story.execution.startswith("I wrote")


def test_a_mapping_with_a_bad_choice_is_shown_again(guide, owner_client):
    owner_client.post("/import/", {"file": SimpleUploadedFile("q.csv", field_case_bytes("04-question-star.csv"))})
    response = owner_client.post("/import/mapping/", {"column_0": "nonsense", "action": "split"})
    assert response.status_code == 400


def test_the_mapping_page_without_a_file_leads_to_the_upload(guide, owner_client, other_client):
    assert owner_client.get("/import/mapping/")["Location"] == "/import/"
    owner_client.post("/import/", {"file": SimpleUploadedFile("q.csv", field_case_bytes("04-question-star.csv"))})
    assert other_client.get("/import/mapping/")["Location"] == "/import/"  # another user never sees the file


# Templates ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("ext, content_type", [
    ("csv", "text/csv; charset=utf-8"),
    ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
])
def test_a_template_downloads_and_imports_as_it_is(guide, user, owner_client, ext, content_type):
    response = owner_client.get(f"/import/template.{ext}")
    assert response["Content-Type"] == content_type
    assert f'filename="storybank-template.{ext}"' in response["Content-Disposition"]
    plan = exchange.plan_import(user, response.content, f"storybank-template.{ext}")
    assert not plan.needs_mapping and plan.is_valid, plan.errors
    assert [item.data.values for item in plan.creates] == [("freedom-responsibility",)]


def test_the_xlsx_template_lists_the_guides_values_and_questions(guide, owner_client):
    book = openpyxl.load_workbook(io.BytesIO(owner_client.get("/import/template.xlsx").content))
    assert book.sheetnames == ["Stories", "Guide"]
    rows = list(book["Guide"].iter_rows(values_only=True))
    assert ("value", "candor-feedback", "Candor & Feedback") in rows
    assert any(kind == "question" and text.startswith("Tell me about") for kind, _, text in rows[1:])


def test_the_import_page_links_the_templates(owner_client, guide):
    html = owner_client.get("/import/").content.decode()
    assert 'href="/import/template.csv"' in html and 'href="/import/template.xlsx"' in html


def test_an_unknown_template_is_404(owner_client):
    assert owner_client.get("/import/template.pdf").status_code == 404
