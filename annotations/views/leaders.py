"""The leaders whose name starts with what an editor types, for the claim form's suggestions
(static/js/leader_picker.js fills a datalist with them). Only editors may ask: it reads the
whole gazetteer on every call, which is no service for anyone else."""

from django.http import JsonResponse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache

from annotations.leader_lookup import QUERY_MAX_CHARS, leaders_load, suggestions
from annotations.permissions import CHANGE_ANY, can_annotate

JSON_PARAMS = {"ensure_ascii": False}


def _refusal(detail: str, status: int) -> JsonResponse:
    return JsonResponse({"detail": detail}, status=status, json_dumps_params=JSON_PARAMS)


@method_decorator(never_cache, name="dispatch")
class LeaderSuggestionsView(View):
    """GET `q`: {"leaders": [{id, name, country, label}, ...]}, at most ten, best first;
    `label` is what to type to pick that leader alone."""

    http_method_names = ["get", "head"]

    def get(self, request, *args, **kwargs):
        user = request.user
        # JSON, not a redirect to sign in: the caller is a script, not a person.
        if not user.is_authenticated:
            return _refusal("Sign in as an editor to look up leaders.", 403)
        if not (can_annotate(user) or user.has_perm(CHANGE_ANY)):
            return _refusal("Your account may not write annotations.", 403)
        typed = request.GET.get("q", "")
        if len(typed) > QUERY_MAX_CHARS:
            return _refusal(f"Type at most {QUERY_MAX_CHARS} characters.", 400)
        return JsonResponse(
            {"leaders": suggestions(typed, leaders_load())}, json_dumps_params=JSON_PARAMS
        )
