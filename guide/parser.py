"""Read a guide file (Markdown with YAML front matter) into plain data.

The front matter says which heading holds which piece of data (values,
rounds, themes, ...), so the parser carries no company-specific strings.
Every error names the line of the file it is about.
"""

import re
from dataclasses import dataclass
from pathlib import Path

from .sections import (
    MARKER_RE,
    GuideFormatError,
    clean_item,
    labelled_lists,
    list_items,
    name_and_tagline,
    read_front_matter,
    require,
    require_children,
    slugify,
    split_id,
    split_sections,
    text_slug,
)


@dataclass
class GuideData:
    slug: str
    title: str
    description: str
    front_matter: dict
    values: list
    categories: list
    questions: list
    themes: list
    rounds: list
    levels: list
    story_parts: list
    red_flags: list
    success_factors: list
    prep_phases: list
    final_tips: list


ORDERED_RE = re.compile(r"^\s*\d+\.\s+(.*)$")
ROUND_RE = re.compile(r"^\*\*(.+?)\*\*\s*\((\d+)\s*min\)\s*:\s*(.+)$")
STRONG_ITEM_RE = re.compile(r"^\*\*(.+?)\*\*\s*:?\s*(.*)$")
PART_RE = re.compile(r"^\*\*(.+?)\*\*\s*\((\d+)\s*seconds?\)\s*:\s*(.+)$")
RANGE_RE = re.compile(r"(\d+)\s*[-–]\s*(\d+)")
LEVEL_CODE_RE = re.compile(r"\((L\d+)\)")
DAYS_RE = re.compile(r"(\d+)\s+(week|day)s?", re.I)
RULE_RE = re.compile(r"^\s*([-*_])(\s*\1){2,}\s*$")


def parse_values(section):
    values = []
    for order, child in enumerate(require_children(section, "values"), start=1):
        name, tagline = name_and_tagline(child.title)
        values.append(
            {
                "slug": child.ident or slugify(name),
                "explicit": child.ident is not None,
                "name": name,
                "tagline": tagline,
                "order": order,
                "anchor": child.anchor,
                "groups": strip_lines(labelled_lists(child)),
                "line": child.line,
            }
        )
    return values


def strip_lines(groups):
    return [{"label": g["label"], "items": g["items"]} for g in groups]


def parse_rounds(section):
    rounds = []
    for order, (number, marked) in enumerate(list_items(section, ORDERED_RE), start=1):
        text, ident = split_id(marked, number)
        match = ROUND_RE.match(text)
        if not match:
            raise GuideFormatError(
                f"an interview round must read '**Name** (45 min): focus + focus', found {text!r}",
                number,
            )
        name = match.group(1).strip()
        rounds.append(
            {
                "slug": ident or slugify(name),
                "explicit": ident is not None,
                "name": name,
                "minutes": int(match.group(2)),
                "focus": [part.strip() for part in match.group(3).split("+") if part.strip()],
                "order": order,
            }
        )
    if not rounds:
        raise GuideFormatError("the interview rounds section lists no rounds", section.line)
    return rounds


def parse_themes(section, story_idea_labels):
    themes = []
    for order, child in enumerate(require_children(section, "themes"), start=1):
        name, _ = name_and_tagline(child.title)
        groups = labelled_lists(child)
        themes.append(
            {
                "slug": child.ident or slugify(name),
                "explicit": child.ident is not None,
                "name": name,
                "order": order,
                "anchor": child.anchor,
                "groups": strip_lines(groups),
                "story_ideas": [
                    item for g in groups if g["label"] in story_idea_labels for item in g["items"]
                ],
                "raw_groups": groups,
            }
        )
    return themes


