"""Who made a claim (issue 11): a leader picked by typing their name or an alias, or free
text, and whether it was a person or an organisation; stored, shown, revised and exported."""

import html
import json

import pytest
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from annotations.claimreview import claim_review
from annotations.leader_lookup import entry_of, labels, leader_find, suggestions
from annotations.models import Annotation, ClaimantType, Kind
from annotations.revision_changes import OWN_WORDS, field_changes
from annotations.services import AnnotationContent, annotation_create, annotation_update
from tests.factories import (
    annotation_factory,
    article_factory,
    country_factory,
    leader_factory,
    user_factory,
)

pytestmark = pytest.mark.django_db
LEADERS = "/annotations/leaders/"


@pytest.fixture
def editor_client(client):
    client.force_login(user_factory("editor"))
    return client


@pytest.fixture
def japan():
    return country_factory(name="Japan")


@pytest.fixture
def abe(japan):
    return leader_factory(name="Shinzo Abe", aliases=["Abe Shinzo"], country=japan)


@pytest.fixture
def article():
    return article_factory(paragraphs=2)


def claim_post(client, article, **fields):
    data = {
        "kind": "claim",
        "claim_text": "Exports to Japan doubled.",
        "claimant": "",
        "claimant_leader": "",
        "verdict": "false",
        "body": "",
        "evidence": "",
        "quote": "",
    } | fields
    return client.post(f"{article.get_absolute_url()}p1/annotate/", data)


def page_text(response) -> str:
    return html.unescape(response.content.decode())


def claim_content(**changes) -> AnnotationContent:
    fields = {
        "kind": Kind.CLAIM,
        "claim_text": "Trade doubled.",
        "claimant": "The ministry",
        "verdict": "mixed",
    }
    return AnnotationContent(**(fields | changes))


# ---- Picking a leader by typing ----


@pytest.mark.parametrize(
    "typed", ["Shinzo Abe", "Abe Shinzo", "shinzo abe", "  ABE   shinzō ", "Shinzo-Abe"]
)
def test_a_typed_name_or_alias_picks_the_leader_whatever_its_case(
    editor_client, article, abe, typed
):
    response = claim_post(editor_client, article, claimant_leader=typed)

    assert response.status_code == 302
    assert Annotation.objects.get().claimant_leader == abe


def test_an_unknown_name_is_refused_naming_it_and_the_free_text_way_out(
    editor_client, article, abe
):
    response = claim_post(editor_client, article, claimant_leader="Shinzo Obe")

    assert response.status_code == 400
    text = page_text(response)
    assert "No leader is called “Shinzo Obe”." in text
    assert "leave this box empty and write who made the claim in “Who made it”" in text
    assert Annotation.objects.count() == 0


def test_a_name_two_leaders_share_is_refused_listing_them_by_country(editor_client, article):
    korea, singapore = country_factory(name="South Korea"), country_factory(name="Singapore")
    leader_factory(name="Lee Jae-myung", aliases=["President Lee"], country=korea)
    leader_factory(name="Lee Hsien Loong", aliases=["President Lee"], country=singapore)

    response = claim_post(editor_client, article, claimant_leader="president lee")

    assert response.status_code == 400
    text = page_text(response)
    assert "More than one leader is called “president lee”:" in text
    assert "Lee Hsien Loong (Singapore); Lee Jae-myung (South Korea)" in text
    assert Annotation.objects.count() == 0


def test_a_candidate_typed_as_the_error_lists_it_is_picked(editor_client, article):
    korea, singapore = country_factory(name="South Korea"), country_factory(name="Singapore")
    lee = leader_factory(name="Lee Jae-myung", aliases=["President Lee"], country=korea)
    leader_factory(name="Lee Hsien Loong", aliases=["President Lee"], country=singapore)

    response = claim_post(editor_client, article, claimant_leader="Lee Jae-myung (South Korea)")

    assert response.status_code == 302
    assert Annotation.objects.get().claimant_leader == lee


def test_free_text_alone_still_names_who_made_it(editor_client, article, abe):
    response = claim_post(editor_client, article, claimant="The trade ministry")

    assert response.status_code == 302
    claim = Annotation.objects.get()
    assert (claim.claimant, claim.claimant_leader) == ("The trade ministry", None)


