import re

import pytest
from django.core.management import CommandError, call_command

from guide import models
from guide.loading import load_guide
from guide.parser import GuideFormatError, parse_guide_file, parse_guide_text
from tests.conftest import GUIDE_FILE

COUNTED = [
    (models.Value, 5),
    (models.QuestionCategory, 6),
    (models.Question, 33),
    (models.Theme, 4),
    (models.InterviewRound, 6),
    (models.Level, 3),
    (models.StoryPart, 5),
    (models.RedFlag, 15),
    (models.SuccessFactor, 8),
    (models.PrepPhase, 4),
    (models.FinalTip, 8),
]


def snapshot():
    rows = {}
    for model, _ in COUNTED:
        rows[model.__name__] = sorted(
            tuple(sorted((k, str(v)) for k, v in row.items())) for row in model.objects.values()
        )
    rows["category_values"] = sorted(
        models.QuestionCategory.values.through.objects.values_list("questioncategory_id", "value_id")
    )
    return rows


@pytest.mark.parametrize("model,count", COUNTED, ids=[m.__name__ for m, _ in COUNTED])
def test_the_real_guide_loads_the_expected_counts(guide, model, count):
    assert model.objects.filter(guide=guide).count() == count


def test_values_have_names_slugs_and_bullet_lists(guide):
    values = list(models.Value.objects.filter(guide=guide))
    assert [v.name for v in values] == [
        "Freedom & Responsibility",
        "High Performance Culture",
        "Candor & Feedback",
        "Innovation & Risk-Taking",
        "Customer Obsession",
    ]
    assert values[2].slug == "candor-feedback"
    assert values[0].tagline == "Autonomy with Accountability"
    assert values[0].groups[0]["label"] == "What It Means"
    assert "Trust talented people to do the right thing" in values[0].groups[0]["items"]
    assert all(v.groups and all(g["items"] for g in v.groups) for v in values)


def test_questions_have_categories_slugs_and_probed_values(guide):
    per_category = {c.name: c.questions.count() for c in models.QuestionCategory.objects.filter(guide=guide)}
    assert per_category["Freedom & Responsibility"] == 5
    assert per_category["Technical Leadership at Netflix Scale"] == 8  # 5 common + 3 key questions
    assert sum(per_category.values()) == 33
    first = models.Question.objects.get(guide=guide, slug="freedom-responsibility-1")
    assert first.text == "Tell me about a time you gave someone significant autonomy and how it worked out"
    assert [v.slug for v in first.category.values.all()] == ["freedom-responsibility"]
    key = models.Question.objects.get(guide=guide, slug="global-streaming-at-scale-1")
    assert key.text.startswith("How would you design a global video streaming service")
    assert key.theme.name == "Global Streaming at Scale"
    assert len(set(models.Question.objects.values_list("slug", flat=True))) == 33
    assert not models.QuestionCategory.objects.filter(values=None).exists()


def test_rounds_levels_and_story_parts(guide):
    rounds = list(models.InterviewRound.objects.filter(guide=guide))
    assert [(r.name, r.minutes) for r in rounds][:2] == [("Hiring Manager", 45), ("Technical Leadership", 60)]
    assert rounds[0].focus == ["Role fit", "Leadership philosophy", "Netflix culture alignment"]
    levels = {lv.code: lv for lv in models.Level.objects.filter(guide=guide)}
    assert [(c, lv.team_min, lv.team_max) for c, lv in levels.items()] == [
        ("L5", 5, 8),
        ("L6", 8, 15),
        ("L7", 15, 30),
    ]
    assert levels["L6"].scope == "Product area or critical platform"
    assert levels["L7"].focus == "Technical vision and organizational leadership"
    parts = list(models.StoryPart.objects.filter(guide=guide))
    assert [(p.name, p.seconds) for p in parts] == [
        ("Challenge", 30),
        ("Autonomous Decision", 60),
        ("High Performance Execution", 90),
        ("Direct Communication", 30),
        ("Member Impact", 30),
    ]
    assert sum(p.seconds for p in parts) == 240
    assert parts[0].template.startswith("When [major challenge] threatened")


