"""Editors in the admin: merge and rename entities, manage terms, and tag edits that stick."""

import pytest
from pytest_django.asserts import assertContains, assertRedirects

from articles.gazetteer.editing import MergeError, entity_merge
from articles.gazetteer.loading import gazetteer_load
from articles.models import (
    AgendaItem,
    Article,
    Country,
    Leader,
    LeaderTerm,
    Mention,
    TaggedCountry,
    TagRejection,
    TagSource,
)
from articles.tagging import article_retag
from tests.factories import article_factory
from tests.test_admin import change_form_data

pytestmark = pytest.mark.django_db


def written(text: str, **fields) -> Article:
    """An editorial whose one paragraph reads `text`, tagged from it."""
    article = article_factory(paragraphs=1, **fields)
    article.paragraphs.update(text=text)
    article_retag(article=article)
    return article


def leader_form(leader: Leader, **overrides) -> dict:
    data = {
        "name": leader.name,
        "slug": leader.slug,
        "family_name": leader.family_name,
        "country": leader.country_id or "",
        "aliases": "\n".join(leader.aliases),
        "description": leader.description,
        "merge_into": "",
    }
    data.update(overrides)
    return data


def change_url(entity) -> str:
    return f"/admin/articles/{entity._meta.model_name}/{entity.pk}/change/"


@pytest.fixture
def gazetteer(db):
    gazetteer_load()


def test_merging_moves_tags_mentions_and_names_into_the_kept_entity(admin_client, gazetteer):
    kept = Leader.objects.get(name="Lee Jae-myung")
    duplicate = Leader.objects.create(name="Lee J.M.", aliases=["Mr. Lee J.M."])
    article = written("Lee J.M. flew to Tokyo.")
    assert [t.name for t in article.leaders.all()] == ["Lee J.M."]

    response = admin_client.post(change_url(duplicate), leader_form(duplicate, merge_into=kept.pk))

    assertRedirects(response, change_url(kept), fetch_redirect_response=False)
    assert not Leader.objects.filter(pk=duplicate.pk).exists()
    kept.refresh_from_db()
    assert {"Lee J.M.", "Mr. Lee J.M."} <= set(kept.aliases)
    assert [t.name for t in article.leaders.all()] == ["Lee Jae-myung"]
    assert Mention.objects.in_articles([article]).get(kind="leader").leader == kept


def test_merging_keeps_an_editors_tag_where_both_were_tagged(gazetteer):
    kept = Country.objects.get(name="Japan")
    duplicate = Country.objects.create(name="Nippon")
    article = article_factory(countries=[duplicate])
    article.countries.add(kept, through_defaults={"source": TagSource.AUTO})

    entity_merge(source=duplicate, into=kept)

    assert TaggedCountry.objects.get(content_object=article).source == TagSource.EDITOR
    assert [t.name for t in article.countries.all()] == ["Japan"]


def test_merging_moves_a_leaders_terms(gazetteer):
    kept = Leader.objects.get(name="Sanae Takaichi")
    duplicate = Leader.objects.get(name="Shigeru Ishiba")

    entity_merge(source=duplicate, into=kept)

    starts = sorted(f"{t.start}" for t in LeaderTerm.objects.filter(leader=kept))
    assert starts == ["2024-10-01", "2025-10-21"]
    assert "shigeru-ishiba" in Leader.objects.get(pk=kept.pk).merged_keys


def test_entities_of_different_kinds_cannot_be_merged(gazetteer):
    with pytest.raises(MergeError):
        entity_merge(source=Country.objects.get(name="Japan"), into=Leader.objects.first())


def test_renaming_keeps_the_old_name_as_an_alias_and_the_address(admin_client, gazetteer):
    leader = Leader.objects.get(name="Donald Trump")

    response = admin_client.post(change_url(leader), leader_form(leader, name="Donald J. Trump"))

    assert response.status_code == 302
    leader.refresh_from_db()
    assert leader.name == "Donald J. Trump"
    assert leader.aliases[0] == "Donald Trump"
    assert leader.slug == "donald-trump"


