from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.contrib.auth.models import User
from django.db.models import F
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


class BumpsBankRevision:
    """An edit in the admin is a write to its owner's bank like any other: the bank revision moves on, so
    the owner's cached pages are made again (stories/pagecache.py)."""

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)  # the many-to-many tags are saved here
        self.bumped(form.instance)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        Profile.bump_bank_revision(obj.owner_id)

    def delete_queryset(self, request, queryset):
        owners = set(queryset.values_list("owner_id", flat=True))
        super().delete_queryset(request, queryset)
        for owner in owners:
            Profile.bump_bank_revision(owner)

    def bumped(self, obj):
        Profile.bump_bank_revision(obj.owner_id)


@admin.register(Story)
class StoryAdmin(BumpsBankRevision, SimpleHistoryAdmin):
    list_display = ["title", "owner", "status", "level", "updated_at", "deleted_at"]
    list_filter = ["status", "level", "deleted_at"]
    list_select_related = ["owner", "level"]
    search_fields = ["title", "owner__username"]
    readonly_fields = ["uuid", "version", "created_at"]

    def bumped(self, obj):
        # A new version too: what is derived from a story is kept per version (stories/facts.py).
        Story.objects.filter(pk=obj.pk).update(version=F("version") + 1)
        super().bumped(obj)


@admin.register(Tag)
class TagAdmin(BumpsBankRevision, admin.ModelAdmin):
    list_display = ["name", "owner"]
    list_select_related = ["owner"]
    search_fields = ["name", "owner__username"]


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "words_per_minute", "stories_per_value"]
    list_select_related = ["user"]


@admin.register(Rehearsal)
class RehearsalAdmin(BumpsBankRevision, admin.ModelAdmin):
    list_display = ["owner", "question", "story", "rating", "created_at"]
    list_select_related = ["owner", "question", "story"]
    list_filter = ["rating"]
    search_fields = ["owner__username", "story__title"]


@admin.register(PracticeCard)
class PracticeCardAdmin(BumpsBankRevision, admin.ModelAdmin):
    list_display = ["owner", "question", "story", "due", "state"]
    list_select_related = ["owner", "question", "story"]
    list_filter = ["state"]
    search_fields = ["owner__username", "story__title"]
