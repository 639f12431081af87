from django.urls import path

from . import views

app_name = "practice"
urlpatterns = [
    path("", views.home, name="home"),
    path("next/", views.next_due, name="next"),
    path("random/", views.random_question, name="random"),
    path("question/<slug:slug>/", views.run_question, name="question"),
    path("story/<int:pk>/", views.run_story, name="story"),
    path("round/<slug:slug>/<int:step>/", views.run_round, name="round"),
    path("history/", views.history, name="history"),
]
