"""The account's API tokens page (issue 12): list, make (the token shown once), revoke."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from people.models import ApiToken
from people.tokens import api_token_create, api_token_revoke
from tests.factories import user_factory

pytestmark = pytest.mark.django_db
TOKENS = reverse("people:api_tokens")


def revoke_url(token) -> str:
    return reverse("people:api_token_revoke", args=[token.pk])


def shown_token(response) -> str | None:
    found = re.search(r'id="new-token-value" value="(ea_[^"]+)"', response.text)
    return found and found.group(1)


def test_the_profile_page_links_to_the_tokens_page(client, editor):
    assert f'href="{TOKENS}"' in client.get(reverse("people:profile")).text


def test_someone_signed_out_is_sent_to_sign_in():
    for url in (TOKENS, "/accounts/tokens/1/revoke/"):
        response = Client().get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    assert Client().post(TOKENS, {"name": "x"}).status_code == 302
    assert not ApiToken.objects.exists()


def test_the_page_lists_only_the_accounts_own_tokens(client, editor, django_assert_max_num_queries):
    for n in range(8):
        api_token_create(user=editor, name=f"script {n}", read_only=n % 2 == 0)
    revoked, _ = api_token_create(user=editor, name="old laptop")
    api_token_revoke(token=revoked)
    api_token_create(user=user_factory("editor"), name="someone else's")

    with django_assert_max_num_queries(3):
        response = client.get(TOKENS)

    page = response.text
    assert response.status_code == 200
    assert re.findall(r'class="item-title">([^<]+)<', page) == [
        "old laptop",
        *[f"script {n}" for n in reversed(range(8))],
    ]
    assert "someone else" not in page
    assert page.count("read only") == 4 and page.count("read and write") == 5
    assert page.count("never used") == 9
    assert "revoked" in page and page.count(">Revoke<") == 8
    assert "no-store" in response["Cache-Control"]
    for token in ApiToken.objects.filter(user=editor):
        assert f"<code>{token.prefix}…</code>" in page


def test_a_new_token_is_shown_once_and_works(client, editor):
    response = client.post(TOKENS, {"name": "Hypothesis sync", "read_only": "on"})

    assert response.status_code == 200
    assert "Copy it now: it will not be shown again." in response.text
    assert "no-store" in response["Cache-Control"]
    token = shown_token(response)
    row = ApiToken.objects.get(user=editor)
    assert (row.name, row.read_only) == ("Hypothesis sync", True)
    assert token.startswith(row.prefix)

    again = client.get(TOKENS)
    assert token not in again.text and "Hypothesis sync" in again.text
    api = Client().get("/api/articles/", headers={"Authorization": f"Bearer {token}"})
    assert api.status_code == 200


def test_a_token_needs_a_name(client, editor):
    response = client.post(TOKENS, {"name": "   "})

    assert response.status_code == 400
    assert "Give the token a name." in response.text
    assert 'aria-invalid="true"' in response.text
    assert shown_token(response) is None
    assert not ApiToken.objects.exists()


def test_revoking_asks_first_then_the_token_stops_working(client, editor):
    row, token = api_token_create(user=editor, name="laptop")

    confirm = client.get(revoke_url(row))
    assert confirm.status_code == 200
    assert "Revoke the token “laptop”?" in confirm.text
    assert ApiToken.objects.get().revoked_at is None

    response = client.post(revoke_url(row), follow=True)

    assert response.redirect_chain == [(TOKENS, 302)]
    assert "The token “laptop” is revoked" in response.text
    assert ApiToken.objects.get().revoked_at is not None
    api = Client().get("/api/articles/", headers={"Authorization": f"Bearer {token}"})
    assert api.status_code == 401


def test_revoking_needs_the_csrf_token(editor):
    row, _ = api_token_create(user=editor, name="laptop")
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)

    assert client.post(revoke_url(row)).status_code == 403
    assert ApiToken.objects.get().revoked_at is None


def test_another_accounts_token_is_not_found(client, editor):
    row, _ = api_token_create(user=user_factory("editor"), name="theirs")

    assert client.get(revoke_url(row)).status_code == 404
    assert client.post(revoke_url(row)).status_code == 404
    assert ApiToken.objects.get().revoked_at is None


def test_revoking_twice_keeps_the_first_date(client, editor):
    row, _ = api_token_create(user=editor, name="laptop")
    client.post(revoke_url(row))
    first = ApiToken.objects.get().revoked_at

    client.post(revoke_url(row))

    assert ApiToken.objects.get().revoked_at == first
    assert "is revoked" in client.get(revoke_url(row)).text
