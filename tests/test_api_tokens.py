"""Personal API tokens on /api/ (issue 12): a program signs in with `Authorization: Bearer`,
a bad or revoked token is refused saying why, a read-only one cannot write, and the web pages
keep their session and CSRF rules whatever a request carries."""

import hashlib
from datetime import timedelta

import pytest
from django.db import connection
from django.http import JsonResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import include, path
from django.utils import timezone
from drf_spectacular.generators import SchemaGenerator
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from people.models import ApiToken
from people.token_auth import BearerTokenAuthentication
from people.tokens import api_token_create, api_token_revoke
from tests.factories import article_factory, user_factory

pytestmark = pytest.mark.django_db


def whoami(request):
    """Who the request is signed in as: a plain Django view, CSRF-checked like any other."""
    token = getattr(request, "api_token", None)
    return JsonResponse(
        {
            "user": request.user.get_username() if request.user.is_authenticated else None,
            "token": token.name if token else None,
        }
    )


class SignedInOnly(APIView):
    """A DRF view for signed-in programs, as the JSON API's writes are."""

    authentication_classes = [BearerTokenAuthentication]
    permission_classes = [IsAuthenticated]

    def get(self, request):
        return Response({"user": request.user.get_username(), "token": request.auth.name})


# This module is the URLconf of the tests that need a view taking every method.
urlpatterns = [
    path("api/test-whoami/", whoami),
    path("api/test-drf/", SignedInOnly.as_view()),
    path("test-whoami/", whoami),
    path("", include("editorial_archive.urls")),
]


@pytest.fixture
def whoami_urls(settings):
    settings.ROOT_URLCONF = __name__


@pytest.fixture
def alice():
    return user_factory("editor", username="alice")


@pytest.fixture
def token(alice):
    """A read-write token of alice's, as sent."""
    return api_token_create(user=alice, name="script")[1]


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def csrf_client() -> Client:
    """A client that, like a browser, gets CSRF checks (the test client skips them)."""
    return Client(enforce_csrf_checks=True)


def test_the_token_itself_is_not_stored_only_its_hash_and_first_characters(alice):
    row, plaintext = api_token_create(user=alice, name="laptop")

    stored = ApiToken.objects.filter(pk=row.pk).values().get()
    assert plaintext not in [str(value) for value in stored.values()]
    assert stored["key_hash"] == hashlib.sha256(plaintext.encode()).hexdigest()
    assert plaintext.startswith(stored["prefix"]) and len(stored["prefix"]) < len(plaintext) / 3


def test_each_token_is_new(alice):
    tokens = {api_token_create(user=alice, name=f"t{n}")[1] for n in range(20)}

    assert len(tokens) == 20
    assert all(token.startswith("ea_") and len(token) >= 40 for token in tokens)


def test_a_token_signs_its_program_in_on_the_api(whoami_urls, token):
    response = Client().get("/api/test-whoami/", headers=bearer(token))

    assert response.status_code == 200
    assert response.json() == {"user": "alice", "token": "script"}


def test_a_token_reads_the_json_api(token):
    article_factory()

    response = Client().get("/api/articles/", headers=bearer(token))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")


def test_the_token_wins_over_a_session_cookie(whoami_urls, client, token):
    client.force_login(user_factory("editor", username="bob"))

    response = client.get("/api/test-whoami/", headers=bearer(token))

    assert response.json()["user"] == "alice"


def test_a_write_with_a_token_needs_no_csrf_token(whoami_urls, token):
    response = csrf_client().post("/api/test-whoami/", headers=bearer(token))

    assert response.status_code == 200
    assert response.json()["user"] == "alice"


def test_a_read_only_token_reads(whoami_urls, alice):
    _, read_only = api_token_create(user=alice, name="reader", read_only=True)

    assert Client().get("/api/test-whoami/", headers=bearer(read_only)).json()["user"] == "alice"


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_a_read_only_token_may_not_write(alice, method):
    _, read_only = api_token_create(user=alice, name="reader", read_only=True)

    response = getattr(Client(), method)("/api/articles/", headers=bearer(read_only))

    assert response.status_code == 403
    assert "read-only" in response.json()["detail"]
    assert response["WWW-Authenticate"] == (
        'Bearer realm="Editorial Archive", error="insufficient_scope"'
    )


