from django.urls import path

from . import views

app_name = "stories"
urlpatterns = [
    path("", views.story_list, name="list"),
    path("new/", views.story_new, name="new"),
    path("preview/", views.preview, name="preview"),
    path("trash/", views.trash, name="trash"),
    path("<int:pk>/", views.story_detail, name="detail"),
    path("<int:pk>/edit/", views.story_edit, name="edit"),
    path("<int:pk>/duplicate/", views.story_duplicate, name="duplicate"),
    path("<int:pk>/delete/", views.story_delete, name="delete"),
    path("<int:pk>/history/", views.story_history, name="history"),
    path("<int:pk>/history/<int:history_id>/", views.story_revision, name="revision"),
    path("<int:pk>/history/<int:history_id>/restore/", views.story_revision_restore, name="revision_restore"),
    path("<int:pk>/restore/", views.trash_restore, name="restore"),
    path("<int:pk>/purge/", views.trash_purge, name="purge"),
]
