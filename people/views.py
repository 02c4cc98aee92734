"""The signed-in account's own profile page: choose the name the archive shows."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views import View

from people.forms import DisplayNameForm
from people.names import DISPLAY_NAME_MAX_CHARS, chosen_name, display_name
from people.services import profile_update


class ProfileView(LoginRequiredMixin, View):
    template_name = "people/profile.html"

    def render(self, form, status=200):
        context = {
            "form": form,
            "shown_as": display_name(self.request.user),
            "max_chars": DISPLAY_NAME_MAX_CHARS,
        }
        return TemplateResponse(self.request, self.template_name, context, status=status)

    def get(self, request):
        initial = {"display_name": chosen_name(request.user)}
        return self.render(DisplayNameForm(initial=initial, user=request.user))

    def post(self, request):
        form = DisplayNameForm(request.POST, user=request.user)
        if not form.is_valid():
            return self.render(form, status=400)
        profile_update(user=request.user, display_name=form.cleaned_data["display_name"])
        messages.success(request, "Your display name is saved.")
        return redirect("people:profile")
