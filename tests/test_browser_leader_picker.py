"""The claim form's leader box in a real browser (issue 11): typing part of a leader's name
offers them in its suggestions, the saved claim links the leader, and the form passes axe."""

import re

import pytest
from playwright.sync_api import expect

from tests.accessibility import serious_violations
from tests.factories import country_factory, leader_factory, user_factory
from tests.test_browser_annotating import editorial, margin_beside, signed_in  # noqa: F401

pytestmark = [pytest.mark.browser]
SUGGESTIONS = "datalist#id_claimant_leader_suggestions option"


@pytest.fixture
def abe(transactional_db):
    japan = country_factory(name="Japan")
    leader_factory(name="Shinzo Abe", aliases=["Abe Shinzo"], country=japan)
    leader_factory(name="Shigeru Ishiba", country=japan)
    return japan.leaders.get(name="Shinzo Abe")


@pytest.fixture
def claim_form(page, live_server, editorial, abe):  # noqa: F811
    signed_in(page, live_server, user_factory("editor"))
    page.goto(f"{live_server.url}{editorial.get_absolute_url()}p3/annotate/")
    page.get_by_label("Fact-check claim").check()
    return page


def test_typing_part_of_a_name_offers_the_leader(claim_form):
    page = claim_form
    page.get_by_label("Or a leader", exact=True).press_sequentially("shinz")

    expect(page.locator(SUGGESTIONS)).to_have_count(1)
    expect(page.locator(SUGGESTIONS)).to_have_attribute("value", "Shinzo Abe")
    expect(page.locator(SUGGESTIONS)).to_have_text("Japan")
    assert serious_violations(page) == []


def test_a_later_word_or_alias_offers_the_leader_too(claim_form):
    page = claim_form
    box = page.get_by_label("Or a leader", exact=True)
    box.press_sequentially("shi")
    expect(page.locator(SUGGESTIONS)).to_have_count(2)
    box.press_sequentially("g")
    expect(page.locator(SUGGESTIONS)).to_have_count(1)
    expect(page.locator(SUGGESTIONS)).to_have_attribute("value", "Shigeru Ishiba")
    box.fill("")
    box.press_sequentially("abe")
    expect(page.locator(SUGGESTIONS)).to_have_attribute("value", "Shinzo Abe")


def test_a_claim_by_a_suggested_leader_is_published_with_the_leader_linked(claim_form, abe):
    page = claim_form
    page.get_by_label("Claim", exact=True).fill("Exports to Japan doubled last year.")
    box = page.get_by_label("Or a leader", exact=True)
    box.press_sequentially("abe sh")
    offered = page.locator(SUGGESTIONS).first
    expect(offered).to_have_attribute("value", "Shinzo Abe")
    box.fill(offered.get_attribute("value"))  # what choosing the suggestion puts in the box
    page.get_by_label("An organisation").check()
    page.get_by_label("Verdict").select_option(label="False")
    page.get_by_role("button", name="Publish annotation").click()

    page.wait_for_url(re.compile(r"#a\d+$"))
    claimant = margin_beside(page, 3).locator(".claimant")
    expect(claimant.get_by_role("link", name="Shinzo Abe")).to_have_attribute(
        "href", abe.get_absolute_url()
    )
    expect(claimant).to_contain_text("an organisation")
    assert serious_violations(page) == []


def test_an_unknown_name_comes_back_with_its_error_and_passes_axe(claim_form):
    page = claim_form
    page.get_by_label("Claim", exact=True).fill("Exports to Japan doubled last year.")
    page.get_by_label("Or a leader", exact=True).fill("Shinzo Obe")
    page.get_by_label("Verdict").select_option(label="False")
    page.get_by_role("button", name="Publish annotation").click()

    expect(page.locator(".field-claimant_leader .field-error")).to_contain_text(
        "No leader is called “Shinzo Obe”"
    )
    expect(page.get_by_label("Or a leader", exact=True)).to_have_value("Shinzo Obe")
    assert serious_violations(page) == []
