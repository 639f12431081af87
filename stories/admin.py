from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import PracticeCard, Profile, Rehearsal, Story, Tag


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
