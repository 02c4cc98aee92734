"""CORS on the API and the feeds (issue 12): pages on any origin may read, only those on
CORS_ALLOWED_ORIGINS may write, and the server refuses a write from any other."""

import pytest
from django.test import Client
from django.urls import reverse

from people.tokens import api_token_create
from tests.factories import article_factory, leader_factory, user_factory

pytestmark = pytest.mark.django_db

ELSEWHERE = "https://elsewhere.example"
ALLOWED = "https://notes.example.org"
EXPOSED = {
    "etag",
    "link",
    "location",
    "content-location",
    "allow",
    "accept-post",
    "preference-applied",
    "vary",
    "retry-after",
    "www-authenticate",
}


@pytest.fixture(autouse=True)
def allowed_origin(settings):
    # django-cors-headers reads its settings on each request.
    settings.CORS_ALLOWED_ORIGINS = [ALLOWED]


@pytest.fixture
def token():
    return api_token_create(user=user_factory("editor"), name="script")[1]


def listed(response, header: str) -> set[str]:
    return {item.strip().lower() for item in response.get(header, "").split(",") if item.strip()}


def preflight(path: str, *, origin: str, method: str, headers: str = "authorization"):
    return Client().options(
        path,
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": method,
            "Access-Control-Request-Headers": headers,
        },
    )


def test_a_page_on_any_origin_reads_the_api_with_the_protocol_headers_exposed():
    article_factory()

    response = Client().get("/api/articles/", headers={"Origin": ELSEWHERE})

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == ELSEWHERE
    assert listed(response, "Access-Control-Expose-Headers") == EXPOSED
    assert "origin" in listed(response, "Vary")
    assert "Access-Control-Allow-Credentials" not in response


def test_a_page_on_any_origin_reads_an_entity_feed():
    leader = leader_factory(name="Lee Jae-myung")

    response = Client().get(
        reverse("articles:leader_feed", args=[leader.slug]), headers={"Origin": ELSEWHERE}
    )

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == ELSEWHERE


def test_the_web_pages_are_not_opened_to_other_origins():
    article_factory()

    response = Client().get("/", headers={"Origin": ELSEWHERE})

    assert response.status_code == 200
    assert "Access-Control-Allow-Origin" not in response


def test_a_preflight_for_a_read_with_a_token_is_answered_for_any_origin():
    response = preflight("/api/articles/", origin=ELSEWHERE, method="GET")

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == ELSEWHERE
    assert "authorization" in listed(response, "Access-Control-Allow-Headers")


def test_a_preflight_for_a_write_from_an_allowed_origin_is_answered():
    response = preflight(
        "/api/annotations/", origin=ALLOWED, method="PUT", headers="authorization,if-match,prefer"
    )

    assert response["Access-Control-Allow-Origin"] == ALLOWED
    assert {"put", "post", "delete"} <= listed(response, "Access-Control-Allow-Methods")
    assert {"authorization", "if-match", "if-none-match", "prefer", "content-type"} <= listed(
        response, "Access-Control-Allow-Headers"
    )
    assert "Access-Control-Allow-Credentials" not in response


@pytest.mark.parametrize("method", ["PUT", "POST", "DELETE", "PATCH"])
def test_a_preflight_for_a_write_from_another_origin_gets_no_cors_headers(method):
    response = preflight("/api/annotations/", origin=ELSEWHERE, method=method)

    assert "Access-Control-Allow-Origin" not in response
    assert "Access-Control-Allow-Methods" not in response
    assert "Access-Control-Allow-Headers" not in response


def test_the_allowed_origins_come_from_the_setting(settings):
    settings.CORS_ALLOWED_ORIGINS = []

    response = preflight("/api/annotations/", origin=ALLOWED, method="POST")

    assert "Access-Control-Allow-Origin" not in response


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_the_server_refuses_a_write_from_a_page_on_another_origin(token, method):
    response = getattr(Client(), method)(
        "/api/articles/", headers={"Origin": ELSEWHERE, "Authorization": f"Bearer {token}"}
    )

    assert response.status_code == 403
    assert ELSEWHERE in response.json()["detail"]
    assert "CORS_ALLOWED_ORIGINS" in response.json()["detail"]


@pytest.mark.parametrize("origin", [ALLOWED, "http://testserver"])
def test_a_write_from_an_allowed_origin_or_the_archive_itself_goes_on(settings, token, origin):
    settings.ROOT_URLCONF = "tests.test_api_tokens"  # a view that takes every method

    response = Client().post(
        "/api/test-whoami/", headers={"Origin": origin, "Authorization": f"Bearer {token}"}
    )

    assert response.status_code == 200
    assert response.json()["token"] == "script"


def test_a_refused_token_is_readable_from_another_origin():
    """A program on another page can read why its token was refused."""
    response = Client().get(
        "/api/articles/", headers={"Origin": ELSEWHERE, "Authorization": "Bearer ea_unknown"}
    )

    assert response.status_code == 401
    assert response["Access-Control-Allow-Origin"] == ELSEWHERE
    assert "www-authenticate" in listed(response, "Access-Control-Expose-Headers")


def test_the_allowed_origins_are_read_from_the_environment(monkeypatch):
    from tests.test_settings_and_accounts import settings_in_subprocess

    monkeypatch.delenv("CORS_ALLOWED_ORIGINS", raising=False)

    chosen = settings_in_subprocess(
        {"CORS_ALLOWED_ORIGINS": "https://a.example, https://b.example:8443"},
        "settings.CORS_ALLOWED_ORIGINS",
    )
    default = settings_in_subprocess({}, "settings.CORS_ALLOWED_ORIGINS")

    assert chosen.stdout.strip() == "['https://a.example', 'https://b.example:8443']"
    assert default.stdout.strip() == "[]"
