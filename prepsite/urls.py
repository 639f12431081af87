from django.contrib import admin
from django.urls import include, path

from guide import views as guide_views
from stories import account_views

urlpatterns = [
    path("", guide_views.home, name="home"),
    path("guide/", include("guide.urls")),
    path("stories/", include("stories.urls")),
    path("coverage/", include("stories.coverage.urls")),
    path("coach/", include("stories.coach.urls")),
    path("practice/", include("stories.practice.urls")),
    path("plan/", include("stories.plan.urls")),
    path("", include("stories.exchange.urls")),
    path("accounts/signup/", account_views.signup, name="signup"),
    path("accounts/settings/", account_views.account_settings, name="account_settings"),
    path("accounts/delete/", account_views.account_delete, name="account_delete"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
]
