"""Moderating in a real browser: hiding from the margin and restoring with a reason land back
on the annotation, the queue keeps its filters, and every moderation page passes axe."""

import re

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from annotations.models import Annotation, Kind, Status
from annotations.services import AnnotationContent, annotation_hide, annotation_update
from tests.accessibility import serious_violations
from tests.factories import annotation_factory, article_factory, user_factory

pytestmark = [pytest.mark.browser]


@pytest.fixture
def site(transactional_db, live_server):
    """An editorial with a note, a hidden note and an edited claim; a moderator."""
    article = article_factory(slug="moderated-editorial", paragraphs=3)
    paragraphs = list(article.paragraphs.order_by("position"))
    author = user_factory("editor", first_name="Mina", last_name="Park")
    moderator = user_factory("moderator", first_name="Joon", last_name="Lee")
    note = annotation_factory(paragraph=paragraphs[0], author=author, body="A fair note.")
    hidden = annotation_factory(paragraph=paragraphs[1], author=author, body="Buy watches.")
    annotation_hide(annotation=hidden, actor=moderator, reason="Spam.")
    claim = annotation_factory(
        paragraph=paragraphs[2],
        author=author,
        kind=Kind.CLAIM,
        claim_text="Trade doubled.",
        claimant="The minister",
        verdict="mixed",
        body="The figures are partly right.",
    )
    annotation_update(
        annotation=claim,
        actor=author,
        expected_version=1,
        content=AnnotationContent(
            kind=Kind.CLAIM,
            claim_text="Trade doubled.",
            claimant="The minister",
            verdict="false",
            body="The figures are wrong.",
        ),
    )
    return {
        "url": live_server.url,
        "article": article,
        "moderator": moderator,
        "note": note,
        "hidden": hidden,
        "claim": claim,
    }


def signed_in(page, site) -> None:
    client = Client()
    client.force_login(site["moderator"])
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": site["url"]}]
    )


def test_moderator_hides_from_the_margin_and_lands_back_on_the_annotation(page, site):
    signed_in(page, site)
    note, article_url = site["note"], f"{site['url']}{site['article'].get_absolute_url()}"
    page.goto(article_url)

    # The page a new tab (or a browser without JavaScript) opens; the margin's own form is
    # tested in test_browser_in_place.py.
    hide = page.locator(f"#a{note.pk}").get_by_role("link", name="Hide", exact=True)
    page.goto(site["url"] + hide.get_attribute("href"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Hide this annotation from readers")
    expect(page.locator(".moderated-annotation")).to_contain_text("A fair note.")
    expect(page.locator(".moderated-annotation")).to_contain_text("Note by Mina Park")
    page.get_by_label("Reason").fill("Off topic.")
    page.get_by_role("button", name="Hide").click()

    page.wait_for_url(f"{article_url}#a{note.pk}")
    expect(page.locator(f"#a{note.pk} .badge-hidden")).to_be_visible()
    assert Annotation.objects.get(pk=note.pk).status == Status.HIDDEN


def test_moderator_restores_with_a_reason_and_lands_back_on_the_annotation(page, site):
    signed_in(page, site)
    hidden, article_url = site["hidden"], f"{site['url']}{site['article'].get_absolute_url()}"
    page.goto(article_url)

    restore = page.locator(f"#a{hidden.pk}").get_by_role("link", name="Restore", exact=True)
    page.goto(site["url"] + restore.get_attribute("href"))
    expect(page.locator(".moderated-annotation")).to_contain_text("Buy watches.")
    page.get_by_role("button", name="Restore").click()
    expect(page.locator(".field-error")).to_have_text("This field is required.")
    page.get_by_label("Reason").fill("Not spam after all.")
    page.get_by_role("button", name="Restore").click()

    page.wait_for_url(f"{article_url}#a{hidden.pk}")
    expect(page.locator(f"#a{hidden.pk} .badge-hidden")).to_have_count(0)
    assert Annotation.objects.get(pk=hidden.pk).status == Status.VISIBLE


def test_restoring_from_the_filtered_queue_returns_to_it(page, site):
    signed_in(page, site)
    page.goto(f"{site['url']}/annotations/moderation/")
    page.get_by_label("Hidden by").select_option(label="Joon Lee")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url(re.compile(r"hidden_by="))
    filtered = page.url
    expect(page.locator(".annotation-item")).to_have_count(1)

    page.get_by_role("link", name=re.compile(r"^Restore")).click()
    page.get_by_label("Reason").fill("Fine.")
    page.get_by_role("button", name="Restore").click()

    page.wait_for_url(filtered)
    expect(page.get_by_text("No hidden annotation matches.")).to_be_visible()


def open_hide_form(page, site):
    page.goto(f"{site['url']}/annotations/{site['note'].pk}/hide/")


def open_restore_form_with_an_error(page, site):
    page.goto(f"{site['url']}/annotations/{site['hidden'].pk}/restore/")
    page.get_by_role("button", name="Restore").click()
    expect(page.locator(".field-error")).to_be_visible()


def open_queue(page, site):
    page.goto(f"{site['url']}/annotations/moderation/?since=2000-01-01")
    expect(page.locator(".annotation-item")).to_have_count(1)


def open_history_with_a_diff(page, site):
    page.goto(f"{site['url']}/annotations/{site['claim'].pk}/#history")
    expect(page.locator(".word-diff del")).to_have_count(1)


AXE_PAGES = {
    "hide": open_hide_form,
    "restore-with-error": open_restore_form_with_an_error,
    "queue": open_queue,
    "history-diff": open_history_with_a_diff,
}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("name", AXE_PAGES)
def test_moderation_page_has_no_serious_accessibility_violations(page, site, name, width, scheme):
    signed_in(page, site)
    page.set_viewport_size({"width": width, "height": 844})
    page.emulate_media(color_scheme=scheme)
    AXE_PAGES[name](page, site)

    violations = serious_violations(page)

    assert violations == [], violations
