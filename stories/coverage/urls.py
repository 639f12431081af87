from django.urls import path

from . import views

app_name = "coverage"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("target/", views.set_target, name="target"),
    path("tag/<int:pk>/", views.tag_story, name="tag"),
    path("loop/", views.loop, name="loop"),
]