def parse_questions(section, themes, theme_questions):
    """Categories and their questions, then each theme's own questions (joining `theme_questions`'
    category). A question's slug is its `{#id}`, or derived from its text (guide.sections.text_slug)."""
    categories, questions = [], []
    for order, child in enumerate(require_children(section, "question categories"), start=1):
        name, _ = name_and_tagline(child.title)
        slug = child.ident or slugify(name)
        categories.append(
            {
                "slug": slug,
                "explicit": child.ident is not None,
                "name": name,
                "order": order,
                "anchor": child.anchor,
            }
        )
        items = list_items(child, ORDERED_RE)
        if not items:
            raise GuideFormatError(f"the question category '{name}' lists no questions", child.line)
        for number, (line, marked) in enumerate(items, start=1):
            text, ident = split_id(marked, line)
            questions.append(
                {
                    "slug": ident,
                    "text": clean_item(text),
                    "category": slug,
                    "anchor": child.anchor,
                    "theme": None,
                    "order": order * 100 + number,
                    "line": line,
                }
            )
    label = (theme_questions or {}).get("label")
    category = (theme_questions or {}).get("category")
    if label:
        if category not in {c["slug"] for c in categories}:
            raise GuideFormatError(f"theme_questions.category {category!r} is not a question category", None)
        for theme in themes:
            for group in theme["raw_groups"]:
                if group["label"] != label:
                    continue
                for number, (text, ident) in enumerate(
                    zip(group["items"], group["ids"], strict=True), start=1
                ):
                    questions.append(
                        {
                            "slug": ident,
                            "text": text,
                            "category": category,
                            "anchor": theme["anchor"],
                            "theme": theme["slug"],
                            "order": 10_000 + theme["order"] * 100 + number,
                            "line": group["line"],
                        }
                    )
    _question_slugs(questions)
    return categories, questions


def _question_slugs(questions):
    """Give each question without an id one derived from its text, unique in the guide (a -2 suffix
    after the first); two questions with one id are an error."""
    given = {}
    for question in questions:
        if question["slug"]:
            if question["slug"] in given:
                raise GuideFormatError(f"two questions have the id {{#{question['slug']}}}", question["line"])
            given[question["slug"]] = question
    taken = set(given)
    for question in questions:
        question["explicit"] = bool(question["slug"])
        if not question["slug"]:
            base = slug = text_slug(question["text"])
            suffix = 1
            while slug in taken:
                suffix += 1
                slug = f"{base}-{suffix}"
            question["slug"] = slug
            taken.add(slug)
        del question["line"]


def parse_levels(section):
    levels = []
    for order, child in enumerate(require_children(section, "levels"), start=1):
        code = LEVEL_CODE_RE.search(child.title)
        if not code:
            raise GuideFormatError(
                f"a level heading must end with its code, e.g. '(L5)': {child.title!r}", child.line
            )
        fields = {}
        for number, text in list_items(child):
            match = STRONG_ITEM_RE.match(text)
            if match:
                fields[slugify(match.group(1))] = (number, match.group(2).strip())
        influence = fields.get("team-influence")
        span = RANGE_RE.search(influence[1]) if influence else None
        if not span:
            raise GuideFormatError("a level needs a '**Team Influence**: 5-8 engineers' line", child.line)
        levels.append(
            {
                "code": code.group(1),
                "slug": child.ident or code.group(1).lower(),
                "explicit": child.ident is not None,
                "title": name_and_tagline(child.title)[0],
                "team_min": int(span.group(1)),
                "team_max": int(span.group(2)),
                "scope": fields.get("scope", (0, ""))[1],
                "impact": fields.get("impact", (0, ""))[1],
                "focus": fields.get("focus", (0, ""))[1],
                "order": order,
                "anchor": child.anchor,
            }
        )
    return levels


def parse_story_parts(section):
    parts = []
    pending = None
    for number, line in section.body:
        stripped = line.strip()
        if not stripped:
            continue
        match = PART_RE.match(stripped)
        if match:
            name = match.group(1).strip()
            pending = {
                "slug": slugify(name),
                "name": name,
                "seconds": int(match.group(2)),
                "description": match.group(3).strip(),
                "template": "",
                "order": len(parts) + 1,
            }
            parts.append(pending)
        elif pending and stripped.startswith(('"', "“")):
            pending["template"] = clean_item(stripped)
        else:
            raise GuideFormatError(
                "a story part must read '**Name** (30 seconds): what it covers', "
                f"then its template sentence in quotes; found {stripped!r}",
                number,
            )
    if not parts:
        raise GuideFormatError("the story structure section lists no parts", section.line)
    return parts


