from django.urls import path

from . import views

app_name = "exchange"
urlpatterns = [
    path("export/", views.export_page, name="export"),
    path("export/print/", views.export_print, name="print"),
    path("export/story/<int:pk>/<slug:fmt>/", views.export_story, name="story"),
    path("export/<slug:fmt>/", views.export_download, name="download"),
    path("import/", views.import_page, name="import"),
    path("import/mapping/", views.import_mapping, name="mapping"),
    path("import/template.<slug:ext>", views.import_template, name="template"),
    path("import/preview/", views.import_preview, name="preview"),
    path("import/confirm/", views.import_confirm, name="confirm"),
    path("import/cancel/", views.import_cancel, name="cancel"),
    path("import/split-story/", views.split_story_view, name="split_story"),
]
