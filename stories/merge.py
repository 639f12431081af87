"""A refused (stale) edit merged with the save that overtook it: a three-way merge, field by field.

Three sides, each a `Snapshot` of plain values:
- base: the story as the user opened it (the revision whose `version` the form carried, from
  django-simple-history; None when that revision is not kept);
- theirs: the story as saved now (the other tab's or device's save);
- mine: the refused form's cleaned data.

A field only one side changed takes that side's value (so the other save's new tag and the user's new
text both survive); a field both sides changed differently keeps the user's value and, for text, offers
a choice: "keep mine" (the text in the form) or "take theirs" (the newer saved text). The choice is a
radio button that the next save honours (`take_chosen`), so it works without JavaScript;
static/js/story-merge.js swaps the text in the field while choosing. The typed text stays in the form.
"""

import re
from dataclasses import dataclass, field

from guide.models import Level

from .fields import parse_id
from .models import PART_FIELDS, Story
from .revisions import TAG_FIELDS, word_diff

TEXT_FIELDS = ("title", "summary", *PART_FIELDS)
RELATION_FIELDS = tuple(TAG_FIELDS)  # values, questions, themes, tags: sets of ids
SCALAR_FIELDS = ("level", "team_size", "status")
SCALAR_LABELS = {"level": "Level", "team_size": "Engineers influenced", "status": "Status"}
CHOICE_PREFIX = "merge_"  # the radio button of a text field: merge_<field> = mine | theirs
MINE, THEIRS = "mine", "theirs"
MAX_VERSION = 2**31 - 1  # a PositiveIntegerField on PostgreSQL


@dataclass(frozen=True)
class Snapshot:
    """One side of a merge: `texts` field -> str (TEXT_FIELDS), `relations` field -> frozenset of ids
    (RELATION_FIELDS), `scalars` field -> id, number, status or None (SCALAR_FIELDS)."""

    texts: dict
    relations: dict
    scalars: dict


@dataclass(frozen=True)
class TextMerge:
    """A text field the other save changed. `segments` is the word diff of that change (base -> theirs,
    or mine -> theirs when base is unknown), as revisions.word_diff gives it; `choice` is the default."""

    field: str
    label: str
    segments: tuple
    theirs: str
    choice: str  # MINE or THEIRS

    @property
    def words_changed(self):
        """(words removed, words added) by the other save."""
        removed = sum(len(text.split()) for kind, text in self.segments if kind == "delete")
        added = sum(len(text.split()) for kind, text in self.segments if kind == "insert")
        return removed, added

    @property
    def change_summary(self):
        """'1 word removed, 2 added', '3 words added', or 'spacing or line breaks' (nothing but space)."""
        removed, added = self.words_changed
        if removed and added:
            return f"{_words(removed)} removed, {added} added"
        if removed or added:
            return f"{_words(removed or added)} {'removed' if removed else 'added'}"
        return "spacing or line breaks"

    @property
    def excerpt(self):
        """The diff cut to the changed words and a few words around each (see `excerpt`)."""
        return excerpt(self.segments)


@dataclass(frozen=True)
class OtherChange:
    """A tag or setting the other save changed: names it removed and added, and what the form now holds
    (`kept_mine`: the user changed it too, so the form keeps the user's value)."""

    field: str
    label: str
    removed: tuple
    added: tuple
    kept_mine: bool = False

    @property
    def is_setting(self):
        """A level, team size or status (one value, shown as "from ... to ..."), not a set of tags."""
        return self.field in SCALAR_FIELDS


@dataclass(frozen=True)
class Merge:
    texts: list  # [TextMerge] in TEXT_FIELDS order
    others: list  # [OtherChange]
    relations: dict  # field -> merged frozenset of ids
    scalars: dict  # field -> merged value
    base_known: bool
    theirs_version: int
    by_field: dict = field(default_factory=dict, compare=False)  # field -> TextMerge, for the template

    @property
    def changed_anything(self):
        return bool(self.texts or self.others)


CONTEXT_WORDS = re.compile(r"\s*\S+\s*|\s+")  # a word with the space around it: context is counted in words