def parse_red_flags(section):
    flags = []
    for group_order, child in enumerate(require_children(section, "red flags"), start=1):
        items = list_items(child)
        if not items:
            raise GuideFormatError(f"the red flag group '{child.title}' is empty", child.line)
        for order, (_, text) in enumerate(items, start=1):
            flags.append(
                {
                    "group": child.title,
                    "group_slug": child.anchor,
                    "text": clean_item(text),
                    "order": group_order * 100 + order,
                }
            )
    return flags


def parse_strong_lines(section, what):
    found = []
    for number, line in section.body:
        if RULE_RE.match(line):
            break  # what follows a horizontal rule is a closing note, not the list
        stripped = MARKER_RE.sub("", line.strip())
        stripped = ORDERED_RE.sub(r"\1", stripped)
        if not stripped:
            continue
        match = STRONG_ITEM_RE.match(stripped)
        if not match or not match.group(2):
            raise GuideFormatError(f"each of the {what} must read '**Name**: text'", number)
        found.append({"name": match.group(1).strip(), "text": match.group(2).strip()})
    if not found:
        raise GuideFormatError(f"no {what} found", section.line)
    for order, item in enumerate(found, start=1):
        item["order"] = order
    return found


def parse_prep_phases(section):
    phases = []
    for order, child in enumerate(require_children(section, "preparation plan"), start=1):
        match = DAYS_RE.search(child.title)
        days = 0
        if match:
            days = int(match.group(1)) * (7 if match.group(2).lower() == "week" else 1)
        tasks = [clean_item(text) for _, text in list_items(child)]
        if not tasks:
            raise GuideFormatError(f"the phase '{child.title}' lists no tasks", child.line)
        phases.append(
            {
                "slug": child.anchor,
                "name": child.title,
                "days_before": days,
                "tasks": tasks,
                "order": order,
                "anchor": child.anchor,
            }
        )
    return phases


SECTION_KEYS = (
    "values",
    "rounds",
    "themes",
    "questions",
    "red_flags",
    "success_factors",
    "story_structure",
    "levels",
    "prep_plan",
    "final_tips",
)


def parse_guide_text(text, path=None, default_slug="guide"):
    meta, body, body_start = read_front_matter(text, path)
    sections = meta.get("sections")
    if not isinstance(sections, dict):
        raise GuideFormatError("front matter needs a 'sections' mapping", 2, path)
    missing = [key for key in SECTION_KEYS if key not in sections]
    if missing:
        raise GuideFormatError(f"front matter 'sections' lacks {', '.join(missing)}", 2, path)
    root = split_sections(body, body_start)
    titles = [s for s in root.children if s.level == 1]
    try:
        found = {key: require(root, sections[key], key.replace("_", " "), path) for key in SECTION_KEYS}
        themes = parse_themes(found["themes"], set(meta.get("theme_story_ideas") or []))
        categories, questions = parse_questions(found["questions"], themes, meta.get("theme_questions"))
        data = GuideData(
            slug=str(meta.get("slug") or default_slug),
            title=titles[0].title if titles else str(meta.get("title", default_slug)),
            description=str(meta.get("description", "")),
            front_matter=meta,
            values=parse_values(found["values"]),
            categories=categories,
            questions=questions,
            themes=themes,
            rounds=parse_rounds(found["rounds"]),
            levels=parse_levels(found["levels"]),
            story_parts=parse_story_parts(found["story_structure"]),
            red_flags=parse_red_flags(found["red_flags"]),
            success_factors=parse_strong_lines(found["success_factors"], "success factors"),
            prep_phases=parse_prep_phases(found["prep_plan"]),
            final_tips=parse_strong_lines(found["final_tips"], "final tips"),
        )
    except GuideFormatError as exc:
        if exc.path is None:
            raise GuideFormatError(exc.message, exc.line, path) from exc
        raise
    for theme in data.themes:
        del theme["raw_groups"]
    for what in ("values", "themes", "categories", "rounds", "levels", "story_parts", "prep_phases"):
        slugs = [row["slug"] for row in getattr(data, what)]
        repeated = sorted({slug for slug in slugs if slugs.count(slug) > 1})
        if repeated:
            raise GuideFormatError(f"two {what.replace('_', ' ')} share the name {repeated[0]!r}", None, path)
    return data


def parse_guide_file(path):
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise GuideFormatError("the file is not valid UTF-8", None, path.name) from exc
    return parse_guide_text(text, path.name, default_slug=path.stem)
