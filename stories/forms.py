from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.contrib.auth.models import User
from django.core.validators import MaxLengthValidator, ProhibitNullCharactersValidator

from guide.models import Level, Question, QuestionCategory, Theme, Value

from .fields import IdChoiceField, IdMultipleChoiceField
from .models import PART_FIELDS, PART_MAX_LENGTH, SUMMARY_PLACEHOLDER, Profile, Story, Tag
from .services import parse_tag_names


class SignupForm(UserCreationForm):
    email = forms.EmailField(required=True, help_text="For password resets only.")

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "email")

    def clean_email(self):
        """One account per address, whatever its case: a password reset then reaches one account."""
        email = self.cleaned_data["email"]
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError("An account with this email address exists. Log in, or reset its password.")
        return email


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        label="Your password",
        help_text="To be sure it is you.",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("That is not your password. Nothing was deleted.")
        return password


class ProfileForm(forms.ModelForm):
    class Meta:
        model = Profile
        fields = ["words_per_minute"]
        labels = {"words_per_minute": "Speaking pace (words per minute)"}


class PickerWidget(forms.CheckboxSelectMultiple):
    """A checklist that static/js/picker.js turns into a searchable multi-select."""

    template_name = "stories/widgets/picker.html"
    option_template_name = "django/forms/widgets/checkbox_option.html"


class StoryForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    new_tags = forms.CharField(
        required=False,
        max_length=500,
        label="New tags",
        help_text="Comma-separated, e.g. “on-call, migration”.",
    )

    class Meta:
        model = Story
        fields = [
            "title",
            "summary",
            *PART_FIELDS,
            "values",
            "questions",
            "themes",
            "level",
            "team_size",
            "tags",
            "status",
        ]
        field_classes = {
            "values": IdMultipleChoiceField,
            "questions": IdMultipleChoiceField,
            "themes": IdMultipleChoiceField,
            "tags": IdMultipleChoiceField,
            "level": IdChoiceField,
        }
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 2, "placeholder": SUMMARY_PLACEHOLDER}),
            "values": PickerWidget,
            "questions": PickerWidget,
            "themes": PickerWidget,
            "tags": PickerWidget,
            "status": forms.RadioSelect,
        }
        labels = {
            "summary": "One-sentence summary",
            "team_size": "Engineers influenced",
            "level": "Target level",
        }
        error_messages = {
            "title": {
                "required": "Give the story a title, so you can find it again.",
                "max_length": "Keep the title under %(limit_value)d characters (it has %(show_value)d).",
            },
        }

    def __init__(self, *args, user, guide, parts, **kwargs):
        super().__init__(*args, **kwargs)
        self.parts = parts
        # No maxlength attribute: a browser would cut pasted text silently; the server explains instead.
        self.fields["title"].widget.attrs.pop("maxlength", None)
        self.fields["title"].widget.attrs["autocomplete"] = "off"
        for part in parts:
            field = self.fields[part.field]
            field.label = part.name
            field.help_text = part.description
            field.widget = forms.Textarea(
                attrs={"rows": 4, "data-part": part.field, "data-budget": part.seconds}
            )
            field.validators = [
                ProhibitNullCharactersValidator(message="This part holds a NUL character, which cannot be saved: delete it."),
                MaxLengthValidator(
                    PART_MAX_LENGTH,
                    message="This part is %(show_value)d characters long; a part holds at most %(limit_value)d. "
                    "Shorten it: a story part is spoken in seconds.",
                )
            ]
        self.fields["values"].queryset = Value.objects.filter(guide=guide)
        self.fields["themes"].queryset = Theme.objects.filter(guide=guide)
        self.fields["level"].queryset = Level.objects.filter(guide=guide)
        self.fields["level"].empty_label = "No particular level"
        questions = Question.objects.filter(guide=guide).select_related("category")
        self.fields["questions"].queryset = questions
        # Grouped by category for the picker; validation still uses the queryset.
        self.fields["questions"].choices = [
            (category.name, [(q.pk, q.text) for q in questions if q.category_id == category.pk])
            for category in QuestionCategory.objects.filter(guide=guide)
        ]
        self.fields["tags"].queryset = Tag.objects.for_user(user)
        self.fields["tags"].error_messages["invalid_choice"] = (
            "Tag %(value)s is not one of your tags; it may have been deleted. Pick from the list."
        )
        self.fields["tags"].label = "Your tags"
        self.fields["team_size"].help_text = ""

    def clean_new_tags(self):
        return parse_tag_names(self.cleaned_data["new_tags"])