def test_red_flags_success_factors_prep_phases_and_tips(guide):
    groups = models.RedFlag.objects.filter(guide=guide).values_list("group", flat=True)
    assert sorted(set(groups)) == ["Anti-Netflix Behaviors", "Leadership Red Flags", "Technical Red Flags"]
    assert not models.RedFlag.objects.filter(text__startswith="🚫").exists()
    assert models.SuccessFactor.objects.get(guide=guide, order=1).name == "Exceptional Judgment"
    phases = list(models.PrepPhase.objects.filter(guide=guide))
    assert [(p.name, p.days_before, len(p.tasks)) for p in phases] == [
        ("8 Weeks Before", 56, 4),
        ("4 Weeks Before", 28, 4),
        ("1 Week Before", 7, 4),
        ("Day of Interview", 0, 5),
    ]
    assert models.FinalTip.objects.filter(guide=guide).last().name == "Entertainment Context"


def test_themes_keep_their_story_ideas(guide):
    themes = {t.name: t for t in models.Theme.objects.filter(guide=guide)}
    assert len(themes["Global Streaming at Scale"].story_ideas) == 4
    assert themes["High-Performance Team Building"].story_ideas[0].startswith("Dramatically raising")
    assert themes["Entertainment Technology Innovation"].story_ideas[-1].startswith("Optimizing content")


def test_loading_twice_changes_nothing(guide):
    before = snapshot()
    _, stats = load_guide(GUIDE_FILE)
    assert stats == {}
    assert snapshot() == before
    assert models.Guide.objects.get(pk=guide.pk).loaded_at == guide.loaded_at  # the same version


def test_reloading_an_edited_file_updates_texts_and_keeps_ids(guide, tmp_path):
    question = models.Question.objects.get(slug="candor-direct-communication-2")
    value = models.Value.objects.get(slug="candor-feedback")
    edited = (
        GUIDE_FILE.read_text()
        .replace(
            "How do you handle disagreements about technical direction?",
            "How do you settle disagreements about technical direction?",
        )
        .replace("Surface problems and disagreements openly", "Surface problems early and openly")
    )
    path = tmp_path / "netflix.md"
    path.write_text(edited)
    reloaded, stats = load_guide(path)
    assert stats == {"questions updated": 1, "questions reworded": 1, "values updated": 1}
    assert reloaded.loaded_at > guide.loaded_at  # a new version: pages and facts made from it are made again
    assert models.Guide.objects.get(pk=guide.pk).loaded_at == reloaded.loaded_at
    question.refresh_from_db()
    assert question.text == "How do you settle disagreements about technical direction?"
    assert models.Value.objects.get(pk=value.pk).slug == "candor-feedback"
    assert models.Question.objects.count() == 33


def test_staff_edits_to_the_category_mapping_survive_a_reload(guide):
    category = models.QuestionCategory.objects.get(slug="freedom-responsibility")
    extra = models.Value.objects.get(slug="customer-obsession")
    category.values.add(extra)
    load_guide(GUIDE_FILE)
    assert extra in category.values.all()


def test_a_malformed_file_is_rejected_with_its_line_and_nothing_changes(guide, tmp_path):
    before = snapshot()
    broken = (
        GUIDE_FILE.read_text()
        .replace("2. **Technical Leadership** (60 min):", "2. **Technical Leadership** (an hour):")
        .replace("Trust talented people", "Trust GOOD people")
    )
    path = tmp_path / "netflix.md"
    path.write_text(broken)
    line = broken.splitlines().index(next(x for x in broken.splitlines() if "(an hour)" in x)) + 1
    with pytest.raises(CommandError, match=rf"netflix\.md, line {line}: an interview round must read"):
        call_command("load_guide", str(path))
    assert snapshot() == before


