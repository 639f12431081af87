from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Profile, Story, Tag


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
