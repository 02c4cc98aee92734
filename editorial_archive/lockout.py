"""The page django-axes answers with when sign-in is paused for an account or an address."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.template.response import TemplateResponse


def lockout_response(request, original_response=None, credentials=None):
    """429 with the reason and when to try again, in words and in `Retry-After`."""
    seconds = int(settings.AXES_COOLOFF_TIME.total_seconds())
    response = TemplateResponse(
        request,
        "registration/locked_out.html",
        {"failure_limit": settings.AXES_FAILURE_LIMIT, "minutes": max(1, seconds // 60)},
        status=429,
    )
    response["Retry-After"] = str(seconds)
    return response.render()


def login_username(request, credentials=None):
    """The login name django-axes counts failures for, cut to the longest a login name can be:
    a longer one names no account, and would not fit axes' own column (a 500 on PostgreSQL)."""
    source = credentials or getattr(request, "data", request.POST)
    username = source.get(settings.AXES_USERNAME_FORM_FIELD)
    if not isinstance(username, str):
        return username
    longest = get_user_model()._meta.get_field(get_user_model().USERNAME_FIELD).max_length
    return username[:longest]
