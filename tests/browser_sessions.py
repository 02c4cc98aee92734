"""Browser tests' signed-in sessions: a session cookie made by Django's test client, so a
test about something else need not go through the sign-in form."""

from django.conf import settings
from django.test import Client


def signed_in(page, base_url: str, user) -> None:
    """Give the browser tab `page` a session of `user` on the live server at `base_url`."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": base_url}]
    )
