"""Stored payloads in a real browser: markup that editors, importers or names carry runs on
no page, for a reader or a moderator. Every tab also fails its test if the
Content-Security-Policy had to refuse anything (tests/conftest.py), so escaping is checked
on its own, not just the policy behind it."""

import pytest

from people.models import Profile
from tests.factories import annotation_factory, article_factory, user_factory
from tests.test_browser_annotating import signed_in

pytestmark = [pytest.mark.browser]

# Each sets window.__ran when it runs; none may.
PAYLOADS = [
    "<script>window.__ran = 'script'</script>",
    "<img src=x onerror=\"window.__ran = 'img'\">",
    '"><svg onload="window.__ran = \'svg\'">',
    "javascript:window.__ran = 'link'",
    "[a link](javascript:window.__ran='markdown')",
    "<a href=\"javascript:window.__ran='anchor'\">anchor</a>",
    "{{ 7|add:7 }}{% csrf_token %}",
]
PAYLOAD = " ".join(PAYLOADS)


@pytest.fixture
def payloads(transactional_db):
    """An editorial, a note, a claim, a reply and an editor's name, all carrying payloads."""
    article = article_factory(
        slug="payloads",
        title="Payloads " + PAYLOADS[1],
        deck=[PAYLOADS[2]],
        caption_text=PAYLOADS[0],
        caption_credit=PAYLOADS[1],
        leaders=["Leader " + PAYLOADS[2][:20]],
    )
    paragraph = article.paragraphs.first()
    editor = user_factory("editor")
    Profile.objects.create(user=editor, display_name="Ed " + PAYLOADS[1])
    note = annotation_factory(paragraph=paragraph, author=editor, body=PAYLOAD)
    annotation_factory(
        paragraph=paragraph,
        author=editor,
        kind="claim",
        claim_text=PAYLOADS[1],
        claimant=PAYLOADS[2],
        verdict="false",
        body=PAYLOAD,
    )
    from annotations.services import reply_create

    reply_create(parent=note, author=editor, body=PAYLOAD)
    return {"article": article, "note": note, "moderator": user_factory("moderator")}


def pages(payloads) -> list[str]:
    article, note = payloads["article"], payloads["note"]
    return [
        "/",
        article.get_absolute_url(),
        f"{article.get_absolute_url()}?mentions=on",
        "/annotations/",
        note.get_absolute_url(),
        "/search/?q=payloads",
        f"/search/?q={PAYLOADS[0]}",
        f"/annotations/?author={note.author_id}",
    ]


def assert_nothing_ran(page, url):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(url)
    for link in page.locator("a[href^='javascript:' i]").all():
        pytest.fail(f"{url}: a javascript: link {link.get_attribute('href')!r}")
    assert page.evaluate("window.__ran") is None, url
    assert dialogs == [], url
    # The payload is on the page as words, where it is shown at all.
    assert page.locator("script:not([src]):not([type='application/ld+json'])").count() == 0


def test_no_stored_payload_runs_for_a_reader(page, live_server, payloads):
    for path in pages(payloads):
        assert_nothing_ran(page, f"{live_server.url}{path}")


def test_no_stored_payload_runs_for_a_moderator(page, live_server, payloads):
    signed_in(page, live_server, payloads["moderator"])
    for path in [*pages(payloads), f"/annotations/{payloads['note'].pk}/hide/"]:
        assert_nothing_ran(page, f"{live_server.url}{path}")


def test_the_payload_is_shown_as_text(page, live_server, payloads):
    page.goto(f"{live_server.url}{payloads['article'].get_absolute_url()}")
    assert "Payloads <img src=x" in page.get_by_role("heading", level=1).inner_text()
