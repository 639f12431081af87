"""The form of the column-mapping step: a choice per column and what happens to an Action."""

from django import forms

from .mapping import ACTION_CHOICES, TARGETS, Mapping
from .text_files import printable

SAMPLE_LENGTH = 80


class MappingForm(forms.Form):
    action = forms.ChoiceField(label="An Action column goes to", choices=list(ACTION_CHOICES.items()),
                               widget=forms.RadioSelect(attrs={"class": "form-check-input"}))

    def __init__(self, table, mapping, data=None):
        super().__init__(data, initial={"action": mapping.action})
        self.table = table
        for index, (header, target) in enumerate(zip(table.headers, mapping.columns, strict=True)):
            self.fields[f"column_{index}"] = forms.ChoiceField(
                label=printable(header) or f"Column {index + 1}", choices=list(TARGETS.items()), initial=target)

    def mapping(self):
        columns = [self.cleaned_data[f"column_{i}"] for i in range(len(self.table.headers))]
        return Mapping(columns, self.cleaned_data["action"])

    def column_rows(self):
        """(header, bound field, a sample of the first non-empty cell) per column, for the page."""
        rows = []
        for index, header in enumerate(self.table.headers):
            sample = next((cells[index] for _, cells in self.table.rows
                           if index < len(cells) and cells[index].strip()), "")
            sample = " ".join(sample.split())
            if len(sample) > SAMPLE_LENGTH:
                sample = sample[: SAMPLE_LENGTH - 1] + "…"
            rows.append((printable(header) or f"Column {index + 1}", self[f"column_{index}"], printable(sample)))
        return rows
