"""Each shared field case imports, or is refused with the message its README asks for."""


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
    assert plan.errors[0].startswith("Row 3 (“On-call report nobody wanted”): unknown value “Courage” (not one of "
                                     "the guide's values; the closest is “Innovation & Risk-Taking”")
    assert "unknown value “Judgment” (not one of the guide's values; the closest is “Freedom & Responsibility”" \
        in plan.errors[1]
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


def mapped_plan(user, name, raw=None, **choices):
    """The plan of a file that goes through the mapping step, with the guessed mapping confirmed."""
    raw = field_case_bytes(name) if raw is None else raw
    plan = exchange.plan_import(user, raw, name)
    assert plan.needs_mapping and not plan.errors, plan.errors
    mapping = plan.mapping.as_data() | choices
    return plan, exchange.plan_import(user, raw, name, mapping=mapping)


def test_a_markdown_star_bank_becomes_one_story_per_heading(guide, user):
    guessed, plan = mapped_plan(user, "01-star-r.md")
    assert dict(zip(guessed.table.headers, guessed.mapping.columns, strict=True)) == {
        "Heading": "title", "Heading labels": "note", "Source": "note", "S (Situation)": "challenge",
        "T (Task)": "challenge", "A (Action)": "action", "R (Result)": "impact", "Reflection": "note",
        "Best for questions about": "note",
    }
    assert plan.is_valid, plan.errors
    first, second = (item.data for item in plan.creates)
    assert first.title == "Replaced a nightly batch with a stream"
    challenge, decision, execution, communication, impact = first.parts
    assert challenge == ("Partner reports arrived a day late because a nightly batch job kept failing.\n\n"
                         "Make the reports arrive within the hour without a rewrite freeze.")
    # One sentence, split at its semicolon: the decision, then how it was carried out.
    assert decision == "Split the job into a small stream consumer"
    assert execution == "ran both side by side for two weeks."
    assert impact.startswith("Reports arrived in under 40 minutes")
    assert "Reflection: I would have added lag alerts on day one." in first.summary
    assert "Heading labels: Scale + Ownership" in first.summary
    assert second.title == "Pushed back on a launch date" and second.parts[0].startswith("A launch date")
    exchange.apply_plan(plan)
    assert Story.objects.filter(owner=user).count() == 2


def test_the_action_may_go_all_to_the_decision(guide, user):
    _, plan = mapped_plan(user, "01-star-r.md", action="decision")
    assert plan.creates[0].data.parts[1].startswith("Split the job") and plan.creates[0].data.parts[2] == ""


def test_a_question_star_csv_imports_through_the_mapping_step(guide, user):
    guessed, plan = mapped_plan(user, "04-question-star.csv")
    assert guessed.mapping.columns == ["questions", "challenge", "challenge", "action", "impact"]
    assert plan.is_valid, plan.errors
    data = plan.creates[0].data
    # The question is not one of the guide's: it titles the story, is kept in its summary, and is
    # linked to the guide question it is about (the field case's README: "matched to the guide's").
    assert data.title == "Tell me about a time you disagreed with your manager"
    assert data.summary == "Question: Tell me about a time you disagreed with your manager"
    assert data.questions == ("candor-direct-communication-2",)
    assert any("is not one of the guide's" in note and "How do you handle disagreements" in note
               for note in plan.notes)


def test_a_guide_question_written_as_its_text_is_linked(guide, user):
    raw = field_case_bytes("04-question-star.csv").replace(
        b"Tell me about a time you disagreed with your manager", b"How do you handle disagreements about "
        b"technical direction?")
    _, plan = mapped_plan(user, "04-question-star.csv", raw=raw)
    assert len(plan.creates[0].data.questions) == 1


def test_a_notion_csv_export_is_guessed_from_its_title_case_headers(guide, user):
    guessed, plan = mapped_plan(user, "05-notion-star-export.csv")
    assert dict(zip(guessed.table.headers, guessed.mapping.columns, strict=True)) == {
        "Story Title": "title", "Role/Context": "ignore", "Situation": "challenge", "Task": "challenge",
        "Action": "action", "Result": "impact", "Status": "status", "Star Rating": "ignore", "Tags": "tags",
    }
    assert plan.is_valid, plan.errors
    data = plan.creates[0].data
    assert (data.title, data.status, data.tags) == ("Onboarding rewrite", "draft", ("Leadership", "Mentoring"))
    exchange.apply_plan(plan)


def test_a_pasted_story_file_is_read_as_markdown_notes(guide, user):
    _, plan = mapped_plan(user, "13-paste-whole-star-story.txt")
    assert plan.is_valid, plan.errors
    assert plan.creates[0].data.parts[4].startswith("Reports arrived")
