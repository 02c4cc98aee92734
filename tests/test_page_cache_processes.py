"""A cached page changes the moment an annotation is written, whichever process wrote it:
two app servers with a local-memory cache each (no Redis), and the write made by a third
process. The pages' versions live in the database, so no server keeps serving, or answering
304 for, the page as it was."""

import pytest
import requests

from tests.site_processes import PROJECT, site_start

WRITE = (
    "from articles.models import Article; "
    "from tests.factories import annotation_factory, user_factory; "
    "paragraph = Article.objects.get().paragraphs.get(position=2); "
    "annotation_factory(paragraph=paragraph, author=user_factory('editor'), body={body!r})"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    site = site_start(tmp_path_factory.mktemp("site"), REDIS_URL="")
    try:
        site.manage("load_gazetteer")
        site.manage("import_editorials", str(PROJECT / "samples"))
        site.servers = [site.server(), site.server()]
        yield site
    finally:
        site.stop()


def article_path(server: str) -> str:
    listed = requests.get(f"{server}/api/articles/", timeout=30).json()
    return listed["results"][0]["url"].split("://", 1)[1].split("/", 1)[1]


def test_a_note_written_elsewhere_shows_on_both_servers_at_once(site):
    first, second = site.servers
    path = "/" + article_path(first)
    pages = {server: requests.get(f"{server}{path}", timeout=30) for server in site.servers}
    again = requests.get(f"{first}{path}", timeout=30)
    assert again.text == pages[first].text and again.headers["ETag"] == pages[first].headers["ETag"]

    site.manage("shell", "-c", WRITE.format(body="Written by another process."))

    for server in (first, second):
        old = pages[server].headers["ETag"]
        answered = requests.get(f"{server}{path}", headers={"If-None-Match": old}, timeout=30)
        assert answered.status_code == 200, server
        assert "Written by another process." in answered.text, server
        assert answered.headers["ETag"] != old
