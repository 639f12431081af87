"""The after-run form: seconds per part (filled by the timer, editable by hand), rating and note."""

from django import forms

from ..models import PART_FIELDS, Rehearsal

MAX_PART_SECONDS = 3600  # an hour on one part is a typo, not a telling


class RehearsalForm(forms.Form):
    rating = forms.TypedChoiceField(
        choices=Rehearsal.Rating.choices,
        coerce=int,
        widget=forms.RadioSelect(attrs={"class": "btn-check"}),
        error_messages={"required": "Choose how it went: Again, Hard, Good or Easy."},
    )
    recall = forms.BooleanField(
        required=False,
        label="I told it from memory (no cue card)",
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )
    note = forms.CharField(
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control", "maxlength": 2000}),
        help_text="What to change next time, in a line or two.",
    )

    def __init__(self, *args, parts=(), **kwargs):
        super().__init__(*args, **kwargs)
        names = {p.field: p.name for p in parts}
        for field in PART_FIELDS:
            self.fields[f"seconds_{field}"] = forms.IntegerField(
                min_value=0,
                max_value=MAX_PART_SECONDS,
                label=f"{names.get(field, field.title())} (seconds)",
                error_messages={
                    "required": "Enter the seconds you spent on each part (0 if you skipped it).",
                    "invalid": "Enter whole seconds, like 42.",
                },
                widget=forms.NumberInput(
                    attrs={"inputmode": "numeric", "class": "form-control form-control-sm"}
                ),
            )

    def second_fields(self):
        return [self[f"seconds_{field}"] for field in PART_FIELDS]

    def part_seconds(self) -> list[int]:
        """The five parts' seconds, in PART_FIELDS order (after is_valid())."""
        return [self.cleaned_data[f"seconds_{field}"] for field in PART_FIELDS]