def excerpt(segments, context=4, changes=3):
    """Word-diff `segments` shortened for a one-line list: unchanged runs keep `context` words next to
    each change (the rest becomes "… "), and after `changes` changes "…" ends it. Same segment shape."""
    changed = [i for i, (kind, _) in enumerate(segments) if kind != "equal"]
    if not changed:
        return ()
    out, shown = [], 0
    for i, (kind, text) in enumerate(segments):
        if kind != "equal":
            if i == 0 or segments[i - 1][0] == "equal":  # a change begins (a delete and its insert)
                if shown == changes:
                    out.append(("equal", "…"))
                    break
                shown += 1
            out.append((kind, text))
            continue
        words = CONTEXT_WORDS.findall(text)
        before, after = i > changed[0], i < changed[-1]  # a change before it / after it
        if before and after and len(words) > 2 * context:
            text = "".join(words[:context]) + "… " + "".join(words[-context:])
        elif before and not after and len(words) > context:
            text = "".join(words[:context]).rstrip() + "…"
        elif after and not before and len(words) > context:
            text = "…" + "".join(words[-context:])
        out.append(("equal", text))
    return tuple(out)


def merge_value(base, mine, theirs):
    """Three-way merge of one value: (merged, conflict). The side that changed wins; when both
    changed it differently, mine wins and conflict is True. With base unknown (`...`), mine wins."""
    if base is ...:
        return mine, mine != theirs
    if mine == base:
        return theirs, False
    if theirs in (base, mine):
        return mine, False
    return mine, True


def merge_ids(base, mine, theirs):
    """Three-way merge of two sets of ids: what either side added is in, what either removed is out.
    With base unknown (None) the union: nothing the user chose is dropped."""
    if base is None:
        return frozenset(mine | theirs)
    return frozenset((mine & theirs) | (mine - base) | (theirs - base))


def text_merge(name, label, base, mine, theirs):
    """A TextMerge for one text field, or None when the other save left it as the user opened it (or
    wrote exactly the user's text). `base` None: unknown, so any difference from mine is shown."""
    if theirs == mine or (base is not None and theirs == base):
        return None
    return TextMerge(
        field=name,
        label=label,
        segments=word_diff(mine if base is None else base, theirs),
        theirs=theirs,
        # The user did not touch it: the other save's text comes in unless they keep their own.
        choice=THEIRS if base is not None and mine == base else MINE,
    )


def three_way(base, mine, theirs, labels, *, theirs_version, names=None):
    """Merge `mine` with `theirs` from `base` (Snapshots; base may be None). `labels`: field -> label
    for TEXT_FIELDS; `names(field, ids)` -> {id: name} names relation and level ids for the list
    (defaults to the ids themselves). Returns a Merge."""
    names = names or (lambda _field, ids: {i: str(i) for i in ids})
    texts = []
    for name in TEXT_FIELDS:
        merged = text_merge(
            name, labels[name], base.texts[name] if base else None, mine.texts[name], theirs.texts[name]
        )
        if merged:
            texts.append(merged)
    others, relations, scalars = [], {}, {}
    for name in RELATION_FIELDS:
        then = base.relations[name] if base else None
        relations[name] = merge_ids(then, mine.relations[name], theirs.relations[name])
        reference = then if base else mine.relations[name]
        if theirs.relations[name] != reference:
            removed, added = reference - theirs.relations[name], theirs.relations[name] - reference
            label = names(name, removed | added)
            others.append(
                OtherChange(name, TAG_FIELDS[name][0], _sorted(label, removed), _sorted(label, added))
            )
    for name in SCALAR_FIELDS:
        then = base.scalars[name] if base else ...
        scalars[name], kept_mine = merge_value(then, mine.scalars[name], theirs.scalars[name])
        reference = mine.scalars[name] if then is ... else then
        if theirs.scalars[name] != reference:
            shown = _scalar_names(name, {reference, theirs.scalars[name]}, names)
            others.append(
                OtherChange(
                    name, SCALAR_LABELS[name], (shown[reference],), (shown[theirs.scalars[name]],), kept_mine
                )
            )
    return Merge(
        texts=texts,
        others=others,
        relations=relations,
        scalars=scalars,
        base_known=base is not None,
        theirs_version=theirs_version,
        by_field={t.field: t for t in texts},
    )