def test_a_notes_hidden_leader_box_is_not_looked_up(editor_client, article):
    response = claim_post(
        editor_client, article, kind="note", body="A note.", claimant_leader="Nobody at all"
    )

    assert response.status_code == 302
    assert Annotation.objects.get().claimant_leader is None


def test_the_edit_form_shows_the_current_leaders_name_in_the_box(editor_client, article, abe):
    claim_post(editor_client, article, claimant_leader="abe shinzo")
    claim = Annotation.objects.get()

    response = editor_client.get(f"/annotations/{claim.pk}/edit/")

    assert 'name="claimant_leader" value="Shinzo Abe"' in response.content.decode()


def test_the_leader_box_points_the_script_at_the_suggestions(editor_client, article):
    page = editor_client.get(f"{article.get_absolute_url()}p1/annotate/").content.decode()

    assert f'data-leader-suggest="{LEADERS}"' in page
    assert 'list="id_claimant_leader_suggestions"' in page
    assert '<datalist id="id_claimant_leader_suggestions"></datalist>' in page
    assert "js/leader_picker" in page


def test_labels_tell_apart_leaders_who_share_a_name():
    entries = [
        entry_of(id=1, name="Kim", aliases=[], country="South Korea", slug="kim"),
        entry_of(id=2, name="KIM", aliases=[], country="North Korea", slug="kim-1"),
        entry_of(id=3, name="kim", aliases=[], country="North Korea", slug="kim-2"),
        entry_of(id=4, name="Moon Jae-in", aliases=[], country="South Korea", slug="moon"),
    ]

    assert labels(entries) == {
        1: "Kim (South Korea)",
        2: "KIM (kim-1)",
        3: "kim (kim-2)",
        4: "Moon Jae-in",
    }
    assert [leader_find(label, entries).id for label in labels(entries).values()] == [1, 2, 3, 4]


# ---- A person or an organisation ----


def test_the_type_is_stored_and_the_card_says_an_organisation(editor_client, article):
    claim_post(editor_client, article, claimant="The trade ministry", claimant_type="organisation")
    claim = Annotation.objects.get()

    page = editor_client.get(claim.get_absolute_url()).content.decode()

    assert claim.claimant_type == ClaimantType.ORGANISATION
    assert 'The trade ministry<span class="claimant-type">, an organisation</span></p>' in page


def test_a_person_is_the_default_and_the_card_adds_nothing(editor_client, article, abe):
    claim_post(editor_client, article, claimant_leader="Shinzo Abe")
    claim = Annotation.objects.get()

    page = editor_client.get(claim.get_absolute_url()).content.decode()

    assert claim.claimant_type == ClaimantType.PERSON
    assert f'<a href="{abe.get_absolute_url()}">Shinzo Abe</a></p>' in page
    assert "an organisation" not in page


def test_the_service_refuses_a_type_it_does_not_know():
    with pytest.raises(ValidationError) as error:
        annotation_factory(**claim_content(claimant_type="robot").__dict__)
    assert "claimant_type" in error.value.message_dict


def test_a_note_keeps_the_default_type(article):
    note = annotation_create(
        paragraph=article.paragraphs.first(),
        author=user_factory("editor"),
        content=AnnotationContent(body="A note.", claimant_type=ClaimantType.ORGANISATION),
    )
    assert note.claimant_type == ClaimantType.PERSON


def test_a_change_of_type_is_a_revision_the_history_lists(client):
    claim = annotation_factory(**claim_content().__dict__)
    annotation_update(
        annotation=claim,
        actor=claim.author,
        expected_version=1,
        content=claim_content(claimant_type=ClaimantType.ORGANISATION),
    )

    page = page_text(client.get(claim.get_absolute_url()))

    assert claim.revisions.count() == 2
    assert claim.revisions.last().content["claimant_type"] == "organisation"
    assert "<li>person or organisation: a person → an organisation</li>" in page


