from django.contrib import admin
from django.utils import timezone

from . import models


@admin.register(models.Guide)
class GuideAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "filename", "loaded_at"]
    search_fields = ["title", "slug"]


class GuideItemAdmin(admin.ModelAdmin):
    list_filter = ["guide"]
    readonly_fields = ["guide", "slug"]
    ordering = ["guide", "order"]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # A new guide version: pages and facts derived from the guide are kept per version of it.
        models.Guide.objects.filter(pk=form.instance.guide_id).update(loaded_at=timezone.now())


@admin.register(models.Value)
class ValueAdmin(GuideItemAdmin):
    list_display = ["name", "tagline", "slug", "order", "guide"]
    search_fields = ["name", "tagline", "slug"]


@admin.register(models.Theme)
class ThemeAdmin(GuideItemAdmin):
    list_display = ["name", "slug", "order", "guide"]
    search_fields = ["name", "slug"]


@admin.register(models.QuestionCategory)
class QuestionCategoryAdmin(GuideItemAdmin):
    list_display = ["name", "slug", "value_names", "order", "guide"]
    search_fields = ["name", "slug"]
    filter_horizontal = ["values"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("values")

    @admin.display(description="Values probed")
    def value_names(self, obj):
        return ", ".join(value.name for value in obj.values.all()) or "—"


@admin.register(models.Question)
class QuestionAdmin(GuideItemAdmin):
    list_display = ["text", "slug", "category", "theme", "guide"]
    list_filter = ["guide", "category", "theme"]
    list_select_related = ["category", "theme", "guide"]
    search_fields = ["text", "slug"]


@admin.register(models.InterviewRound)
class InterviewRoundAdmin(GuideItemAdmin):
    list_display = ["name", "minutes", "order", "guide"]
    list_filter = ["guide", "minutes"]
    search_fields = ["name"]


@admin.register(models.Level)
class LevelAdmin(GuideItemAdmin):
    list_display = ["code", "title", "team_min", "team_max", "scope", "guide"]
    search_fields = ["code", "title", "scope"]


@admin.register(models.StoryPart)
class StoryPartAdmin(GuideItemAdmin):
    list_display = ["name", "seconds", "order", "guide"]
    search_fields = ["name", "template"]


@admin.register(models.RedFlag)
class RedFlagAdmin(GuideItemAdmin):
    list_display = ["text", "group", "guide"]
    list_filter = ["guide", "group"]
    search_fields = ["text", "group"]


@admin.register(models.SuccessFactor)
class SuccessFactorAdmin(GuideItemAdmin):
    list_display = ["name", "text", "guide"]
    search_fields = ["name", "text"]


@admin.register(models.PrepPhase)
class PrepPhaseAdmin(GuideItemAdmin):
    list_display = ["name", "days_before", "guide"]
    search_fields = ["name"]


@admin.register(models.FinalTip)
class FinalTipAdmin(GuideItemAdmin):
    list_display = ["name", "text", "guide"]
    search_fields = ["name", "text"]
