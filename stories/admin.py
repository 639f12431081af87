from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.contrib.auth.models import User
from simple_history.admin import SimpleHistoryAdmin

from .accounts import email_taken
from .models import PracticeCard, Profile, Rehearsal, Story, Tag


class UniqueEmailMixin:
    """Staff too give each account its own address (case ignored), or leave it empty."""

    def clean_email(self):
        email = self.cleaned_data.get("email", "")
        if email and email_taken(email, exclude=self.instance if self.instance.pk else None):
            raise forms.ValidationError("Another account has this email address.")
        return email


class StaffUserChangeForm(UniqueEmailMixin, UserChangeForm):
    pass


class StaffUserCreationForm(UniqueEmailMixin, AdminUserCreationForm):
    class Meta(AdminUserCreationForm.Meta):
        fields = ("username", "email")


admin.site.unregister(User)


@admin.register(User)
class StoryBankUserAdmin(UserAdmin):
    form = StaffUserChangeForm
    add_form = StaffUserCreationForm
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("username", "email", "usable_password", "password1", "password2"),
            },
        ),
    )


@admin.register(Story)
class StoryAdmin(SimpleHistoryAdmin):
    list_display = ["title", "owner", "status", "level", "updated_at", "deleted_at"]
    list_filter = ["status", "level", "deleted_at"]
    list_select_related = ["owner", "level"]
    search_fields = ["title", "owner__username"]
    readonly_fields = ["uuid", "version", "created_at"]


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "owner"]
    list_select_related = ["owner"]
    search_fields = ["name", "owner__username"]


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "words_per_minute", "stories_per_value"]
    list_select_related = ["user"]


@admin.register(Rehearsal)
class RehearsalAdmin(admin.ModelAdmin):
    list_display = ["owner", "question", "story", "rating", "created_at"]
    list_select_related = ["owner", "question", "story"]
    list_filter = ["rating"]
    search_fields = ["owner__username", "story__title"]


@admin.register(PracticeCard)
class PracticeCardAdmin(admin.ModelAdmin):
    list_display = ["owner", "question", "story", "due", "state"]
    list_select_related = ["owner", "question", "story"]
    list_filter = ["state"]
    search_fields = ["owner__username", "story__title"]
