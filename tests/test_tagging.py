"""Automatic tagging during import: mentions with offsets, tags, and editors' decisions kept."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.gazetteer.loading import gazetteer_load
from articles.importing import editorials_import
from articles.models import Article, Country, Leader, Mention, TaggedLeader, TagRejection
from articles.sources import opened_sources
from articles.tagging import article_retag, matcher_current, tag_decisions_record
from tests.editorial_text import editorial_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def gazetteer(db):
    gazetteer_load()


def stamps(day: str, updated: str | None = None) -> tuple[str, ...]:
    return ("Input", f"{day} 18:00:00", "Updated", updated or f"{day} 18:00:00")


def import_texts(folder, *texts: str):
    """Import each text as its own file in one run; return the report."""
    folder.mkdir(exist_ok=True)
    for number, text in enumerate(texts):
        (folder / f"{number:03}.txt").write_text(text, encoding="utf-8")
    with opened_sources([folder]) as sources:
        return editorials_import(sources=sources)


def tag_names(article: Article) -> dict[str, list[str]]:
    return {
        manager: sorted(tag.name for tag in getattr(article, manager).all())
        for manager in ("leaders", "countries", "agenda")
    }


def test_import_tags_an_editorial_and_stores_each_mention_where_it_is(tmp_path, gazetteer):
    paragraphs = [
        "President Lee Jae-myung will visit Japan for talks with Prime Minister Takaichi.",
        "The Josei Coal Mine and the CPTPP are on the table; Lee\u2019s aides are upbeat.",
    ]
    import_texts(tmp_path / "a", editorial_text(caption=None, paragraphs=paragraphs))
    article = Article.objects.get()

    assert tag_names(article) == {
        "leaders": ["Lee Jae-myung", "Sanae Takaichi"],
        "countries": ["Japan"],
        "agenda": ["CPTPP", "Josei Coal Mine"],
    }
    mentions = [
        (m.paragraph.position, m.text, m.entity.name)
        for m in Mention.objects.in_articles([article]).in_text_order()
    ]
    assert mentions == [
        (1, "Lee Jae-myung", "Lee Jae-myung"),
        (1, "Japan", "Japan"),
        (1, "Prime Minister Takaichi", "Sanae Takaichi"),
        (2, "Josei Coal Mine", "Josei Coal Mine"),
        (2, "CPTPP", "CPTPP"),
    ]


def test_a_title_resolves_by_the_date_the_editorial_ran(tmp_path, gazetteer):
    text = editorial_text(
        stamps=stamps("2010-05-03"),
        caption=None,
        paragraphs=["President Lee met Prime Minister Hatoyama in Seoul."],
    )
    import_texts(tmp_path / "a", text)

    assert tag_names(Article.objects.get())["leaders"] == ["Lee Myung-bak", "Yukio Hatoyama"]


def test_the_caption_title_and_deck_are_not_tagged(tmp_path, gazetteer):
    text = editorial_text(
        title="[Editorial] Moon Jae-in and the Philippines",
        deck=["Vladimir Putin watches"],
        caption="The photo shows Emmanuel Macron in Oman. / Photo by Newsis",
        paragraphs=["Nothing here names anyone."],
    )
    import_texts(tmp_path / "a", text)

    assert tag_names(Article.objects.get()) == {"leaders": [], "countries": [], "agenda": []}


def test_reimporting_a_corrected_editorial_retags_it_from_the_new_paragraphs(tmp_path, gazetteer):
    first = ["Japan and China met.", "The United States watched."]
    import_texts(tmp_path / "a", editorial_text(caption=None, paragraphs=first))
    corrected = ["Japan and Taiwan met.", "The United States watched."]
    text = editorial_text(
        stamps=stamps("2026-01-12", "2026-01-13 09:00:00"), caption=None, paragraphs=corrected
    )
    import_texts(tmp_path / "b", text.replace("18:00:00\nUpdated", "18:32:08\nUpdated"))

    article = Article.objects.get()
    assert tag_names(article)["countries"] == ["Japan", "Taiwan", "United States"]
    for mention in Mention.objects.in_articles([article]).select_related("paragraph"):
        assert mention.text == mention.entity.name or mention.text in mention.entity.aliases
        assert mention.paragraph.text == corrected[mention.paragraph.position - 1]


def test_retagging_keeps_an_editors_tag_and_never_restores_a_removed_one(tmp_path, gazetteer):
    import_texts(tmp_path / "a", editorial_text(caption=None, paragraphs=["Japan and Oman."]))
    article = Article.objects.get()
    before = {"country": set(article.countries.values_list("id", flat=True))}
    article.countries.remove(Country.objects.get(name="Oman"))
    article.countries.add(Country.objects.get(name="Peru"))
    after = {"country": set(article.countries.values_list("id", flat=True))}
    tag_decisions_record(article=article, before=before, after=after)

    article_retag(article=article)

    assert tag_names(article)["countries"] == ["Japan", "Peru"]
    assert not Mention.objects.in_articles([article]).filter(country__name="Oman").exists()
    assert TagRejection.objects.get(article=article).entity.name == "Oman"


def test_an_editor_adding_a_rejected_tag_back_lifts_the_rejection(tmp_path, gazetteer):
    import_texts(tmp_path / "a", editorial_text(caption=None, paragraphs=["Japan and Oman."]))
    article = Article.objects.get()
    oman = Country.objects.get(name="Oman")
    everything = {"country": set(article.countries.values_list("id", flat=True))}
    tag_decisions_record(
        article=article, before=everything, after={"country": everything["country"] - {oman.id}}
    )
    tag_decisions_record(
        article=article, before={"country": everything["country"] - {oman.id}}, after=everything
    )

    article_retag(article=article)

    assert tag_names(article)["countries"] == ["Japan", "Oman"]
    assert not TagRejection.objects.exists()


def test_a_tag_the_text_no_longer_supports_is_removed_unless_an_editor_set_it(tmp_path, gazetteer):
    import_texts(tmp_path / "a", editorial_text(caption=None, paragraphs=["Japan and Oman."]))
    article = Article.objects.get()
    article.paragraphs.update(text="Nothing to see.")
    article.leaders.add(Leader.objects.get(name="Xi Jinping"))  # an editor's tag by default

    changes = article_retag(article=article)

    assert tag_names(article) == {"leaders": ["Xi Jinping"], "countries": [], "agenda": []}
    assert (changes.removed, changes.added, changes.mentions) == (2, 0, 0)


def test_a_dry_run_writes_no_tags_or_mentions(tmp_path, gazetteer):
    folder = tmp_path / "a"
    folder.mkdir()
    (folder / "one.txt").write_text(editorial_text(), encoding="utf-8")
    with opened_sources([folder]) as sources:
        editorials_import(sources=sources, dry_run=True)

    assert not Mention.objects.exists()
    assert not TaggedLeader.objects.exists()


def test_import_writes_tags_with_a_fixed_number_of_statements_per_batch(tmp_path, gazetteer):
    """Tags and mentions are bulk writes: ten editorials take as many queries as two."""

    def queries_for(count: int, folder) -> int:
        texts = [
            editorial_text(
                stamps=stamps(f"2025-03-{day:02}"),
                caption=None,
                paragraphs=["President Lee and Japan.", "China, Taiwan and the CPTPP."],
            )
            for day in range(1, count + 1)
        ]
        with CaptureQueriesContext(connection) as context:
            import_texts(folder, *texts)
        assert Article.objects.count() == count
        Article.objects.all().delete()
        return len(context.captured_queries)

    matcher_current()  # built once per process; not part of either count
    assert queries_for(10, tmp_path / "ten") == queries_for(2, tmp_path / "two")


def test_the_matcher_follows_alias_edits(tmp_path, gazetteer):
    assert matcher_current() is matcher_current()
    built = matcher_current()
    country = Country.objects.get(name="Japan")
    country.aliases = [*country.aliases, "Land of the Rising Sun"]
    country.save()

    assert matcher_current() is not built
    import_texts(
        tmp_path / "a", editorial_text(caption=None, paragraphs=["The Land of the Rising Sun."])
    )
    assert tag_names(Article.objects.get())["countries"] == ["Japan"]
