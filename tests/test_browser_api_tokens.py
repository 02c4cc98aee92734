"""API tokens and CORS in a real browser (issue 12): a token made and revoked on the account
page by keyboard, and a page on another origin reading the API with a token (and refused a
write unless its origin is allowed)."""

import pytest
from playwright.sync_api import expect

from people.models import ApiToken
from tests.accessibility import serious_violations
from tests.browser_sessions import signed_in
from tests.factories import article_factory, user_factory

pytestmark = [pytest.mark.browser]
OTHER_ORIGIN = "https://other.example"
OTHER_PAGE = "<!doctype html><html lang=en><title>Another tool</title><h1>Another tool</h1>"


@pytest.fixture
def alice(transactional_db):
    return user_factory("editor", username="alice")


def tab_to(page, locator, limit: int = 40) -> None:
    """Press Tab until `locator` has the focus, as a keyboard user moves through the page."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if locator.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError(f"Tab never reached {locator}")


def test_a_token_is_made_seen_once_and_revoked_by_keyboard(page, live_server, alice):
    signed_in(page, live_server.url, alice)
    page.goto(f"{live_server.url}/accounts/profile/")
    page.get_by_role("link", name="Your API tokens").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("API tokens")
    expect(page.get_by_text("You have no API tokens yet.")).to_be_visible()
    assert serious_violations(page) == []

    tab_to(page, page.get_by_label("Name"))
    page.keyboard.type("Hypothesis sync")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # the read-only box
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")

    expect(page.get_by_text("Copy it now: it will not be shown again.")).to_be_visible()
    token = page.get_by_label("Token, read only").input_value()
    row = ApiToken.objects.get(user=alice)
    assert token.startswith(row.prefix) and row.read_only
    assert serious_violations(page) == []
    assert page.request.get(
        f"{live_server.url}/api/articles/", headers={"Authorization": f"Bearer {token}"}
    ).ok

    page.goto(f"{live_server.url}/accounts/tokens/")
    expect(page.get_by_role("heading", name="Hypothesis sync")).to_be_visible()
    assert token not in page.content()

    tab_to(page, page.get_by_role("link", name="Revoke the token “Hypothesis sync”"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Revoke the token “Hypothesis sync”?")
    assert serious_violations(page) == []
    tab_to(page, page.get_by_role("button", name="Revoke"))
    page.keyboard.press("Enter")

    expect(page.get_by_role("status")).to_contain_text("The token “Hypothesis sync” is revoked")
    expect(page.get_by_role("listitem").filter(has_text="Hypothesis sync")).to_contain_text(
        "revoked"
    )
    assert serious_violations(page) == []
    refused = page.request.get(
        f"{live_server.url}/api/articles/", headers={"Authorization": f"Bearer {token}"}
    )
    assert refused.status == 401


def test_a_name_left_out_is_said_and_passes_axe(page, live_server, alice):
    signed_in(page, live_server.url, alice)
    page.goto(f"{live_server.url}/accounts/tokens/")
    page.get_by_role("button", name="Make token").click()

    expect(page.get_by_label("Name")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_text("Give the token a name.")).to_be_visible()
    assert serious_violations(page) == []


@pytest.fixture
def other_origin(page):
    """A tab showing a page on another origin, as another tool would serve it."""
    # Chromium asks the person before a page from the internet reaches a loopback address
    # (Local Network Access, for secure pages only), and the live server is on localhost;
    # the test answers yes, as the archive on a public host would never be asked.
    page.context.grant_permissions(["local-network-access"], origin=OTHER_ORIGIN)
    page.route(
        f"{OTHER_ORIGIN}/**",
        lambda route: route.fulfill(status=200, content_type="text/html", body=OTHER_PAGE),
    )
    page.goto(f"{OTHER_ORIGIN}/")
    return page


FETCH = """
async ([url, method, token]) => {
  try {
    const response = await fetch(url, {
      method, headers: {"Authorization": `Bearer ${token}`, "Content-Type": "application/json"},
      body: method === "GET" ? undefined : "{}",
    });
    const text = await response.text();
    return {status: response.status, body: text};
  } catch (error) {
    return {error: String(error)};
  }
}
"""


@pytest.fixture
def token(alice):
    from people.tokens import api_token_create

    return api_token_create(user=alice, name="other tool")[1]


def test_a_page_on_another_origin_reads_the_api_with_a_token(other_origin, live_server, token):
    article_factory(title="Shuttle Diplomacy Needs Trade to Follow")

    answer = other_origin.evaluate(FETCH, [f"{live_server.url}/api/articles/", "GET", token])

    assert answer.get("status") == 200, answer
    assert "Shuttle Diplomacy Needs Trade to Follow" in answer["body"]


def test_a_page_on_another_origin_may_not_write(other_origin, live_server, token):
    answer = other_origin.evaluate(FETCH, [f"{live_server.url}/api/articles/", "POST", token])

    assert "error" in answer, answer  # the browser refuses to let the page read the answer


def test_a_page_on_an_allowed_origin_may_write(settings, other_origin, live_server, token):
    settings.CORS_ALLOWED_ORIGINS = [OTHER_ORIGIN]

    answer = other_origin.evaluate(FETCH, [f"{live_server.url}/api/articles/", "POST", token])

    # Through CORS and the token checks to the view, which takes no POST.
    assert answer.get("status") == 405, answer
