from django.urls import path

from . import views

app_name = "guide"
urlpatterns = [
    path("", views.guide_index, name="index"),
    path("search/", views.search, name="search"),
    path("<slug:guide>/", views.guide_detail, name="detail"),
    path("<slug:guide>/values/", views.value_list, name="values"),
    path("<slug:guide>/values/<slug:slug>/", views.value_detail, name="value"),
    path("<slug:guide>/questions/", views.question_list, name="questions"),
    path("<slug:guide>/questions/<slug:slug>/", views.question_detail, name="question"),
    path("<slug:guide>/themes/", views.theme_list, name="themes"),
    path("<slug:guide>/themes/<slug:slug>/", views.theme_detail, name="theme"),
    path("<slug:guide>/rounds/", views.round_list, name="rounds"),
    path("<slug:guide>/rounds/<slug:slug>/", views.round_detail, name="round"),
    path("<slug:guide>/levels/", views.level_list, name="levels"),
    path("<slug:guide>/levels/<slug:slug>/", views.level_detail, name="level"),
]
