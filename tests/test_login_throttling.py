"""Sign-in throttling: wrong passwords pause sign-in for the account and for the address,
with a clear message, and staff see the pauses in the admin."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model

LOGIN = "/accounts/login/"
PASSWORD = "a-right-password-for-tests"


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_user(username="ed", password=PASSWORD)


def sign_in(client, username, password, address="203.0.113.7"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def test_wrong_passwords_up_to_the_limit_are_refused_with_the_form(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = sign_in(client, "ed", "wrong")
        assert response.status_code == 200
        assert "didn't match" in response.content.decode()


def test_the_account_is_paused_after_the_limit_even_with_the_right_password(
    client, editor, settings
):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "ed", "wrong")
    response = sign_in(client, "ed", PASSWORD)
    assert response.status_code == 429
    assert int(response["Retry-After"]) == settings.AXES_COOLOFF_TIME.total_seconds()
    text = response.content.decode()
    assert "signing in is paused for 15 minutes" in text
    assert "_auth_user_id" not in client.session


def test_the_account_is_paused_from_every_address(client, editor, settings):
    for number in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "ed", "wrong", address=f"198.51.100.{number + 1}")
    assert sign_in(client, "ed", PASSWORD, address="192.0.2.200").status_code == 429


def test_an_address_trying_many_accounts_is_paused(client, editor, settings):
    for number in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, f"guess{number}", "wrong", address="198.51.100.9")
    assert sign_in(client, "ed", PASSWORD, address="198.51.100.9").status_code == 429
    assert sign_in(client, "ed", PASSWORD, address="198.51.100.10").status_code == 302


def test_a_forged_forwarded_for_header_does_not_escape_the_pause(client, editor, settings):
    for number in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            LOGIN,
            {"username": f"guess{number}", "password": "wrong"},
            REMOTE_ADDR="198.51.100.9",
            HTTP_X_FORWARDED_FOR=f"10.0.0.{number}",
        )
    response = sign_in(client, "ed", PASSWORD, address="198.51.100.9")
    assert response.status_code == 429


def test_a_right_password_before_the_limit_clears_the_count(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, "ed", "wrong")
    assert sign_in(client, "ed", PASSWORD).status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, "ed", "wrong")
    assert sign_in(client, "ed", PASSWORD).status_code == 302


def test_the_admin_sign_in_is_throttled_too(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/admin/login/", {"username": "ed", "password": "wrong"})
    response = client.post("/admin/login/", {"username": "ed", "password": PASSWORD})
    assert response.status_code == 429


def test_staff_see_and_lift_pauses_in_the_admin(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "ed", "wrong")
    admin = get_user_model().objects.create_superuser(username="boss", password=PASSWORD)
    client.force_login(admin)
    listing = client.get("/admin/axes/accessattempt/")
    assert listing.status_code == 200
    assert "203.0.113.7" in listing.content.decode()
    attempt = AccessAttempt.objects.get(username="ed")
    client.post(f"/admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"})
    client.logout()
    assert sign_in(client, "ed", PASSWORD).status_code == 302


def test_a_login_name_longer_than_any_account_is_refused_and_still_counted(client, db, settings):
    """A 300-character name is a wrong sign-in, not a 500 (axes' column holds 255)."""
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = sign_in(client, "n" * 300, "wrong")
        assert response.status_code in (200, 429)
    assert sign_in(client, "n" * 300, "wrong").status_code == 429
