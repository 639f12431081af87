"""The plan's forms: the date form on /plan/ (a part of Settings), and the debrief."""

from django import forms

from guide.models import InterviewRound, Question
from stories.fields import IdChoiceField
from stories.forms import ProfileForm
from stories.models import Story


def story_choices(user):
    """The user's active stories for the debrief's rows: one query, shared by every row."""
    return list(Story.objects.for_user(user).active().only("pk", "title").order_by("title", "pk"))

def styled(form):
    """Bootstrap's classes on every control of `form` (the plan's pages lay fields out by hand)."""
    for field in form.fields.values():
        select = isinstance(field.widget, forms.Select)
        field.widget.attrs.setdefault("class", "form-select" if select else "form-control")
    return form


# The message of the NUL check every CharField has (one check: a second validator would say it twice).
NUL = {"null_characters_not_allowed": "This holds a NUL character, which cannot be saved: delete it."}


class PlanDateForm(ProfileForm):
    """The interview date, the second day and the time zone, as Settings checks them."""

    class Meta(ProfileForm.Meta):
        fields = ["interview_date", "interview_end_date", "time_zone"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["appearance"]  # a setting of its own (the navbar, Settings), not the loop's date
        styled(self)


class DebriefForm(forms.Form):
    held_on = forms.DateField(label="Date of the interview", widget=forms.DateInput(attrs={"type": "date"}))
    round = IdChoiceField(queryset=InterviewRound.objects.none(), required=False, label="Round",
                          empty_label="The whole loop, or not one of the guide's rounds")
    note = forms.CharField(required=False, max_length=5000, error_messages=NUL, label="Note",
                           widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, guide, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["round"].queryset = InterviewRound.objects.filter(guide=guide)
        styled(self)

    def clean_held_on(self):
        day = self.cleaned_data["held_on"]
        if day > self.today:
            raise forms.ValidationError("A debrief is of an interview that happened: the date is in the future.")
        if (self.today - day).days > 3650:
            raise forms.ValidationError("That date is more than ten years ago.")
        return day


class AskedForm(forms.Form):
    """One question asked: typed, or a guide question picked from the list (the same box)."""

    text = forms.CharField(required=False, max_length=500, error_messages=NUL, label="Question asked",
                           widget=forms.TextInput(attrs={"list": "guide-questions", "autocomplete": "off"}))
    story = forms.ChoiceField(required=False, label="Story told")
    rating = forms.TypedChoiceField(required=False, coerce=int, empty_value=None, label="How it went",
                                    choices=[("", "—")] + [(n, f"{n}/5") for n in range(1, 6)])
    note = forms.CharField(required=False, max_length=2000, error_messages=NUL, label="Note")

    def __init__(self, *args, stories, **kwargs):
        """`stories`: the user's active stories, read once for every row of the formset."""
        super().__init__(*args, **kwargs)
        self.stories = {str(story.pk): story for story in stories}
        self.fields["story"].choices = [("", "None")] + [
            (pk, story.title) for pk, story in self.stories.items()]
        styled(self)

    def clean_story(self):
        return self.stories.get(self.cleaned_data["story"])

    @property
    def is_blank(self) -> bool:
        return not (self.cleaned_data.get("text") or "").strip()


class BaseAskedFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        if all(form.is_blank for form in self.forms):
            raise forms.ValidationError("Enter at least one question that was asked.")


AskedFormSet = forms.formset_factory(AskedForm, formset=BaseAskedFormSet, extra=6, max_num=30,
                                     validate_max=True, absolute_max=30)


def guide_questions(guide):
    """The guide's questions in order, for the picker's list and the matching."""
    return list(Question.objects.filter(guide=guide).order_by("category__order", "order"))
