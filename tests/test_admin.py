"""The admin: editorials with their paragraphs and entities, and the three entity kinds."""

from datetime import UTC, datetime

import pytest
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from articles.models import AgendaItem, Article, Country, Leader
from tests.factories import article_factory, leader_factory

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/articles/article/"
# Session and user, then counts, rows, date hierarchy and the label filter's choices.
CHANGELIST_MAX_QUERIES = 8


def change_form_data(article: Article, **overrides) -> dict:
    """The POST data of the article's change form as displayed, with `overrides`."""
    paragraphs = list(article.paragraphs.order_by("position"))
    data = {
        "title": article.title,
        "slug": article.slug,
        "label": article.label,
        "publication": article.publication,
        "published_at_0": f"{timezone.localtime(article.published_at):%Y-%m-%d}",
        "published_at_1": f"{timezone.localtime(article.published_at):%H:%M:%S}",
        "revised_at_0": "",
        "revised_at_1": "",
        "dateline": "",
        "deck": "\n".join(article.deck),
        "caption_text": article.caption_text,
        "caption_credit": article.caption_credit,
        "leaders": ", ".join(tag.name for tag in article.leaders.all()),
        "countries": ", ".join(tag.name for tag in article.countries.all()),
        "agenda": ", ".join(tag.name for tag in article.agenda.all()),
        "layout": article.layout,
        "source_name": article.source_name,
        "paragraphs-TOTAL_FORMS": str(len(paragraphs)),
        "paragraphs-INITIAL_FORMS": str(len(paragraphs)),
        "paragraphs-MIN_NUM_FORMS": "0",
        "paragraphs-MAX_NUM_FORMS": "1000",
    }
    for index, paragraph in enumerate(paragraphs):
        data[f"paragraphs-{index}-id"] = str(paragraph.id)
        data[f"paragraphs-{index}-article"] = str(article.id)
        data[f"paragraphs-{index}-position"] = str(paragraph.position)
        data[f"paragraphs-{index}-text"] = paragraph.text
    data.update(overrides)
    return data


def test_admin_requires_staff(client):
    response = client.get(CHANGELIST)

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_changelist_shows_title_label_time_and_publication(admin_client):
    article_factory(
        title="Pragmatic Diplomacy",
        label="fn Editorial",
        publication="The Financial News",
        published_at=datetime(2026, 1, 12, 9, 32, tzinfo=UTC),
    )

    response = admin_client.get(CHANGELIST)

    assertContains(response, "Pragmatic Diplomacy")
    assertContains(response, '<td class="field-label">fn Editorial</td>', html=True)
    assertContains(response, "The Financial News")
    assertContains(response, "Jan. 12, 2026, 6:32 p.m.")  # shown in KST


def test_changelist_search_finds_paragraph_text_once_per_article(admin_client):
    article = article_factory(title="Rare earths", paragraphs=2)
    article.paragraphs.update(text="Export controls on rare earths.")
    article_factory(title="Unrelated", paragraphs=1)

    response = admin_client.get(CHANGELIST, {"q": "export controls"})

    assert list(response.context["cl"].result_list) == [article]


def test_changelist_filters_by_label(admin_client):
    article_factory(title="Signed column", label="Editorial Note")
    article_factory(title="House view", label="Editorial")

    response = admin_client.get(CHANGELIST, {"label": "Editorial Note"})

    assert [a.title for a in response.context["cl"].result_list] == ["Signed column"]


def test_changelist_costs_the_same_queries_for_20_articles_as_for_2(
    admin_client, count_queries, django_assert_num_queries
):
    tags = {"leaders": ["Lee Jae-myung"], "countries": ["Japan"]}
    for _ in range(2):
        article_factory(**tags)
    small = count_queries(lambda: admin_client.get(CHANGELIST))
    for _ in range(18):
        article_factory(**tags)

    with django_assert_num_queries(small):
        response = admin_client.get(CHANGELIST)

    assert small <= CHANGELIST_MAX_QUERIES
    assert len(response.context["cl"].result_list) == 20


def test_change_form_shows_paragraphs_in_order_and_import_fields_read_only(admin_client):
    article = article_factory(paragraphs=3, import_key="fnnews:2026-01-12T18:32:08")
    article.paragraphs.filter(position=1).update(position=9)  # stored out of order

    response = admin_client.get(f"{CHANGELIST}{article.pk}/change/")

    inline = response.context["inline_admin_formsets"][0]
    positions = [form.original.position for form in inline if form.original]
    assert positions == [2, 3, 9]
    assertContains(response, "fnnews:2026-01-12T18:32:08")
    assertNotContains(response, 'name="import_key"')
    assertNotContains(response, 'name="content_hash"')


def test_change_form_edits_entity_tags_and_deck_lines(admin_client):
    article = article_factory(paragraphs=2, leaders=["Xi Jinping"])
    data = change_form_data(
        article,
        leaders="Lee Jae-myung, Sanae Takaichi",
        countries="Japan",
        deck="First line\n\nSecond line\n",
    )

    response = admin_client.post(f"{CHANGELIST}{article.pk}/change/", data)

    assert response.status_code == 302, response.context["errors"]
    article.refresh_from_db()
    assert sorted(tag.name for tag in article.leaders.all()) == ["Lee Jae-myung", "Sanae Takaichi"]
    assert [tag.name for tag in article.countries.all()] == ["Japan"]
    assert article.deck == ["First line", "Second line"]
    assert article.paragraphs.count() == 2


def test_entity_admin_edits_aliases_one_per_line(admin_client):
    leader = leader_factory(name="Lee Jae-myung", aliases=["President Lee"])

    form = admin_client.get(f"/admin/articles/leader/{leader.pk}/change/")
    assertContains(form, "President Lee</textarea>")
    response = admin_client.post(
        f"/admin/articles/leader/{leader.pk}/change/",
        {
            "name": "Lee Jae-myung",
            "slug": leader.slug,
            "aliases": "Lee Jae Myung\r\nLee Jaemyung\r\n\r\nLee Jae Myung",
            "description": "President of South Korea.",
        },
    )

    assert response.status_code == 302
    leader.refresh_from_db()
    assert leader.aliases == ["Lee Jae Myung", "Lee Jaemyung"]


def test_entity_admin_prepopulates_the_slug_from_the_name(admin_client):
    response = admin_client.get("/admin/articles/country/add/")

    assertContains(response, "data-prepopulated-fields")
    assertContains(response, "&quot;dependency_list&quot;: [&quot;name&quot;]")


@pytest.mark.parametrize(
    ("model", "manager"),
    [(Leader, "leaders"), (Country, "countries"), (AgendaItem, "agenda")],
    ids=["leader", "country", "agenda"],
)
def test_entity_changelists_show_article_counts_and_search_aliases(admin_client, model, manager):
    entity = model.objects.create(name="Republic of Korea", aliases=["ROK"])
    model.objects.create(name="Japan")
    for _ in range(3):
        article_factory(**{manager: [entity]})

    response = admin_client.get(f"/admin/articles/{model._meta.model_name}/", {"q": "rok"})

    assert [e.name for e in response.context["cl"].result_list] == ["Republic of Korea"]
    assertContains(response, '<td class="field-article_count">3</td>', html=True)


def test_the_source_file_name_is_shown_with_hidden_characters_escaped(admin_client):
    article = article_factory(source_name="uploads/evil\u202etxt.exe")
    page = admin_client.get(f"/admin/articles/article/{article.pk}/change/")
    text = page.content.decode()
    assert "uploads/evil\\u202etxt.exe" in text
    assert "\u202e" not in text