def test_a_snapshot_from_before_the_type_existed_is_a_person():
    old = {"kind": "claim", "claimant": "A"}

    assert field_changes(old, old | {"claimant_type": "person"}) == []
    assert [c.new for c in field_changes(old, old | {"claimant_type": "organisation"})] == [
        "an organisation"
    ]


def test_the_historys_words_for_the_types_are_the_models():
    assert OWN_WORDS["claimant_type"] == {
        value: label.lower() for value, label in ClaimantType.choices
    }


# ---- ClaimReview ----


def review_author(claim) -> dict:
    claim = Annotation.objects.with_details().get(pk=claim.pk)
    return claim_review(claim, RequestFactory().get("/"))["itemReviewed"]["author"]


def test_claimreview_names_an_organisation_as_an_organization():
    claim = annotation_factory(**claim_content(claimant_type="organisation").__dict__)

    assert review_author(claim) == {"@type": "Organization", "name": "The ministry"}


def test_claimreview_names_a_leader_as_a_person_unless_said_otherwise(abe):
    person = annotation_factory(**claim_content(claimant="", claimant_leader=abe).__dict__)
    body = annotation_factory(
        **claim_content(claimant_leader=abe, claimant_type="organisation").__dict__
    )

    assert review_author(person)["@type"] == "Person"
    assert review_author(body)["@type"] == "Organization"
    assert review_author(body)["sameAs"].endswith(abe.get_absolute_url())


# ---- The suggestions endpoint ----


def test_the_suggestions_refuse_anonymous_visitors_and_readers(client, abe):
    anonymous = client.get(LEADERS, {"q": "abe"})
    assert anonymous.status_code == 403
    assert anonymous.json() == {"detail": "Sign in as an editor to look up leaders."}
    client.force_login(user_factory("reader"))
    response = client.get(LEADERS, {"q": "abe"})
    assert response.status_code == 403
    assert "leaders" not in response.json()


def test_the_suggestions_find_a_leader_by_the_start_of_a_name_or_alias(editor_client, abe):
    leader_factory(name="Abdullah II")
    by_alias = editor_client.get(LEADERS, {"q": "abe"}).json()["leaders"]
    by_word = editor_client.get(LEADERS, {"q": "shin"}).json()["leaders"]

    assert by_alias == [
        {"id": abe.pk, "name": "Shinzo Abe", "country": "Japan", "label": "Shinzo Abe"}
    ]
    assert [leader["name"] for leader in by_word] == ["Shinzo Abe"]


def test_the_suggestions_are_at_most_ten_with_names_first(
    editor_client, django_assert_max_num_queries
):
    for number in range(15):
        leader_factory(name=f"Park {number:02}", country=country_factory())
    leader_factory(name="Yoon Suk Yeol", aliases=["Park Yoon"])

    with django_assert_max_num_queries(5):  # session, user, permissions, leaders
        leaders = editor_client.get(LEADERS, {"q": "park"}).json()["leaders"]

    assert len(leaders) == 10
    assert [leader["name"] for leader in leaders] == [f"Park {n:02}" for n in range(10)]
    assert all(leader["country"] for leader in leaders)


def test_the_suggestions_bound_what_is_asked(editor_client, abe):
    assert editor_client.get(LEADERS, {"q": "a"}).json() == {"leaders": []}
    assert editor_client.get(LEADERS).json() == {"leaders": []}
    response = editor_client.get(LEADERS, {"q": "a" * 101})
    assert response.status_code == 400
    assert "at most 100 characters" in response.json()["detail"]


def test_the_suggestions_take_no_post(editor_client):
    assert editor_client.post(LEADERS, {"q": "abe"}).status_code == 405


def test_suggestions_rank_names_before_aliases_before_later_words():
    entries = [
        entry_of(id=1, name="Xi Jinping", aliases=["Jinping Xi"], country="", slug="xi"),
        entry_of(id=2, name="Jin Liqun", aliases=[], country="", slug="jin"),
        entry_of(id=3, name="Li Qiang", aliases=["Premier Jin"], country="", slug="li"),
    ]

    assert [s["id"] for s in suggestions("jin", entries)] == [2, 1, 3]
    assert json.dumps(suggestions("JIN", entries)) == json.dumps(suggestions("jin", entries))
