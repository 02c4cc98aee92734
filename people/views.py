"""The signed-in account's own pages: choose the name the archive shows, and make and
revoke personal API tokens."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache

from people.forms import ApiTokenForm, DisplayNameForm
from people.models import ApiToken
from people.names import DISPLAY_NAME_MAX_CHARS, chosen_name, display_name
from people.services import profile_update
from people.tokens import api_token_create, api_token_revoke


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


# Never cached: the page that shows a new token must not be kept by the browser or a proxy.
@method_decorator(never_cache, name="dispatch")
class ApiTokensView(LoginRequiredMixin, View):
    """The account's API tokens, and the form that makes one (shown once, on this answer)."""

    template_name = "people/api_tokens.html"

    def render(self, form, *, new_token=None, status=200):
        context = {
            "form": form,
            "tokens": ApiToken.objects.of(self.request.user),
            "new_token": new_token,
        }
        return TemplateResponse(self.request, self.template_name, context, status=status)

    def get(self, request):
        return self.render(ApiTokenForm())

    def post(self, request):
        form = ApiTokenForm(request.POST)
        if not form.is_valid():
            return self.render(form, status=400)
        token, plaintext = api_token_create(
            user=request.user,
            name=form.cleaned_data["name"],
            read_only=form.cleaned_data["read_only"],
        )
        # Shown on this answer only, not after a redirect: keeping it for the next page
        # would mean storing it in the session.
        return self.render(ApiTokenForm(), new_token={"token": token, "plaintext": plaintext})


class ApiTokenRevokeView(LoginRequiredMixin, View):
    """Ask, then revoke one of the account's own tokens (another account's is a 404)."""

    template_name = "people/api_token_revoke.html"

    def get_token(self, pk: int) -> ApiToken:
        return get_object_or_404(ApiToken.objects.of(self.request.user), pk=pk)

    def get(self, request, pk: int):
        return TemplateResponse(request, self.template_name, {"token": self.get_token(pk)})

    def post(self, request, pk: int):
        token = self.get_token(pk)
        already = token.is_revoked
        api_token_revoke(token=token)
        if not already:
            messages.success(request, f"The token “{token.name}” is revoked: it signs nothing in.")
        return redirect("people:api_tokens")
