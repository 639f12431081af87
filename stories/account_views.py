from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from . import appearance
from .accounts import delete_account, email_taken
from .forms import EMAIL_TAKEN, DeleteAccountForm, EmailChangeForm, ProfileForm, SignupForm
from .models import Profile, Story
from .navigation import back
from .pagecache import profile_of


def signup(request):
    if request.user.is_authenticated:
        return redirect("stories:list")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                user = form.save()
        except IntegrityError:
            # Another sign-up took the name or address between the form's check and the save.
            taken = email_taken(form.cleaned_data["email"])
            form.add_error("email" if taken else "username",
                           EMAIL_TAKEN if taken else "A user with that username already exists.")
            return render(request, "registration/signup.html", {"form": form}, status=400)
        Profile.for_user(user)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, f"Welcome, {user.username}. Your account is ready.")
        return redirect("welcome:home")
    return render(request, "registration/signup.html", {"form": form})


@login_required
def account_settings(request):
    form = ProfileForm(request.POST or None, instance=profile_of(request))
    if request.method == "POST" and form.is_valid():
        profile = form.save()
        appearance.remember(request, profile.appearance)
        messages.success(request, "Settings saved.")
        return redirect("account_settings")
    return render(request, "registration/settings.html", {"form": form})


@login_required
def email_change(request):
    """A new email address, after the password; refused while another account holds it (case ignored)."""
    form = EmailChangeForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        request.user.email = form.cleaned_data["email"]
        try:
            with transaction.atomic():
                request.user.save(update_fields=["email"])
        except IntegrityError:  # taken by another account since the form's check
            form.add_error("email", "Another account has this email address; choose another.")
        else:
            messages.success(request, f"Your email address is now {request.user.email}.")
            return redirect("account_settings")
    status = 400 if form.errors else 200
    return render(request, "registration/email_change.html", {"form": form}, status=status)


@login_required
def account_delete(request):
    """Delete the account after the password is confirmed, offering the JSON backup first."""
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        count = delete_account(user)
        messages.success(request, f"Your account and its {count} {'story' if count == 1 else 'stories'} are deleted.")
        return redirect("home")
    stories = Story.objects.for_user(request.user).count()
    return render(request, "registration/account_delete.html", {"form": form, "stories": stories})


@require_POST
def set_appearance(request):
    """The navbar's System / Light / Dark toggle, for anyone: saved per user, or in a visitor's session.
    A form post goes back to its page; static/js/theme.js posts with `Accept: application/json` and
    gets JSON (400 with the message for an unknown choice)."""
    wants_json = request.headers.get("Accept", "").startswith("application/json")
    choice = request.POST.get("appearance", "")
    try:
        appearance.remember(request, choice)
    except ValueError:
        message = "That appearance is not one of System, Light or Dark; nothing was changed."
        if wants_json:
            return JsonResponse({"error": message}, status=400)
        messages.error(request, message)
    if wants_json:
        return JsonResponse({"appearance": choice})
    return back(request, "home")
