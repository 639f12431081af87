"""Each shared field case imports, or is refused with the message its README asks for."""

import pytest

from stories import exchange
from stories.models import Story
from tests.exchange.field_cases import field_case_bytes


def plan_of(user, name):
    return exchange.plan_import(user, field_case_bytes(name), name)


def test_own_csv_with_extra_tracking_columns_imports_and_names_them(guide, user):
    plan = plan_of(user, "06c-extra-tracking-columns.csv")
    assert plan.is_valid, plan.errors
    assert [item.data.title for item in plan.creates] == ["Killed a feature the team loved"]
    assert any("“strength”, “last_used”, “notes”" in note for note in plan.notes), plan.notes
    exchange.apply_plan(plan)
    story = Story.objects.get(owner=user)
    assert [v.slug for v in story.values.all()] == ["candor-feedback"]


def test_value_names_are_accepted_and_culture_words_get_one_message_each(guide, user):
    plan = plan_of(user, "07-value-names.csv")
    assert not plan.is_valid
    # "Candor & Feedback", status "Ready" and level "Senior" are accepted; Courage and Judgment are not
    # the guide's values: one message each, never one per word.
    assert len(plan.errors) == 2, plan.errors
    assert plan.errors[0].startswith("Row 3 (“On-call report nobody wanted”): unknown value “Courage” (known: ")
    assert "unknown value “Judgment”" in plan.errors[1]
    assert "Candor" not in " ".join(plan.errors) and "Senior" not in " ".join(plan.errors)


def test_value_names_import_once_the_culture_words_are_gone(guide, user):
    raw = field_case_bytes("07-value-names.csv").replace(b'"Courage, Judgment"', b"candor and feedback")
    plan = exchange.plan_import(user, raw, "values.csv")
    assert plan.is_valid, plan.errors
    exchange.apply_plan(plan)
    stories = {s.title: s for s in Story.objects.filter(owner=user)}
    assert stories["On-call report nobody wanted"].level.code == "L5"
    assert [v.slug for v in stories["Pushed back on a design with a lead"].values.all()] == ["candor-feedback"]
    assert stories["Pushed back on a design with a lead"].status == "ready"


def test_arabic_and_chinese_json_imports_as_written(guide, user):
    plan = plan_of(user, "09-arabic-chinese.json")
    assert plan.is_valid, plan.errors
    exchange.apply_plan(plan)
    titles = set(Story.objects.filter(owner=user).values_list("title", flat=True))
    assert "توحيد نظام التصميم بعد الاستحواذ" in titles and "模拟面试记录丢失后的改进" in titles


def test_a_semicolon_windows_1252_csv_is_read_as_it_is(guide, user):
    plan = plan_of(user, "10a-excel-semicolon-cp1252.csv")
    assert plan.is_valid, plan.errors
    assert "read as Windows-1252" in plan.notes[0]
    exchange.apply_plan(plan)
    story = Story.objects.get(owner=user)
    assert story.title == "Rolled back a launch I’d championed"
    assert story.decision.startswith("- Rolled back within the hour\n")


@pytest.mark.parametrize("name", ["01-star-r.md", "14-markdown-part-samples.md"])
def test_markdown_notes_are_recognised_as_markdown(guide, user, name):
    plan = plan_of(user, name)
    assert plan.fatal
    assert "Markdown" in plan.errors[0] and "not UTF-8" not in plan.errors[0] and "CSV" in plan.errors[0]
