from django.contrib import admin
from django.urls import include, path

from guide import views as guide_views

urlpatterns = [
    path("", guide_views.home, name="home"),
    path("guide/", include("guide.urls")),
    path("coverage/", include("stories.coverage_urls")),
    path("admin/", admin.site.urls),
]
