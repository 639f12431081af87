"""The .xlsx export (workbook.py) and the CSV's readable names: both import back."""

import csv
import io

import openpyxl

from stories import exchange
from stories.exchange.csv_rows import EXPORT_COLUMNS
from stories.models import Story
from tests.conftest import make_story
from tests.exchange.test_document_and_import import bank_state


def _bank(user):
    make_story(user, title="Cut latency", values=["candor-feedback", "freedom-responsibility"],
               questions=["candor-direct-communication-1"], execution="=SUM(A1)\n- then a list",
               status=Story.Status.READY, level="L6", tags=["scale"])
    make_story(user, title="Hiring bar", values=["high-performance-culture"])
    return Story.objects.for_user(user)


def test_the_workbook_has_the_csv_columns_with_names_and_the_coverage_matrix(guide, user, owner_client):
    _bank(user)
    response = owner_client.get("/export/xlsx/")
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Stories", "Coverage"]
    rows = list(book["Stories"].iter_rows(values_only=True))
    assert list(rows[0]) == list(EXPORT_COLUMNS)
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["value_names"] == "Freedom & Responsibility, Candor & Feedback"  # the guide's order
    assert row["level_name"] == "Staff Software Engineer"
    assert row["execution"] == "'=SUM(A1)\n- then a list"  # text, and neutralised: never a formula
    coverage = list(book["Coverage"].iter_rows(values_only=True))
    assert coverage[0][:5] == ("Value", "Stories", "Target", "Cut latency", "Hiring bar")


def test_the_workbook_imports_back_unchanged(guide, user):
    stories = _bank(user)
    raw = exchange.formats.FORMATS["xlsx"].build(stories, user)
    before = bank_state(user)
    plan = exchange.plan_import(user, raw, "bank.xlsx")
    assert plan.is_valid and not plan.needs_mapping, plan.errors
    assert len(plan.skips) == 2
    assert bank_state(user) == before


def test_the_csv_has_readable_names_beside_the_slugs_and_imports_either(guide, user, other_user):
    raw = exchange.csv_text(_bank(user))
    [first, _] = list(csv.DictReader(io.StringIO(raw.lstrip("\ufeff"), newline="")))
    assert first["question_texts"].startswith("Tell me about a time you had to give difficult feedback")
    # Another user's bank from the same file with the slugs erased: the names are read instead.
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=EXPORT_COLUMNS)
    writer.writeheader()
    writer.writerow(first | {"uuid": "", "values": "", "questions": "", "level": ""})
    plan = exchange.plan_import(other_user, out.getvalue().encode(), "bank.csv")
    assert plan.is_valid, plan.errors
    data = plan.creates[0].data
    assert (data.values, data.questions, data.level) == (("freedom-responsibility", "candor-feedback"),
                                                         ("candor-direct-communication-1",), "L6")


def test_a_story_page_offers_its_own_workbook(guide, user, owner_client):
    story = make_story(user, title="Cut latency")
    assert f'href="/export/story/{story.pk}/xlsx/"' in owner_client.get(story.get_absolute_url()).content.decode()
    response = owner_client.get(f"/export/story/{story.pk}/xlsx/")
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content))["Stories"].iter_rows(values_only=True))
    assert [row[1] for row in rows] == ["title", "Cut latency"]
