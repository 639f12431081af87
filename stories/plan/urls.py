from django.urls import path

from . import views

app_name = "plan"
urlpatterns = [
    path("", views.home, name="home"),
    path("date/", views.set_date, name="date"),
    path("tick/", views.tick, name="tick"),
    path("calendar.ics", views.calendar_download, name="calendar"),
    path("feed/renew/", views.renew_feed, name="renew"),
    path("feed/<str:key>/<str:token>.ics", views.feed, name="feed"),
    path("debrief/", views.debrief_list, name="debriefs"),
    path("debrief/<int:pk>/", views.debrief_detail, name="debrief"),
    path("debrief/<int:pk>/delete/", views.debrief_delete, name="debrief_delete"),
]
