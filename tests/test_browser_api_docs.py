"""The API documentation page in a real Chromium: Swagger UI renders every operation from
the schema, loading nothing from another origin, with nothing refused by the CSP (the `page`
fixture fails a test on any refusal) and no serious accessibility violation."""

from urllib.parse import urlsplit

import pytest

from tests.accessibility import serious_violations
from tests.factories import article_factory

pytestmark = [pytest.mark.browser]

DOCS = "/api/docs/"


@pytest.fixture
def docs(page, live_server, transactional_db):
    """The docs page, loaded, with every request it made and every console error."""
    article_factory(leaders=["Lee Jae-myung"])
    requests, errors = [], []
    page.on("request", lambda request: requests.append(request))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"{live_server.url}{DOCS}")
    page.locator(".opblock").first.wait_for()
    return page, requests, errors


def test_the_docs_page_renders_every_operation(docs):
    page, _, errors = docs

    summaries = page.locator(".opblock-summary-path").all_inner_texts()

    assert {
        "/api/articles/",
        "/api/articles/{slug}/",
        "/api/leaders/",
        "/api/countries/{slug}/",
        "/api/agenda/",
        "/api/annotations/",
    } <= {text.replace("\u200b", "").strip() for text in summaries}
    assert page.get_by_text("Editorial Archive API").first.is_visible()
    assert errors == []


def test_the_docs_page_loads_everything_from_its_own_origin(docs, live_server):
    _, requests, _ = docs
    origin = urlsplit(live_server.url).netloc

    elsewhere = [r.url for r in requests if urlsplit(r.url).netloc not in (origin, "")]
    failed = [r.url for r in requests if r.response() is None or r.response().status >= 400]

    assert not [url for url in elsewhere if not url.startswith("data:")]
    assert failed == []
    assert any(r.url.endswith("/api/schema/") for r in requests)


def open_and_send(page, operation: str) -> None:
    """Open an operation, press "Try it out" and "Execute", and wait for the answer."""
    page.locator(f"#operations-{operation} .opblock-summary-control").click()
    page.get_by_role("button", name="Try it out").click()
    page.get_by_role("button", name="Execute").click()
    page.locator(".live-responses-table .response").first.wait_for()


def test_an_operation_sends_a_request_and_shows_the_answer(docs):
    page, _, _ = docs

    open_and_send(page, "articles-articles_list")

    status = page.locator(".live-responses-table .response .response-col_status").first
    assert status.inner_text().strip() == "200"
    assert "Lee Jae-myung" in page.locator(".live-responses-table .microlight").first.inner_text()


def test_the_docs_page_has_no_serious_accessibility_violations(docs):
    page, _, _ = docs

    violations = serious_violations(page)

    assert violations == [], violations


def test_an_operation_tried_out_has_no_serious_accessibility_violations(docs):
    """Its parameters (a labelled choice for `paragraphs`), buttons and answer."""
    page, _, _ = docs
    open_and_send(page, "articles-articles_list")

    violations = serious_violations(page)

    assert violations == [], violations
    assert page.get_by_role("combobox", name="paragraphs").is_visible()