@pytest.mark.parametrize(
    ("header", "said"),
    [
        ("Bearer ea_" + "x" * 43, "not known"),
        ("Bearer abc123", "malformed"),
        ("Bearer", "malformed"),
        ("Bearer ea_one ea_two", "malformed"),
    ],
)
def test_a_bad_token_is_refused_with_a_bearer_challenge_saying_why(header, said):
    article_factory()

    response = Client().get("/api/articles/", headers={"Authorization": header})

    assert response.status_code == 401
    assert said in response.json()["detail"]
    assert response["WWW-Authenticate"] == (
        'Bearer realm="Editorial Archive", error="invalid_token"'
    )


def test_a_revoked_token_stops_working_at_once(whoami_urls, alice, token):
    client = Client()
    assert client.get("/api/test-whoami/", headers=bearer(token)).json()["user"] == "alice"

    api_token_revoke(token=ApiToken.objects.get(user=alice))
    response = client.get("/api/test-whoami/", headers=bearer(token))

    assert response.status_code == 401
    assert "revoked" in response.json()["detail"]


def test_the_token_of_a_deactivated_account_is_refused(alice, token):
    alice.is_active = False
    alice.save()

    response = Client().get("/api/articles/", headers=bearer(token))

    assert response.status_code == 401
    assert "no longer active" in response.json()["detail"]


def test_another_authorization_scheme_is_left_alone(whoami_urls):
    response = Client().get("/api/test-whoami/", headers={"Authorization": "Basic YTpi"})

    assert response.status_code == 200
    assert response.json()["user"] is None


def test_a_bearer_header_signs_nothing_in_outside_the_api(whoami_urls, token):
    client = Client()

    assert client.get("/test-whoami/", headers=bearer(token)).json()["user"] is None
    profile = client.get("/accounts/profile/", headers=bearer(token))
    assert profile.status_code == 302
    assert profile["Location"].startswith("/accounts/login/")


def test_a_bearer_header_does_not_lift_csrf_on_a_web_page(alice, token):
    client = csrf_client()
    client.force_login(alice)

    response = client.post("/accounts/profile/", {"display_name": "Alice"}, headers=bearer(token))

    assert response.status_code == 403
    assert "CSRF" in response.text


def test_a_session_still_signs_in_on_the_api_and_still_needs_its_csrf_token(whoami_urls, alice):
    client = csrf_client()
    client.force_login(alice)

    assert client.get("/api/test-whoami/").json() == {"user": "alice", "token": None}
    assert client.post("/api/test-whoami/").status_code == 403


def test_last_used_is_written_at_most_once_a_minute(whoami_urls, alice, token):
    client = Client()
    client.get("/api/test-whoami/", headers=bearer(token))
    first = ApiToken.objects.get(user=alice).last_used_at
    assert first is not None and timezone.now() - first < timedelta(seconds=10)

    with CaptureQueriesContext(connection) as queries:
        client.get("/api/test-whoami/", headers=bearer(token))
    assert ApiToken.objects.get(user=alice).last_used_at == first
    assert not [q for q in queries.captured_queries if q["sql"].upper().startswith("UPDATE")]

    ApiToken.objects.filter(user=alice).update(last_used_at=first - timedelta(minutes=2))
    client.get("/api/test-whoami/", headers=bearer(token))
    assert ApiToken.objects.get(user=alice).last_used_at > first


def test_a_drf_view_sees_the_tokens_account(whoami_urls, token):
    response = Client().get("/api/test-drf/", headers=bearer(token))

    assert response.status_code == 200
    assert response.json() == {"user": "alice", "token": "script"}


def test_a_drf_view_asks_a_program_without_a_token_for_one(whoami_urls):
    response = Client().get("/api/test-drf/")

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="Editorial Archive"'


def test_the_openapi_schema_describes_the_token_as_a_bearer_scheme(whoami_urls):
    schema = SchemaGenerator(patterns=[path("api/test-drf/", SignedInOnly.as_view())]).get_schema(
        request=None, public=True
    )

    assert schema["components"]["securitySchemes"]["bearerToken"]["type"] == "http"
    assert schema["components"]["securitySchemes"]["bearerToken"]["scheme"] == "bearer"
    assert schema["paths"]["/api/test-drf/"]["get"]["security"] == [{"bearerToken": []}]