def test_a_leaders_page_lists_their_terms_with_a_link_to_edit_them(admin_client, gazetteer):
    leader = Leader.objects.get(name="Fumio Kishida")

    response = admin_client.get(change_url(leader))

    assertContains(response, "Foreign Minister (2012-12-26 to 2017-08-03)")
    assertContains(response, "Prime Minister (2021-10-04 to 2024-10-01)")
    assertContains(response, f"/admin/articles/leaderterm/?leader__id__exact={leader.pk}")
    assert admin_client.get("/admin/articles/leaderterm/").status_code == 200


@pytest.mark.parametrize("kind", ["country", "agendaitem"])
def test_the_other_entity_forms_show_their_own_fields(admin_client, gazetteer, kind):
    entity = {"country": Country, "agendaitem": AgendaItem}[kind].objects.get(
        key__in=["JP", "dokdo"]
    )

    response = admin_client.get(change_url(entity))

    assertContains(response, 'name="merge_into"')
    assertContains(response, 'name="code"' if kind == "country" else 'name="clues"')


def test_an_agenda_items_clues_are_edited_one_per_line(admin_client, gazetteer):
    item = AgendaItem.objects.get(name="Josei Coal Mine")
    response = admin_client.post(
        change_url(item),
        {
            "name": item.name,
            "slug": item.slug,
            "aliases": "\n".join(item.aliases),
            "clues": "Ube + coal mine\r\n\r\nJosei | Chosei + mine",
            "description": item.description,
        },
    )

    assert response.status_code == 302
    item.refresh_from_db()
    assert item.clues == ["Ube + coal mine", "Josei | Chosei + mine"]


def test_a_tag_an_editor_removes_in_the_admin_stays_removed(admin_client, gazetteer):
    article = written("Japan and Oman.")
    response = admin_client.post(
        f"/admin/articles/article/{article.pk}/change/",
        change_form_data(article, countries="Japan"),
    )
    assert response.status_code == 302

    article_retag(article=article)

    assert [t.name for t in article.countries.all()] == ["Japan"]
    assert TagRejection.objects.get(article=article).entity.name == "Oman"


def test_a_tag_an_editor_adds_in_the_admin_is_theirs_and_survives_retagging(
    admin_client, gazetteer
):
    article = written("Japan.")
    response = admin_client.post(
        f"/admin/articles/article/{article.pk}/change/",
        change_form_data(article, countries="Japan, Peru"),
    )
    assert response.status_code == 302

    article_retag(article=article)

    peru = TaggedCountry.objects.get(content_object=article, tag__name="Peru")
    assert peru.source == TagSource.EDITOR
    assert TaggedCountry.objects.get(content_object=article, tag__name="Japan").source == "auto"


def test_editing_a_paragraph_in_the_admin_retags_the_editorial(admin_client, gazetteer):
    article = written("Japan.")
    data = change_form_data(article, **{"paragraphs-0-text": "Japan and Taiwan."})

    admin_client.post(f"/admin/articles/article/{article.pk}/change/", data)

    assert sorted(t.name for t in article.countries.all()) == ["Japan", "Taiwan"]


def test_rejections_are_listed_and_deleting_one_lets_the_tag_back(admin_client, gazetteer):
    article = written("Japan and Oman.")
    admin_client.post(
        f"/admin/articles/article/{article.pk}/change/",
        change_form_data(article, countries="Japan"),
    )
    rejection = TagRejection.objects.get()
    assertContains(admin_client.get("/admin/articles/tagrejection/"), "Oman")

    admin_client.post(f"/admin/articles/tagrejection/{rejection.pk}/delete/", {"post": "yes"})
    article_retag(article=article)

    assert sorted(t.name for t in article.countries.all()) == ["Japan", "Oman"]
