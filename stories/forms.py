from zoneinfo import ZoneInfo, available_timezones

from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.models import User
from django.core.validators import MaxLengthValidator, ProhibitNullCharactersValidator
from django.db.models import Q
from django.utils import timezone

from guide.models import Level, Question, QuestionCategory, Theme, Value

from .accounts import email_taken
from .fields import IdChoiceField, IdMultipleChoiceField
from .models import PART_FIELDS, PART_MAX_LENGTH, SUMMARY_PLACEHOLDER, Profile, Story, Tag
from .services import normalise_line_ends, parse_tag_names

EMAIL_TAKEN = "An account with this email address exists. Log in, or reset its password."


class StrengthUnderPasswordMixin:
    """Password-strength errors under the first password field, where the password is typed.

    Django's SetPasswordMixin validates the confirmation field (`password2` / `new_password2`), so
    "This password is too common" appeared under "Password confirmation". Here the validators run on
    the first field instead; a mismatch stays on the confirmation, where Django puts it.
    """

    def validate_password_for_user(self, user, password_field_name=None, **kwargs):
        first = "new_password1" if "new_password1" in self.fields else "password1"
        super().validate_password_for_user(user, password_field_name=first, **kwargs)


class SignupForm(StrengthUnderPasswordMixin, auth_forms.UserCreationForm):
    email = forms.EmailField(required=True, help_text="For password resets only.")

    class Meta(auth_forms.UserCreationForm.Meta):
        model = User
        fields = ("username", "email")

    def clean_email(self):
        """One account per address, whatever its case: a password reset then reaches one account."""
        email = self.cleaned_data["email"]
        if email_taken(email):
            raise forms.ValidationError(EMAIL_TAKEN)
        return email


class SetPasswordForm(StrengthUnderPasswordMixin, auth_forms.SetPasswordForm):
    """The password reset's new password, with strength errors under "New password"."""


class PasswordChangeForm(StrengthUnderPasswordMixin, auth_forms.PasswordChangeForm):
    """The password change, with strength errors under "New password"."""


