"""The reference sample editorial gets exactly the tags a careful reader would give it."""

from io import StringIO

import pytest
from django.core.management import call_command

from articles.gazetteer.loading import gazetteer_load
from articles.models import Article, Mention
from tests.editorial_text import SAMPLE_PATH

pytestmark = pytest.mark.django_db

REQUIRED_AGENDA = {
    "CPTPP",
    "Josei Coal Mine",
    "Fukushima seafood import ban",
    "Rare-earth export controls",
    "Dokdo",
}
# Also tagged, and right: "thereby accelerating shuttle diplomacy", and the Koreans "forcibly
# mobilized to work at the Josei Coal Mine". Pinned so that any change shows.
OTHER_AGENDA = {"Shuttle diplomacy", "Wartime forced labor"}


@pytest.fixture
def sample(db):
    gazetteer_load()
    call_command("import_editorials", str(SAMPLE_PATH), stdout=StringIO())
    return Article.objects.get()


def names(article, manager) -> set[str]:
    return {tag.name for tag in getattr(article, manager).all()}


def test_the_sample_is_tagged_with_its_five_leaders(sample):
    assert names(sample, "leaders") == {
        "Lee Jae-myung",
        "Sanae Takaichi",
        "Xi Jinping",
        "Donald Trump",
        "Nicolás Maduro",
    }


def test_the_sample_is_tagged_with_its_six_countries_venezuela_by_demonym_only(sample):
    assert names(sample, "countries") == {
        "South Korea",
        "Japan",
        "China",
        "United States",
        "Taiwan",
        "Venezuela",
    }
    [venezuela] = Mention.objects.in_articles([sample]).filter(country__name="Venezuela")
    assert venezuela.text == "Venezuelan"


def test_the_sample_is_tagged_with_its_agenda_items_and_nothing_else(sample):
    assert names(sample, "agenda") == REQUIRED_AGENDA | OTHER_AGENDA


def test_the_caption_alone_tags_nothing(sample):
    """The caption's G20 Summit in the Republic of South Africa is not in any paragraph."""
    assert "Republic of South Africa" in sample.caption_text
    assert "South Africa" not in names(sample, "countries")
    assert "G20" not in names(sample, "agenda")


def test_president_lee_and_prime_minister_takaichi_resolve_by_the_date(sample):
    titled = {
        (m.text, m.entity.name)
        for m in Mention.objects.in_articles([sample])
        .filter(kind="leader")
        .select_related("paragraph", "leader")
        if m.text.startswith(("President", "Prime Minister"))
    }
    assert titled == {
        ("President Lee", "Lee Jae-myung"),
        ("Prime Minister Takaichi", "Sanae Takaichi"),
    }


def test_every_mention_is_whole_words_of_its_paragraph(sample):
    for mention in Mention.objects.in_articles([sample]).select_related("paragraph"):
        text = mention.paragraph.text
        before = text[mention.start - 1] if mention.start else " "
        after = text[mention.end] if mention.end < len(text) else " "
        assert not before.isalnum() and not after.isalnum(), mention.text


def test_the_fukushima_ban_is_found_from_its_description(sample):
    [ban] = Mention.objects.in_articles([sample]).filter(
        agenda_item__name="Fukushima seafood import ban"
    )
    assert "seafood from eight Japanese prefectures" in ban.text
    assert ban.paragraph.position == 4