def test_invalid_front_matter_names_its_line():
    text = "---\ntitle: x\nsections: [unclosed\n---\n# T\n"
    with pytest.raises(GuideFormatError, match=r"line \d+: front matter is not valid YAML"):
        parse_guide_text(text, "x.md")


def test_a_missing_section_is_named():
    text = GUIDE_FILE.read_text().replace("## Red Flags to Avoid", "## Things to Avoid")
    with pytest.raises(GuideFormatError, match="no heading with anchor #red-flags-to-avoid"):
        parse_guide_text(text, "netflix.md")


def test_a_file_without_front_matter_is_rejected():
    with pytest.raises(GuideFormatError, match="line 1: the file must start with front matter"):
        parse_guide_text("# Just a title\n", "x.md")


def test_a_story_part_without_seconds_names_its_line():
    text = GUIDE_FILE.read_text().replace("**Challenge** (30 seconds):", "**Challenge** (half a minute):")
    line = next(i for i, x in enumerate(text.splitlines(), 1) if "(half a minute)" in x)
    with pytest.raises(GuideFormatError, match=rf"line {line}: a story part must read"):
        parse_guide_text(text, "netflix.md")


def test_the_parser_has_no_company_strings():
    source = (GUIDE_FILE.parents[1] / "parser.py").read_text() + (
        GUIDE_FILE.parents[1] / "loading.py"
    ).read_text()
    assert not re.search(r"netflix|candor|streaming", source, re.I)


def test_a_second_guide_is_a_new_file(db, tmp_path, settings):
    other = GUIDE_FILE.read_text().replace("slug: netflix", "slug: acme")
    (tmp_path / "acme.md").write_text(other)
    (tmp_path / "netflix.md").write_text(GUIDE_FILE.read_text())
    settings.GUIDE_DIR = tmp_path
    call_command("load_guide")
    assert sorted(models.Guide.objects.values_list("slug", flat=True)) == ["acme", "netflix"]
    assert models.Value.objects.count() == 10


def test_parse_guide_file_reads_the_title():
    assert parse_guide_file(GUIDE_FILE).title == "Netflix Engineering Leadership Interview Guide"


def test_a_failure_while_writing_rolls_everything_back(guide, tmp_path, monkeypatch):
    from guide import loading

    before = snapshot()
    path = tmp_path / "netflix.md"
    path.write_text(GUIDE_FILE.read_text().replace("Trust talented people", "Trust good people"))
    real_sync = loading.sync_stable

    def failing_sync(model, *args, **kwargs):
        if model is models.Question:
            raise RuntimeError("disk full")
        return real_sync(model, *args, **kwargs)

    monkeypatch.setattr(loading, "sync_stable", failing_sync)
    with pytest.raises(RuntimeError):
        load_guide(path)
    assert snapshot() == before


def test_two_values_with_the_same_name_are_rejected():
    text = GUIDE_FILE.read_text().replace(
        "### 2. High Performance Culture (A Players Only)", "### 2. Freedom & Responsibility (Again)"
    )
    with pytest.raises(GuideFormatError, match="two values share the name 'freedom-responsibility'"):
        parse_guide_text(text, "netflix.md")


def test_each_level_has_a_short_label_for_selects(guide):
    labels = [level.short_label for level in models.Level.objects.filter(guide=guide).order_by("code")]
    assert labels == ["L5 · Senior", "L6 · Staff", "L7 · Senior Staff/Principal"]
    assert models.Level(code="X1", title="Engineer").short_title == "Engineer"  # nothing else left: the title


def test_the_editor_and_settings_offer_levels_by_their_short_labels(owner_client, guide):
    for url in ["/stories/new/", "/accounts/settings/"]:
        html = owner_client.get(url).content.decode()
        assert re.search(r'<option value="\d+">L6 · Staff</option>', html), url
        assert "Staff Software Engineer</option>" not in html, url
