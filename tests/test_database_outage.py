"""While the database cannot be reached, pages answer 503 with Retry-After, not 500."""

import socket

import pytest
from django.db import connections


def closed_port() -> int:
    """A local port that nothing listens on (bound, read, released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def database_down(transactional_db, tmp_path):
    """The default connection pointed at a database that is not there, then put back."""
    connection = connections["default"]
    saved = dict(connection.settings_dict)
    connection.close()
    if connection.vendor == "sqlite":
        connection.settings_dict["NAME"] = str(tmp_path / "no-such-folder" / "archive.sqlite3")
    else:
        connection.settings_dict.update(HOST="127.0.0.1", PORT=str(closed_port()))
    yield
    connection.close()
    connection.settings_dict.clear()
    connection.settings_dict.update(saved)


@pytest.mark.parametrize("url", ["/", "/search/?q=summit", "/api/articles/", "/annotations/"])
def test_a_page_answers_503_with_retry_after_while_the_database_is_down(client, database_down, url):
    client.raise_request_exception = False
    response = client.get(url)
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert "cannot reach its database" in response.content.decode()


@pytest.mark.django_db
def test_a_programming_error_is_still_a_500(client, settings):
    settings.ROOT_URLCONF = "tests.broken_urls"
    client.raise_request_exception = False
    response = client.get("/broken/")
    assert response.status_code == 500
    assert "Retry-After" not in response
