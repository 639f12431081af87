"""Read a guide file (Markdown with YAML front matter) into plain data.

The front matter says which heading holds which piece of data (values,
rounds, themes, ...), so the parser carries no company-specific strings.
Every error names the line of the file it is about.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from markdown.extensions.toc import slugify as toc_slugify


class GuideFormatError(ValueError):
    def __init__(self, message, line=None, path=None):
        self.message = message
        self.line = line
        self.path = path
        where = f"{path or 'guide'}"
        if line:
            where += f", line {line}"
        super().__init__(f"{where}: {message}")


def slugify(text):
    """The anchor Python-Markdown's toc extension gives a heading with this text."""
    return toc_slugify(text, "-")


@dataclass
class Section:
    level: int
    title: str
    anchor: str
    line: int
    body: list = field(default_factory=list)  # (line number, text) pairs
    children: list = field(default_factory=list)

    def child(self, anchor):
        for section in self.children:
            if section.anchor == anchor:
                return section
        return None

    def text(self):
        return "\n".join(text for _, text in self.body).strip()

    def walk(self):
        yield self
        for section in self.children:
            yield from section.walk()


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


FRONT_MATTER_RE = re.compile(r"\A---\n(.*?)\n---\n", re.S)
HEADING_RE = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
BULLET_RE = re.compile(r"^\s*[-*+]\s+(.*)$")
ORDERED_RE = re.compile(r"^\s*\d+\.\s+(.*)$")
LABEL_RE = re.compile(r"^\*\*(.+?)\*\*:?\s*$")
NUMBER_PREFIX_RE = re.compile(r"^\d+\.\s*")
PARENS_RE = re.compile(r"^(.*?)\s*\((.+)\)\s*$")
QUOTED_RE = re.compile(r'^[\s"“]*(.*?)[\s"”]*$')
ROUND_RE = re.compile(r"^\*\*(.+?)\*\*\s*\((\d+)\s*min\)\s*:\s*(.+)$")
STRONG_ITEM_RE = re.compile(r"^\*\*(.+?)\*\*\s*:?\s*(.*)$")
PART_RE = re.compile(r"^\*\*(.+?)\*\*\s*\((\d+)\s*seconds?\)\s*:\s*(.+)$")
RANGE_RE = re.compile(r"(\d+)\s*[-–]\s*(\d+)")
LEVEL_CODE_RE = re.compile(r"\((L\d+)\)")
DAYS_RE = re.compile(r"(\d+)\s+(week|day)s?", re.I)
RULE_RE = re.compile(r"^\s*([-*_])(\s*\1){2,}\s*$")
MARKER_RE = re.compile(r"^[^\w\"“*]+\s*")  # leading emoji such as a red flag mark


def read_front_matter(text, path=None):
    match = FRONT_MATTER_RE.match(text)
    if not match:
        raise GuideFormatError("the file must start with front matter between '---' lines", 1, path)
    try:
        meta = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        raise GuideFormatError(f"front matter is not valid YAML ({exc.problem})", line, path) from exc
    if not isinstance(meta, dict):
        raise GuideFormatError("front matter must be a mapping of keys to values", 2, path)
    body_start = text[: match.end()].count("\n") + 1
    return meta, text[match.end() :], body_start


def split_sections(body, first_line):
    """A tree of headings; each keeps the lines under it up to the next heading."""
    root = Section(0, "", "", first_line)
    stack = [root]
    seen = {}
    in_fence = False
    for offset, line in enumerate(body.split("\n")):
        number = first_line + offset
        if line.startswith("```"):
            in_fence = not in_fence
        match = None if in_fence else HEADING_RE.match(line)
        if not match:
            stack[-1].body.append((number, line))
            continue
        level, title = len(match.group(1)), match.group(2)
        anchor = slugify(title)
        # Same rule as the toc extension: a repeated anchor gets a _1, _2 suffix.
        if anchor in seen:
            seen[anchor] += 1
            anchor = f"{anchor}_{seen[anchor]}"
        else:
            seen[anchor] = 0
        section = Section(level, title, anchor, number)
        while stack[-1].level >= level:
            stack.pop()
        stack[-1].children.append(section)
        stack.append(section)
    return root


def labelled_lists(section):
    """`**Label**:` followed by bullets (or a quoted paragraph) -> [{label, items}]."""
    groups = []
    for number, line in section.body:
        stripped = line.strip()
        if not stripped:
            continue
        label = LABEL_RE.match(stripped)
        bullet = BULLET_RE.match(line)
        if label:
            groups.append({"label": label.group(1).strip(), "items": [], "line": number})
        elif groups and bullet:
            groups[-1]["items"].append(clean_item(bullet.group(1)))
        elif groups:
            groups[-1]["items"].append(clean_item(stripped))
        else:
            raise GuideFormatError(f"expected a '**Label**:' line, found {stripped!r}", number)
    for group in groups:
        if not group["items"]:
            raise GuideFormatError(f"the list '{group['label']}' has no items", group["line"])
    return groups


def clean_item(text):
    return QUOTED_RE.match(MARKER_RE.sub("", text.strip())).group(1)


def list_items(section, pattern=BULLET_RE):
    return [(number, m.group(1).strip()) for number, line in section.body if (m := pattern.match(line))]


def name_and_tagline(title):
    title = NUMBER_PREFIX_RE.sub("", title).strip()
    match = PARENS_RE.match(title)
    if match:
        return match.group(1).strip(), match.group(2).strip()
    return title, ""


def require(section, anchor, what, path):
    found = None
    for candidate in section.walk():
        if candidate.anchor == anchor:
            found = candidate
            break
    if found is None:
        raise GuideFormatError(f"no heading with anchor #{anchor} for the {what}", None, path)
    return found


def require_children(section, what):
    if not section.children:
        raise GuideFormatError(f"the {what} section has no sub-headings", section.line)
    return section.children


def parse_values(section):
    values = []
    for order, child in enumerate(require_children(section, "values"), start=1):
        name, tagline = name_and_tagline(child.title)
        values.append(
            {
                "slug": slugify(name),
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
    for order, (number, text) in enumerate(list_items(section, ORDERED_RE), start=1):
        match = ROUND_RE.match(text)
        if not match:
            raise GuideFormatError(
                f"an interview round must read '**Name** (45 min): focus + focus', found {text!r}",
                number,
            )
        name = match.group(1).strip()
        rounds.append(
            {
                "slug": slugify(name),
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
                "slug": slugify(name),
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
    categories, questions = [], []
    for order, child in enumerate(require_children(section, "question categories"), start=1):
        name, _ = name_and_tagline(child.title)
        slug = slugify(name)
        categories.append({"slug": slug, "name": name, "order": order, "anchor": child.anchor})
        items = list_items(child, ORDERED_RE)
        if not items:
            raise GuideFormatError(f"the question category '{name}' lists no questions", child.line)
        for number, (_, text) in enumerate(items, start=1):
            questions.append(
                {
                    "slug": f"{slug}-{number}",
                    "text": clean_item(text),
                    "category": slug,
                    "anchor": child.anchor,
                    "theme": None,
                    "order": order * 100 + number,
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
                for number, text in enumerate(group["items"], start=1):
                    questions.append(
                        {
                            "slug": f"{theme['slug']}-{number}",
                            "text": text,
                            "category": category,
                            "anchor": theme["anchor"],
                            "theme": theme["slug"],
                            "order": 10_000 + theme["order"] * 100 + number,
                        }
                    )
    return categories, questions


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
                "slug": code.group(1).lower(),
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