class EmailChangeForm(forms.Form):
    """A new email address for `user`, confirmed with the password; no other account may hold it (case
    ignored)."""

    email = forms.EmailField(label="New email address", help_text="Password-reset links go to it.",
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    password = forms.CharField(label="Your password", help_text="To be sure it is you.",
                               widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_email(self):
        email = self.cleaned_data["email"]
        if email.casefold() == self.user.email.casefold():
            raise forms.ValidationError("That is your address already.")
        if email_taken(email, exclude=self.user):
            raise forms.ValidationError("Another account has this email address; choose another.")
        return email

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("That is not your password. Your address is unchanged.")
        return password


class OneAccountPasswordResetForm(auth_forms.PasswordResetForm):
    """Mails one account only, even where accounts from before addresses were unique share one (the
    migration leaves them; see stories.accounts): the one that logged in last."""

    def get_users(self, email):
        users = sorted(super().get_users(email), key=lambda u: (u.last_login is not None, u.last_login, u.pk))
        return users[-1:]


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


# The interview date: not before today, and not absurdly far ahead (a loop is booked weeks ahead, not
# years; two years leave room for a plan made early). A loop spans one or two days; four allow a weekend.
MAX_DAYS_AHEAD = 730
MAX_LOOP_DAYS = 4


def _zone_choices():
    return [("", f"The site's ({settings.TIME_ZONE})")] + [
        (name, name) for name in sorted(available_timezones() - {"localtime", "Factory"})
    ]


class ProfileForm(forms.ModelForm):
    """Settings: the speaking pace and the prep plan's date, level and time zone (all optional).

    A date already saved may stay in the past (the loop happened); a new one must be between today,
    in the chosen time zone, and MAX_DAYS_AHEAD days ahead. `now` (aware) is the clock; tests set it.
    """

    interview_date = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}),
                                     label="Interview date", help_text="The (first) day of your loop.")
    interview_end_date = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}),
                                         label="Second day", help_text="If the loop spans two days.")
    time_zone = forms.ChoiceField(required=False, choices=_zone_choices, label="Time zone",
                                  help_text="Your days, and the calendar's times, follow it.",
                                  # static/js/time-zone.js fills it in from the browser while unset
                                  widget=forms.Select(attrs={"data-browser-zone": ""}))
    # Not required: a form without it (an older page) keeps the saved choice.
    appearance = forms.ChoiceField(required=False, choices=Profile.Appearance.choices, label="Appearance",
                                   help_text="Light or dark pages, or as your device is set (System).")

    class Meta:
        model = Profile
        fields = ["words_per_minute", "interview_date", "interview_end_date", "target_level", "time_zone",
                  "appearance"]
        labels = {"words_per_minute": "Speaking pace (words per minute)", "target_level": "Target level"}
        field_classes = {"target_level": IdChoiceField}

    def __init__(self, *args, now=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.now = now or timezone.now()
        if "target_level" in self.fields:
            # A level retired from the guide is not offered, but stays chosen where it was.
            self.fields["target_level"].queryset = Level.all_objects.filter(
                Q(retired=False) | Q(pk=self.instance.target_level_id)
            )
            self.fields["target_level"].empty_label = "Not set"
            self.fields["target_level"].label_from_instance = _level_label

    def clean_appearance(self):
        return self.cleaned_data.get("appearance") or self.instance.appearance

    def clean(self):
        cleaned = super().clean()
        day, second = cleaned.get("interview_date"), cleaned.get("interview_end_date")
        today = self.now.astimezone(ZoneInfo(cleaned.get("time_zone") or settings.TIME_ZONE)).date()
        if day and day != self.instance.interview_date:
            if day < today:
                self.add_error("interview_date", f"{day:%-d %B %Y} is in the past: enter the date of a loop "
                                                 "still to come.")
            elif (day - today).days > MAX_DAYS_AHEAD:
                self.add_error("interview_date", f"{day:%-d %B %Y} is more than two years away; enter a date "
                                                 "within two years (the plan counts back 8 weeks).")
        if second and not day:
            self.add_error("interview_end_date", "Enter the first day of the loop too.")
        elif second and day and not 0 < (second - day).days < MAX_LOOP_DAYS:
            self.add_error("interview_end_date", f"The second day must come after the first, within "
                                                 f"{MAX_LOOP_DAYS - 1} days of it.")
        if day != self.instance.interview_date:
            self.instance.plan_started = today if day else None  # saved with the form
        return cleaned


def _retired_label(item, label=None):
    """A guide item's label in a picker (`label`, or its str), "(retired)" after one the guide no longer has."""
    label = str(item) if label is None else label
    return f"{label} (retired)" if item.retired else label


def _level_label(level):
    return _retired_label(level, level.short_label)


class PickerWidget(forms.CheckboxSelectMultiple):
    """A checklist that static/js/picker.js turns into a searchable multi-select."""

    template_name = "stories/widgets/picker.html"
    option_template_name = "django/forms/widgets/checkbox_option.html"


class StoryForm(forms.ModelForm):
    version = forms.IntegerField(
        widget=forms.HiddenInput,
        required=False,
        # Hidden, so only a tampered or mangled page gets it wrong; the editor shows it beside the form's errors.
        error_messages={"invalid": "This page's version of the story could not be read; reload the story and "
                                   "make your change again (your text is below)."},
    )
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
        # Arabic or Hebrew text reads right to left as it is typed (field case 09).
        self.fields["title"].widget.attrs["dir"] = "auto"
        self.fields["summary"].widget.attrs["dir"] = "auto"
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
        # Items retired from the guide are not offered, but a story keeps (and shows) those it has.
        story = self.instance
        for name, model in (("values", Value), ("themes", Theme), ("questions", Question)):
            own = Q(pk__in=getattr(story, name).values("pk")) if story.pk else Q(pk__in=[])
            self.fields[name].queryset = model.all_objects.filter(guide=guide).filter(Q(retired=False) | own)
            self.fields[name].label_from_instance = _retired_label
        self.fields["level"].queryset = Level.all_objects.filter(guide=guide).filter(
            Q(retired=False) | Q(pk=story.level_id)
        )
        self.fields["level"].empty_label = "No particular level"
        # "L6 · Staff", not "L6 · Staff Software Engineer": the choice shows whole at any width.
        self.fields["level"].label_from_instance = _level_label
        questions = self.fields["questions"].queryset.select_related("category")
        self.fields["questions"].queryset = questions
        # Grouped by category for the picker; validation still uses the queryset.
        groups = {c.pk: (c.name, []) for c in QuestionCategory.objects.filter(guide=guide)}
        retired = ("No longer in the guide", [])
        for question in questions:
            group = retired if question.retired else groups.get(question.category_id, retired)
            group[1].append((question.pk, _retired_label(question)))
        self.fields["questions"].choices = [*groups.values(), *([retired] if retired[1] else [])]
        self.fields["tags"].queryset = Tag.objects.for_user(user)
        self.fields["tags"].error_messages["invalid_choice"] = (
            "Tag %(value)s is not one of your tags; it may have been deleted. Pick from the list."
        )
        self.fields["tags"].label = "Your tags"
        self.fields["team_size"].help_text = ""

    def clean_new_tags(self):
        return parse_tag_names(self.cleaned_data["new_tags"])

    def clean(self):
        """Line ends as "\n": browsers send "\r\n", which exports and re-imports would otherwise see as a change."""
        cleaned = super().clean()
        for name in ("summary", *PART_FIELDS):
            if isinstance(cleaned.get(name), str):
                cleaned[name] = normalise_line_ends(cleaned[name])
        return cleaned
