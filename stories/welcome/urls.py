from django.urls import path

from . import views

app_name = "welcome"
urlpatterns = [
    path("", views.welcome, name="home"),
    path("example/", views.example, name="example"),
    path("example/add/", views.example_add, name="example_add"),
    path("example/delete/", views.example_delete, name="example_delete"),
]
