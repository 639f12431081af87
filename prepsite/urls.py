from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from guide import views as guide_views
from prepsite.health import healthz
from stories import account_views
from stories.forms import OneAccountPasswordResetForm, PasswordChangeForm, SetPasswordForm

urlpatterns = [
    path("", guide_views.home, name="home"),
    path("healthz/", healthz, name="healthz"),
    path("guide/", include("guide.urls")),
    path("stories/", include("stories.urls")),
    path("coverage/", include("stories.coverage.urls")),
    path("coach/", include("stories.coach.urls")),
    path("practice/", include("stories.practice.urls")),
    path("plan/", include("stories.plan.urls")),
    path("welcome/", include("stories.welcome.urls")),
    path("", include("stories.exchange.urls")),
    path("accounts/signup/", account_views.signup, name="signup"),
    path("accounts/settings/", account_views.account_settings, name="account_settings"),
    path("accounts/appearance/", account_views.set_appearance, name="appearance"),
    path("accounts/delete/", account_views.account_delete, name="account_delete"),
    # Django's own views with forms that show a weak password's errors under the password typed.
    path(
        "accounts/password_change/",
        auth_views.PasswordChangeView.as_view(form_class=PasswordChangeForm),
        name="password_change",
    ),
    path(
        "accounts/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(form_class=SetPasswordForm),
        name="password_reset_confirm",
    ),
    path("accounts/email/", account_views.email_change, name="email_change"),
    path(
        "accounts/password_reset/",
        auth_views.PasswordResetView.as_view(form_class=OneAccountPasswordResetForm),
        name="password_reset",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
]

# The product's own 400 page, with the reason (a form too large, too many fields, not UTF-8).
handler400 = "prepsite.errors.bad_request"
