"""The import templates on the import page: a CSV and an .xlsx to fill in, which import as they are.

`template_csv(guide)` is the export's header without uuid and times, and one example row;
`template_xlsx(guide)` is the same on a "Stories" sheet, with a "Guide" sheet listing every value,
question, theme and level by slug and name (either may be written in a cell). Both return bytes.
"""

import csv
import io

from guide.models import Level, Question, Theme, Value

from .csv_rows import CSV_COLUMNS, OPTIONAL_COLUMNS

TEMPLATE_COLUMNS = [column for column in CSV_COLUMNS if column not in OPTIONAL_COLUMNS]


def example_row(guide):
    value = Value.objects.filter(guide=guide).first()
    level = Level.objects.filter(guide=guide).first()
    example = {
        "title": "Replaced a nightly batch with a stream",
        "summary": "Reports arrived within the hour instead of a day late.",
        "challenge": "Partner reports arrived a day late because a nightly batch job kept failing.",
        "decision": "I chose to run a stream consumer beside the batch rather than rewrite it.",
        "execution": "I split the job, ran both side by side for two weeks and compared outputs daily.",
        "communication": "I told the partners the date we would switch and what could go wrong.",
        "impact": "Reports arrived in under 40 minutes; pages for the job dropped to zero.",
        "values": value.name if value else "",
        "questions": "", "themes": "", "tags": "reliability, data",
        "level": level.code if level else "", "team_size": "4", "status": "draft",
    }
    return [example[column] for column in TEMPLATE_COLUMNS]


def guide_rows(guide):
    """(kind, slug or code, name or text) of everything a cell may name."""
    rows = [("value", v.slug, v.name) for v in Value.objects.filter(guide=guide)]
    rows += [("question", q.slug, q.text) for q in Question.objects.filter(guide=guide)]
    rows += [("theme", t.slug, t.name) for t in Theme.objects.filter(guide=guide)]
    rows += [("level", lv.code, lv.title) for lv in Level.objects.filter(guide=guide)]
    return rows


def template_csv(guide):
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(TEMPLATE_COLUMNS)
    writer.writerow(example_row(guide))
    return out.getvalue().encode()


def template_xlsx(guide):
    import openpyxl
    from openpyxl.styles import Font

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Stories"
    sheet.append(TEMPLATE_COLUMNS)
    sheet.append(example_row(guide))
    listing = book.create_sheet("Guide")
    listing.append(["kind", "slug or code", "name or text (either may be written in a cell)"])
    for row in guide_rows(guide):
        listing.append(list(row))
    for page in (sheet, listing):
        for cell in page[1]:
            cell.font = Font(bold=True)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
