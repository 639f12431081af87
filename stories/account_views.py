from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from .accounts import delete_account
from .forms import DeleteAccountForm, ProfileForm, SignupForm
from .models import Profile, Story


def signup(request):
    if request.user.is_authenticated:
        return redirect("stories:list")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        Profile.for_user(user)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(
            request, f"Welcome, {user.username}. Write your first story: it takes about four minutes to tell."
        )
        return redirect("stories:new")
    return render(request, "registration/signup.html", {"form": form})


@login_required
def account_settings(request):
    form = ProfileForm(request.POST or None, instance=Profile.for_user(request.user))
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Settings saved.")
        return redirect("account_settings")
    return render(request, "registration/settings.html", {"form": form})


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