def _words(n):
    return f"{n} word{'' if n == 1 else 's'}"


def _sorted(names, ids):
    return tuple(sorted(names.get(i, "(since removed)") for i in ids))


def _scalar_names(name, values, names):
    if name == "level":
        found = names("level", {v for v in values if v is not None})
        return {v: found.get(v, "none") if v is not None else "none" for v in values}
    if name == "status":
        return {v: Story.Status(v).label if v in Story.Status.values else str(v) for v in values}
    return {v: "not set" if v is None else str(v) for v in values}


# --- Reading the three sides from the database and the form ------------------------------------------


def revision_at(story, version):
    """The kept revision of `story` at `version` (a historical record), or None (also for a version
    that no story can have: the form's hidden field is user input)."""
    if not isinstance(version, int) or not 0 < version <= MAX_VERSION:
        return None
    return story.history.filter(version=version).order_by("-history_date", "-history_id").first()


def snapshot_of(obj):
    """A Snapshot of a Story or of one of its historical records (whose relations are rows naming ids)."""
    relations = {}
    for name in RELATION_FIELDS:
        model = Story._meta.get_field(name).related_model
        if isinstance(obj, Story):
            relations[name] = frozenset(getattr(obj, name).values_list("pk", flat=True))
        else:
            relations[name] = frozenset(
                getattr(row, f"{model._meta.model_name}_id") for row in getattr(obj, name).all()
            )
    return Snapshot(
        texts={name: getattr(obj, name) or "" for name in TEXT_FIELDS},
        relations=relations,
        scalars={"level": obj.level_id, "team_size": obj.team_size, "status": obj.status},
    )


def snapshot_of_form(cleaned):
    """A Snapshot of a valid StoryForm's cleaned data."""
    return Snapshot(
        texts={name: cleaned.get(name) or "" for name in TEXT_FIELDS},
        relations={name: frozenset(obj.pk for obj in cleaned.get(name) or ()) for name in RELATION_FIELDS},
        scalars={
            "level": cleaned["level"].pk if cleaned.get("level") else None,
            "team_size": cleaned.get("team_size"),
            "status": cleaned.get("status"),
        },
    )


def names_of(name, ids):
    """{id: name} of a relation's (or the level's) objects, in one query."""
    if name == "level":
        return {
            pk: f"{code} · {title}"
            for pk, code, title in Level.objects.filter(pk__in=ids).values_list("pk", "code", "title")
        }
    model = Story._meta.get_field(name).related_model
    return dict(model.objects.filter(pk__in=ids).values_list("pk", TAG_FIELDS[name][1]))


def merge_form(form, current, parts):
    """Merge a valid StoryForm refused as stale with `current` (the newer saved story): a Merge, whose
    merged tags and settings are put into the form's data (so the page shows them and the next save
    keeps them), with the version set to current's so that the next save goes through."""
    labels = {"title": "Title", "summary": "Summary"} | {p.field: p.name for p in parts}
    base = revision_at(current, form.cleaned_data.get("version"))
    result = three_way(
        snapshot_of(base) if base else None,
        snapshot_of_form(form.cleaned_data),
        snapshot_of(current),
        labels,
        theirs_version=current.version,
        names=names_of,
    )
    data = form.data.copy()
    for name in RELATION_FIELDS:
        data.setlist(name, [str(pk) for pk in sorted(result.relations[name])])
    for name, value in result.scalars.items():
        data[name] = "" if value is None else str(value)
    for text in result.texts:
        data[CHOICE_PREFIX + text.field] = text.choice
    data["version"] = str(current.version)
    form.data = data
    return result


def take_chosen(data, story):
    """The editor's POST data with each text field whose choice is "take theirs" replaced by the text
    saved at the form's version (the newer text the conflict page showed). Without choices, or when that
    version is no longer known, `data` is returned as it is: the typed text is never dropped."""
    if data is None:
        return data
    chosen = [name for name in TEXT_FIELDS if data.get(CHOICE_PREFIX + name) == THEIRS]
    if not chosen:
        return data
    version = parse_id(data.get("version"))
    source = story if version == story.version else revision_at(story, version)
    if source is None:
        return data
    data = data.copy()
    for name in chosen:
        data[name] = getattr(source, name) or ""
    return data
